import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolvePlatform, type PlatformConfig } from '@paved/shared-config';
import example from '../platform.config';
import { DEFAULT_ASSUMPTIONS } from '../src/cost/assumptions';
import { AUTO_MODE_FEE_FRACTION, AUTO_MODE_SOURCES } from '../src/cost/auto-mode';
import { estimateCost } from '../src/cost/estimate-cost';
import { AWS_PRICES } from '../src/cost/prices/aws-prices';
import { TerraformCounts } from '../src/cost/terraform-counts';

/**
 * Issue 14: `paved cost` of an EKS Auto Mode environment shows the Auto Mode premium, a per-instance management fee on
 * top of EC2, estimated from the node sizing the environment declares (its profile's default node group, on demand).
 * In-process: no Terraform is synthesized (resource counts are zero), only the node lines are asserted.
 */
type Env = PlatformConfig['environments'][number];
function onAutoMode(env: Env): Env {
  const { nodeGroups: _dropped, ...cluster } = env.cluster ?? {};
  return { ...env, cluster: { ...cluster, compute: 'auto-mode' } };
}
const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-auto-cost-'));
afterAll(() => fs.rmSync(empty, { recursive: true, force: true }));
const estimate = (config: PlatformConfig) =>
  estimateCost({ platform: resolvePlatform(config), counts: new TerraformCounts(empty), prices: AWS_PRICES, assumptions: DEFAULT_ASSUMPTIONS });

describe('cost of EKS Auto Mode', () => {
  const auto = estimate({ ...example, environments: example.environments.map(onAutoMode) });
  const prod = auto.environments.find((e) => e.name === 'prod')!;

  test('prod: the nodes the production profile declares, on demand, plus the management fee (~12% of EC2)', () => {
    const ec2 = AWS_PRICES.sized('ec2', 'm6i.large', 'eu-west-1').usd;
    const nodes = prod.lines.find((l) => /^Auto Mode nodes \(assumed\): 3 x m6i\.large on-demand$/.test(l.item))!;
    const fee = prod.lines.find((l) => /^Auto Mode management fee: 3 x m6i\.large/.test(l.item))!;
    expect(nodes).toMatchObject({ component: 'nodes', quantity: 3 * 730, priceId: 'ec2:m6i.large' });
    expect(fee).toMatchObject({ component: 'nodes', quantity: 3 * 730, priceId: 'eks.auto-mode:m6i.large', priceBasis: 'derived' });
    expect(fee.unitPriceUsd).toBeCloseTo(ec2 * AUTO_MODE_FEE_FRACTION, 6);
    expect(fee.monthlyUsd).toBeCloseTo(3 * 730 * ec2 * 0.12, 2);
    expect(prod.lines.filter((l) => /node group|general:/.test(l.item))).toEqual([]);
    expect(prod.lines.find((l) => l.component === 'block-storage' && /Auto Mode nodes: 3 x 80 GiB/.test(l.item))).toBeDefined();
  });

  test('the report cites the sources of the fee', () => {
    expect(auto.priceTable.sources.map((s) => s.id)).toEqual(expect.arrayContaining(AUTO_MODE_SOURCES.map((s) => s.id)));
  });

  test('managed node groups (the default) carry no Auto Mode line and cite no Auto Mode source', () => {
    const managed = estimate(example);
    const lines = managed.environments.flatMap((e) => e.lines);
    expect(lines.filter((l) => l.priceId.startsWith('eks.auto-mode:') || /Auto Mode/.test(l.item))).toEqual([]);
    expect(managed.priceTable.sources.filter((s) => s.id.startsWith('eks-auto-mode'))).toEqual([]);
  });
});
