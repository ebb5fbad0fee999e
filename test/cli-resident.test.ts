import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ROOT, readTree, tempDir } from './support/run-paved';
import { residentEligible, residentSocketPath } from '../src/cli/resident/resident-key';

/**
 * The resident process behind `bin/paved synth` (src/cli/resident): the second call of the README's main command
 * runs in a process that loaded cdktf and cdk8s before it was asked. These tests run the real launcher, the real
 * resident process and its real Unix socket; the environment carries a marker of this run, so the socket is this
 * file's own.
 */
const dir = tempDir('paved-resident-');
const env: NodeJS.ProcessEnv = { ...process.env, PAVED_RESIDENT_TEST: `${process.pid}`, PAVED_RESIDENT_IDLE_MS: '60000' };
delete env.CI;
delete env.PAVED_RESIDENT;
delete env.INIT_CWD;
const keyRoot = tempDir('paved-resident-key-');
/** Computed per use: a rebuild (`tsc --build`) between two steps moves the resident to another socket. */
const socketPath = () => residentSocketPath(ROOT, env)!;
const launcher = [path.join(ROOT, 'bin', 'paved')];

const paved = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [...launcher, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });

/**
 * Whether `pid` runs, after up to 15 seconds' grace for a process that was about to exit (in the full suite, on two
 * cores shared with the blueprint's builds, a served resident once took longer than 5 seconds to leave).
 */
