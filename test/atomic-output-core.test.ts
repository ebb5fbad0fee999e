import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './support/run-paved';
import { makeWorkDir, removeWorkDir, removeWorkDirs, sweepWorkDirs } from '../src/cli/work-dir';
import {
  carryForeignFiles,
  inspectTarget,
  isAlive,
  listFiles,
  OUTPUT_MARKER,
  OWNERSHIP_MARKER,
  parseTempSibling,
  readOwnership,
  recoverInterrupted,
  removePendingStaging,
  replaceDirectoryAtomically,
  SUMMARY_FILE,
  swapIntoPlace,
  tempSibling,
  writeOwnership,
} from '../src/synth/atomic-output';

/**
 * The small functions of `atomic-output.ts` (and `work-dir.ts`) one by one, each with exact expectations: fast,
 * in-process tests written for mutation testing (stryker/cli-core-atomic.config.json). The behaviour as a whole is in
 * test/atomic-output.test.ts.
 */
const root = tempDir('paved-atomic-core-');
let n = 0;
const fresh = (name = 'd') => {
  const dir = path.join(root, `${name}-${n++}`);
  fs.mkdirSync(dir);
  return dir;
};
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;
/** The fs module itself: `import * as fs` is a namespace of read-only getters over it, which jest cannot spy on. */
const realFs = jest.requireActual<typeof fs>('node:fs');
/** Directory listings in reverse order: this machine's file system lists names sorted, others do not. */
function reversedListings(): void {
  const readdir = realFs.readdirSync as (...args: unknown[]) => unknown[];
  jest.spyOn(realFs, 'readdirSync').mockImplementation(((...args: unknown[]) => [...readdir(...args)].reverse()) as unknown as typeof realFs.readdirSync);
}

afterEach(() => jest.restoreAllMocks());

test('the summary is summary.json (read by paved diff); the old OUTPUT_MARKER name still points at it', () => {
  expect(SUMMARY_FILE).toBe('summary.json');
  expect(OUTPUT_MARKER).toBe(SUMMARY_FILE);
});

describe('parseTempSibling', () => {
  const target = path.join(root, 'out');
  test.each<[string, { role: string; pid: number } | undefined]>([
    ['.paved-tmp-out-new-12-3', { role: 'new', pid: 12 }],
    ['.paved-tmp-out-new-12-34', { role: 'new', pid: 12 }],
    ['.paved-tmp-xyz-new-1', undefined],
    ['.paved-tmp-out-old-345', { role: 'old', pid: 345 }],
    ['.paved-tmp-out-new-12-', undefined],
    ['.paved-tmp-out-new-12-x', undefined],
    ['.paved-tmp-out-new-12-3x', undefined],
    ['.paved-tmp-out-new-x', undefined],
    ['.paved-tmp-out-new-', undefined],
    ['.paved-tmp-out-renew-1', undefined],
    ['.paved-tmp-out-mid-1', undefined],
    ['.paved-tmp-out-new-1-2-3', undefined],
    ['x.paved-tmp-out-new-1', undefined],
    ['.paved-tmp-ou-new-1', undefined],
  ])('%j', (name, expected) => {
    expect(parseTempSibling(target, name)).toEqual(expected);
  });

  test('tempSibling is a hidden sibling naming the target, the role and the suffix', () => {
    expect(tempSibling('/a/b/out', 'old', '1-2')).toBe('/a/b/.paved-tmp-out-old-1-2');
  });
});

describe('isAlive', () => {
  test('this process runs, a finished one does not', () => {
    expect(isAlive(process.pid)).toBe(true);
    expect(isAlive(deadPid())).toBe(false);
  });

  test('a process of another user (EPERM) counts as running; any other error as gone', () => {
    const fail = (code: string) =>
      jest.spyOn(process, 'kill').mockImplementation(() => {
        throw Object.assign(new Error(code), { code });
      });
    fail('EPERM');
    expect(isAlive(1)).toBe(true);
    jest.restoreAllMocks();
    fail('ESRCH');
    expect(isAlive(1)).toBe(false);
  });
});

