import * as path from 'node:path';
import type { BenchContext, BenchRow, BenchTarget } from '../bench-target';
import { packBlueprint, projenNew, SAMPLE_SERVICE, SAMPLE_STATIC_SITE } from '../jobs/blueprint-jobs';

const RUNS = 3;

/** Every project type of the blueprint, with the flags of its sample. */
const PROJECT_TYPES = [
  { name: 'paved-service', flags: SAMPLE_SERVICE.flags },
  { name: 'paved-python-service', flags: SAMPLE_SERVICE.flags },
  { name: 'paved-static-site', flags: SAMPLE_STATIC_SITE.flags },
] as const;

/**
 * `projen new <type> --from <tarball> --no-post` for each project type: the time a team waits for a new repository, without
 * the final dependency install (issue 5: under 10 s). projen itself and the blueprint tarball are still installed into
 * the new directory, as `projen new --from` always does; the npm cache is warmed by one untimed run first.
 */
export const blueprintTarget: BenchTarget = {
  name: 'blueprint',
  description: 'projen new of each Paved project type from the packed service blueprint (without the final install)',
  async run(context: BenchContext): Promise<BenchRow[]> {
    context.log('blueprint: building and packing @paved/service-blueprint (jsii)');
    const pack = await packBlueprint(context.root, path.join(context.tmpDir, 'blueprint'));
    const rows: BenchRow[] = [
      {
        label: 'blueprint build + pack (jsii, jsii-pacmak)',
        wallMs: pack.compileMs + pack.packMs,
        phases: { compile: pack.compileMs, pack: pack.packMs },
      },
    ];
    for (const type of PROJECT_TYPES) {
      const newRepo = (i: number) => projenNew({
        root: context.root,
        tarball: pack.tarball,
        dir: path.join(context.tmpDir, type.name, `run-${i}`, SAMPLE_SERVICE.name),
        install: false,
        projectType: type.name,
        flags: type.flags,
      });
      context.log(`blueprint: warm-up projen new ${type.name} (untimed)`);
      await newRepo(0);
      const walls: number[] = [];
      for (let i = 1; i <= RUNS; i++) {
        const result = await newRepo(i);
        walls.push(result.wallMs);
        context.log(`blueprint: projen new ${type.name} run ${i}/${RUNS}: ${(result.wallMs / 1000).toFixed(2)} s`);
      }
      const sorted = [...walls].sort((x, y) => x - y);
      rows.push({
        label: `projen new ${type.name} --no-post (median of ${RUNS})`,
        wallMs: sorted[Math.floor(sorted.length / 2)],
        budget: { wallMs: 10_000 },
        note: `runs: ${walls.map((w) => (w / 1000).toFixed(2) + ' s').join(', ')}; includes installing projen and the tarball into the new directory`,
      });
    }
    return rows;
  },
};
