import * as path from 'node:path';
import type { BenchContext, BenchRow, BenchTarget } from '../bench-target';
import { packBlueprint, projenNew, SAMPLE_SERVICE } from '../jobs/blueprint-jobs';

const RUNS = 3;

/**
 * `projen new paved-service --from <tarball> --no-post`: the time a team waits for a new service repository, without
 * the final dependency install (issue 5: under 10 s). projen itself and the blueprint tarball are still installed into
 * the new directory, as `projen new --from` always does; the npm cache is warmed by one untimed run first.
 */
export const blueprintTarget: BenchTarget = {
  name: 'blueprint',
  description: 'projen new of a Paved service repository from the packed service blueprint (without the final install)',
  async run(context: BenchContext): Promise<BenchRow[]> {
    context.log('blueprint: building and packing @paved/service-blueprint (jsii)');
    const pack = await packBlueprint(context.root, path.join(context.tmpDir, 'blueprint'));
    const newRepo = (i: number) =>
      projenNew({ root: context.root, tarball: pack.tarball, dir: path.join(context.tmpDir, `run-${i}`, SAMPLE_SERVICE.name), install: false });
    context.log('blueprint: warm-up projen new (untimed)');
    await newRepo(0);
    const walls: number[] = [];
    for (let i = 1; i <= RUNS; i++) {
      const result = await newRepo(i);
      walls.push(result.wallMs);
      context.log(`blueprint: projen new run ${i}/${RUNS}: ${(result.wallMs / 1000).toFixed(2)} s`);
    }
    const sorted = [...walls].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    return [
      {
        label: 'blueprint build + pack (jsii, jsii-pacmak)',
        wallMs: pack.compileMs + pack.packMs,
        phases: { compile: pack.compileMs, pack: pack.packMs },
      },
      {
        label: `projen new paved-service --no-post (median of ${RUNS})`,
        wallMs: median,
        budget: { wallMs: 10_000 },
        note: `runs: ${walls.map((w) => (w / 1000).toFixed(2) + ' s').join(', ')}; includes installing projen and the tarball into the new directory`,
      },
    ];
  },
};
