import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runPaved, tempDir } from './support/run-paved';
import { pavedVersion } from '../src/cli/version';
import { buildSnapshot } from '../src/startup/build-snapshot';
import { launchFromSnapshot, snapshotFiles, snapshotKey, wantsSnapshot } from '../src/startup/snapshot-launch';

/**
 * `bin/paved synth` starts from a V8 start-up snapshot (issue 15: the README's main command within 1.5x of the synth's
 * own time). The snapshot must never change what synth writes, and anything wrong with it must leave the command
 * running as before.
 */

const base = tempDir('paved-snapshot-');
/** A launcher state directory of one test. */
const freshStamps = () => fs.mkdtempSync(path.join(base, 'stamps-'));

/** Every file under `dir` with its bytes, by relative path. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else files[rel] = fs.readFileSync(path.join(dir, rel)).toString('base64');
    }
  };
  walk('');
  return files;
}

test('only synth, without PAVED_SNAPSHOT=off or node flags of its own, starts from the snapshot', () => {
  expect(wantsSnapshot(['synth', '--out', 'x'], {}, [])).toBe(true);
  expect(wantsSnapshot(['validate'], {}, [])).toBe(false);
  expect(wantsSnapshot([], {}, [])).toBe(false);
  expect(wantsSnapshot(['synth'], { PAVED_SNAPSHOT: 'off' }, [])).toBe(false);
  expect(wantsSnapshot(['synth'], {}, ['--cpu-prof'])).toBe(false);
  // Planted: dropping the Node 22 exclusion makes every compile on 22 try (and fail) a snapshot build.
  expect(wantsSnapshot(['synth'], {}, [], 22)).toBe(false);
  expect(wantsSnapshot(['synth'], {}, [], 24)).toBe(true);
});

test('a failed snapshot build runs the command without it, and is not retried until the next compile', async () => {
  const stamps = freshStamps();
  fs.writeFileSync(path.join(stamps, 'compiled'), '');
  const log: string[] = [];
  const build = jest.fn(async () => ({ ok: false, reason: 'node --build-snapshot failed: boom' }));
  const request = { root: ROOT, stampsDir: stamps, args: ['synth'], log: (l: string) => log.push(l), build, stdio: 'ignore' as const };
  await expect(launchFromSnapshot(request)).resolves.toBeUndefined();
  await expect(launchFromSnapshot(request)).resolves.toBeUndefined();
  expect(build).toHaveBeenCalledTimes(1);
  expect(log).toEqual([
    expect.stringMatching(/^paved: preparing the start-up snapshot of node v/),
    'paved: no start-up snapshot (node --build-snapshot failed: boom); running without it',
  ]);
  // A new compile (the stamp's time changes) builds again.
  fs.utimesSync(path.join(stamps, 'compiled'), new Date(), new Date(Date.now() + 5000));
  await launchFromSnapshot(request);
  expect(build).toHaveBeenCalledTimes(2);
});

test('a blob node cannot load (damaged after the build) runs the command without it and is removed', async () => {
  const stamps = freshStamps();
  const { blob } = snapshotFiles(stamps);
  const log: string[] = [];
  const build = jest.fn(async (_root: string, file: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'not a snapshot blob\n');
    return { ok: true };
  });
  const request = { root: ROOT, stampsDir: stamps, args: ['synth'], log: (l: string) => log.push(l), build, stdio: 'ignore' as const };
  // node aborts on the blob before the snapshot's main runs: the launcher is told nothing started.
  await expect(launchFromSnapshot(request)).resolves.toBeUndefined();
  expect(log[log.length - 1]).toBe('paved: the start-up snapshot did not start; running without it (it is rebuilt after the next compile)');
  expect(fs.existsSync(blob)).toBe(false);
  await expect(launchFromSnapshot(request)).resolves.toBeUndefined();
  expect(build).toHaveBeenCalledTimes(1);
});

test('a blob whose size differs from the one built is not started', async () => {
  const stamps = freshStamps();
  const files = snapshotFiles(stamps);
  fs.mkdirSync(path.dirname(files.blob), { recursive: true });
  fs.writeFileSync(files.blob, 'replaced');
  fs.writeFileSync(files.meta, JSON.stringify({ key: snapshotKey(ROOT, stamps), ok: true, size: 20_000_000 }));
  const build = jest.fn();
  await expect(launchFromSnapshot({ root: ROOT, stampsDir: stamps, args: ['synth'], log: () => undefined, build })).resolves.toBeUndefined();
  expect(build).not.toHaveBeenCalled();
});

describe('a real snapshot', () => {
  const dir = fs.mkdtempSync(path.join(base, 'real-'));
  const blob = path.join(dir, 'paved.blob');
  const fromSnapshot = (args: string[]) =>
    spawnSync(process.execPath, ['--snapshot-blob', blob, ...args], { cwd: ROOT, env: { ...process.env, INIT_CWD: ROOT }, encoding: 'utf8' });

  beforeAll(async () => {
    const built = await buildSnapshot(ROOT, blob, `paved ${pavedVersion()}`);
    expect(built).toEqual({ ok: true });
  }, 180_000);

  test('synth writes byte-identical output and prints the same lines as the compiled CLI', () => {
    const snap = fromSnapshot(['synth', '--no-timings', '--out', path.join(dir, 'snap')]);
    const plain = runPaved(['synth', '--no-timings', '--out', path.join(dir, 'plain')]);
    expect(snap.status).toBe(0);
    expect(plain.status).toBe(0);
    expect(tree(path.join(dir, 'snap'))).toEqual(tree(path.join(dir, 'plain')));
    const lines = (out: string, name: string) => out.replace(/^ {2}time .*$/m, '').split(path.join(dir, name)).join('OUT');
    expect(lines(snap.stdout, 'snap')).toEqual(lines(plain.stdout, 'plain'));
    expect(snap.stderr).toBe(plain.stderr);
  }, 120_000);

  test('errors: same lines and exit codes (a missing config: 1, a mistyped flag: 2)', () => {
    for (const args of [['synth', '--config', 'missing.config.ts'], ['synth', '--outt', 'x']]) {
      const snap = fromSnapshot(args);
      const plain = runPaved(args);
      const seen = (r: { status: number | null; stdout: string; stderr: string }) => ({ status: r.status, stdout: r.stdout, stderr: r.stderr });
      expect(seen(snap)).toEqual(seen(plain));
    }
  }, 60_000);
});
