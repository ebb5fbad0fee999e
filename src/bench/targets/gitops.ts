import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchRow, BenchTarget } from '../bench-target';
import { generatedConfigSource } from '../generate-platform';
import type { GitopsJobResult } from '../jobs/gitops-jobs';
import { measureInChild } from '../measure';

/**
 * Issue 4: GitOps synthesis of the example under 1 s; of 300 services x 3 environments under 10 s and 1 GB, growing
 * linearly (the time per service of the largest size is compared with that of the smallest).
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
    const perService: { n: number; ms: number }[] = [];
    for (const n of sizes) {
      const config = path.join(tmpDir, `gitops-platform-${n}.config.ts`);
      fs.writeFileSync(config, generatedConfigSource(n));
      const m = await measure(config, `${n} services`);
      perService.push({ n, ms: m.result.renderMs / n });
      rows.push({
        label: `gitops synth, ${n} services x 3 envs`,
        wallMs: m.wallMs,
        peakRssMb: m.peakRssMb,
        phases: { 'load modules and config': m.result.requireMs, 'render': m.result.renderMs },
        budget: n >= 300 ? { wallMs: 10_000, peakRssMb: 1024 } : undefined,
        note: `${m.result.files} files, ${(m.result.renderMs / n).toFixed(1)} ms per service`,
      });
    }
    if (perService.length >= 2) {
      const small = perService[0];
      const large = perService[perService.length - 1];
      rows.push({
        label: `gitops render time per service, ${large.n} vs ${small.n} services`,
        wallMs: large.ms,
        // Linear growth: the per-service cost at the largest size must not exceed twice that at the smallest.
        versus: { label: `${small.n} services (${small.ms.toFixed(1)} ms per service)`, ratio: small.ms / large.ms, minRatio: 0.5 },
      });
    }
    return rows;
  },
};
