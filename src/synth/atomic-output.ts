import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../cli/user-error';

/** A file every output directory written by Paved contains; its absence protects foreign folders from replacement. */
export const OUTPUT_MARKER = 'summary.json';

/**
 * Builds a directory next to `target` and swaps it into place with renames, so `target` is either the complete old
 * output or the complete new one: a failure while building leaves `target` untouched.
 */
export async function replaceDirectoryAtomically<T>(
  target: string,
  build: (dir: string) => Promise<T> | T,
  marker: string = OUTPUT_MARKER,
): Promise<T> {
  const absolute = path.resolve(target);
  const parent = path.dirname(absolute);
  refuseForeignDirectory(absolute, target, marker);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.paved-tmp-${path.basename(absolute)}-`));
  let result: T;
  try {
    result = await build(staging);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const retired = `${staging}-old`;
  const hadOld = fs.existsSync(absolute);
  if (hadOld) fs.renameSync(absolute, retired);
  try {
    fs.renameSync(staging, absolute);
  } catch (e) {
    if (hadOld) fs.renameSync(retired, absolute);
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (hadOld) fs.rmSync(retired, { recursive: true, force: true });
  return result;
}

function refuseForeignDirectory(absolute: string, shown: string, marker: string): void {
  if (!fs.existsSync(absolute)) return;
  const stat = fs.statSync(absolute);
  const entries = stat.isDirectory() ? fs.readdirSync(absolute) : ['(file)'];
  if (entries.length > 0 && !entries.includes(marker)) {
    throw new UserError([
      `error: --out ${shown}: exists and was not written by paved (no ${marker}); refusing to replace it (an empty or new directory, or a previous paved output)`,
    ]);
  }
}
