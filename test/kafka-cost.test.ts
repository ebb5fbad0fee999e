import { synthesizeInfrastructure } from '@paved/platform-infra';
import { type PlatformConfig, resolvePlatform } from '@paved/shared-config';
import example from '../platform.config';
import { tempDir } from './support/run-paved';
import { resolveAssumptions } from '../src/cost/assumptions';
import { estimateCost } from '../src/cost/estimate-cost';
import { AWS_PRICES } from '../src/cost/prices/aws-prices';
import { REGION_MULTIPLIERS } from '../src/cost/prices/region-multipliers';
import { TerraformCounts } from '../src/cost/terraform-counts';

// Issue 16: `paved cost` prices MSK: serverless by cluster-hour and partition-hour, provisioned by broker-hour and storage.
const config: PlatformConfig = {
  ...example,
  environments: example.environments.map((e) =>
    e.name === 'dev' ? { ...e, data: { ...e.data, kafka: { mode: 'serverless' } } }
      : e.name === 'prod' ? { ...e, data: { ...e.data, kafka: { mode: 'provisioned', storageGiB: 200 } } } : e),
  services: (example.services ?? []).map((s) =>
    s.name === 'worker' ? { ...s, dependsOn: [...(s.dependsOn ?? []), 'kafka'], kafka: { topics: ['orders', 'payments'] } } : s),
};
const platform = resolvePlatform(config);
const work = tempDir('paved-kafka-cost-');
synthesizeInfrastructure(platform, { outdir: work, environments: ['dev', 'prod'] });
const report = estimateCost({ platform, counts: new TerraformCounts(work), prices: AWS_PRICES, assumptions: resolveAssumptions(), environments: ['dev', 'prod'] });
const lines = (env: string) => report.environments.find((e) => e.name === env)!.lines.filter((l) => l.component === 'kafka');

test('the us-east-1 MSK prices name their sources and bases', () => {
  expect(AWS_PRICES.regional('msk.serverless.cluster', 'us-east-1')).toMatchObject({ usd: 0.75, basis: 'published', sources: ['msk-serverless-gist'] });
  expect(AWS_PRICES.regional('msk.serverless.partition', 'us-east-1')).toMatchObject({ usd: 0.0015, basis: 'published', sources: ['msk-serverless-gist'] });
  expect(AWS_PRICES.regional('msk.storage', 'us-east-1')).toMatchObject({ usd: 0.1, basis: 'list-price', unit: 'GiB-month' });
  expect(AWS_PRICES.sized('msk', 'kafka.m7g.large', 'us-east-1')).toMatchObject({ usd: 0.204, basis: 'list-price', service: 'Amazon MSK' });
});

test('other regions derive MSK prices with their multipliers (serverless: compute; brokers: managed-service)', () => {
  const m = REGION_MULTIPLIERS['eu-west-1'];
  expect(AWS_PRICES.regional('msk.serverless.cluster', 'eu-west-1')).toMatchObject({ usd: Math.round(0.75 * m.compute * 1e6) / 1e6, basis: 'derived' });
  expect(AWS_PRICES.sized('msk', 'kafka.t3.small', 'eu-west-1')).toMatchObject({ usd: Math.round(0.0456 * m.managed * 1e6) / 1e6, basis: 'derived' });
  for (const region of Object.keys(REGION_MULTIPLIERS)) {
    expect(() => AWS_PRICES.regional('msk.serverless.partition', region)).not.toThrow();
    expect(() => AWS_PRICES.sized('msk', 'kafka.m5.large', region)).not.toThrow();
  }
});

test('serverless: one cluster-hour per hour, and the named topics x the assumed partitions', () => {
  const region = platform.environments.find((e) => e.name === 'dev')!.region;
  const [partitions, cluster] = lines('dev'); // sorted by item
  expect(cluster).toMatchObject({ item: 'MSK Serverless cluster', quantity: 730, priceId: 'msk.serverless.cluster' });
  expect(cluster.monthlyUsd).toBeCloseTo(730 * AWS_PRICES.regional('msk.serverless.cluster', region).usd, 2);
  expect(partitions).toMatchObject({ item: '2 topics x 3 partitions (assumption)', quantity: 730 * 6, priceId: 'msk.serverless.partition' });
});

test('provisioned: brokers x instance-hours and brokers x storage', () => {
  expect(lines('prod').map((l) => [l.item, l.quantity, l.priceId])).toEqual([
    ['3 x 200 GiB broker storage', 600, 'msk.storage'],
    ['3 x kafka.m7g.large', 3 * 730, 'msk:kafka.m7g.large'],
  ]);
  expect(report.environments.find((e) => e.name === 'prod')!.components.find((c) => c.component === 'kafka')!.label).toBe('Kafka (MSK)');
});

const plainDir = tempDir('paved-kafka-cost-plain-');

test('no Kafka line without data.kafka', () => {
  const plain = resolvePlatform(example);
  synthesizeInfrastructure(plain, { outdir: plainDir, environments: ['dev'] });
  const r = estimateCost({ platform: plain, counts: new TerraformCounts(plainDir), prices: AWS_PRICES, assumptions: resolveAssumptions(), environments: ['dev'] });
  expect(r.environments[0].lines.filter((l) => l.component === 'kafka')).toEqual([]);
});