describe('recoverInterrupted', () => {
  test('a missing parent directory is nothing to recover', () => {
    expect(recoverInterrupted(path.join(root, 'missing', 'out'), () => false)).toEqual([]);
  });

  test('siblings of this very process are never touched, even when `alive` says no', () => {
    const parent = fresh('own');
    const target = path.join(parent, 'out');
    const mine = tempSibling(target, 'old', `${process.pid}-0`);
    fs.mkdirSync(mine);
    expect(recoverInterrupted(target, () => false)).toEqual([]);
    expect(fs.existsSync(mine)).toBe(true);
    expect(fs.existsSync(target)).toBe(false);
  });

  test('only siblings of dead processes are acted on; other names are left alone', () => {
    const parent = fresh('mixed');
    const target = path.join(parent, 'out');
    fs.mkdirSync(target);
    for (const name of ['.paved-tmp-out-new-7', '.paved-tmp-out-old-8-1', '.paved-tmp-other-new-7', 'notes']) fs.mkdirSync(path.join(parent, name));
    expect(recoverInterrupted(target, (pid) => pid === 8)).toEqual(['removed .paved-tmp-out-new-7']);
    expect(fs.readdirSync(parent).sort()).toEqual(['.paved-tmp-other-new-7', '.paved-tmp-out-old-8-1', 'notes', 'out']);
  });

  test('with the target missing, a new sibling without marker is not restored when there is no old one', () => {
    const parent = fresh('nonew');
    const target = path.join(parent, 'out');
    fs.mkdirSync(path.join(parent, '.paved-tmp-out-new-5'));
    expect(recoverInterrupted(target, () => false)).toEqual(['removed .paved-tmp-out-new-5']);
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  test('with the target missing, the old output is restored when the new one has no marker', () => {
    const parent = fresh('old');
    const target = path.join(parent, 'out');
    fs.mkdirSync(path.join(parent, '.paved-tmp-out-new-5'));
    fs.mkdirSync(path.join(parent, '.paved-tmp-out-old-5'));
    fs.writeFileSync(path.join(parent, '.paved-tmp-out-old-5', 'f'), 'old');
    expect(recoverInterrupted(target, () => false)).toEqual(['restored .paved-tmp-out-old-5', 'removed .paved-tmp-out-new-5']);
    expect(fs.readFileSync(path.join(target, 'f'), 'utf8')).toBe('old');
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });

  test('a complete new output is preferred to the old one whatever order the directory lists them in', () => {
    const parent = fresh('order');
    const target = path.join(parent, 'out');
    for (const role of ['new', 'old']) {
      const dir = path.join(parent, `.paved-tmp-out-${role}-5`);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'f'), role);
      writeOwnership(dir, 'synth');
    }
    reversedListings();
    recoverInterrupted(target, () => false);
    expect(fs.readFileSync(path.join(target, 'f'), 'utf8')).toBe('new');
  });

  test('an existing target is never replaced by a sibling', () => {
    const parent = fresh('keep');
    const target = path.join(parent, 'out');
    fs.mkdirSync(target);
    const complete = path.join(parent, '.paved-tmp-out-new-5');
    fs.mkdirSync(complete);
    writeOwnership(complete, 'synth');
    expect(recoverInterrupted(target, () => false)).toEqual(['removed .paved-tmp-out-new-5']);
    expect(fs.readdirSync(target)).toEqual([]);
  });
});

describe('readOwnership', () => {
  test.each<[string, string]>([
    ['not JSON', '{'],
    ['another tool', '{"tool":"other","kind":"synth","files":[]}'],
    ['no kind', '{"tool":"paved","files":[]}'],
    ['a kind that is not a string', '{"tool":"paved","kind":1,"files":[]}'],
    ['no file list', '{"tool":"paved","kind":"synth"}'],
    ['a file list that is not a list', '{"tool":"paved","kind":"synth","files":"a"}'],
  ])('a marker with %s is no marker', (_, text) => {
    const dir = fresh('marker');
    fs.writeFileSync(path.join(dir, OWNERSHIP_MARKER), text);
    expect(readOwnership(dir)).toBeUndefined();
  });

  test('a missing marker is no marker; a valid one is returned as written', () => {
    const dir = fresh('marker');
    expect(readOwnership(dir)).toBeUndefined();
    fs.writeFileSync(path.join(dir, OWNERSHIP_MARKER), '{"tool":"paved","kind":"docs","files":["a"]}');
    expect(readOwnership(dir)).toEqual({ tool: 'paved', kind: 'docs', files: ['a'] });
  });
});

