import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './support/run-paved';

/**
 * The commands the README tells users to type: `bin/paved ...` and `npx -y pnpm@10 paved ...` (which calls it). They
 * install and compile only when something changed, and pass the CLI's exit code through unchanged (projen's task
 * runner used to turn 2 and 70 into 1). Few runs: each costs a package-manager or launcher start-up.
 */
const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const launcher = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'paved'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });

test('bin/paved --version, and a usage error exits 2', () => {
  const first = launcher('--version');
  // The first call may install or compile (its progress goes to stderr); stdout is the command's alone.
  expect({ status: first.status, stdout: first.stdout }).toEqual({ status: 0, stdout: `paved ${version}\n` });
  const usage = launcher('nope');
  expect({ status: usage.status, stderr: usage.stderr }).toEqual({ status: 2, stderr: expect.stringContaining("error: unknown command 'nope'") });
}, 300_000);

test('npx -y pnpm@10 paved passes the exit code through unchanged', () => {
  const run = spawnSync('npx', ['-y', 'pnpm@10', '--silent', 'paved', 'synht'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: expect.stringContaining("(did you mean 'synth'?)") });
}, 300_000);
