import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTree, tempDir } from './support/run-paved';
import {
  carryForeignFiles,
  inspectTarget,
  OWNERSHIP_MARKER,
  parseTempSibling,
  readOwnership,
  recoverInterrupted,
  replaceDirectoryAtomically,
  tempSibling,
  writeOwnership,
} from '../src/synth/atomic-output';

/**
 * `replaceDirectoryAtomically` is the only thing between a failed synth and a half-written out/, and between Paved
 * and files it did not write. Each test names the one-line bug it catches.
 */
const root = tempDir('paved-atomic-');
let n = 0;
function previousOutput(): string {
  const target = path.join(root, `out-${n++}`);
  fs.mkdirSync(path.join(target, 'terraform'), { recursive: true });
  fs.writeFileSync(path.join(target, 'summary.json'), '{"old":true}');
  fs.writeFileSync(path.join(target, 'terraform', 'old.json'), 'old');
  writeOwnership(target, 'synth');
  return target;
}
const leftovers = () => fs.readdirSync(root).filter((f) => f.startsWith('.paved-tmp-'));
/** A process id that no longer runs. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

test('a build that fails halfway leaves the previous output byte for byte (planted bug: delete-then-write)', async () => {
  const target = previousOutput();
  const before = readTree(target);
  await expect(
    replaceDirectoryAtomically(target, (dir) => {
      fs.writeFileSync(path.join(dir, 'summary.json'), '{"new":true}');
      throw new Error('synth failed halfway');
    }),
  ).rejects.toThrow('synth failed halfway');
  expect(readTree(target)).toEqual(before);
  expect(leftovers()).toEqual([]);
});

test('the build never writes into the target itself (planted bug: building in place)', async () => {
  const target = previousOutput();
  await replaceDirectoryAtomically(target, (dir) => {
    expect(path.resolve(dir)).not.toBe(path.resolve(target));
    // While the new output is being built, the old one is still complete in place.
    expect(fs.readFileSync(path.join(target, 'terraform', 'old.json'), 'utf8')).toBe('old');
    fs.writeFileSync(path.join(dir, 'summary.json'), '{"new":true}');
  });
  expect([...readTree(target).keys()].sort()).toEqual([OWNERSHIP_MARKER, 'summary.json']);
  expect(readOwnership(target)).toEqual({ tool: 'paved', kind: 'synth', files: ['summary.json'] });
  expect(leftovers()).toEqual([]);
});

test('when the final rename fails the previous output is restored (planted bug: old output removed before the swap)', async () => {
  const target = previousOutput();
  const before = readTree(target);
  // The staging directory vanishes after the build (a cleaner, a full disk): writing the marker or the rename fails.
  await expect(replaceDirectoryAtomically(target, (dir) => fs.rmSync(dir, { recursive: true }))).rejects.toMatchObject({ code: 'ENOENT' });
  expect(readTree(target)).toEqual(before);
  expect(leftovers()).toEqual([]);
});

describe('directories Paved did not write', () => {
  test.each([
    ['a foreign file', ['notes.txt']],
    ['a summary.json of its own (planted bug: summary.json taken as the marker)', ['summary.json', 'notes.txt']],
    ['an index.md of its own (planted bug: index.md taken as the marker)', ['index.md', 'notes.txt']],
  ])('are refused before anything is built: %s', async (_, files) => {
    const target = path.join(root, `foreign-${n++}`);
    fs.mkdirSync(target);
    for (const f of files) fs.writeFileSync(path.join(target, f), 'mine');
    const build = jest.fn();
    await expect(replaceDirectoryAtomically(target, build, { kind: 'docs', shown: '--out docs' })).rejects.toMatchObject({
      lines: [`error: --out docs: is not empty and was not written by paved (no ${OWNERSHIP_MARKER}); refusing to replace it (choose a new or empty directory, or move ${path.basename(target)} away yourself)`],
    });
    expect(build).not.toHaveBeenCalled();
    for (const f of files) expect(fs.readFileSync(path.join(target, f), 'utf8')).toBe('mine');
  });

  test('an empty directory is used; a file is refused', () => {
    const empty = path.join(root, `empty-${n++}`);
    fs.mkdirSync(empty);
    expect(inspectTarget(empty, 'x', 'synth')).toBeUndefined();
    const file = path.join(root, `file-${n++}`);
    fs.writeFileSync(file, 'mine');
    expect(() => inspectTarget(file, '--out f', 'synth')).toThrow(/is a file, not a directory/);
  });

  test('an output of another kind is refused (planted bug: docs replacing a synth output)', () => {
    const target = previousOutput();
    expect(() => inspectTarget(target, '--out out', 'docs')).toThrow(/holds the output of paved synth, not of paved docs/);
  });
});

describe('files Paved did not write inside its own output', () => {
  test('are kept across a replace, stale files of Paved are removed (planted bug: rm -rf of the old output)', async () => {
    const target = previousOutput();
    fs.mkdirSync(path.join(target, 'terraform', '.terraform'), { recursive: true });
    fs.writeFileSync(path.join(target, 'terraform', '.terraform.lock.hcl'), 'lock');
    fs.writeFileSync(path.join(target, 'notes.txt'), 'mine');
    await replaceDirectoryAtomically(target, (dir) => fs.writeFileSync(path.join(dir, 'summary.json'), '{"new":true}'));
    expect(fs.readFileSync(path.join(target, 'notes.txt'), 'utf8')).toBe('mine');
    expect(fs.readFileSync(path.join(target, 'terraform', '.terraform.lock.hcl'), 'utf8')).toBe('lock');
    expect(fs.existsSync(path.join(target, 'terraform', '.terraform'))).toBe(true);
    expect(fs.existsSync(path.join(target, 'terraform', 'old.json'))).toBe(false);
    // The marker lists only Paved's files: the kept ones stay foreign for the next run too.
    expect(readOwnership(target)!.files).toEqual(['summary.json']);
    expect(leftovers()).toEqual([]);
  });

  test('a foreign file where the new output needs the path is refused, old output untouched', async () => {
    const target = previousOutput();
    fs.writeFileSync(path.join(target, 'new.json'), 'mine');
    const before = readTree(target);
    await expect(replaceDirectoryAtomically(target, (dir) => fs.writeFileSync(path.join(dir, 'new.json'), 'paved'))).rejects.toMatchObject({
      lines: [expect.stringMatching(/new\.json was not written by paved and the new output has a file there/)],
    });
    expect(readTree(target)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  test('carryForeignFiles links, it does not move (the old output stays complete until the swap)', () => {
    const from = previousOutput();
    fs.writeFileSync(path.join(from, 'notes.txt'), 'mine');
    const to = path.join(root, `to-${n++}`);
    fs.mkdirSync(to);
    expect(carryForeignFiles(from, to, new Set(['summary.json', 'terraform/old.json']), 'x')).toEqual(['notes.txt']);
    expect(fs.readFileSync(path.join(from, 'notes.txt'), 'utf8')).toBe('mine');
    expect(fs.readFileSync(path.join(to, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('recovery from a killed run', () => {
  test('temporary names carry the role and the process id', () => {
    const target = path.join(root, 'out');
    expect(parseTempSibling(target, path.basename(tempSibling(target, 'new', '42-0')))).toEqual({ role: 'new', pid: 42 });
    expect(parseTempSibling(target, '.paved-tmp-out-old-7')).toEqual({ role: 'old', pid: 7 });
    expect(parseTempSibling(target, '.paved-tmp-outer-new-7')).toBeUndefined();
    expect(parseTempSibling(target, 'out')).toBeUndefined();
  });

  test('killed between the two renames: the complete new output is put in place', () => {
    const target = previousOutput();
    const pid = deadPid();
    fs.renameSync(target, tempSibling(target, 'old', `${pid}-0`));
    const fresh = tempSibling(target, 'new', `${pid}-0`);
    fs.mkdirSync(fresh);
    fs.writeFileSync(path.join(fresh, 'summary.json'), '{"new":true}');
    writeOwnership(fresh, 'synth');
    expect(recoverInterrupted(target)).toEqual([`restored ${path.basename(fresh)}`, `removed .paved-tmp-${path.basename(target)}-old-${pid}-0`]);
    expect(fs.readFileSync(path.join(target, 'summary.json'), 'utf8')).toBe('{"new":true}');
    expect(leftovers()).toEqual([]);
  });

  test('killed after the first rename, the new output incomplete: the old output is put back', () => {
    const target = previousOutput();
    const before = readTree(target);
    const pid = deadPid();
    fs.renameSync(target, tempSibling(target, 'old', String(pid)));
    fs.mkdirSync(tempSibling(target, 'new', String(pid))); // no marker: the build had not finished
    recoverInterrupted(target);
    expect(readTree(target)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  test('killed while building: the half-built directory is removed, the output kept', () => {
    const target = previousOutput();
    const before = readTree(target);
    const half = tempSibling(target, 'new', String(deadPid()));
    fs.mkdirSync(path.join(half, 'terraform'), { recursive: true });
    recoverInterrupted(target);
    expect(readTree(target)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  test('the temporary directories of a running process are left alone (planted bug: two runs racing)', () => {
    const target = previousOutput();
    const busy = tempSibling(target, 'new', `${process.ppid}-0`);
    fs.mkdirSync(busy);
    expect(recoverInterrupted(target)).toEqual([]);
    expect(fs.existsSync(busy)).toBe(true);
    fs.rmSync(busy, { recursive: true });
  });
});
