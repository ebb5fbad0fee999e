import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { runCli } from '../src/cli/run-cli';
import { UserError } from '../src/cli/user-error';
import { validateCommand } from '../src/cli/validate-command';

/** Exit codes are part of the CLI's contract: scripts and CI branch on them. */
function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), cwd: process.cwd() }, out, err };
}

afterEach(() => jest.restoreAllMocks());

test('a bug inside a command exits 70 with a trace (planted bug: 70 turned into 1)', async () => {
  jest.spyOn(validateCommand, 'run').mockRejectedValue(new TypeError('boom'));
  const { io: streams, err } = io();
  await expect(runCli(['validate'], streams)).resolves.toBe(70);
  expect(err[0]).toMatch(/^internal error: /);
  expect(err.join('\n')).toMatch(/TypeError: boom/);
});

test('a user error exits with its own code and prints only its lines', async () => {
  jest.spyOn(validateCommand, 'run').mockRejectedValue(new UserError(['error: platform.config.ts: x: bad (good)']));
  const { io: streams, err } = io();
  await expect(runCli(['validate'], streams)).resolves.toBe(1);
  expect(err).toEqual(['error: platform.config.ts: x: bad (good)']);
});

test('an unknown command is a usage error, exit 2', async () => {
  const { io: streams, err } = io();
  await expect(runCli(['nope'], streams)).resolves.toBe(2);
  expect(err[0]).toMatch(/unknown command 'nope'/);
});

test('a mistyped flag is answered before the command loads cdktf and cdk8s (the same line, exit 2)', () => {
  // A child process: its require cache shows which libraries the answer needed.
  const script = [
    "const { runCli } = require('./lib/cli/run-cli');",
    'const lines = [];',
    "runCli(['synth', '--outt', 'x'], { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd: process.cwd() }).then((code) => {",
    '  const loaded = Object.keys(require.cache).filter((f) => /node_modules\\/(cdktf|cdk8s)\\//.test(f)).length;',
    '  console.log(JSON.stringify({ code, lines, loaded }));',
    '});',
  ].join('\n');
  const run = spawnSync(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' });
  expect(JSON.parse(run.stdout)).toEqual({ code: 2, lines: ["error: paved synth: unknown option '--outt' (did you mean '--out'?)", "run 'paved help' for usage"], loaded: 0 });
});
