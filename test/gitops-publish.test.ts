import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlatformConfig } from '@paved/shared-config';
import example from '../platform.config';
import { runPaved, tempDir } from './support/run-paved';
import { gitopsCommand } from '../src/cli/gitops-command';

/**
 * `paved gitops publish` against real repositories: bare repositories as remotes, clones with work in progress, git
 * hooks and a git wrapper that make someone else publish at the worst moment.
 */
const work = tempDir('paved-publish-');
const bare = path.join(work, 'gitops.git');
const clone = path.join(work, 'clone');
const gitEnv = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...gitEnv }, stdio: ['pipe', 'pipe', 'pipe'] }).trim();
const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

// The in-process test below plants an invalid manifest in the render; every other test runs the compiled CLI.
let mockPlantInvalid = false;
jest.mock('@paved/gitops-apps', () => {
  const actual = jest.requireActual('@paved/gitops-apps');
  const broken = { path: 'dev/apps/broken.yaml', documents: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'Not_A_Name' }, spec: {} }] };
  return { ...actual, renderGitops: (...args: unknown[]) => [...actual.renderGitops(...args), ...(mockPlantInvalid ? [broken] : [])] };
});

function writeConfig(name: string, mutate: (c: any) => void = () => undefined): string {
  const config = structuredClone(example) as PlatformConfig & Record<string, any>;
  mutate(config);
  const file = path.join(work, name);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}
const publish = (config: string, ...args: string[]) => runPaved(['gitops', 'publish', '--config', config, ...args]);
const files = (ref: string, repo = bare) => git(repo, 'ls-tree', '-r', '--name-only', ref).split('\n');
const stderrLines = (stderr: string) => stderr.split('\n').filter(Boolean);

const base = writeConfig('platform.json');
const scaled = writeConfig('scaled.json', (c) => { c.services[0].environments.prod.autoscaling.maxReplicas = 14; });
/** Publishes only dev: the push tests are about git, and one environment renders faster than three. */
const publishDev = (config: string, ...args: string[]) => publish(config, '--env', 'dev', '--branch', 'rendered', ...args);

let remoteCount = 0;
/**
 * A bare repository standing for the hosted GitOps repository: `main`, and a `rendered` branch whose tip holds files
 * that are not Paved's (NOTES.md, environments/sandbox/keep.yaml). `commitOnTop` makes commits that other publishers
 * land later: each is a child of the previous one (starting at the `rendered` tip), stored in the remote under a side
 * branch so that a hook can move `rendered` to it.
 */
function makeRemote() {
  const id = ++remoteCount;
  const remote = path.join(work, `remote-${id}.git`);
  const seed = path.join(work, `seed-${id}`);
  git(work, 'init', '-q', '--bare', remote);
  git(remote, 'symbolic-ref', 'HEAD', 'refs/heads/main');
  git(work, 'clone', '-q', remote, seed);
  fs.mkdirSync(path.join(seed, 'environments', 'sandbox'), { recursive: true });
  fs.writeFileSync(path.join(seed, 'environments', 'sandbox', 'keep.yaml'), 'kind: ConfigMap\n');
  fs.writeFileSync(path.join(seed, 'NOTES.md'), 'notes\n');
  git(seed, 'add', '.');
  git(seed, 'commit', '-q', '-m', 'foreign files');
  git(seed, 'push', '-q', 'origin', 'HEAD:refs/heads/main', 'HEAD:refs/heads/rendered');
  let side = 0;
  const commitOnTop = (file: string): string => {
    fs.writeFileSync(path.join(seed, 'environments', 'sandbox', file), 'kind: ConfigMap\n');
    git(seed, 'add', '.');
    git(seed, 'commit', '-q', '-m', `someone else publishes ${file}`);
    git(seed, 'push', '-q', 'origin', `HEAD:refs/heads/side-${++side}`);
    return git(seed, 'rev-parse', 'HEAD');
  };
  return { remote, tip: () => git(remote, 'rev-parse', 'refs/heads/rendered'), commitOnTop };
}
const parentOf = (repo: string, commit: string) => git(repo, 'rev-parse', `${commit}^`);

/**
 * A `git` on PATH that, the first time it is called with `moveOn` as its subcommand, moves `ref` of `gitDir` to `to`
 * (someone else writing the branch between paved's read and its update), then runs the real git.
 */
