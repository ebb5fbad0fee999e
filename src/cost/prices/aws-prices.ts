import { ec2PricesUsEast1 } from './ec2-prices';
import { ELASTICACHE_REDIS_HOURLY, ELASTICACHE_REGIONS } from './elasticache-prices';
import { MULTIPLIER_SOURCES, REGION_MULTIPLIERS } from './region-multipliers';
import { PRICE_SOURCES } from './sources';
import type { AwsService, PriceBasis, PriceEntry, PriceTableData, PriceUnit, RegionalSku, SizedFamily } from '../price-table';
import { PriceTable, serviceOfFamily } from '../price-table';

/**
 * AWS prices for every commercial region: on-demand, Linux, no free tier, no Savings Plans or reserved capacity, USD.
 *
 * Three layers, the first that has a price wins:
 * 1. prices read for a region, below (us-east-1, eu-west-1, ap-south-1);
 * 2. generated tables: EC2 in us-east-1 (ec2-prices.ts) and ElastiCache in every region its snapshot lists
 *    (elasticache-prices.ts);
 * 3. for every other region of `REGION_MULTIPLIERS`: the us-east-1 price times the region's multiplier, marked
 *    `derived` with `derivedFrom` (prices that AWS charges the same everywhere are copied as list prices instead).
 *
 * To add a price: add it below with the source you read (add the source to sources.ts), mark how you got it
 * (`published`, `derived` or `list-price`), and run the cost tests. To refresh the table: re-read every source, update
 * the numbers and `RETRIEVED`.
 */
export const RETRIEVED = '2026-11-22';

const HOURS_IN_KUBE_RESOURCE_REPORT_MONTH = 730.5;

interface RegionalPrice {
  readonly usd: number;
  readonly basis: PriceBasis;
  readonly sources: readonly string[];
}

const REGIONAL_META: Readonly<Record<RegionalSku, { service: AwsService; unit: PriceUnit; description: string }>> = {
  'eks.cluster.standard': { service: 'Amazon EKS', unit: 'hour', description: 'EKS cluster in standard Kubernetes version support' },
  'eks.cluster.extended': { service: 'Amazon EKS', unit: 'hour', description: 'EKS cluster in extended Kubernetes version support' },
  'vpc.nat-gateway.hour': { service: 'Amazon VPC', unit: 'hour', description: 'NAT gateway, per gateway-hour' },
  'vpc.nat-gateway.data': { service: 'Amazon VPC', unit: 'GiB', description: 'NAT gateway data processed, both directions' },
  'vpc.public-ipv4.hour': { service: 'Amazon VPC', unit: 'hour', description: 'Public IPv4 address in use, per address-hour' },
  'elb.alb.hour': { service: 'Elastic Load Balancing', unit: 'hour', description: 'Application Load Balancer, per load balancer-hour' },
  'elb.alb.lcu': { service: 'Elastic Load Balancing', unit: 'hour', description: 'Application Load Balancer capacity unit (LCU), per LCU-hour' },
  'ebs.gp3.storage': { service: 'Amazon EBS', unit: 'GiB-month', description: 'EBS gp3 volume storage (baseline 3,000 IOPS, 125 MB/s)' },
  'rds.gp3.storage': { service: 'Amazon RDS', unit: 'GiB-month', description: 'RDS gp3 storage, per instance copy (Multi-AZ stores two)' },
  'rds.backup.storage': { service: 'Amazon RDS', unit: 'GiB-month', description: 'RDS backup and snapshot storage beyond the free allowance' },
  's3.standard.storage': { service: 'Amazon S3', unit: 'GiB-month', description: 'S3 Standard storage, first 50 TB tier' },
  'cloudwatch.logs.ingest': { service: 'Amazon CloudWatch', unit: 'GiB', description: 'CloudWatch Logs ingestion (Standard class; vended logs first tier)' },
  'cloudwatch.logs.storage': { service: 'Amazon CloudWatch', unit: 'GiB-month', description: 'CloudWatch Logs archived storage' },
  'kms.key': { service: 'AWS KMS', unit: 'key-month', description: 'KMS customer managed key, first year (rotation adds up to $2)' },
  'secretsmanager.secret': { service: 'AWS Secrets Manager', unit: 'secret-month', description: 'Secrets Manager secret' },
  'ecr.storage': { service: 'Amazon ECR', unit: 'GiB-month', description: 'ECR private repository storage (compressed layers)' },
  'msk.serverless.cluster': { service: 'Amazon MSK', unit: 'hour', description: 'MSK Serverless cluster, per cluster-hour' },
  'msk.serverless.partition': { service: 'Amazon MSK', unit: 'hour', description: 'MSK Serverless partition, per partition-hour' },
  'msk.storage': { service: 'Amazon MSK', unit: 'GiB-month', description: 'MSK provisioned broker storage (EBS), per GiB-month' },
  'sqs.standard.requests': { service: 'Amazon SQS', unit: 'million-requests', description: 'SQS standard queue requests (each 64 KB chunk), first 100 billion a month' },
  'sns.standard.publishes': { service: 'Amazon SNS', unit: 'million-requests', description: 'SNS standard topic publishes (each 64 KB chunk); deliveries not included' },
  'dynamodb.on-demand.read': { service: 'Amazon DynamoDB', unit: 'million-requests', description: 'DynamoDB on-demand read request units, Standard table class' },
  'dynamodb.on-demand.write': { service: 'Amazon DynamoDB', unit: 'million-requests', description: 'DynamoDB on-demand write request units, Standard table class' },
  'dynamodb.storage': { service: 'Amazon DynamoDB', unit: 'GiB-month', description: 'DynamoDB data storage, Standard table class (the free 25 GB not deducted)' },
};

