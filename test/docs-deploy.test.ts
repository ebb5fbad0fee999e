import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installStubs, stubPath, type LoggedCall } from './support/deploy-stubs';
import { ROOT, tempDir } from './support/run-paved';

/**
 * docs/deploy.md says nothing a test does not run: every line of its ```sh blocks is a `pnpm paved` command, and each
 * runs here, in the order of the page, in a project made of the repository's platform.config.ts, against stub
 * terraform/aws/kubectl/cdktf binaries. Commands run on a pseudo-terminal (util-linux `script`) and answer `y` to
 * every confirmation, as the user following the page would.
 */
const DOC = path.join(ROOT, 'docs', 'deploy.md');
const CLI = path.join(ROOT, 'lib', 'cli', 'main.js');
const commands = [...fs.readFileSync(DOC, 'utf8').matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((m) => m[1].split('\n'))
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const work = tempDir('paved-docs-deploy-');
const stubs = installStubs(path.join(work, 'stubs'));
const project = path.join(work, 'project');

beforeAll(() => {
  fs.mkdirSync(project);
  fs.copyFileSync(path.join(ROOT, 'platform.config.ts'), path.join(project, 'platform.config.ts'));
  // The config imports @paved/shared-config, resolved from its own directory.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
});

const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;

function runDocCommand(line: string): { status: number | null; output: string; calls: LoggedCall[] } {
  stubs.reset();
  const args = line.replace(/^bin\/paved /, '').split(/\s+/);
  const run = spawnSync('script', ['-qec', [process.execPath, CLI, ...args].map(quote).join(' '), '/dev/null'], {
    cwd: project,
    input: 'y\n'.repeat(40),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, SHELL: '/bin/sh', INIT_CWD: project, PATH: stubPath(stubs), STUB_LOG: stubs.log, STUB_CLUSTER: 'northwind-dev-eks', TF_PLUGIN_CACHE_DIR: '' },
  });
  return { status: run.status, output: run.stdout, calls: stubs.calls() };
}

describe('docs/deploy.md', () => {
  test('its shell blocks hold only paved commands, and the ones the page is about', () => {
    for (const line of commands) expect(line).toMatch(/^bin\/paved (deploy|destroy)( --?[a-z-]+( [a-z0-9-]+)?)*$/);
    expect(commands).toEqual(expect.arrayContaining([
      'bin/paved deploy --bootstrap',
      'bin/paved deploy --plan-only',
      'bin/paved destroy --env dev',
      expect.stringMatching(/--tool cdktf/),
    ]));
  });

  const steps = hasScript ? test : test.skip;
  if (!hasScript) console.warn('docs-deploy: util-linux `script` is missing; the documented commands are not run');

  // In page order: the first deployment comes before the later ones, the teardown last.
  steps.each(commands.map((c, i) => [i + 1, c]))('command %i runs as documented: %s', (_i, line) => {
    const run = runDocCommand(line as string);
    expect(run.output).not.toMatch(/^error:/m);
    expect(run.output).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(0);
    const tools = new Set(run.calls.map((c) => c.tool));
    expect(tools.size).toBeGreaterThan(0);
    const verbs = run.calls.filter((c) => c.tool === 'terraform').map((c) => c.argv[0]);
    if (/--plan-only/.test(line as string)) expect(verbs).not.toContain('apply');
    if (line === 'bin/paved deploy --bootstrap') {
      expect(run.calls.filter((c) => c.argv.includes('-migrate-state')).map((c) => path.basename(c.cwd))).toEqual(['bootstrap-210987654321', 'bootstrap']);
      expect(verbs.filter((v) => v === 'apply')).toHaveLength(15);
    }
    if (line === 'bin/paved deploy') expect(verbs.filter((v) => v === 'apply')).toHaveLength(15);
    if (/destroy --env dev/.test(line as string)) expect(verbs.filter((v) => v === 'destroy')).toHaveLength(4);
    if (/--tool cdktf/.test(line as string)) expect(tools).toEqual(new Set(['cdktf', 'aws']));
  }, 120_000);
});
