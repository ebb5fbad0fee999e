import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PhaseTimings } from '../../synth/summary';
import type { BenchRow, BenchTarget } from '../bench-target';
import { generatedConfigSource } from '../generate-platform';
import { measureInChild } from '../measure';

interface SynthResult {
  readonly timings: PhaseTimings;
  readonly peakRssMb: Record<string, number>;
  readonly stacks: number;
  readonly resources: number;
  readonly gitopsFiles: number;
}

/** Issue 2: the whole `paved synth` by phase for generated platforms of N services, in a fresh process each. */
export const synthTarget: BenchTarget = {
  name: 'synth',
  description: 'paved synth of generated platforms (3 environments, N services): phases and peak memory',
  async run({ root, tmpDir, sizes, log }) {
    const rows: BenchRow[] = [];
    const cacheDir = path.join(tmpDir, 'synth-cache');
    for (const n of sizes) {
      const config = path.join(tmpDir, `platform-${n}.config.ts`);
      fs.writeFileSync(config, generatedConfigSource(n));
      // The first run warms the transpile cache and the file system; the second is reported.
      for (const pass of ['warm-up', 'measured']) {
        log(`synth: ${n} services (${pass})`);
        const outDir = path.join(tmpDir, `out-${n}-${pass}`);
        const m = await measureInChild<SynthResult>('bench/jobs/synth-jobs.js', 'synthJob', { config, outDir, cacheDir }, { cwd: root });
        fs.rmSync(outDir, { recursive: true, force: true });
        if (pass === 'warm-up') continue;
        const t = m.result.timings;
        rows.push({
          label: `paved synth, ${n} services x 3 envs`,
          wallMs: m.wallMs,
          peakRssMb: m.peakRssMb,
          phases: { load: t.loadMs, validate: t.validateMs, infra: t.infraMs, gitops: t.gitopsMs, write: t.writeMs },
          note: `peak RSS after each phase (MB): ${Object.entries(m.result.peakRssMb).map(([k, v]) => `${k} ${v}`).join(', ')}; ${m.result.stacks} stacks, ${m.result.resources} resources, ${m.result.gitopsFiles} GitOps files; wall includes loading cdktf and cdk8s`,
        });
      }
    }
    return rows;
  },
};