/**
 * Prices read for us-east-1 only (MSK; the SQS, SNS and DynamoDB prices of service-owned resources): every other
 * region derives them with its multiplier (layer 3).
 */
type MskSku = 'msk.serverless.cluster' | 'msk.serverless.partition' | 'msk.storage'
  | 'sqs.standard.requests' | 'sns.standard.publishes' | 'dynamodb.on-demand.read' | 'dynamodb.on-demand.write' | 'dynamodb.storage';

const SIZED_META: Readonly<Record<SizedFamily, string>> = {
  ec2: 'EC2 on-demand Linux instance-hour',
  rds: 'RDS PostgreSQL Single-AZ instance-hour',
  elasticache: 'ElastiCache Redis OSS node-hour',
  msk: 'MSK provisioned (Standard) broker instance-hour',
};

const published = (usd: number, ...sources: string[]): RegionalPrice => ({ usd, basis: 'published', sources });
const listPrice = (usd: number, ...checks: string[]): RegionalPrice => ({ usd, basis: 'list-price', sources: ['list-price', ...checks] });

/** Prices that are the same in every region the table covers (confirmed for us-east-1 by the sources). */
function sameEverywhere(region: string): Pick<Record<RegionalSku, RegionalPrice>, 'eks.cluster.standard' | 'eks.cluster.extended' | 'kms.key' | 'secretsmanager.secret'> {
  const pub = region === 'us-east-1';
  const price = (usd: number, ...sources: string[]) => (pub ? published(usd, ...sources) : listPrice(usd, ...sources));
  return {
    'eks.cluster.standard': price(0.1, 'eks-vantage', 'eks-cloudburn'),
    'eks.cluster.extended': price(0.6, 'eks-vantage', 'eks-cloudburn'),
    'kms.key': price(1, 'kms-aws'),
    'secretsmanager.secret': price(0.4, 'secrets-hivebook'),
  };
}

