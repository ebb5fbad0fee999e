import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { residentSocketPath } from '../../cli/resident/resident-key';
import type { BenchRow, BenchTarget } from '../bench-target';

/** The README's main command and the same synth through pnpm; the ratio that matters is wall / synth's own time. */
export const README_COMMAND = ['bin/paved', 'synth'];
/** Issue 15: the main command on a warm machine costs at most this much more than the synth's own time. */
export const MAX_RATIO = 1.5;

interface Run {
  readonly wallMs: number;
  /** The total `paved synth` prints (`time 1077 ms (...)`): load, validate, infra, gitops, write. */
  readonly synthMs: number;
}

function run(root: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const printed = /^ {2}time +(\d+) ms/m.exec(result.stdout);
  return { wallMs, synthMs: printed ? Number(printed[1]) : NaN };
}

/** The warm-up call starts a resident process in the background; a user's second call comes seconds later. */
function waitForResident(root: string, env: NodeJS.ProcessEnv): void {
  const socket = residentSocketPath(root, env);
  const deadline = Date.now() + 30_000;
  while (socket && !fs.existsSync(socket) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
}

/** Issue 15: start-up cost of the CLI as users type it, against the synth's own time measured in the same run. */
export const cliTarget: BenchTarget = {
  name: 'cli',
  description: "README main command (bin/paved synth) and npx -y pnpm@10 synth, second run, vs synth's own time",
  async run({ root, tmpDir, log }) {
    const out = path.join(tmpDir, 'out');
    // What a user's shell has: not CI, residents on (a CI runner's environment would turn them off).
    const userEnv: NodeJS.ProcessEnv = { ...process.env };
    delete userEnv.PAVED_RESIDENT;
    delete userEnv.CI;
    const measure = (label: string, command: string, args: string[], env: NodeJS.ProcessEnv = userEnv) => {
      log(`${label} (warm-up)`);
      run(root, command, args, env); // installs or compiles if anything changed; warms the file cache
      if (env === userEnv) waitForResident(root, env);
      log(`${label} (measured)`);
      return run(root, command, args, env);
    };
    const readmeArgs = [...README_COMMAND.slice(1), '--out', out];
    const readme = measure('bin/paved synth', path.join(root, README_COMMAND[0]), readmeArgs);
    const alone = measure('bin/paved synth, PAVED_RESIDENT=off', path.join(root, README_COMMAND[0]), readmeArgs, { ...userEnv, PAVED_RESIDENT: 'off' });
    const direct = measure('node lib/cli/main.js synth', process.execPath, ['lib/cli/main.js', 'synth', '--out', out], { ...userEnv, PAVED_RESIDENT: 'off' });
    const viaPnpm = measure('npx -y pnpm@10 synth', 'npx', ['-y', 'pnpm@10', '--silent', 'synth', '--out', out]);
    const help = run(root, path.join(root, 'bin', 'paved'), ['--help']);
    fs.rmSync(out, { recursive: true, force: true });
    const ratio = (r: Run) => (r.wallMs / r.synthMs).toFixed(2);
    const rows: BenchRow[] = [
      {
        label: "README main command vs synth's own time",
        wallMs: readme.wallMs,
        budget: { wallMs: MAX_RATIO * readme.synthMs },
        note: `ratio ${ratio(readme)} (wall / the synth's printed ${readme.synthMs} ms; budget ${MAX_RATIO}x); ` +
          `node lib/cli/main.js synth alone: ${Math.round(direct.wallMs)} ms, ratio ${ratio(direct)} (node start-up and loading cdktf/cdk8s)`,
      },
      {
        label: 'bin/paved synth, PAVED_RESIDENT=off (second run)',
        wallMs: alone.wallMs,
        note: `ratio ${ratio(alone)} to its synth's printed ${alone.synthMs} ms (every call loads cdktf and cdk8s itself: CI, and first runs)`,
      },
      {
        label: 'npx -y pnpm@10 synth (second run)',
        wallMs: viaPnpm.wallMs,
        note: `ratio ${ratio(viaPnpm)} to its synth's printed ${viaPnpm.synthMs} ms (npx and pnpm start-up on top of bin/paved)`,
      },
      { label: 'bin/paved --help', wallMs: help.wallMs },
    ];
    return rows;
  },
};
