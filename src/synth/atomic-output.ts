import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../cli/user-error';

/** The summary `paved synth` writes at the top of its output (read by `paved diff`). */
export const SUMMARY_FILE = 'summary.json';
/** @deprecated the summary is no longer what marks an output as Paved's: see OWNERSHIP_MARKER. */
export const OUTPUT_MARKER = SUMMARY_FILE;
/**
 * The file that makes a directory Paved's: `{ tool: 'paved', kind, files }`. Only a directory holding it (or an empty
 * one) is ever replaced, and only the files it lists are ever removed.
 */
export const OWNERSHIP_MARKER = '.paved-output';
/** Temporary siblings of an output: `.paved-tmp-<name>-<new|old>-<pid>[-<n>]`. */
const TEMP_PREFIX = '.paved-tmp-';

export type OutputKind = 'synth' | 'docs' | 'chart' | 'catalog';

export interface OwnershipRecord {
  readonly tool: 'paved';
  readonly kind: OutputKind;
  /** Every file Paved wrote, relative to the output, `/`-separated, sorted. */
  readonly files: readonly string[];
}

export interface ReplaceOptions {
  /** What writes the directory: an output of one kind is never replaced by another. @default 'synth' */
  readonly kind?: OutputKind;
  /** How errors name the directory. @default `--out <target>` */
  readonly shown?: string;
}

/** Staging directories of this process, removed by `removePendingStaging` when the process is interrupted. */
const pending = new Set<string>();
let sequence = 0;

/**
 * Builds a directory next to `target` and swaps it into place with two renames, so `target` holds the complete old
 * output or the complete new one. Files in `target` that Paved did not write are kept (linked into the new output);
 * a directory Paved did not write is refused. A run killed in the middle is repaired by the next one.
 */
export async function replaceDirectoryAtomically<T>(
  target: string,
  build: (dir: string) => Promise<T> | T,
  options: ReplaceOptions = {},
): Promise<T> {
  const absolute = path.resolve(target);
  const kind = options.kind ?? 'synth';
  const shown = options.shown ?? `--out ${target}`;
  recoverInterrupted(absolute);
  const owned = inspectTarget(absolute, shown, kind);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  const suffix = `${process.pid}-${sequence++}`;
  const staging = tempSibling(absolute, 'new', suffix);
  fs.mkdirSync(staging);
  pending.add(staging);
  try {
    const result = await build(staging);
    writeOwnership(staging, kind);
    if (owned) carryForeignFiles(absolute, staging, owned, shown);
    swapIntoPlace(staging, absolute, tempSibling(absolute, 'old', suffix));
    return result;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    pending.delete(staging);
  }
}

/** `.paved-tmp-<name>-<role>-<suffix>` next to `target`. */
export function tempSibling(target: string, role: 'new' | 'old', suffix: string): string {
  return path.join(path.dirname(target), `${TEMP_PREFIX}${path.basename(target)}-${role}-${suffix}`);
}

/** The role and owning process of a temporary sibling of `target`, or undefined for any other name. */
export function parseTempSibling(target: string, name: string): { role: 'new' | 'old'; pid: number } | undefined {
  const prefix = `${TEMP_PREFIX}${path.basename(target)}-`;
  if (!name.startsWith(prefix)) return undefined;
  const match = /^(new|old)-(\d+)(?:-\d+)?$/.exec(name.slice(prefix.length));
  return match ? { role: match[1] as 'new' | 'old', pid: Number(match[2]) } : undefined;
}

/** Whether a process with this id still runs (a process of another user counts as running). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Repairs what a killed run left next to `target`: when `target` is missing, the complete new output (it has the
 * ownership marker, written after the build) or else the previous one is put back; then every temporary sibling of
 * a dead process is removed. Siblings of running processes are left alone.
 * @returns the names acted on, for tests and messages
 */
export function recoverInterrupted(target: string, alive: (pid: number) => boolean = isAlive): string[] {
  const parent = path.dirname(target);
  if (!fs.existsSync(parent)) return [];
  const stale = fs.readdirSync(parent)
    .map((name) => ({ name, parsed: parseTempSibling(target, name) }))
    .filter((s) => s.parsed && s.parsed.pid !== process.pid && !alive(s.parsed.pid))
    .map((s) => ({ name: s.name, role: s.parsed!.role, dir: path.join(parent, s.name) }));
  const acted: string[] = [];
  if (!fs.existsSync(target)) {
    const restore = stale.find((s) => s.role === 'new' && fs.existsSync(path.join(s.dir, OWNERSHIP_MARKER))) ?? stale.find((s) => s.role === 'old');
    if (restore) {
      fs.renameSync(restore.dir, target);
      acted.push(`restored ${restore.name}`);
    }
  }
  for (const s of stale) {
    if (!fs.existsSync(s.dir)) continue;
    fs.rmSync(s.dir, { recursive: true, force: true });
    acted.push(`removed ${s.name}`);
  }
  return acted;
}

