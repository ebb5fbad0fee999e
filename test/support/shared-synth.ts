import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, runPaved } from './run-paved';

/**
 * `paved synth --config <config> --no-timings` made once per Jest run and shared by the test files that only READ its
 * output (each synth of the example costs 2-3 s of CPU; several files need the same one). Tests about the synth itself
 * (its stdout, atomicity, determinism, kills) still run their own. A test that edits the output works on a copy
 * (`copySharedSynth`).
 *
 * The output lives under os.tmpdir(), named by the run (the Jest process: the workers' parent, or this process when
 * running in band) and a hash of what the output depends on (the config, the compiled CLI and packages, the lockfile,
 * Node's version), so a run never reads another run's output, nor one made before a recompile. The first worker to
 * ask synthesizes under a lock; the others wait for it.
 */
export function sharedSynth(config = 'platform.config.ts'): string {
  const dir = path.join(os.tmpdir(), `paved-shared-synth-${runId()}-${inputsHash(config)}`);
  if (fs.existsSync(path.join(dir, 'summary.json'))) return dir;
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another worker is synthesizing it: wait, then use what it made.
      if (fs.existsSync(path.join(dir, 'summary.json'))) return dir;
      if (Date.now() > deadline) throw new Error(`${lock} held for 3 minutes: remove it if no test run is going on`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (fs.existsSync(path.join(dir, 'summary.json'))) return dir;
    pruneOldRuns();
    const run = runPaved(['synth', '--config', config, '--out', dir, '--no-timings']);
    if (run.status !== 0) throw new Error(`paved synth --config ${config} failed (${run.status}):\n${run.stderr}`);
    return dir;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** A private, writable copy of the shared output of `config` at `target`. */
export function copySharedSynth(target: string, config?: string): string {
  fs.cpSync(sharedSynth(config), target, { recursive: true });
  return target;
}

function runId(): string {
  // Jest's workers are forked children of the Jest process (they have process.send); in band, tests run in it.
  const jest = process.send ? process.ppid : process.pid;
  let started = '';
  try {
    // The process's start time (field 22 of /proc/<pid>/stat): a recycled pid is another run.
    started = fs.readFileSync(`/proc/${jest}/stat`, 'utf8').split(') ')[1].split(' ')[19];
  } catch {
    started = 'x';
  }
  return `${jest}-${started}`;
}

function inputsHash(config: string): string {
  const hash = createHash('sha256');
  hash.update(`${process.version}\0${config}\0`);
  const files = [path.resolve(ROOT, config), path.join(ROOT, 'pnpm-lock.yaml')];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.js') || entry.name.endsWith('.json')) files.push(file);
    }
  };
  walk(path.join(ROOT, 'lib'));
  for (const pkg of fs.readdirSync(path.join(ROOT, 'packages')).sort()) walk(path.join(ROOT, 'packages', pkg, 'lib'));
  for (const file of files) hash.update(`${path.relative(ROOT, file)}\0`).update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Outputs of earlier runs, an hour old or more. */
function pruneOldRuns(): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('paved-shared-synth-'))) {
    const file = path.join(os.tmpdir(), name);
    try {
      if (fs.statSync(file).mtimeMs < hourAgo) fs.rmSync(file, { recursive: true, force: true });
    } catch {
      // Gone already (another worker pruned it).
    }
  }
}
