import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { buildSnapshot, type SnapshotBuild } from './build-snapshot';
import { ALIVE_FD_ENV } from './snapshot-main';
import { pavedVersion } from '../cli/version';

/** `PAVED_SNAPSHOT=off bin/paved synth` runs the compiled CLI without the snapshot. */
export const SNAPSHOT_ENV = 'PAVED_SNAPSHOT';
/** The commands started from the snapshot: the README's main job, whose output the byte-identity test compares. */
export const SNAPSHOT_COMMANDS: readonly string[] = ['synth'];

export interface SnapshotFiles {
  readonly blob: string;
  /** What the blob was built from, or why it could not be built (JSON). */
  readonly meta: string;
}

/** One blob per node version and architecture (a blob only starts on the exact binary that built it). */
export function snapshotFiles(stampsDir: string): SnapshotFiles {
  const name = `node-${process.versions.node}-${process.arch}`;
  const dir = path.join(stampsDir, 'snapshot');
  return { blob: path.join(dir, `${name}.blob`), meta: path.join(dir, `${name}.json`) };
}

interface SnapshotMeta {
  /** `snapshotKey` at build time. */
  readonly key: string;
  readonly ok: boolean;
  readonly reason?: string;
  /** Size of the blob written: a blob of another size is not the one built. */
  readonly size?: number;
}

const mtime = (file: string) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/**
 * What a blob depends on, from a few stat calls: the node binary, the checkout's location, and the launcher's last
 * install and compile (a new build or install makes a new snapshot, as it makes a new `lib/`).
 */
export function snapshotKey(root: string, stampsDir: string): string {
  return JSON.stringify({
    node: process.version,
    arch: process.arch,
    execPath: process.execPath,
    root,
    installed: mtime(path.join(stampsDir, 'installed')),
    compiled: mtime(path.join(stampsDir, 'compiled')),
  });
}

/** Whether this invocation may start from the snapshot. */
export function wantsSnapshot(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = process.execArgv,
  nodeMajor: number = Number(process.versions.node.split('.')[0]),
): boolean {
  return (
    SNAPSHOT_COMMANDS.includes(args[0] ?? '') &&
    // Node 22's --build-snapshot aborts on the bundle (std::length_error in V8, seen with 22.23.3) while 20 and 24
    // build it: without this, every compile on 22 would pay a failed build before falling back.
    nodeMajor !== 22 &&
    env[SNAPSHOT_ENV] !== 'off' &&
    // Flags given to node itself (--inspect, --cpu-prof) apply to this process: keep the command in it.
    execArgv.length === 0 &&
    typeof v8.startupSnapshot?.isBuildingSnapshot === 'function'
  );
}

function readMeta(file: string): SnapshotMeta | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SnapshotMeta;
  } catch {
    return undefined;
  }
}

function writeMeta(file: string, meta: SnapshotMeta): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(meta)}\n`);
    fs.renameSync(temp, file);
  } catch {
    // A read-only checkout only costs speed.
  }
}

export type Outcome = { readonly code: number } | { readonly signal: NodeJS.Signals };

export interface SnapshotRun {
  /** False when node exited before the snapshot's main ran (a blob it cannot load): nothing of the command ran. */
  readonly started: boolean;
  readonly outcome: Outcome;
}

/**
 * Runs `node --snapshot-blob blob ...args` with this process's streams, working directory and environment. The
 * snapshot says on an extra pipe that it started, which tells a blob node could not load (the command never ran,
 * and may run without it) from a command that failed (its exit code is the answer).
 */
export async function runSnapshot(blob: string, args: readonly string[], stdio: 'inherit' | 'ignore' = 'inherit'): Promise<SnapshotRun> {
  const child = spawn(process.execPath, ['--snapshot-blob', blob, ...args], {
    stdio: [stdio, stdio, stdio, 'pipe'],
    env: { ...process.env, [ALIVE_FD_ENV]: '3' },
  });
  let started = false;
  (child.stdio[3] as NodeJS.ReadableStream).on('data', () => {
    started = true;
  });
  // Ctrl-C in a terminal reaches both processes; a signal sent to the launcher alone is passed on. Either way the
  // launcher waits for the command to clean up and reports how it ended.
  const forward = (signal: NodeJS.Signals) => {
    child.kill(signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  signals.forEach((s) => process.on(s, forward));
  try {
    const outcome = await new Promise<Outcome>((resolve) => {
      child.on('error', () => resolve({ code: 1 }));
      child.on('close', (code, signal) => resolve(signal ? { signal } : { code: code ?? 1 }));
    });
    return { started, outcome };
  } finally {
    signals.forEach((s) => process.removeListener(s, forward));
  }
}

export interface LaunchRequest {
  readonly root: string;
  /** The launcher's build state (`node_modules/.paved`). */
  readonly stampsDir: string;
  readonly args: readonly string[];
  /** Progress and fallback notices (stderr: stdout stays the command's own). */
  readonly log: (line: string) => void;
  /** The command's streams. @default 'inherit' */
  readonly stdio?: 'inherit' | 'ignore';
  /** @default buildSnapshot */
  readonly build?: (root: string, blob: string, expectedVersionLine: string) => Promise<SnapshotBuild>;
}

/**
 * Runs the command from the start-up snapshot, building the snapshot first when the compiled CLI changed since. Returns
 * how the command ended, or undefined when it did not run (no snapshot for this node, a build or start that failed):
 * the launcher then runs the compiled CLI, exactly as without a snapshot. A failed build is not retried until the next
 * install or compile.
 */
export async function launchFromSnapshot(request: LaunchRequest): Promise<Outcome | undefined> {
  if (!wantsSnapshot(request.args)) return undefined;
  const files = snapshotFiles(request.stampsDir);
  const key = snapshotKey(request.root, request.stampsDir);
  let meta = readMeta(files.meta);
  if (meta?.key !== key) {
    request.log(`paved: preparing the start-up snapshot of node ${process.version} (once per build; ${SNAPSHOT_ENV}=off skips it)`);
    const built = await (request.build ?? buildSnapshot)(request.root, files.blob, `paved ${pavedVersion()}`);
    meta = { key, ok: built.ok, reason: built.reason, size: built.ok ? fs.statSync(files.blob).size : undefined };
    writeMeta(files.meta, meta);
    if (!built.ok) request.log(`paved: no start-up snapshot (${built.reason}); running without it`);
  }
  if (!meta.ok) return undefined;
  let size: number | undefined;
  try {
    size = fs.statSync(files.blob).size;
  } catch {
    size = undefined;
  }
  if (size === undefined || size !== meta.size) {
    writeMeta(files.meta, { key, ok: false, reason: 'the blob changed after it was built' });
    return undefined;
  }
  const run = await runSnapshot(files.blob, request.args, request.stdio);
  if (run.started) return run.outcome;
  request.log('paved: the start-up snapshot did not start; running without it (it is rebuilt after the next compile)');
  writeMeta(files.meta, { key, ok: false, reason: `node could not start it (${'code' in run.outcome ? `exit ${run.outcome.code}` : run.outcome.signal})` });
  fs.rmSync(files.blob, { force: true });
  return undefined;
}

/** The exit code a shell reports for a process killed by `signal`. */
export function exitCodeOf(outcome: Outcome): number {
  return 'code' in outcome ? outcome.code : 128 + (os.constants.signals[outcome.signal] ?? 0);
}
