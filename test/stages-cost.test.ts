import * as path from 'node:path';
import { resolvePlatform } from '@paved/shared-config';
import example from '../platform.config';
import { costOf } from '../src/cli/cost-command';
import type { CostReport } from '../src/cost/cost-report';
import { formatStageSplits, splitCluster, stageCostSplits } from '../src/cost/stage-split';

/** Issue 17: `paved cost` splits each shared cluster's cost between its stages, and prices the separate layout. */
const ROOT = path.resolve(__dirname, '..');
const { report, platform } = costOf(path.join(ROOT, 'examples', 'stages', 'platform.config.ts'), ROOT);
const cents = (n: number) => Math.round(n * 100);

test("each cluster's cost is split between its stages and adds up to the cluster's total, to the cent", () => {
  expect(report.stages!.map((s) => s.host)).toEqual(['dev', 'prod']);
  for (const split of report.stages!) {
    const env = report.environments.find((e) => e.name === split.host)!;
    expect(split.totalUsd).toBe(env.totalUsd);
    expect(split.shares.reduce((n, s) => n + cents(s.monthlyUsd), 0)).toBe(cents(env.totalUsd));
    for (const share of split.shares) expect(share.monthlyUsd).toBeGreaterThan(0);
  }
  const dev = report.stages!.find((s) => s.host === 'dev')!;
  expect(dev.shares.map((s) => s.name)).toEqual(['shared-dev', 'preprod-dev', 'preview-dev', 'mainnet-dev', 'preprod-nightly', 'preview-nightly']);
  // Same requests, same share; fewer requests, a smaller one.
  const share = (name: string) => dev.shares.find((s) => s.name === name)!;
  expect(share('preprod-dev').monthlyUsd).toBe(share('mainnet-dev').monthlyUsd);
  expect(share('preview-nightly').monthlyUsd).toBeLessThan(share('preview-dev').monthlyUsd);
  expect(share('preprod-dev')).toMatchObject({ cpu: 1.6, memoryGiB: 3.125 });
});

test('the stages cost less on one cluster than as separate environments, and the table says by how much', () => {
  for (const split of report.stages!) expect(split.separateUsd!).toBeGreaterThan(split.totalUsd);
  const lines = formatStageSplits(report.stages!);
  expect(lines).toContainEqual(expect.stringMatching(/^stages on dev: its \$[\d,.]+ per month split by requested CPU and memory/));
  expect(lines).toContainEqual(expect.stringMatching(/^ {2}as 6 separate environments: \$[\d,.]+ per month; one cluster saves \$[\d,.]+ \(\d+%\)$/));
});

test('a platform without stages has no split (its report is unchanged)', () => {
  const plain = resolvePlatform(example);
  const fake = { environments: plain.environments.map((e) => ({ name: e.name, totalUsd: 100 })) } as unknown as CostReport;
  expect(stageCostSplits(plain, fake)).toEqual([]);
  expect(platform.environments.every((e) => e.stages)).toBe(true);
});

test('an uneven split still adds up: the last share takes the rounding', () => {
  const dev = platform.environments.find((e) => e.name === 'dev')!;
  const split = splitCluster(dev, 100.01);
  expect(split.shares.reduce((n, s) => n + cents(s.monthlyUsd), 0)).toBe(10001);
});