function gitWrapper(options: { moveOn: string; gitDir: string; ref: string; to: string }): NodeJS.ProcessEnv {
  const dir = fs.mkdtempSync(path.join(work, 'bin-'));
  const marker = path.join(dir, 'moved');
  fs.writeFileSync(path.join(dir, 'git'), [
    '#!/bin/sh',
    `if [ "$1" = "${options.moveOn}" ] && [ ! -e "${marker}" ]; then`,
    `  : > "${marker}"`,
    `  env -u GIT_INDEX_FILE -u GIT_DIR "${REAL_GIT}" --git-dir="${options.gitDir}" update-ref "${options.ref}" "${options.to}"`,
    'fi',
    `exec "${REAL_GIT}" "$@"`,
    '',
  ].join('\n'), { mode: 0o755 });
  return { PATH: `${dir}${path.delimiter}${process.env.PATH}` };
}

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
    expect(run.stdout).toMatch(/^paved gitops publish: rendered -> [0-9a-f]{12} \(91 files changed, committed to the local branch, not pushed\)\n/);
    first = git(bare, 'rev-parse', 'rendered');
    const tree = files('rendered');
    expect(tree).toContain('environments/prod/apps/root.yaml');
    expect(tree).toContain('environments/dev/services/api/manifests.yaml');
    // Issue 19: the Backstage catalog travels with a publish of every environment, in a folder of its own.
    const catalog = git(bare, 'show', 'rendered:environments/catalog/catalog-info.yaml');
    expect(catalog).toMatch(/^# Backstage catalog of the platform, generated by Paved.*\n---\napiVersion: backstage\.io\/v1alpha1\nkind: Domain\n/);
    expect(catalog).toContain('kind: Component');
    const provenance = JSON.parse(git(bare, 'show', 'rendered:environments/prod/hydrator.metadata'));
    expect(provenance).toMatchObject({ environment: 'prod', repoURL: 'https://github.com/northwind/platform-gitops.git', renderedBy: 'paved' });
    expect(provenance.manifestsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(git(bare, 'log', '-1', '--format=%B', 'rendered')).toMatch(/Source commit: .*\nConfig hash: [0-9a-f]{64}/);
  });

  test('publishing the same config again makes no commit, and without --push claims nothing about a remote', () => {
    const run = publish(base, '--branch', 'rendered', '--repo', bare);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`paved gitops publish: the local branch rendered already holds this render (${first.slice(0, 12)}), nothing committed (no remote compared; --push publishes to origin)\n`);
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

  test('a branch checked out in a working tree is refused without --push: moving it would change that tree', () => {
    // The clone has `rendered` checked out since the previous test.
    const head = git(clone, 'rev-parse', 'HEAD');
    const run = publish(base, '--branch', 'rendered', '--repo', clone);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`error: --branch: 'rendered' is checked out in ${fs.realpathSync(clone)}; publishing would change what that working tree sees (publish to a branch nobody has checked out)\n`);
    expect(git(clone, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(clone, 'status', '--porcelain')).toBe('');
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
    const before = git(bare, 'rev-parse', 'rendered');

    const run = publish(base, '--branch', 'rendered', '--repo', clone, '--push');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const after = git(bare, 'rev-parse', 'rendered');
    expect(run.stdout).toContain(`paved gitops publish: origin/rendered -> ${after.slice(0, 12)} (on top of ${before.slice(0, 12)}, 2 files changed, pushed)\n`);
    // The local branch was at the remote's old tip: it follows by fast-forward.
    expect(run.stdout).toContain(`paved gitops publish: local branch rendered fast-forwarded to origin/rendered (${after.slice(0, 12)}), was ${before.slice(0, 12)}\n`);
    expect(git(clone, 'status', '--porcelain')).toBe(status);
    expect(git(clone, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(clone, 'rev-parse', 'rendered')).toBe(after);
    expect(parentOf(bare, after)).toBe(before);
    expect(files('rendered')).toContain('environments/sandbox/keep.yaml');
    // The fetched tip went to a private ref, removed afterwards.
    expect(git(clone, 'for-each-ref', 'refs/paved/')).toBe('');
  });

  test('user mistakes are one line, no stack trace', () => {
    const missing = publish(base, '--branch', 'rendered', '--repo', path.join(work, 'nope'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^error: --repo: .*nope does not exist \(a local git repository or a remote URL\)\n$/);
    const missingPush = publish(base, '--branch', 'rendered', '--repo', path.join(work, 'nope'), '--push');
    expect(missingPush.status).toBe(1);
    expect(missingPush.stderr).toMatch(/^error: --repo: .*nope does not exist \(a local git repository or a remote URL\)\n$/);
    const noBranch = publish(base);
    expect(noBranch.status).toBe(2);
    expect(noBranch.stderr).toContain('--branch is required');
    const badBranch = publish(base, '--branch', 'a..b', '--repo', bare);
    expect(badBranch.status).toBe(1);
    expect(badBranch.stderr).toBe("error: --branch: 'a..b' is not a valid branch name (letters, digits, '.', '_', '-', '/')\n");
  });
});

describe('paved gitops publish --push', () => {
  // The remote reached three ways: a clone whose origin is a path, a clone whose origin is a file:// URL, and the URL
  // given as --repo (published through a temporary repository).
  test.each([
    ['a clone whose origin is a path', 'path'],
    ['a clone whose origin is a file:// URL', 'clone-url'],
    ['--repo file:// URL, no clone at all', 'repo-url'],
  ])('from %s: lands on the remote branch on top of its tip; a re-run is up to date with the remote', (_name, how) => {
    const { remote, tip } = makeRemote();
    const before = tip();
    let repo = `file://${remote}`;
    if (how !== 'repo-url') {
      // A fresh clone: the remote has `rendered`, the clone has only `main` (the case that used to push a commit
      // unrelated to the remote branch and then say "up to date").
      repo = path.join(work, `fresh-${path.basename(remote)}`);
      git(work, 'clone', '-q', how === 'path' ? remote : `file://${remote}`, repo);
      expect(git(repo, 'branch', '--list', 'rendered')).toBe('');
    }
    const label = how === 'repo-url' ? `rendered at file://${remote}` : 'origin/rendered';

    const run = publishDev(base, '--repo', repo, '--push');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const after = tip();
    expect(run.stdout).toMatch(new RegExp(`^paved gitops publish: ${label} -> ${after.slice(0, 12)} \\(on top of ${before.slice(0, 12)}, 30 files changed, pushed\\)\n`));
    expect(parentOf(remote, after)).toBe(before);
    expect(files('rendered', remote)).toEqual(expect.arrayContaining(['NOTES.md', 'environments/sandbox/keep.yaml', 'environments/dev/apps/root.yaml']));
    if (how !== 'repo-url') {
      // No local branch is created: the push moved origin/rendered, the user's branches stay as they were.
      expect(git(repo, 'branch', '--list', 'rendered')).toBe('');
      expect(git(repo, 'for-each-ref', 'refs/paved/')).toBe('');
      expect(git(repo, 'status', '--porcelain')).toBe('');
    }

    const again = publishDev(base, '--repo', repo, '--push');
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(`paved gitops publish: rendered is up to date with ${label} (${after.slice(0, 12)}), nothing committed\n`);
    expect(tip()).toBe(after);
  });

  test('a stale local branch does not matter: the commit is built on the remote tip, and the local branch is named and left', () => {
    const { remote, tip } = makeRemote();
    const repo = path.join(work, 'stale');
    git(work, 'clone', '-q', remote, repo);
    // What the old publish left behind: a local `rendered` with a commit unrelated to origin/rendered.
    git(repo, 'checkout', '-q', '--orphan', 'rendered');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'unrelated local publish');
    const stale = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'checkout', '-q', 'main');
    const before = tip();

    const run = publishDev(base, '--repo', repo, '--push');
    expect(run.status).toBe(0);
    const after = tip();
    expect(parentOf(remote, after)).toBe(before);
    expect(run.stdout).toContain(`paved gitops publish: local branch rendered (${stale.slice(0, 12)}) has commits that are not on origin/rendered (${after.slice(0, 12)}); left as is (git branch -f rendered ${after.slice(0, 12)} to follow it)\n`);
    expect(git(repo, 'rev-parse', 'rendered')).toBe(stale);

    // The re-run compares with the remote, not with the stale branch, and says both.
    const again = publishDev(base, '--repo', repo, '--push');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`paved gitops publish: rendered is up to date with origin/rendered (${after.slice(0, 12)}), nothing committed\n`);
    expect(again.stdout).toContain('local branch rendered (');
  });

  /**
   * A `reference-transaction` hook in the clone fires when paved stores the fetched tip in its private ref, and lands
   * the next of `targets` on the remote: someone else published between paved's fetch and its push.
   */
  function raceOnFetch(repo: string, targets: string[], remote: string): string {
    const log = path.join(work, `fetches-${path.basename(repo)}.log`);
    const hook = path.join(repo, '.git', 'hooks', 'reference-transaction');
    fs.writeFileSync(hook, [
      '#!/bin/sh',
      '[ "$1" = committed ] || exit 0',
      "awk '$3 ~ /^refs\\/paved\\// && $2 !~ /^0+$/ { found = 1 } END { exit !found }' || exit 0",
      `echo fetched >> "${log}"`,
      `n=$(wc -l < "${log}")`,
      `to=$(echo "${targets.join(' ')}" | cut -d' ' -f"$n")`,
      `[ -z "$to" ] || env -u GIT_DIR -u GIT_INDEX_FILE -u GIT_WORK_TREE "${REAL_GIT}" --git-dir="${remote}" update-ref refs/heads/rendered "$to"`,
      'exit 0',
      '',
    ].join('\n'), { mode: 0o755 });
    return log;
  }

  test('a publish landing between fetch and push causes exactly one retry, on top of the new tip', () => {
    const { remote, commitOnTop } = makeRemote();
    const landed = commitOnTop('landed.yaml');
    const repo = path.join(work, 'racer');
    git(work, 'clone', '-q', remote, repo);
    const log = raceOnFetch(repo, [landed], remote);

    const run = publishDev(base, '--repo', repo, '--push');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(fs.readFileSync(log, 'utf8')).toBe('fetched\nfetched\n'); // one fetch, one retry, no more
    const after = git(remote, 'rev-parse', 'rendered');
    expect(parentOf(remote, after)).toBe(landed);
    expect(files('rendered', remote)).toEqual(expect.arrayContaining(['environments/sandbox/landed.yaml', 'environments/dev/apps/root.yaml']));
    expect(run.stdout).toMatch(new RegExp(
      `^paved gitops publish: origin/rendered moved between fetch and push \\(someone published in between\\); fetched it again and rebuilt on top of ${landed.slice(0, 12)}\n`
      + `paved gitops publish: origin/rendered -> ${after.slice(0, 12)} \\(on top of ${landed.slice(0, 12)}, 30 files changed, pushed\\)\n`,
    ));
  });

  test('a remote that moves again during the retry: exit 1, one line, the other publisher\'s commit is kept', () => {
    const { remote, commitOnTop } = makeRemote();
    const firstLanded = commitOnTop('first.yaml');
    const secondLanded = commitOnTop('second.yaml');
    const repo = path.join(work, 'racer-twice');
    git(work, 'clone', '-q', remote, repo);
    const log = raceOnFetch(repo, [firstLanded, secondLanded], remote);

    const run = publishDev(base, '--repo', repo, '--push');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('error: gitops publish: origin rejected the push to rendered: stale info; someone published in between, run again\n');
    expect(fs.readFileSync(log, 'utf8')).toBe('fetched\nfetched\n'); // retried exactly once
    expect(git(remote, 'rev-parse', 'rendered')).toBe(secondLanded);
  });

  test('a remote that rejects the push (pre-receive hook): exit 1, one line, the remote branch unchanged', () => {
    const { remote, tip } = makeRemote();
    fs.writeFileSync(path.join(remote, 'hooks', 'pre-receive'), '#!/bin/sh\necho "rendered is protected" >&2\nexit 1\n', { mode: 0o755 });
    const before = tip();
    const repo = path.join(work, 'rejected');
    git(work, 'clone', '-q', remote, repo);

    for (const target of [repo, `file://${remote}`]) {
      const run = publishDev(base, '--repo', target, '--push');
      expect(run.status).toBe(1);
      expect(stderrLines(run.stderr)).toEqual([
        `error: gitops publish: ${target === repo ? 'origin' : target} rejected the push to rendered: pre-receive hook declined (remote: rendered is protected); nothing was published`,
      ]);
      expect(run.stdout).toBe('');
      expect(tip()).toBe(before);
    }
    expect(git(repo, 'branch', '--list', 'rendered')).toBe('');
  });

  test('no origin, an origin that is gone, an unreachable URL: one line each, exit 1', () => {
    const noOrigin = publishDev(base, '--repo', bare, '--push');
    expect(noOrigin.status).toBe(1);
    expect(noOrigin.stderr).toBe(`error: --push: ${bare} has no remote 'origin' (add one with 'git remote add origin URL', or publish without --push)\n`);

    const { remote } = makeRemote();
    const repo = path.join(work, 'orphaned');
    git(work, 'clone', '-q', remote, repo);
    const gone = path.join(work, 'gone.git');
    git(repo, 'remote', 'set-url', 'origin', gone);
    const noRemote = publishDev(base, '--repo', repo, '--push');
    expect(noRemote.status).toBe(1);
    expect(noRemote.stderr).toBe(`error: --push: cannot reach origin of ${repo} (${gone}): '${gone}' does not appear to be a git repository\n`);

    const url = `file://${gone}`;
    const noUrl = publishDev(base, '--repo', url);
    expect(noUrl.status).toBe(1);
    expect(noUrl.stderr).toBe(`error: --repo: cannot reach ${url}: '${gone}' does not appear to be a git repository\n`);
  });
});

