import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTree, ROOT, runPaved, tempDir } from './support/run-paved';
import { OWNERSHIP_MARKER, readOwnership, recoverInterrupted } from '../src/synth/atomic-output';

/** Paved writes only into directories it created, never deletes a file it did not write, and survives kill -9. */
const dir = tempDir('paved-safety-');
const CLI = path.join(ROOT, 'lib', 'cli', 'main.js');
const plant = (target: string, files: Record<string, string>) => {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    fs.writeFileSync(path.join(target, file), content);
  }
};
const temporaries = () => fs.readdirSync(dir).filter((f) => f.startsWith('.paved-tmp-'));

describe('foreign directories are refused with one line, nothing deleted', () => {
  test.each([
    ['synth', { 'notes.txt': 'mine' }],
    ['synth', { 'summary.json': '{}', 'terraform/keep.tf': 'mine' }],
    ['docs', { 'index.md': '# mine', 'notes.md': 'mine' }],
  ])('paved %s --out a folder holding %j', (command, files) => {
    const target = path.join(dir, `foreign-${command}-${Object.keys(files).length}`);
    plant(target, files);
    const before = readTree(target);
    const run = runPaved([command, '--out', target, '--env', 'dev'].slice(0, command === 'synth' ? 5 : 3));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `error: --out ${target}: is not empty and was not written by paved (no ${OWNERSHIP_MARKER}); refusing to replace it ` +
        `(choose a new or empty directory, or move ${path.basename(target)} away yourself)\n`,
    );
    expect(readTree(target)).toEqual(before);
  });
});

test('paved docs keeps files it did not write and owns cost.json and cost.txt (planted bug: the default output lost them)', () => {
  const target = path.join(dir, 'platform-docs');
  fs.cpSync(path.join(ROOT, 'docs', 'platform'), target, { recursive: true });
  plant(target, { 'notes.md': 'mine', 'team/oncall.md': 'mine' });
  const run = runPaved(['docs', '--out', target]);
  expect(run.status).toBe(0);
  expect(readOwnership(target)).toEqual(readOwnership(path.join(ROOT, 'docs', 'platform')));
  for (const file of ['notes.md', 'team/oncall.md']) expect(fs.readFileSync(path.join(target, file), 'utf8')).toBe('mine');
  for (const file of ['cost.json', 'cost.txt', 'index.md']) expect(fs.existsSync(path.join(target, file))).toBe(true);
  expect(temporaries()).toEqual([]);
});

test('kill -9 at random points of a synth always leaves the old or the new output, and the next run no temporary', async () => {
  const target = path.join(dir, 'out');
  const synth = ['synth', '--out', target, '--env', 'dev', '--no-timings'];
  const firstStarted = Date.now();
  const first = runPaved(synth);
  expect(first.status).toBe(0);
  // Kills spread over a whole run on this machine: start-up, build, the swap, and sometimes after the end.
  const runMs = Date.now() - firstStarted;
  plant(target, { 'notes.txt': 'mine' });
  const reference = readTree(target);
  for (let i = 0; i < 5; i++) {
    const child = spawn(process.execPath, [CLI, ...synth], { cwd: ROOT, env: { ...process.env, INIT_CWD: ROOT }, stdio: 'ignore' });
    const delay = Math.round(Math.random() * runMs * 1.1);
    const timer = setTimeout(() => child.kill('SIGKILL'), delay);
    await new Promise((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    // What the next run does first.
    recoverInterrupted(target);
    expect({ i, delay, tree: readTree(target) }).toEqual({ i, delay, tree: reference });
    expect(temporaries()).toEqual([]);
  }
  const last = runPaved(synth);
  expect(last.status).toBe(0);
  expect(readTree(target)).toEqual(reference);
  expect(temporaries()).toEqual([]);
}, 120_000);
