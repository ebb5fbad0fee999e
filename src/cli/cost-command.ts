import { synthesizeInfrastructure } from '@paved/platform-infra';
import { resolvePlatform, type ResolvedPlatform } from '@paved/shared-config';
import { COST_FLAGS } from './command-table';
import { type Command, parseOptions } from './commands';
import { DEFAULT_CONFIG } from './defaults';
import { UsageError } from './user-error';
import { makeWorkDir, removeWorkDir } from './work-dir';
import { loadConfig } from '../config/load-config';
import { resolveAssumptions } from '../cost/assumptions';
import { estimateCost } from '../cost/estimate-cost';
import { formatCostTable } from '../cost/format-cost';
import { PRICE_DATA_FILE } from '../cost/price-table';
import { AWS_PRICES } from '../cost/prices/aws-prices';
import { formatStageSplits, separateEnvironmentsConfig, stageCostSplits } from '../cost/stage-split';
import { TerraformCounts } from '../cost/terraform-counts';
import { checkConfig, checkEnvironmentFilter } from '../synth/check-config';

/** Synthesizes the config's Terraform into a temporary directory and estimates its monthly cost. */
export function costOf(configFile: string, cwd: string, environments?: readonly string[], keepCounts = false) {
  const loaded = loadConfig(configFile, cwd);
  const checked = checkConfig(loaded);
  if (environments) checkEnvironmentFilter(checked.config, loaded.displayPath, environments);
  const platform = resolvePlatform(checked.config);
  const { report, counts } = estimatePlatform(platform, environments);
  // Stages: each cluster's cost split between them, and what they would cost as environments of their own.
  if (platform.environments.some((e) => e.stages) && !environments) {
    const separate = estimatePlatform(resolvePlatform(separateEnvironmentsConfig(checked.config, platform))).report;
    const stages = stageCostSplits(platform, report, separate);
    return { loaded, platform, report: { ...report, stages }, counts: keepCounts ? counts : undefined };
  }
  return { loaded, platform, report, counts: keepCounts ? counts : undefined };
}

function estimatePlatform(platform: ResolvedPlatform, environments?: readonly string[]) {
  const work = makeWorkDir('cost');
  try {
    synthesizeInfrastructure(platform, { outdir: work, environments });
    const counts = new TerraformCounts(work);
    return { report: estimateCost({ platform, counts, prices: AWS_PRICES, assumptions: resolveAssumptions(), environments }), counts };
  } finally {
    removeWorkDir(work);
  }
}

export const costCommand: Command = {
  name: 'cost',
  async run(args, io) {
    const options = parseOptions('cost', args, COST_FLAGS);
    const format = options.format ?? 'table';
    if (format !== 'table' && format !== 'json') throw new UsageError(`paved cost: --format '${format}' is not one of table, json`);
    const { report } = costOf(options.config ?? DEFAULT_CONFIG, io.cwd, options.env);
    if (format === 'json') {
      io.out(JSON.stringify(report, null, 2));
    } else {
      const lines = formatCostTable(report);
      if (report.stages) lines.splice(lines.findIndex((l) => l.startsWith('total ')), 0, ...formatStageSplits(report.stages));
      lines.forEach((l) => io.out(l));
    }
    // A partial estimate is still an answer (exit 0); the table says so, and JSON readers get the note on stderr.
    if (report.partial && format === 'json') {
      const n = [...report.environments, report.platform].reduce((c, s) => c + s.unpriced.length, 0);
      io.err(`paved cost: ${n} line${n === 1 ? '' : 's'} not priced (see "unpriced"); totals are lower bounds. Add the prices to ${PRICE_DATA_FILE} with their sources.`);
    }
    return 0;
  },
};