describe('inspectTarget', () => {
  test('a missing target may be written', () => {
    expect(inspectTarget(path.join(root, 'nowhere'), 'x', 'synth')).toBeUndefined();
  });

  test('each refusal is one line naming the directory and the way out', () => {
    const file = path.join(root, `file-${n++}`);
    fs.writeFileSync(file, 'mine');
    const fix = `(choose a new or empty directory, or move ${path.basename(file)} away yourself)`;
    expect(() => inspectTarget(file, '--out f', 'synth')).toThrow(expect.objectContaining({
      lines: [`error: --out f: is a file, not a directory; refusing to replace it ${fix}`],
    }));
    const docs = fresh('docs');
    writeOwnership(docs, 'docs');
    expect(() => inspectTarget(docs, '--out d', 'chart')).toThrow(expect.objectContaining({
      lines: [`error: --out d: holds the output of paved docs, not of paved chart; refusing to replace it (choose a new or empty directory, or move ${path.basename(docs)} away yourself)`],
    }));
  });

  test('an output of the same kind returns the files Paved wrote', () => {
    const dir = fresh('same');
    fs.writeFileSync(path.join(dir, 'a'), '');
    writeOwnership(dir, 'chart');
    expect(inspectTarget(dir, 'x', 'chart')).toEqual(new Set(['a']));
  });
});