describe('paved gitops publish: compare-and-swap and validation (each test names the planted bug it catches)', () => {
  test('the local branch moves only from the value it was read at (catches: update-ref without its old value)', () => {
    // Planted bug caught: `git update-ref <ref> <new>` without `<old>` in publishLocally. Then the other writer's
    // commit, landed between paved's read of the branch and its update, would be silently overwritten.
    const { remote, tip, commitOnTop } = makeRemote();
    const other = commitOnTop('other.yaml');
    const env = gitWrapper({ moveOn: 'commit-tree', gitDir: remote, ref: 'refs/heads/rendered', to: other });
    expect(tip()).not.toBe(other);

    const run = runPaved(['gitops', 'publish', '--config', base, '--env', 'dev', '--branch', 'rendered', '--repo', remote], { env });
    expect(run.status).toBe(1);
    expect(stderrLines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: gitops publish: rendered moved while publishing \(.*\); nothing was published, run again\n$/);
    expect(tip()).toBe(other);
  });

  test('after a push the local branch follows only from the value it was read at (catches: follow without compare-and-swap)', () => {
    // Planted bug caught: the fast-forward of the local branch after a push written as `update-ref <ref> <new>`
    // without `<old>`. The wrapper moves the local branch just before that update; it must be left where it was moved.
    const { remote, tip } = makeRemote();
    const repo = path.join(work, 'follower');
    git(work, 'clone', '-q', remote, repo);
    git(repo, 'branch', 'rendered', 'origin/rendered');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'local work on main');
    const elsewhere = git(repo, 'rev-parse', 'HEAD');
    const env = gitWrapper({ moveOn: 'merge-base', gitDir: path.join(repo, '.git'), ref: 'refs/heads/rendered', to: elsewhere });

    const run = runPaved(['gitops', 'publish', '--config', base, '--env', 'dev', '--branch', 'rendered', '--repo', repo, '--push'], { env });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`paved gitops publish: local branch rendered moved while publishing; left as is (origin/rendered (${tip().slice(0, 12)}))\n`);
    expect(git(repo, 'rev-parse', 'rendered')).toBe(elsewhere);
  });

  test('an invalid render is refused before anything is committed (catches: publish skipping validation of the render)', async () => {
    // Planted bug caught: gitops-command no longer calling validateRendered. The mocked renderer adds a Deployment
    // with an invalid name and no spec; the branch must not be created. The control run without the plant proves
    // that the plant alone is why it was refused.
    const target = path.join(work, 'validated.git');
    git(work, 'init', '-q', '--bare', target);
    const io = { out: () => undefined, err: () => undefined, cwd: work };
    const args = ['publish', '--config', base, '--env', 'dev', '--branch', 'rendered', '--repo', target];
    mockPlantInvalid = true;
    try {
      await expect(gitopsCommand.run(args, io)).rejects.toThrow(/rendered manifests failed validation:\n.*dev\/apps\/broken\.yaml: Deployment Not_A_Name/);
    } finally {
      mockPlantInvalid = false;
    }
    expect(git(target, 'for-each-ref')).toBe('');
    await expect(gitopsCommand.run(args, io)).resolves.toBe(0);
    expect(files('rendered', target)).toContain('environments/dev/apps/root.yaml');
  }, 30_000);
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
