import { synthesizeInfrastructure } from '@paved/platform-infra';
import { resolvePlatform } from '@paved/shared-config';
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
import { TerraformCounts } from '../cost/terraform-counts';
import { checkConfig, checkEnvironmentFilter } from '../synth/check-config';

/** Synthesizes the config's Terraform into a temporary directory and estimates its monthly cost. */
export function costOf(configFile: string, cwd: string, environments?: readonly string[], keepCounts = false) {
  const loaded = loadConfig(configFile, cwd);
  const checked = checkConfig(loaded);
  if (environments) checkEnvironmentFilter(checked.config, loaded.displayPath, environments);
  const platform = resolvePlatform(checked.config);
  const work = makeWorkDir('cost');
  try {
    synthesizeInfrastructure(platform, { outdir: work, environments });
    const counts = new TerraformCounts(work);
    const report = estimateCost({ platform, counts, prices: AWS_PRICES, assumptions: resolveAssumptions(), environments });
    return { loaded, platform, report, counts: keepCounts ? counts : undefined };
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
    if (format === 'json') io.out(JSON.stringify(report, null, 2));
    else formatCostTable(report).forEach((l) => io.out(l));
    // A partial estimate is still an answer (exit 0); the table says so, and JSON readers get the note on stderr.
    if (report.partial && format === 'json') {
      const n = [...report.environments, report.platform].reduce((c, s) => c + s.unpriced.length, 0);
      io.err(`paved cost: ${n} line${n === 1 ? '' : 's'} not priced (see "unpriced"); totals are lower bounds. Add the prices to ${PRICE_DATA_FILE} with their sources.`);
    }
    return 0;
  },
};
