import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlatformConfig } from '@paved/shared-config';
import example from '../platform.config';
import { runPaved, tempDir } from './support/run-paved';

/** `paved gitops publish` against real repositories: a local bare repository and a clone with work in progress. */
const work = tempDir('paved-publish-');
const bare = path.join(work, 'gitops.git');
const clone = path.join(work, 'clone');
const gitEnv = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...gitEnv } }).trim();

function writeConfig(name: string, mutate: (c: any) => void = () => undefined): string {
  const config = structuredClone(example) as PlatformConfig & Record<string, any>;
  mutate(config);
  const file = path.join(work, name);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}
const publish = (config: string, ...args: string[]) => runPaved(['gitops', 'publish', '--config', config, ...args]);
const files = (ref: string, repo = bare) => git(repo, 'ls-tree', '-r', '--name-only', ref).split('\n');

const base = writeConfig('platform.json');
const scaled = writeConfig('scaled.json', (c) => { c.services[0].environments.prod.autoscaling.maxReplicas = 14; });

beforeAll(() => {
  git(work, 'init', '-q', '--bare', bare);
  git(work, 'clone', '-q', bare, clone);
  fs.writeFileSync(path.join(clone, 'README.md'), 'platform repository\n');
  git(clone, 'add', 'README.md');
  git(clone, 'commit', '-q', '-m', 'init');
  git(clone, 'push', '-q', 'origin', 'HEAD:refs/heads/main');
});

describe('paved gitops publish', () => {
  let first = '';

  test('the first publish creates the branch with every environment and its provenance', () => {
    const run = publish(base, '--branch', 'rendered', '--repo', bare);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    first = git(bare, 'rev-parse', 'rendered');
    const tree = files('rendered');
    expect(tree).toContain('environments/prod/apps/root.yaml');
    expect(tree).toContain('environments/dev/services/api/manifests.yaml');
    const provenance = JSON.parse(git(bare, 'show', 'rendered:environments/prod/hydrator.metadata'));
    expect(provenance).toMatchObject({ environment: 'prod', repoURL: 'https://github.com/northwind/platform-gitops.git', renderedBy: 'paved' });
    expect(provenance.manifestsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(git(bare, 'log', '-1', '--format=%B', 'rendered')).toMatch(/Source commit: .*\nConfig hash: [0-9a-f]{64}/);
  });

  test('publishing the same config again makes no commit', () => {
    const run = publish(base, '--branch', 'rendered', '--repo', bare);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('is up to date');
    expect(git(bare, 'rev-parse', 'rendered')).toBe(first);
  });

  test('a changed config makes exactly one commit touching only what changed; foreign files survive', () => {
    // Someone else keeps files on the branch, outside the environment folders Paved owns.
    git(clone, 'fetch', '-q', 'origin', 'rendered');
    git(clone, 'checkout', '-q', '-b', 'rendered', 'FETCH_HEAD');
    fs.mkdirSync(path.join(clone, 'environments', 'sandbox'), { recursive: true });
    fs.writeFileSync(path.join(clone, 'environments', 'sandbox', 'keep.yaml'), 'kind: ConfigMap\n');
    fs.writeFileSync(path.join(clone, 'NOTES.md'), 'notes\n');
    git(clone, 'add', '.');
    git(clone, 'commit', '-q', '-m', 'foreign files');
    git(clone, 'push', '-q', 'origin', 'rendered');
    const before = git(bare, 'rev-parse', 'rendered');

    const run = publish(scaled, '--branch', 'rendered', '--repo', bare);
    expect(run.status).toBe(0);
    const after = git(bare, 'rev-parse', 'rendered');
    expect(git(bare, 'rev-list', '--count', `${before}..${after}`)).toBe('1');
    expect(git(bare, 'diff', '--name-only', before, after).split('\n')).toEqual([
      'environments/prod/hydrator.metadata',
      'environments/prod/services/api/manifests.yaml',
    ]);
    expect(files('rendered')).toEqual(expect.arrayContaining(['NOTES.md', 'environments/sandbox/keep.yaml']));
  });

  test('the working tree and index of the repository published from are untouched; --push updates origin', () => {
    // Publishes the base config again: a real change against the scaled one on the branch.
    git(clone, 'checkout', '-q', 'main');
    git(clone, 'fetch', '-q', 'origin', 'rendered:rendered');
    fs.writeFileSync(path.join(clone, 'README.md'), 'work in progress\n');
    fs.writeFileSync(path.join(clone, 'staged.txt'), 'staged\n');
    git(clone, 'add', 'staged.txt');
    const status = git(clone, 'status', '--porcelain');
    const head = git(clone, 'rev-parse', 'HEAD');

    const run = publish(base, '--branch', 'rendered', '--repo', clone, '--push');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('pushed');
    expect(git(clone, 'status', '--porcelain')).toBe(status);
    expect(git(clone, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(bare, 'rev-parse', 'rendered')).toBe(git(clone, 'rev-parse', 'rendered'));
    expect(files('rendered')).toContain('environments/sandbox/keep.yaml');
  });

  test('user mistakes are one line, no stack trace', () => {
    const missing = publish(base, '--branch', 'rendered', '--repo', path.join(work, 'nope'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^error: --repo: .*nope does not exist \(a local git repository or a remote URL\)\n$/);
    const noBranch = publish(base);
    expect(noBranch.status).toBe(2);
    expect(noBranch.stderr).toContain('--branch is required');
    const badBranch = publish(base, '--branch', 'a..b', '--repo', bare);
    expect(badBranch.status).toBe(1);
    expect(badBranch.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('paved gitops chart', () => {
  test('writes a service of an environment as a Helm chart, again on the same directory', () => {
    const out = path.join(work, 'chart');
    for (let i = 0; i < 2; i++) {
      const run = runPaved(['gitops', 'chart', '--config', base, '--service', 'api', '--env', 'prod', '--out', out]);
      expect(run.status).toBe(0);
    }
    expect(fs.readFileSync(path.join(out, 'Chart.yaml'), 'utf8')).toContain('version: 1.14.2');
    expect(fs.existsSync(path.join(out, 'templates', 'manifests.yaml'))).toBe(true);
  });

  test('an unknown service is one line naming the services there are', () => {
    const run = runPaved(['gitops', 'chart', '--config', base, '--service', 'nope', '--env', 'prod', '--out', path.join(work, 'x')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--service: 'nope' is not a service of prod \(one of api, web, worker\)\n$/);
  });
});
