import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './support/run-paved';
import { makeWorkDir, removeWorkDir, removeWorkDirs, sweepWorkDirs } from '../src/cli/work-dir';

/** Scratch directories (check, cost, diff, destroy) do not pile up when runs are killed. */
const parent = tempDir('paved-workdirs-');
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

test('a killed run\'s scratch directory is removed by the next run; running ones and foreign names are kept', () => {
  const dead = path.join(parent, `paved-cost-${deadPid()}-AbC123`);
  const running = path.join(parent, `paved-cost-${process.ppid}-XyZ789`);
  const foreign = path.join(parent, 'paved-notes');
  for (const dir of [dead, running, foreign]) fs.mkdirSync(dir);
  const mine = makeWorkDir('check', parent);
  expect(path.basename(mine)).toMatch(new RegExp(`^paved-check-${process.pid}-\\w{6}$`));
  expect(fs.readdirSync(parent).sort()).toEqual([path.basename(mine), path.basename(running), 'paved-notes'].sort());
  removeWorkDir(mine);
  expect(sweepWorkDirs(parent)).toEqual([]);
  expect(fs.existsSync(running)).toBe(true);
});

test('an interrupt removes every scratch directory of the process', () => {
  const a = makeWorkDir('diff', parent);
  const b = makeWorkDir('check', parent);
  removeWorkDirs();
  expect([fs.existsSync(a), fs.existsSync(b)]).toEqual([false, false]);
});
