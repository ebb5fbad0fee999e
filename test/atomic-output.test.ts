import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTree, tempDir } from './support/run-paved';
import { OUTPUT_MARKER, replaceDirectoryAtomically } from '../src/synth/atomic-output';

/**
 * `replaceDirectoryAtomically` is the only thing between a failed synth and a half-written out/. Each test names the
 * one-line bug it catches.
 */
const root = tempDir('paved-atomic-');
let n = 0;
function previousOutput(): string {
  const target = path.join(root, `out-${n++}`);
  fs.mkdirSync(path.join(target, 'terraform'), { recursive: true });
  fs.writeFileSync(path.join(target, OUTPUT_MARKER), '{"old":true}');
  fs.writeFileSync(path.join(target, 'terraform', 'old.json'), 'old');
  return target;
}
const leftovers = () => fs.readdirSync(root).filter((f) => f.startsWith('.paved-tmp-'));

test('a build that fails halfway leaves the previous output byte for byte (planted bug: delete-then-write)', async () => {
  const target = previousOutput();
  const before = readTree(target);
  await expect(
    replaceDirectoryAtomically(target, (dir) => {
      fs.writeFileSync(path.join(dir, OUTPUT_MARKER), '{"new":true}');
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
    fs.writeFileSync(path.join(dir, OUTPUT_MARKER), '{"new":true}');
  });
  expect([...readTree(target).keys()]).toEqual([OUTPUT_MARKER]);
  expect(leftovers()).toEqual([]);
});

test('when the final rename fails the previous output is restored (planted bug: old output removed before the swap)', async () => {
  const target = previousOutput();
  const before = readTree(target);
  // The staging directory vanishes after the build (a cleaner, a full disk): the rename into place fails.
  await expect(replaceDirectoryAtomically(target, (dir) => fs.rmSync(dir, { recursive: true }))).rejects.toMatchObject({ code: 'ENOENT' });
  expect(readTree(target)).toEqual(before);
  expect(leftovers()).toEqual([]);
});

test('a directory without the marker is refused before anything is built', async () => {
  const target = path.join(root, 'foreign');
  fs.mkdirSync(target);
  fs.writeFileSync(path.join(target, 'notes.txt'), 'mine');
  const build = jest.fn();
  await expect(replaceDirectoryAtomically(target, build)).rejects.toMatchObject({ lines: [expect.stringMatching(/was not written by paved/)] });
  expect(build).not.toHaveBeenCalled();
  expect(fs.readFileSync(path.join(target, 'notes.txt'), 'utf8')).toBe('mine');
});