/** The ownership marker of `dir`, if it holds a valid one. */
export function readOwnership(dir: string): OwnershipRecord | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(path.join(dir, OWNERSHIP_MARKER), 'utf8')) as OwnershipRecord;
    return record.tool === 'paved' && typeof record.kind === 'string' && Array.isArray(record.files) ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * May `target` be replaced? Returns the files Paved wrote there (undefined when it is missing or empty) or throws a
 * one-line user error naming the directory and the way out.
 */
export function inspectTarget(target: string, shown: string, kind: OutputKind): Set<string> | undefined {
  if (!fs.existsSync(target)) return undefined;
  const fix = `choose a new or empty directory, or move ${path.basename(target)} away yourself`;
  if (!fs.statSync(target).isDirectory()) throw new UserError([`error: ${shown}: is a file, not a directory; refusing to replace it (${fix})`]);
  if (fs.readdirSync(target).length === 0) return undefined;
  const record = readOwnership(target);
  if (!record) {
    throw new UserError([`error: ${shown}: is not empty and was not written by paved (no ${OWNERSHIP_MARKER}); refusing to replace it (${fix})`]);
  }
  if (record.kind !== kind) {
    throw new UserError([`error: ${shown}: holds the output of paved ${record.kind}, not of paved ${kind}; refusing to replace it (${fix})`]);
  }
  return new Set(record.files);
}

/** Every file (and symlink) under `dir`, relative and `/`-separated, sorted. */
export function listFiles(dir: string, sub = ''): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...listFiles(dir, rel));
    else files.push(rel);
  }
  return files.sort();
}

/** Records the files of a finished build; written last, so a staging directory with a marker is complete. */
export function writeOwnership(dir: string, kind: OutputKind): OwnershipRecord {
  const record: OwnershipRecord = { tool: 'paved', kind, files: listFiles(dir).filter((f) => f !== OWNERSHIP_MARKER) };
  fs.writeFileSync(path.join(dir, OWNERSHIP_MARKER), `${JSON.stringify(record, null, 2)}\n`);
  return record;
}

/**
 * Hard-links every file of `from` that Paved did not write (not in `owned`) into the same place in `to`, so replacing
 * `from` by `to` keeps it. A foreign file where the new output has one of its own is refused, before any rename.
 */
export function carryForeignFiles(from: string, to: string, owned: ReadonlySet<string>, shown: string): string[] {
  const foreign = listFiles(from).filter((f) => f !== OWNERSHIP_MARKER && !owned.has(f));
  for (const rel of foreign) {
    const destination = path.join(to, rel);
    if (exists(destination)) {
      throw new UserError([`error: ${shown}: ${rel} was not written by paved and the new output has a file there; move it away and run again`]);
    }
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    linkOrCopy(path.join(from, rel), destination);
  }
  for (const rel of emptyDirectories(from)) fs.mkdirSync(path.join(to, rel), { recursive: true });
  return foreign;
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function linkOrCopy(source: string, destination: string): void {
  const stat = fs.lstatSync(source);
  if (stat.isSymbolicLink()) return fs.symlinkSync(fs.readlinkSync(source), destination);
  try {
    fs.linkSync(source, destination);
  } catch {
    fs.copyFileSync(source, destination);
  }
}

function emptyDirectories(dir: string, sub = ''): string[] {
  const entries = fs.readdirSync(path.join(dir, sub), { withFileTypes: true });
  if (entries.length === 0 && sub) return [sub];
  return entries.filter((e) => e.isDirectory()).flatMap((e) => emptyDirectories(dir, sub ? `${sub}/${e.name}` : e.name));
}

/**
 * `target` → `retired`, `staging` → `target`, then the retired output is removed. A failure of the second rename puts
 * the old output back; a kill between the two is repaired by `recoverInterrupted` on the next run.
 */
export function swapIntoPlace(staging: string, target: string, retired: string): void {
  const hadOld = fs.existsSync(target);
  if (hadOld) fs.renameSync(target, retired);
  try {
    fs.renameSync(staging, target);
  } catch (e) {
    if (hadOld) fs.renameSync(retired, target);
    throw e;
  }
  if (hadOld) fs.rmSync(retired, { recursive: true, force: true });
}

/** Removes the staging directories of this process (an interrupt arrived while building). */
export function removePendingStaging(): void {
  for (const dir of pending) fs.rmSync(dir, { recursive: true, force: true });
  pending.clear();
}