const REGIONAL: Readonly<Record<string, Readonly<Record<Exclude<RegionalSku, MskSku>, RegionalPrice> & Partial<Record<MskSku, RegionalPrice>>>>> = {
  'us-east-1': {
    ...sameEverywhere('us-east-1'),
    'vpc.nat-gateway.hour': published(0.045, 'nat-basavytix', 'nat-costpatrol'),
    'vpc.nat-gateway.data': published(0.045, 'nat-basavytix', 'nat-costpatrol'),
    'vpc.public-ipv4.hour': published(0.005, 'ipv4-cloudburn'),
    'elb.alb.hour': published(0.0225, 'alb-cloudhorizons', 'elb-awsnegotiations', 'elb-clustercost'),
    'elb.alb.lcu': published(0.008, 'alb-cloudhorizons', 'elb-awsnegotiations'),
    'ebs.gp3.storage': listPrice(0.08),
    'rds.gp3.storage': published(0.115, 'rds-usage-ai'),
    'rds.backup.storage': published(0.095, 'rds-usage-ai', 'backup-druva'),
    's3.standard.storage': listPrice(0.023),
    'cloudwatch.logs.ingest': published(0.5, 'cloudwatch-c3x'),
    'cloudwatch.logs.storage': published(0.03, 'cloudwatch-c3x'),
    'ecr.storage': published(0.1, 'ecr-cloudburn'),
    'msk.serverless.cluster': published(0.75, 'msk-serverless-gist'),
    'msk.serverless.partition': published(0.0015, 'msk-serverless-gist'),
    'msk.storage': listPrice(0.1, 'msk-serverless-gist'),
    'sqs.standard.requests': published(0.4, 'sqs-cloudburn', 'sqs-factualminds'),
    'sns.standard.publishes': published(0.5, 'sns-factualminds'),
    'dynamodb.on-demand.read': published(0.125, 'dynamodb-airbyte'),
    'dynamodb.on-demand.write': published(0.625, 'dynamodb-airbyte'),
    'dynamodb.storage': published(0.25, 'dynamodb-aws-pricing'),
  },
  'eu-west-1': {
    ...sameEverywhere('eu-west-1'),
    'vpc.nat-gateway.hour': listPrice(0.048, 'nat-cloudpipelines'),
    'vpc.nat-gateway.data': listPrice(0.048, 'nat-cloudpipelines'),
    'vpc.public-ipv4.hour': listPrice(0.005, 'ipv4-cloudburn'),
    'elb.alb.hour': listPrice(0.0252),
    'elb.alb.lcu': listPrice(0.008),
    'ebs.gp3.storage': listPrice(0.088),
    'rds.gp3.storage': listPrice(0.127),
    'rds.backup.storage': listPrice(0.095),
    's3.standard.storage': listPrice(0.023),
    'cloudwatch.logs.ingest': listPrice(0.57),
    'cloudwatch.logs.storage': listPrice(0.03),
    'ecr.storage': listPrice(0.1),
  },
  'ap-south-1': {
    ...sameEverywhere('ap-south-1'),
    'vpc.nat-gateway.hour': listPrice(0.056),
    'vpc.nat-gateway.data': listPrice(0.056),
    'vpc.public-ipv4.hour': listPrice(0.005, 'ipv4-cloudburn'),
    'elb.alb.hour': listPrice(0.0239),
    'elb.alb.lcu': listPrice(0.008),
    'ebs.gp3.storage': listPrice(0.0912),
    'rds.gp3.storage': listPrice(0.131),
    'rds.backup.storage': listPrice(0.095),
    's3.standard.storage': listPrice(0.025),
    'cloudwatch.logs.ingest': listPrice(0.67),
    'cloudwatch.logs.storage': listPrice(0.033),
    'ecr.storage': listPrice(0.1),
  },
};

interface SizedGroup {
  readonly family: SizedFamily;
  readonly region: string;
  readonly basis: PriceBasis;
  readonly sources: readonly string[];
  /** Hourly USD per type. */
  readonly hourly: Readonly<Record<string, number>>;
}

/** Hourly prices from kube-resource-report's monthly table: monthly / 730.5, to five decimals. */
function fromMonthly(monthly: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(monthly).map(([type, usd]) => [type, Math.round((usd / HOURS_IN_KUBE_RESOURCE_REPORT_MONTH) * 1e5) / 1e5]),
  );
}

/** `large`, `xlarge`, `2xlarge` and `4xlarge` of an RDS family whose sizes bill `large` x the size factor. */
function rdsSizes(family: string, large: number): Record<string, number> {
  const round4 = (n: number) => Math.round(n * 1e4) / 1e4;
  return { [`${family}.large`]: large, [`${family}.xlarge`]: round4(large * 2), [`${family}.2xlarge`]: round4(large * 4), [`${family}.4xlarge`]: round4(large * 8) };
}

