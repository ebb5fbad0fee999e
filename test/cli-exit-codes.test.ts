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
