import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchRow, BenchTarget } from '../bench-target';
import { generatedConfigSource } from '../generate-platform';
import type { GitopsJobResult } from '../jobs/gitops-jobs';
import { measureInChild } from '../measure';
import { marginalGrowth, type SizedRun } from '../stats';

/**
 * Issue 4: GitOps synthesis of the example under 1 s; of 300 services x 3 environments under 10 s and 1 GB, growing
 * linearly (the marginal render cost per service between the two largest sizes is compared with that between the two
 * smallest: see `marginalGrowth`).
 */
export const gitopsTarget: BenchTarget = {
  name: 'gitops',
  description: 'cdk8s GitOps synthesis (app-of-apps, add-ons, services) of the example and of generated platforms',
  async run({ root, tmpDir, sizes, log }) {
    const measure = async (config: string, label: string) => {
      log(`gitops: ${label}`);
      const outDir = path.join(tmpDir, `gitops-${path.basename(config)}`);
      const m = await measureInChild<GitopsJobResult>('bench/jobs/gitops-jobs.js', 'gitopsSynthJob', { config, outDir }, { cwd: root });
      fs.rmSync(outDir, { recursive: true, force: true });
      return m;
    };
    const example = await measure(path.join(root, 'platform.config.ts'), 'example');
    const rows: BenchRow[] = [
      {
        label: 'gitops synth, example x 3 envs',
        wallMs: example.wallMs,
        peakRssMb: example.peakRssMb,
        phases: { 'load modules and config': example.result.requireMs, 'render': example.result.renderMs },
        budget: { wallMs: 1000 },
        note: `${example.result.files} files`,
      },
    ];
    const renders: SizedRun[] = [];
    for (const n of sizes) {
      const config = path.join(tmpDir, `gitops-platform-${n}.config.ts`);
      fs.writeFileSync(config, generatedConfigSource(n));
      const m = await measure(config, `${n} services`);
      renders.push({ n, ms: m.result.renderMs });
      rows.push({
        label: `gitops synth, ${n} services x 3 envs`,
        wallMs: m.wallMs,
        peakRssMb: m.peakRssMb,
        phases: { 'load modules and config': m.result.requireMs, 'render': m.result.renderMs },
        budget: n >= 300 ? { wallMs: 10_000, peakRssMb: 1024 } : undefined,
        note: `${m.result.files} files, ${(m.result.renderMs / n).toFixed(1)} ms per service`,
      });
    }
    const growth = marginalGrowth(renders);
    if (growth) {
      const sorted = [...renders].sort((a, b) => a.n - b.n);
      const [small, mid, prev, large] = [sorted[0], sorted[1], sorted[sorted.length - 2], sorted[sorted.length - 1]];
      rows.push({
        label: `gitops render cost per added service, ${prev.n}->${large.n} vs ${small.n}->${mid.n} services`,
        wallMs: growth.lateMs,
        // Linear growth: an added service must cost at most twice as much at the large end as at the small end.
        versus: { label: `${small.n}->${mid.n} services (${growth.earlyMs.toFixed(1)} ms per added service)`, ratio: growth.ratio, minRatio: 0.5 },
      });
    } else if (renders.length > 0) {
      log(`gitops: linearity not judged: it needs three sizes or more (--sizes ${sizes.join(',')})`);
    }
    return rows;
  },
};