const SIZED: readonly SizedGroup[] = [
  // MSK provisioned Standard brokers, us-east-1: list prices (no page read on 2026-12-03 printed them); the types the
  // profiles default to and their neighbours.
  {
    family: 'msk',
    region: 'us-east-1',
    basis: 'list-price',
    sources: ['list-price'],
    hourly: {
      'kafka.t3.small': 0.0456,
      'kafka.m5.large': 0.21,
      'kafka.m5.xlarge': 0.42,
      'kafka.m5.2xlarge': 0.84,
      'kafka.m7g.large': 0.204,
      'kafka.m7g.xlarge': 0.408,
      'kafka.m7g.2xlarge': 0.816,
    },
  },
  // EC2, us-east-1: the Karpenter list generated from the AWS Pricing API (2026-07-20), verbatim.
  {
    family: 'ec2',
    region: 'us-east-1',
    basis: 'published',
    sources: ['ec2-karpenter'],
    hourly: {
      't3.medium': 0.0416,
      't3.large': 0.0832,
      't3.xlarge': 0.1664,
      't3.2xlarge': 0.3328,
      't3a.medium': 0.0376,
      't3a.large': 0.0752,
      't3a.xlarge': 0.1504,
      't3a.2xlarge': 0.3008,
      't4g.medium': 0.0336,
      't4g.large': 0.0672,
      't4g.xlarge': 0.1344,
      'm5.large': 0.096,
      'm5.xlarge': 0.192,
      'm5.2xlarge': 0.384,
      'm5a.large': 0.086,
      'm5a.xlarge': 0.172,
      'm6a.large': 0.0864,
      'm6a.xlarge': 0.1728,
      'm6g.large': 0.077,
      'm6g.xlarge': 0.154,
      'm6i.large': 0.096,
      'm6i.xlarge': 0.192,
      'm6i.2xlarge': 0.384,
      'm7g.large': 0.0816,
      'm7g.xlarge': 0.1632,
      'm7i.large': 0.1008,
      'm7i.xlarge': 0.2016,
      'm8g.large': 0.08976,
      'm8g.xlarge': 0.17952,
      'c6i.large': 0.085,
      'c6i.xlarge': 0.17,
      'c7g.large': 0.0725,
      'c7g.xlarge': 0.145,
      'r6i.large': 0.126,
      'r6i.xlarge': 0.252,
    },
  },
  // EC2, eu-west-1 and ap-south-1: kube-resource-report's monthly table (July 2020), divided by 730.5 h.
  {
    family: 'ec2',
    region: 'eu-west-1',
    basis: 'derived',
    sources: ['ec2-kube-resource-report'],
    hourly: fromMonthly({
      't3.medium': 33.3108,
      't3.large': 66.6216,
      't3.xlarge': 133.2432,
      't3.2xlarge': 266.4864,
      't3a.medium': 29.8044,
      't3a.large': 59.6088,
      't3a.xlarge': 119.2176,
      't3a.2xlarge': 238.4352,
      'm5.large': 78.1635,
      'm5.xlarge': 156.327,
      'm5.2xlarge': 312.654,
    }),
  },
  {
    family: 'ec2',
    region: 'ap-south-1',
    basis: 'derived',
    sources: ['ec2-kube-resource-report'],
    hourly: fromMonthly({
      't3.medium': 32.7264,
      't3.large': 65.4528,
      't3.xlarge': 130.9056,
      't3.2xlarge': 261.8112,
      't3a.medium': 17.9703,
      't3a.large': 36.0136,
      't3a.xlarge': 72.0273,
      't3a.2xlarge': 143.9815,
      'm5.large': 73.7805,
      'm5.xlarge': 147.561,
      'm5.2xlarge': 295.122,
    }),
  },
  // m6i launched at the m5 price in every region; no page with the eu-west-1 or ap-south-1 number was read.
  { family: 'ec2', region: 'eu-west-1', basis: 'list-price', sources: ['list-price'], hourly: { 'm6i.large': 0.107, 'm6i.xlarge': 0.214 } },
  { family: 'ec2', region: 'ap-south-1', basis: 'list-price', sources: ['list-price'], hourly: { 'm6i.large': 0.101, 'm6i.xlarge': 0.202 } },

  // RDS for PostgreSQL, Single-AZ (Multi-AZ bills the instance twice).
  {
    family: 'rds',
    region: 'us-east-1',
    basis: 'published',
    sources: ['rds-infratally'],
    hourly: { 'db.t4g.micro': 0.016, 'db.t4g.small': 0.032, 'db.t4g.medium': 0.065 },
  },
  {
    family: 'rds',
    region: 'us-east-1',
    basis: 'list-price',
    sources: ['list-price'],
    hourly: {
      'db.t3.micro': 0.018,
      'db.t3.small': 0.036,
      'db.t3.medium': 0.072,
      'db.t4g.large': 0.129,
      'db.m5.large': 0.178,
      'db.m6g.large': 0.159,
      'db.m6i.large': 0.178,
      // Larger sizes bill the `large` price times the size factor, like EC2.
      'db.t3.large': 0.145,
      'db.t4g.xlarge': 0.258,
      'db.t4g.2xlarge': 0.516,
      'db.m5.xlarge': 0.356,
      'db.m5.2xlarge': 0.712,
      'db.m6g.xlarge': 0.318,
      'db.m6g.2xlarge': 0.636,
      'db.m6i.xlarge': 0.356,
      'db.m6i.2xlarge': 0.712,
      'db.r5.large': 0.25,
      'db.r5.xlarge': 0.5,
      'db.r6g.large': 0.225,
      'db.r6g.xlarge': 0.45,
      'db.r6i.large': 0.25,
      'db.r6i.xlarge': 0.5,
    },
  },
  // Current generations, PostgreSQL, derived (rds-current-generations in sources.ts says how): Graviton3 and Graviton4
  // from the published MySQL price times the PostgreSQL/MySQL ratio, 7th-generation Intel from the 6th times 1.05.
  // Sizes bill `large` x the size factor.
  {
    family: 'rds',
    region: 'us-east-1',
    basis: 'derived',
    sources: ['rds-current-generations', 'rds-mysql-terraform-provider', 'rds-graviton4-usage-ai'],
    hourly: {
      ...rdsSizes('db.m7g', 0.176),
      ...rdsSizes('db.r7g', 0.25),
      ...rdsSizes('db.m8g', 0.176),
      ...rdsSizes('db.r8g', 0.25),
      ...rdsSizes('db.m7i', 0.187),
      ...rdsSizes('db.r7i', 0.2625),
    },
  },
  {
    family: 'rds',
    region: 'eu-west-1',
    basis: 'list-price',
    sources: ['list-price'],
    hourly: { 'db.t4g.micro': 0.018, 'db.t4g.small': 0.036, 'db.t4g.medium': 0.072 },
  },
  { family: 'rds', region: 'eu-west-1', basis: 'derived', sources: ['rds-gist-eu-west-1'], hourly: { 'db.m6g.large': 0.175 } },
  {
    family: 'rds',
    region: 'ap-south-1',
    basis: 'list-price',
    sources: ['list-price'],
    hourly: { 'db.t3.micro': 0.021, 'db.t3.small': 0.042, 'db.t4g.micro': 0.019, 'db.t4g.small': 0.038, 'db.t4g.medium': 0.077, 'db.m6g.large': 0.168 },
  },

  // ElastiCache, Redis OSS engine, from the ec2instances.info snapshot (2025-04-24), verbatim.
  {
    family: 'elasticache',
    region: 'us-east-1',
    basis: 'published',
    sources: ['elasticache-ec2instances-info'],
    hourly: {
      'cache.t3.micro': 0.017,
      'cache.t3.small': 0.034,
      'cache.t3.medium': 0.068,
      'cache.t4g.micro': 0.016,
      'cache.t4g.small': 0.032,
      'cache.t4g.medium': 0.065,
      'cache.m5.large': 0.156,
      'cache.m6g.large': 0.149,
      'cache.m7g.large': 0.158,
      'cache.r6g.large': 0.206,
      'cache.r7g.large': 0.219,
    },
  },
  {
    family: 'elasticache',
    region: 'eu-west-1',
    basis: 'published',
    sources: ['elasticache-ec2instances-info'],
    hourly: {
      'cache.t3.micro': 0.018,
      'cache.t3.small': 0.036,
      'cache.t3.medium': 0.072,
      'cache.t4g.micro': 0.017,
      'cache.t4g.small': 0.034,
      'cache.t4g.medium': 0.068,
      'cache.m5.large': 0.172,
      'cache.m6g.large': 0.164,
      'cache.m7g.large': 0.174,
      'cache.r6g.large': 0.229,
      'cache.r7g.large': 0.243,
    },
  },
  {
    family: 'elasticache',
    region: 'ap-south-1',
    basis: 'published',
    sources: ['elasticache-ec2instances-info'],
    hourly: {
      'cache.t3.micro': 0.021,
      'cache.t3.small': 0.043,
      'cache.t3.medium': 0.085,
      'cache.t4g.micro': 0.02,
      'cache.t4g.small': 0.041,
      'cache.t4g.medium': 0.081,
      'cache.m5.large': 0.163,
      'cache.m6g.large': 0.155,
      'cache.m7g.large': 0.164,
      'cache.r6g.large': 0.211,
      'cache.r7g.large': 0.224,
    },
  },
];