describe('listFiles and writeOwnership', () => {
  test('every file at any depth, relative, `/`-separated, sorted; empty directories are not files', () => {
    const dir = fresh('tree');
    fs.mkdirSync(path.join(dir, 'b', 'c'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.writeFileSync(path.join(dir, 'b', 'c', 'z'), '');
    fs.writeFileSync(path.join(dir, 'b', 'a'), '');
    fs.writeFileSync(path.join(dir, 'a'), '');
    fs.symlinkSync('a', path.join(dir, 'link'));
    expect(listFiles(dir)).toEqual(['a', 'b/a', 'b/c/z', 'link']);
    reversedListings();
    expect(listFiles(dir)).toEqual(['a', 'b/a', 'b/c/z', 'link']);
  });

  test('the marker lists the files but not itself, as indented JSON ending in a newline', () => {
    const dir = fresh('own');
    fs.writeFileSync(path.join(dir, 'x'), '');
    writeOwnership(dir, 'synth');
    expect(writeOwnership(dir, 'docs')).toEqual({ tool: 'paved', kind: 'docs', files: ['x'] });
    expect(fs.readFileSync(path.join(dir, OWNERSHIP_MARKER), 'utf8')).toBe('{\n  "tool": "paved",\n  "kind": "docs",\n  "files": [\n    "x"\n  ]\n}\n');
  });
});

describe('carryForeignFiles', () => {
  test('carries foreign files, symlinks and empty directories, never the old marker or owned files', () => {
    const from = fresh('from');
    fs.mkdirSync(path.join(from, 'deep', 'er'), { recursive: true });
    fs.mkdirSync(path.join(from, 'hollow', 'inner'), { recursive: true });
    fs.writeFileSync(path.join(from, 'deep', 'er', 'notes'), 'mine');
    fs.writeFileSync(path.join(from, 'owned'), 'paved');
    fs.symlinkSync('deep/er/notes', path.join(from, 'link'));
    writeOwnership(from, 'synth');
    const to = fresh('to');
    expect(carryForeignFiles(from, to, new Set(['owned']), 'x')).toEqual(['deep/er/notes', 'link']);
    expect(listFiles(to)).toEqual(['deep/er/notes', 'link']);
    expect(fs.readlinkSync(path.join(to, 'link'))).toBe('deep/er/notes');
    expect(fs.statSync(path.join(to, 'hollow', 'inner')).isDirectory()).toBe(true);
    expect(fs.existsSync(path.join(to, OWNERSHIP_MARKER))).toBe(false);
  });

  test('a file that cannot be hard-linked (another file system) is copied', () => {
    const from = fresh('from');
    fs.writeFileSync(path.join(from, 'notes'), 'mine');
    const to = fresh('to');
    jest.spyOn(realFs, 'linkSync').mockImplementation(() => {
      throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' });
    });
    carryForeignFiles(from, to, new Set(), 'x');
    expect(fs.readFileSync(path.join(to, 'notes'), 'utf8')).toBe('mine');
  });

  test('a foreign symlink where the new output has a file is refused with one line', () => {
    const from = fresh('from');
    fs.symlinkSync('nowhere', path.join(from, 'a'));
    const to = fresh('to');
    fs.symlinkSync('elsewhere', path.join(to, 'a'));
    expect(() => carryForeignFiles(from, to, new Set(), '--out o')).toThrow(expect.objectContaining({
      lines: ['error: --out o: a was not written by paved and the new output has a file there; move it away and run again'],
    }));
  });
});

describe('swapIntoPlace', () => {
  test('without an old output the staging directory just becomes the target', () => {
    const parent = fresh('swap');
    fs.mkdirSync(path.join(parent, 'staging'));
    fs.writeFileSync(path.join(parent, 'staging', 'f'), 'new');
    swapIntoPlace(path.join(parent, 'staging'), path.join(parent, 'out'), path.join(parent, 'retired'));
    expect(fs.readdirSync(parent)).toEqual(['out']);
    expect(fs.readFileSync(path.join(parent, 'out', 'f'), 'utf8')).toBe('new');
  });

  test('a failed rename without an old output rethrows its own error and leaves the staging directory', () => {
    const parent = fresh('swap');
    fs.mkdirSync(path.join(parent, 'staging'));
    // A directory cannot move into itself: EINVAL (trying to put back an old output that never existed would be ENOENT).
    expect(() => swapIntoPlace(path.join(parent, 'staging'), path.join(parent, 'staging', 'out'), path.join(parent, 'retired'))).toThrow(
      expect.objectContaining({ code: 'EINVAL' }),
    );
    expect(fs.readdirSync(parent)).toEqual(['staging']);
  });

  test('a failed rename puts the old output back', () => {
    const parent = fresh('swap');
    fs.mkdirSync(path.join(parent, 'out'));
    fs.writeFileSync(path.join(parent, 'out', 'f'), 'old');
    expect(() => swapIntoPlace(path.join(parent, 'gone'), path.join(parent, 'out'), path.join(parent, 'retired'))).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
    expect(fs.readdirSync(parent)).toEqual(['out']);
    expect(fs.readFileSync(path.join(parent, 'out', 'f'), 'utf8')).toBe('old');
  });

  test('the old output is retired and removed', () => {
    const parent = fresh('swap');
    for (const d of ['staging', 'out']) fs.mkdirSync(path.join(parent, d, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(parent, 'out', 'sub', 'old'), '');
    swapIntoPlace(path.join(parent, 'staging'), path.join(parent, 'out'), path.join(parent, 'retired'));
    expect(fs.readdirSync(parent)).toEqual(['out']);
    expect(listFiles(path.join(parent, 'out'))).toEqual([]);
  });
});

describe('replaceDirectoryAtomically', () => {
  test('writes a synth output by default, creating missing parents, and returns what the build returned', async () => {
    const target = path.join(root, `new-${n++}`, 'a', 'out');
    await expect(replaceDirectoryAtomically(target, (dir) => (fs.writeFileSync(path.join(dir, 'f'), ''), 42))).resolves.toBe(42);
    expect(readOwnership(target)).toEqual({ tool: 'paved', kind: 'synth', files: ['f'] });
    expect(fs.readdirSync(path.dirname(target))).toEqual(['out']);
  });

  test('the staging and retired directories carry names that recovery recognises as this process\'s', async () => {
    const parent = fresh('names');
    const target = path.join(parent, 'out');
    fs.mkdirSync(target);
    const renames = jest.spyOn(realFs, 'renameSync');
    let staging = '';
    await replaceDirectoryAtomically(target, (dir) => {
      staging = dir;
    });
    expect(parseTempSibling(target, path.basename(staging))).toEqual({ role: 'new', pid: process.pid });
    const retired = renames.mock.calls.find(([from]) => from === target)![1] as string;
    expect(parseTempSibling(target, path.basename(retired))).toEqual({ role: 'old', pid: process.pid });
  });

  test('errors name the directory as `--out <target>` by default', async () => {
    const target = fresh('foreign');
    fs.writeFileSync(path.join(target, 'x'), '');
    await expect(replaceDirectoryAtomically(target, () => undefined)).rejects.toMatchObject({
      lines: [expect.stringMatching(new RegExp(`^error: --out ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: is not empty`))],
    });
  });

  test('an async build is awaited before the swap; two runs in one process use separate staging directories', async () => {
    const a = path.join(fresh('two'), 'out');
    const b = path.join(path.dirname(a), 'out2');
    const seen: string[] = [];
    await Promise.all(
      [a, b].map((t) =>
        replaceDirectoryAtomically(t, async (dir) => {
          seen.push(dir);
          await new Promise((r) => setTimeout(r, 5));
          fs.writeFileSync(path.join(dir, 'f'), t);
        }, { kind: 'docs' }),
      ),
    );
    expect(new Set(seen).size).toBe(2);
    expect(fs.readFileSync(path.join(a, 'f'), 'utf8')).toBe(a);
    expect(readOwnership(b)!.kind).toBe('docs');
    expect(fs.readdirSync(path.dirname(a)).sort()).toEqual(['out', 'out2']);
  });

  test('an interrupt during the build removes the staging directory (removePendingStaging)', async () => {
    const parent = fresh('interrupt');
    let staging = '';
    await expect(
      replaceDirectoryAtomically(path.join(parent, 'out'), (dir) => {
        staging = dir;
        fs.writeFileSync(path.join(dir, 'f'), '');
        removePendingStaging();
        expect(fs.existsSync(dir)).toBe(false);
      }),
    ).rejects.toMatchObject({ code: 'ENOENT', syscall: 'scandir' });
    expect(staging).not.toBe('');
    expect(fs.readdirSync(parent)).toEqual([]);
    // Finished runs are no longer pending: a later interrupt touches nothing.
    const done = path.join(parent, 'done');
    await replaceDirectoryAtomically(done, () => undefined);
    removePendingStaging();
    expect(fs.readdirSync(done)).toEqual([OWNERSHIP_MARKER]);
  });

  test('an interrupt after the build removed its own staging directory is harmless', async () => {
    const parent = fresh('interrupt');
    await expect(
      replaceDirectoryAtomically(path.join(parent, 'out'), (dir) => {
        fs.rmSync(dir, { recursive: true });
        removePendingStaging();
      }),
    ).rejects.toMatchObject({ code: 'ENOENT', syscall: 'scandir' }); // listing the files for the marker, not the interrupt handler (lstat)
  });
});

describe('makeWorkDir and removeWorkDir', () => {
  test('removeWorkDir removes the directory with its contents, and a second time is harmless', () => {
    const dir = makeWorkDir('cost', fresh('work'));
    fs.writeFileSync(path.join(dir, 'f'), '');
    removeWorkDir(dir);
    expect(fs.existsSync(dir)).toBe(false);
    expect(() => removeWorkDir(dir)).not.toThrow();
  });

  test('an interrupt skips scratch directories that are already gone', () => {
    const dir = makeWorkDir('diff', fresh('work'));
    fs.rmSync(dir, { recursive: true });
    const other = makeWorkDir('check', path.dirname(dir));
    expect(() => removeWorkDirs()).not.toThrow();
    expect(fs.existsSync(other)).toBe(false);
  });
});

describe('sweepWorkDirs', () => {
  test('an unreadable parent is nothing to sweep', () => {
    expect(sweepWorkDirs(path.join(root, 'missing'))).toEqual([]);
  });

  test('only exact scratch names of other, dead processes are removed', () => {
    const parent = fresh('sweep');
    const names = [
      'paved-cost-7-AbC123',
      'paved-cost-7-AbC12',
      'paved-cost-7-AbC1234',
      'paved-Cost-7-AbC123',
      'paved--7-AbC123',
      'paved-cost-x-AbC123',
      'xpaved-cost-7-AbC123',
      'paved-cost-7-AbC12!',
      `paved-check-${process.pid}-AbC123`,
      'paved-diff-8-ZZZ999',
    ];
    for (const name of names) fs.mkdirSync(path.join(parent, name));
    fs.writeFileSync(path.join(parent, 'paved-cost-7-AbC123', 'f'), '');
    expect(sweepWorkDirs(parent, (pid) => pid === 8)).toEqual(['paved-cost-7-AbC123']);
    expect(fs.readdirSync(parent).sort()).toEqual(names.slice(1).sort());
  });
});
