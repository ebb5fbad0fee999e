import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../config/load-config';
import { checkConfig } from '../../synth/check-config';
import { synthesizePlatform } from '../../synth/synthesize-platform';

/** Load and validate a config in this process; the modules are loaded first so only the work itself is timed. */
export function configLoadJob(args: { config: string; cacheDir: string }): { loadAndValidateMs: number } {
  const started = performance.now();
  checkConfig(loadConfig(args.config, process.cwd(), { cacheDir: args.cacheDir }));
  return { loadAndValidateMs: performance.now() - started };
}

/** A whole `paved synth`, phase by phase. */
export async function synthJob(args: { config: string; outDir: string; cacheDir: string }) {
  const started = performance.now();
  const loaded = loadConfig(args.config, process.cwd(), { cacheDir: args.cacheDir });
  const report = await synthesizePlatform({ loaded, loadMs: performance.now() - started, outDir: args.outDir });
  return {
    timings: report.timings,
    peakRssMb: report.peakRssMb,
    stacks: report.summary.terraform.stacks.length,
    resources: report.summary.terraform.resources,
    gitopsFiles: report.summary.gitops.files.length,
  };
}