function buildPrices(): PriceEntry[] {
  const entries: PriceEntry[] = [];
  for (const [region, prices] of Object.entries(REGIONAL)) {
    for (const [sku, price] of Object.entries(prices) as [RegionalSku, RegionalPrice][]) {
      const meta = REGIONAL_META[sku];
      entries.push({ id: sku, service: meta.service, description: meta.description, region, unit: meta.unit, ...price });
    }
  }
  for (const group of SIZED) {
    for (const [type, usd] of Object.entries(group.hourly)) {
      entries.push({
        id: `${group.family}:${type}`,
        service: serviceOfFamily(group.family),
        description: `${SIZED_META[group.family]}, ${type}`,
        region: group.region,
        unit: 'hour',
        usd,
        basis: group.basis,
        sources: group.sources,
      });
    }
  }
  entries.push({
    id: 'route53.hosted-zone',
    service: 'Amazon Route 53',
    description: 'Route 53 public hosted zone (first 25 zones); queries not included',
    region: 'global',
    unit: 'zone-month',
    usd: 0.5,
    basis: 'list-price',
    sources: ['list-price'],
  });
  entries.sort((a, b) => (a.region + a.id < b.region + b.id ? -1 : a.region + a.id > b.region + b.id ? 1 : 0));
  // Appended in a fixed order (generated tables, then regions in table order): deterministic without a second sort.
  fillGaps(entries);
  return entries;
}

