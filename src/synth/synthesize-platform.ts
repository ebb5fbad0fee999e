import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { synthesizeGitops } from '@paved/gitops-apps';
import { synthesizeInfrastructure } from '@paved/platform-infra';
import { resolvePlatform } from '@paved/shared-config';
import { replaceDirectoryAtomically, SUMMARY_FILE } from './atomic-output';
import { checkConfig, checkEnvironmentFilter } from './check-config';
import { buildSummary, type PhaseTimings, type SynthSummary } from './summary';
import { catalogOutputFiles } from '../catalog/catalog-output';
import { checkOutput, refuseFailingOutput } from '../check/check-output';
import type { LoadedConfig } from '../config/load-config';

export interface SynthRequest {
  readonly loaded: LoadedConfig;
  /** Milliseconds it took to load the config (measured by the caller, which did the loading). */
  readonly loadMs: number;
  readonly outDir: string;
  /** @default - every environment */
  readonly environments?: readonly string[];
  /** @default true */
  readonly timings?: boolean;
  /**
   * Run `paved check` over the output and refuse to write it when it fails.
   * @default true
   */
  readonly checks?: boolean;
}

export interface SynthReport {
  readonly summary: SynthSummary;
  readonly timings: PhaseTimings;
  /** Peak resident memory of the process at the end of each phase (MB); monotonic by nature. */
  readonly peakRssMb: Readonly<Record<'load' | 'validate' | 'infra' | 'gitops' | 'write', number>>;
  readonly warningLines: readonly string[];
}

/** One turn of the event loop, where pending signal handlers run. */
const yieldToSignals = () => new Promise<void>((resolve) => setImmediate(resolve));
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * validate → resolve → Terraform → GitOps → summary, built in a staging directory that replaces `outDir` only when
 * everything succeeded.
 */
export async function synthesizePlatform(request: SynthRequest): Promise<SynthReport> {
  const started = performance.now() - request.loadMs;
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - mark;
    mark = now;
    return Math.round(ms);
  };

  const memory = { load: peakRssMb(), validate: 0, infra: 0, gitops: 0, write: 0 };
  const checked = checkConfig(request.loaded);
  const selected = request.environments?.length ? request.environments : checked.config.environments.map((e) => e.name);
  checkEnvironmentFilter(checked.config, request.loaded.displayPath, selected);
  const platform = resolvePlatform(checked.config);
  const validateMs = lap();
  memory.validate = peakRssMb();

  const built = await replaceDirectoryAtomically(request.outDir, async (staging) => {
    mark = performance.now();
    const infra = synthesizeInfrastructure(platform, { outdir: path.join(staging, 'terraform'), environments: selected });
    const infraMs = lap();
    memory.infra = peakRssMb();
    // The phases are synchronous: between them, a Ctrl-C that arrived meanwhile gets its turn (see cli/main.ts).
    await yieldToSignals();
    mark = performance.now();
    const gitops = synthesizeGitops(platform, { outdir: path.join(staging, 'gitops'), environments: selected });
    // The Backstage catalog of the same platform (milliseconds: counted in the gitops phase, no phase of its own).
    fs.mkdirSync(path.join(staging, 'catalog'));
    for (const f of catalogOutputFiles(platform)) fs.writeFileSync(path.join(staging, 'catalog', f.path), f.content);
    const gitopsMs = lap();
    memory.gitops = peakRssMb();
    await yieldToSignals();
    const partial = { loadMs: Math.round(request.loadMs), validateMs, infraMs, gitopsMs };
    const summary = buildSummary({
      platform,
      environments: selected,
      configHash: request.loaded.hash,
      stacks: infra.stacks,
      gitopsFiles: gitops.files,
      warnings: checked.warningLines,
      // summary.json can only record the time up to its own write; the returned report adds the write phase.
      timings: request.timings === false ? undefined : { ...partial, totalMs: Math.round(performance.now() - started) },
    });
    fs.writeFileSync(path.join(staging, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
    // The guardrails see the output exactly as written; a failure discards the staging directory (counted in write).
    // The manifests are handed over as written, not parsed back (parsing YAML would dominate synth time at scale).
    if (request.checks !== false) {
      refuseFailingOutput(checkOutput(staging, platform.waivers, undefined, gitops.documents), request.loaded.displayPath);
    }
    return { summary, partial };
  });
  const writeMs = lap();
  memory.write = peakRssMb();
  const timings: PhaseTimings = { ...built.partial, writeMs, totalMs: Math.round(performance.now() - started) };
  return { summary: built.summary, timings, peakRssMb: memory, warningLines: checked.warningLines };
}
