import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizeInfrastructure } from '@paved/platform-infra';
import { resolvePlatform } from '@paved/shared-config';
import { type Command, parseOptions } from './commands';
import { DEFAULT_CONFIG } from './defaults';
import { UsageError, UserError } from './user-error';
import { loadConfig } from '../config/load-config';
import { resolveAssumptions } from '../cost/assumptions';
import { estimateCost } from '../cost/estimate-cost';
import { formatCostTable } from '../cost/format-cost';
import { MissingPriceError } from '../cost/price-table';
import { AWS_PRICES } from '../cost/prices/aws-prices';
import { TerraformCounts } from '../cost/terraform-counts';
import { checkConfig, checkEnvironmentFilter } from '../synth/check-config';

/** Synthesizes the config's Terraform into a temporary directory and estimates its monthly cost. */
export function costOf(configFile: string, cwd: string, environments?: readonly string[], keepCounts = false) {
  const loaded = loadConfig(configFile, cwd);
  const checked = checkConfig(loaded);
  if (environments) checkEnvironmentFilter(checked.config, loaded.displayPath, environments);
  const platform = resolvePlatform(checked.config);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-cost-'));
  try {
    synthesizeInfrastructure(platform, { outdir: work, environments });
    const counts = new TerraformCounts(work);
    const report = estimateCost({ platform, counts, prices: AWS_PRICES, assumptions: resolveAssumptions(), environments });
    return { loaded, platform, report, counts: keepCounts ? counts : undefined };
  } catch (e) {
    if (e instanceof MissingPriceError) throw new UserError([`error: ${loaded.displayPath}: ${e.message}`]);
    throw e;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export const costCommand: Command = {
  name: 'cost',
  summary: 'Estimate the monthly AWS cost per environment and component',
  usage: 'paved cost [--config FILE] [--format table|json] [--env NAME ...]',
  async run(args, io) {
    const options = parseOptions('cost', args, { config: { type: 'string' }, format: { type: 'string' }, env: { type: 'string', multiple: true } });
    const format = options.format ?? 'table';
    if (format !== 'table' && format !== 'json') throw new UsageError(`paved cost: --format '${format}' is not one of table, json`);
    const { report } = costOf(options.config ?? DEFAULT_CONFIG, io.cwd, options.env);
    if (format === 'json') io.out(JSON.stringify(report, null, 2));
    else formatCostTable(report).forEach((l) => io.out(l));
    return 0;
  },
};