/** Regional prices AWS charges the same in every commercial region: copied, not scaled. */
const UNIFORM: ReadonlySet<RegionalSku> = new Set<RegionalSku>(['eks.cluster.standard', 'eks.cluster.extended', 'kms.key', 'secretsmanager.secret', 'vpc.public-ipv4.hour']);

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Adds the generated tables (layer 2) and the multiplier-derived prices (layer 3) where layer 1 has none. */
function fillGaps(entries: PriceEntry[]): void {
  const have = new Set(entries.map((e) => `${e.region}/${e.id}`));
  const add = (e: PriceEntry) => {
    if (have.has(`${e.region}/${e.id}`)) return;
    have.add(`${e.region}/${e.id}`);
    entries.push(e);
  };
  const sized = (family: SizedFamily, type: string, region: string, usd: number, basis: PriceBasis, sources: readonly string[]): PriceEntry => ({
    id: `${family}:${type}`,
    service: serviceOfFamily(family),
    description: `${SIZED_META[family]}, ${type}`,
    region,
    unit: 'hour',
    usd,
    basis,
    sources,
  });

  for (const [type, usd] of Object.entries(ec2PricesUsEast1())) add(sized('ec2', type, 'us-east-1', usd, 'published', ['ec2-karpenter-2026-01']));
  for (const [type, byRegion] of Object.entries(ELASTICACHE_REDIS_HOURLY)) {
    byRegion.forEach((usd, i) => {
      if (usd !== undefined) add(sized('elasticache', type, ELASTICACHE_REGIONS[i], usd, 'published', ['elasticache-ec2instances-info']));
    });
  }

  const base = entries.filter((e) => e.region === 'us-east-1');
  for (const [region, m] of Object.entries(REGION_MULTIPLIERS)) {
    if (region === 'us-east-1') continue;
    const how = (factor: number, kind: string) =>
      `us-east-1 x ${factor} (${kind} multiplier of ${region}${m.neighbour ? `, taken from ${m.neighbour}` : ''})`;
    for (const e of base) {
      const family = e.id.includes(':') ? (e.id.split(':')[0] as SizedFamily) : undefined;
      if (!family && UNIFORM.has(e.id as RegionalSku)) {
        add({ ...e, region, basis: 'list-price', sources: [...new Set(['list-price', ...e.sources])] });
        continue;
      }
      const [factor, kind] = family === 'rds' || family === 'elasticache' || family === 'msk' ? [m.managed, 'managed-service'] : [m.compute, 'compute'];
      add({ ...e, region, usd: round6(e.usd * factor), basis: 'derived', sources: [...new Set([...e.sources, ...MULTIPLIER_SOURCES[m.basis]])], derivedFrom: how(factor, kind) });
    }
  }
}

export const AWS_PRICE_DATA: PriceTableData = {
  retrieved: RETRIEVED,
  currency: 'USD',
  model: 'on-demand list prices, Linux, no free tier, no Savings Plans or reserved capacity',
  sources: PRICE_SOURCES,
  prices: buildPrices(),
};

/** The price table shipped with Paved. */
export const AWS_PRICES = new PriceTable(AWS_PRICE_DATA);
