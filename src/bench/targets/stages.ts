import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchRow, BenchTarget } from '../bench-target';
import { generatedStagedConfigSource } from '../generate-staged-platform';
import type { GitopsJobResult } from '../jobs/gitops-jobs';
import { measureInChild } from '../measure';
import { marginalGrowth, medianRun, type SizedRun } from '../stats';

/** Stages per cluster measured for linearity (2 clusters: 2, 4 and 10 stages); the largest is the budgeted row. */
const STAGES_PER_CLUSTER = [1, 2, 5];
/** Runs per size, judged on the median (a single run is noisy on two cores). */
const RUNS = 3;
/**
 * The time budget of the 300 services x 3 environments GitOps row (`targets/gitops.ts`: 10 s for 900 service
 * instances), per service instance: a stage must cost no more to render than an environment of its own.
 */
const WALL_MS_PER_INSTANCE = 10_000 / 900;
/** The memory budget of that row, unscaled: manifests are written file by file, memory need not grow with stages. */
const PEAK_RSS_MB = 1024;

/**
 * Issue 17: the 300-service GitOps render with 10 stages on 2 clusters stays within the 300 x 3 time budget scaled to
 * its 3,000 service instances (33.3 s) and the same 1 GB, and grows linearly with the number of stages (marginal cost per added stage between the
 * two smallest stage counts against that between the two largest: see `marginalGrowth`).
 */
export const stagesTarget: BenchTarget = {
  name: 'stages',
  description: 'cdk8s GitOps synthesis of generated platforms with stages (services x stages on 2 clusters)',
  async run({ root, tmpDir, sizes, log }) {
    const services = Math.max(...sizes);
    const rows: BenchRow[] = [];
    const renders: SizedRun[] = [];
    for (const perCluster of STAGES_PER_CLUSTER) {
      const stages = perCluster * 2;
      const config = path.join(tmpDir, `stages-${services}x${stages}.config.ts`);
      fs.writeFileSync(config, generatedStagedConfigSource(services, perCluster));
      const runs: { wallMs: number; peakRssMb: number; result: GitopsJobResult }[] = [];
      for (let i = 0; i < RUNS; i++) {
        log(`stages: ${services} services x ${stages} stages (${i + 1}/${RUNS})`);
        const outDir = path.join(tmpDir, `stages-out-${stages}-${i}`);
        runs.push(await measureInChild<GitopsJobResult>('bench/jobs/gitops-jobs.js', 'gitopsSynthJob', { config, outDir }, { cwd: root }));
        fs.rmSync(outDir, { recursive: true, force: true });
      }
      // The median of the render phase for linearity, the median whole run for the budget.
      const renderMs = medianRun(runs.map((r) => ({ wallMs: r.result.renderMs }))).wallMs;
      renders.push({ n: stages, ms: renderMs });
      const m = medianRun(runs);
      const instances = services * stages;
      rows.push({
        label: `gitops synth, ${services} services x ${stages} stages on 2 clusters`,
        wallMs: m.wallMs,
        peakRssMb: m.peakRssMb,
        phases: { 'load modules and config': m.result.requireMs, 'render': m.result.renderMs },
        budget: perCluster === STAGES_PER_CLUSTER[STAGES_PER_CLUSTER.length - 1]
          ? { wallMs: Math.round(WALL_MS_PER_INSTANCE * instances), peakRssMb: PEAK_RSS_MB }
          : undefined,
        note: `${m.result.files} files, ${(m.result.renderMs / instances).toFixed(2)} ms per service instance (median of ${RUNS})`,
      });
    }
    const growth = marginalGrowth(renders);
    if (growth) {
      const sorted = [...renders].sort((a, b) => a.n - b.n);
      const [small, mid, prev, large] = [sorted[0], sorted[1], sorted[sorted.length - 2], sorted[sorted.length - 1]];
      rows.push({
        label: `stages render cost per added stage, ${prev.n}->${large.n} vs ${small.n}->${mid.n} stages`,
        wallMs: growth.lateMs,
        // Linear growth, as the gitops row: an added stage may cost at most twice as much at the large end.
        versus: { label: `${small.n}->${mid.n} stages (${growth.earlyMs.toFixed(0)} ms per added stage)`, ratio: growth.ratio, minRatio: 0.5 },
      });
    }
    return rows;
  },
};
