import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isAlive } from '../synth/atomic-output';

/** `paved-<purpose>-<pid>-XXXXXX` in the system's temporary directory. */
const NAME = /^paved-[a-z]+-(\d+)-[A-Za-z0-9]{6}$/;
const live = new Set<string>();

/**
 * A scratch directory for one command (a synth to check, cost or diff), named after this process so that the next
 * run can remove what a killed run left; an interrupt removes it at once (see `removeWorkDirs`).
 */
export function makeWorkDir(purpose: string, parent: string = os.tmpdir()): string {
  sweepWorkDirs(parent);
  const dir = fs.mkdtempSync(path.join(parent, `paved-${purpose}-${process.pid}-`));
  live.add(dir);
  return dir;
}

/** Removes a scratch directory made by `makeWorkDir`. */
export function removeWorkDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}

/** Removes the scratch directories of processes that no longer run. @returns their names */
export function sweepWorkDirs(parent: string = os.tmpdir(), alive: (pid: number) => boolean = isAlive): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    const match = NAME.exec(name);
    return match !== null && Number(match[1]) !== process.pid && !alive(Number(match[1]));
  });
  for (const name of stale) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  return stale;
}

/** Removes every scratch directory of this process (an interrupt arrived). */
export function removeWorkDirs(): void {
  for (const dir of live) fs.rmSync(dir, { recursive: true, force: true });
  live.clear();
}
