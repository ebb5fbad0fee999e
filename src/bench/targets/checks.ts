import * as path from 'node:path';
import { loadConfig } from '../../config/load-config';
import { synthesizePlatform } from '../../synth/synthesize-platform';
import type { BenchTarget } from '../bench-target';
import type { CheckJobResult } from '../jobs/check-jobs';
import { measureInChild } from '../measure';

/** Issue 6: checks over the example output under 300 ms, next to merely reading and parsing that output. */
export const checksTarget: BenchTarget = {
  name: 'checks',
  description: 'paved check over the synthesized example (every rule), vs reading and parsing the output only',
  async run({ root, tmpDir, log }) {
    const outDir = path.join(tmpDir, 'checks-out');
    await synthesizePlatform({ loaded: loadConfig(path.join(root, 'platform.config.ts'), root), loadMs: 0, outDir, timings: false, checks: false });
    const best = async (rulesToo: boolean) => {
      let winner: { wallMs: number; peakRssMb: number; result: CheckJobResult } | undefined;
      for (let i = 0; i < 3; i++) {
        log(`checks: ${rulesToo ? 'read + rules' : 'read only'} (${i + 1}/3)`);
        const m = await measureInChild<CheckJobResult>('bench/jobs/check-jobs.js', 'checkJob', { outDir, rulesToo }, { cwd: root });
        if (!winner || m.result.readMs + m.result.checkMs < winner.result.readMs + winner.result.checkMs) winner = m;
      }
      return winner!;
    };
    const readOnly = await best(false);
    const full = await best(true);
    const r = full.result;
    return [
      { label: 'read + parse the example output (baseline)', wallMs: readOnly.result.readMs, peakRssMb: readOnly.peakRssMb },
      {
        label: 'paved check, example output',
        wallMs: r.readMs + r.checkMs,
        peakRssMb: full.peakRssMb,
        phases: { read: r.readMs, rules: r.checkMs },
        budget: { wallMs: 300 },
        versus: { label: 'reading only', ratio: readOnly.result.readMs / (r.readMs + r.checkMs) },
        note: `${r.rules} rules over ${r.resources} resources and ${r.documents} manifests; module loading excluded (${Math.round(full.wallMs - r.readMs - r.checkMs)} ms)`,
      },
    ];
  },
};