async function stillRunning(pid: number): Promise<boolean> {
  for (let i = 0; i < 150 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return isAlive(pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of the resident process listening on `socket`, once it is ready (it writes its pid after listening). */
async function readyResident(timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const socket = socketPath();
    try {
      const pid = Number(fs.readFileSync(`${socket}.pid`, 'utf8'));
      if (fs.existsSync(socket) && isAlive(pid)) return pid;
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) throw new Error(`no resident process on ${socket} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(async () => {
  // The last command started a successor: stop it rather than leave it idling for a minute.
  const pid = await readyResident(20_000).catch(() => undefined);
  if (pid) process.kill(pid, 'SIGKILL');
  const socket = socketPath();
  for (const file of [socket, `${socket}.pid`, `${socket}.starting`]) fs.rmSync(file, { force: true });
});

describe('which calls may use a resident process', () => {
  test('the socket name changes with the build and the environment, not with the working directory', () => {
    const root = keyRoot;
    fs.writeFileSync(path.join(root, 'tsconfig.tsbuildinfo'), '{}');
    const base = { PATH: '/usr/bin', HOME: '/home/a' };
    const first = residentSocketPath(root, base)!;
    expect(first).toMatch(/node_modules\/\.paved\/resident\/[0-9a-f]{20}\.sock$/);
    expect(residentSocketPath(root, { ...base, PWD: '/elsewhere', OLDPWD: '/x', INIT_CWD: '/y', SHLVL: '3', _: 'node' })).toBe(first);
    expect(residentSocketPath(root, { ...base, AWS_PROFILE: 'prod' })).not.toBe(first);
    fs.utimesSync(path.join(root, 'tsconfig.tsbuildinfo'), new Date(), new Date(Date.now() + 5000));
    expect(residentSocketPath(root, base)).not.toBe(first);
    expect(residentSocketPath(`/${'deep/'.repeat(20)}`, base)).toBeUndefined();
  });

  test('only the output-only commands, and never in CI or with PAVED_RESIDENT=off', () => {
    for (const command of ['synth', 'validate', 'check', 'cost', 'docs']) expect(residentEligible(command, {})).toBe(true);
    for (const command of ['deploy', 'destroy', 'gitops', 'promote', 'diff', 'upgrade', '--help', undefined]) {
      expect(residentEligible(command, {})).toBe(false);
    }
    expect(residentEligible('synth', { CI: 'true' })).toBe(false);
    expect(residentEligible('synth', { PAVED_RESIDENT: 'off' })).toBe(false);
  });
});

describe('bin/paved with a resident process', () => {
  test('the second synth runs there and writes the same bytes as the first', async () => {
    const first = paved(['synth', '--out', path.join(dir, 'a'), '--no-timings']);
    expect(first.stdout).toContain('(node, loading cdktf and cdk8s)');
    expect(first.status).toBe(0);
    const pid = await readyResident();
    const second = paved(['synth', '--out', path.join(dir, 'b'), '--no-timings']);
    expect({ status: second.status, stderr: second.stderr }).toEqual({ status: 0, stderr: '' });
    expect(second.stdout).toContain('cdktf and cdk8s were loaded by the resident process');
    expect(second.stdout.replace(/\/b\//g, '/a/').replace(/ {2}time .*\n/, '')).toBe(first.stdout.replace(/ {2}time .*\n/, ''));
    expect(readTree(path.join(dir, 'b'))).toEqual(readTree(path.join(dir, 'a')));
    // Each resident process serves one command and exits; its successor is a new process.
    expect(await stillRunning(pid)).toBe(false);
    expect(await readyResident()).not.toBe(pid);
  }, 180_000);

  test('a call right after another waits for the successor that is loading, and runs there', async () => {
    await readyResident();
    const served = paved(['validate']);
    expect(served.status).toBe(0);
    // No wait for readyResident: the successor is still loading when this call starts.
    const next = paved(['synth', '--out', path.join(dir, 'right-after')]);
    expect({ status: next.status, stderr: next.stderr }).toEqual({ status: 0, stderr: '' });
    expect(next.stdout).toContain('cdktf and cdk8s were loaded by the resident process');
  }, 120_000);

  test('exit codes, stdout and stderr come through unchanged (1 for a bad config, 2 for usage)', async () => {
    const bad = path.join(dir, 'bad.config.json');
    fs.writeFileSync(bad, JSON.stringify({ organization: 'Bad Org' }));
    await readyResident();
    const invalid = paved(['validate', '--config', bad]);
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toMatch(/^error: .*bad\.config\.json: organization: /m);
    expect(invalid.stderr).not.toMatch(/\n\s+at /);
    const usagePid = await readyResident();
    const usage = paved(['synth', '--outt', 'x']);
    expect({ status: usage.status, stderr: usage.stderr }).toEqual({ status: 2, stderr: expect.stringContaining("did you mean '--out'?") });
    expect(await stillRunning(usagePid)).toBe(false);
  }, 120_000);

  test('a reader that goes away (bin/paved cost | true) ends the output quietly, exit 0, no EPIPE trace', async () => {
    const pid = await readyResident();
    // --norc: started by Node, bash sees a socket as stdin, takes itself for a remote shell and reads ~/.bashrc, which
    // may change PATH; a changed environment is another resident's (the key), and the call would run in its own.
    const script = `"${process.execPath}" "${launcher[0]}" cost | true; echo "\${PIPESTATUS[0]}"`;
    const run = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { cwd: ROOT, env, encoding: 'utf8' });
    expect({ stderr: run.stderr, status: run.stdout.trim() }).toEqual({ stderr: '', status: '0' });
    expect(await stillRunning(pid)).toBe(false); // it was served there
  }, 120_000);

  test('two calls at once: one runs in the resident process, the other in its own, both succeed', async () => {
    await readyResident();
    const run = () => new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [...launcher, 'validate'], { cwd: ROOT, env });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.on('close', (status) => resolve({ status, stdout }));
    });
    const [a, b] = await Promise.all([run(), run()]);
    expect([a.status, b.status]).toEqual([0, 0]);
    expect(a.stdout).toBe(b.stdout.replace(/in \d+ ms/, a.stdout.match(/in \d+ ms/)![0]));
  }, 120_000);

  test('Ctrl-C is passed on: the command stops with 130 and leaves no temporary directory', async () => {
    const slow = path.join(dir, 'slow.config.js');
    fs.writeFileSync(slow, [
      'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 4000);',
      "module.exports = { organization: 'acme' };",
    ].join('\n'));
    const pid = await readyResident();
    const child = spawn(process.execPath, [...launcher, 'synth', '--config', slow, '--out', path.join(dir, 'c')], { cwd: ROOT, env });
    await new Promise((r) => setTimeout(r, 1500));
    expect(fs.existsSync(socketPath())).toBe(false); // taken by this call
    child.kill('SIGINT');
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    // As in its own process, the interrupt is seen once the config's synchronous wait ends; the exit code is 130.
    expect(status).toBe(130);
    expect(fs.existsSync(path.join(dir, 'c'))).toBe(false);
    // The config's wait ends, then the resident sees the interrupt and leaves (stillRunning gives it the time).
    expect(await stillRunning(pid)).toBe(false);
  }, 120_000);

  const talk = async (request: string) => {
    await readyResident();
    return new Promise<string>((resolve) => {
      const conn = net.createConnection(socketPath());
      let data = '';
      conn.on('connect', () => conn.write(request));
      conn.on('data', (d) => (data += d));
      conn.on('close', () => resolve(data));
    });
  };

  test('an interrupt that arrives with the request stops the command before it does anything', async () => {
    const request = { argv: ['synth', '--config', path.join(dir, 'slow.config.js'), '--out', path.join(dir, 'd')], cwd: dir, startupMs: 0 };
    const answer = await talk(`${JSON.stringify(request)}\n${JSON.stringify({ t: 'signal', signal: 'SIGINT' })}\n`);
    expect(answer.trim().split('\n').map((l) => JSON.parse(l))).toEqual([{ t: 'accepted' }, { t: 'exit', code: 130 }]);
    expect(fs.existsSync(path.join(dir, 'd'))).toBe(false);
  }, 60_000);

  test('the protocol refuses what it does not understand without running anything', async () => {
    expect(await talk('not json\n')).toBe('');
    expect(await talk(`${JSON.stringify({ argv: 'synth', cwd: dir })}\n`)).toBe('');
    expect(await talk(`${JSON.stringify({ argv: ['synth'], cwd: path.join(dir, 'missing') })}\n`)).toBe('');
  }, 60_000);
});
