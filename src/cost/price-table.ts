/**
 * The typed price table: every unit price the cost model uses, with the AWS service it belongs to, its unit, its
 * region, how it was obtained and the source it came from. Lookups never fall back to a default: a missing price is an
 * error that names what is missing and where to add it.
 */

/** The AWS services the cost model prices. */
export type AwsService =
  | 'Amazon EKS'
  | 'Amazon EC2'
  | 'Amazon EBS'
  | 'Amazon VPC'
  | 'Elastic Load Balancing'
  | 'Amazon RDS'
  | 'Amazon ElastiCache'
  | 'Amazon MSK'
  | 'Amazon S3'
  | 'Amazon SQS'
  | 'Amazon SNS'
  | 'Amazon DynamoDB'
  | 'Amazon CloudWatch'
  | 'AWS Backup'
  | 'Amazon Route 53'
  | 'AWS KMS'
  | 'AWS Secrets Manager'
  | 'Amazon ECR';

/** What one unit of a price is. Every price is in US dollars. */
export type PriceUnit = 'hour' | 'GiB' | 'GiB-month' | 'key-month' | 'secret-month' | 'zone-month' | 'million-requests';

/**
 * How a price was obtained.
 * - `published`: the number is printed in the source (a page or a generated data file) that was read.
 * - `derived`: computed from numbers printed in the source (for example a monthly cost divided by the hours it covers).
 * - `list-price`: the AWS list price as known to Paved's maintainers, not read from a page when the table was
 *   retrieved; verify it with the AWS Pricing Calculator before relying on it.
 */
export type PriceBasis = 'published' | 'derived' | 'list-price';

/** Price families whose price depends only on the region. */
export type RegionalSku =
  | 'eks.cluster.standard'
  | 'eks.cluster.extended'
  | 'vpc.nat-gateway.hour'
  | 'vpc.nat-gateway.data'
  | 'vpc.public-ipv4.hour'
  | 'elb.alb.hour'
  | 'elb.alb.lcu'
  | 'ebs.gp3.storage'
  | 'rds.gp3.storage'
  | 'rds.backup.storage'
  | 's3.standard.storage'
  | 'cloudwatch.logs.ingest'
  | 'cloudwatch.logs.storage'
  | 'kms.key'
  | 'secretsmanager.secret'
  | 'ecr.storage'
  | 'msk.serverless.cluster'
  | 'msk.serverless.partition'
  | 'msk.storage'
  | 'sqs.standard.requests'
  | 'sns.standard.publishes'
  | 'dynamodb.on-demand.read'
  | 'dynamodb.on-demand.write'
  | 'dynamodb.storage';

/** Price families with one price per instance type (EC2 instance type, RDS instance class, ElastiCache node type, MSK broker type). */
export type SizedFamily = 'ec2' | 'rds' | 'elasticache' | 'msk';

/** Prices that do not depend on a region (Route 53 is a global service). */
export type GlobalSku = 'route53.hosted-zone';

/** Every regional price family, for completeness checks. */
export const REGIONAL_SKUS: readonly RegionalSku[] = [
  'eks.cluster.standard',
  'eks.cluster.extended',
  'vpc.nat-gateway.hour',
  'vpc.nat-gateway.data',
  'vpc.public-ipv4.hour',
  'elb.alb.hour',
  'elb.alb.lcu',
  'ebs.gp3.storage',
  'rds.gp3.storage',
  'rds.backup.storage',
  's3.standard.storage',
  'cloudwatch.logs.ingest',
  'cloudwatch.logs.storage',
  'kms.key',
  'secretsmanager.secret',
  'ecr.storage',
  'msk.serverless.cluster',
  'msk.serverless.partition',
  'msk.storage',
  'sqs.standard.requests',
  'sns.standard.publishes',
  'dynamodb.on-demand.read',
  'dynamodb.on-demand.write',
  'dynamodb.storage',
];

/** Where a price came from. */
export interface PriceSource {
  /** Short stable id, referenced by prices. */
  readonly id: string;
  readonly title: string;
  /** The address that was read (a page, or a data file at a pinned commit). */
  readonly url: string;
  /** Date the source states for its data, when it states one (YYYY-MM-DD). */
  readonly asOf?: string;
  /** What the source provided and how it was used. */
  readonly note: string;
}

export interface PriceEntry {
  /** `<family>:<instance type>` for sized families (`ec2:m6i.large`), else the SKU (`vpc.nat-gateway.hour`). */
  readonly id: string;
  readonly service: AwsService;
  /** One-line description of what is charged. */
  readonly description: string;
  /** AWS region code, or `global`. */
  readonly region: string;
  readonly unit: PriceUnit;
  /** US dollars per unit. */
  readonly usd: number;
  readonly basis: PriceBasis;
  /** Ids of the sources in `PriceTableData.sources`. */
  readonly sources: readonly string[];
  /**
   * For a price computed from another region's: how (`us-east-1 x 1.115, region multiplier`). Absent for prices read
   * for their own region.
   */
  readonly derivedFrom?: string;
}

export interface PriceTableData {
  /** Day the sources were read (YYYY-MM-DD). */
  readonly retrieved: string;
  readonly currency: 'USD';
  /** Pricing model of every price: on-demand, Linux, no free tier, no discounts. */
  readonly model: string;
  readonly sources: readonly PriceSource[];
  readonly prices: readonly PriceEntry[];
}

/** A price the table does not have. The message names it, the region, and how to add it. */
export class MissingPriceError extends Error {
  constructor(
    readonly priceId: string,
    readonly region: string,
    message: string,
  ) {
    super(message);
    this.name = 'MissingPriceError';
  }
}

const FAMILY_WORDS: Readonly<Record<SizedFamily, { what: string; service: AwsService }>> = {
  ec2: { what: 'EC2 instance type', service: 'Amazon EC2' },
  rds: { what: 'RDS PostgreSQL instance class', service: 'Amazon RDS' },
  elasticache: { what: 'ElastiCache (Redis OSS) node type', service: 'Amazon ElastiCache' },
  msk: { what: 'MSK broker type', service: 'Amazon MSK' },
};

/** Where maintainers add prices; named in every missing-price message. */
export const PRICE_DATA_FILE = 'src/cost/prices/aws-prices.ts';

/** Read access to a `PriceTableData` with strict lookups. */
export class PriceTable {
  private readonly byKey = new Map<string, PriceEntry>();
  private readonly regionList: readonly string[];

  constructor(readonly data: PriceTableData) {
    const sourceIds = new Set(data.sources.map((s) => s.id));
    for (const entry of data.prices) {
      const key = `${entry.region}/${entry.id}`;
      if (this.byKey.has(key)) throw new Error(`price table: duplicate price ${key}`);
      if (!(entry.usd >= 0) || !Number.isFinite(entry.usd)) throw new Error(`price table: ${key} has no valid price (${entry.usd})`);
      const unknown = entry.sources.filter((s) => !sourceIds.has(s));
      if (entry.sources.length === 0 || unknown.length > 0) {
        throw new Error(`price table: ${key} must name known sources (unknown: ${unknown.join(', ') || 'none given'})`);
      }
      this.byKey.set(key, entry);
    }
    this.regionList = [...new Set(data.prices.map((p) => p.region).filter((r) => r !== 'global'))].sort();
  }

  /** Regions with regional prices, sorted. */
  get regions(): readonly string[] {
    return this.regionList;
  }

  /** A region-only price (NAT gateway hour, gp3 GiB-month, ...). */
  regional(sku: RegionalSku, region: string): PriceEntry {
    this.requireRegion(sku, region);
    const entry = this.byKey.get(`${region}/${sku}`);
    if (!entry) {
      throw new MissingPriceError(
        sku,
        region,
        `the price table has no '${sku}' price for ${region} (add it to ${PRICE_DATA_FILE} with its source)`,
      );
    }
    return entry;
  }

  /** The price of one instance type, instance class or node type in a region. */
  sized(family: SizedFamily, type: string, region: string): PriceEntry {
    const id = `${family}:${type}`;
    this.requireRegion(id, region);
    const entry = this.byKey.get(`${region}/${id}`);
    if (!entry) {
      // Name the sizes of the same family when there are some, else the families: the full list has hundreds.
      const all = this.typesIn(family, region);
      const stem = type.replace(/\.[^.]*$/, '.');
      const sameFamily = all.filter((t) => t.startsWith(stem));
      const families = [...new Set(all.map((t) => t.replace(/\.[^.]*$/, '')))];
      const known = sameFamily.length > 0 ? sameFamily.join(', ') : `${families.join(', ')} families`;
      throw new MissingPriceError(
        id,
        region,
        `the price table has no price for ${FAMILY_WORDS[family].what} '${type}' in ${region} ` +
          `(add it to ${PRICE_DATA_FILE} with its source, or use one it has: ${all.length > 0 ? known : 'none'})`,
      );
    }
    return entry;
  }

  /** A price that does not depend on the region. */
  global(sku: GlobalSku): PriceEntry {
    const entry = this.byKey.get(`global/${sku}`);
    if (!entry) throw new MissingPriceError(sku, 'global', `the price table has no '${sku}' price (add it to ${PRICE_DATA_FILE})`);
    return entry;
  }

  /** Instance types (or classes, node types) of a family priced in a region, sorted. */
  typesIn(family: SizedFamily, region: string): string[] {
    const prefix = `${family}:`;
    return this.data.prices
      .filter((p) => p.region === region && p.id.startsWith(prefix))
      .map((p) => p.id.slice(prefix.length))
      .sort();
  }

  /** The sources with the given ids, in table order. */
  sourcesOf(ids: Iterable<string>): PriceSource[] {
    const wanted = new Set(ids);
    return this.data.sources.filter((s) => wanted.has(s.id));
  }

  private requireRegion(id: string, region: string): void {
    if (!this.regions.includes(region)) {
      throw new MissingPriceError(
        id,
        region,
        `the price table has no prices for region ${region} (it covers ${this.regions.join(', ')}; ` +
          `add the region to ${PRICE_DATA_FILE} with its sources)`,
      );
    }
  }
}

export function serviceOfFamily(family: SizedFamily): AwsService {
  return FAMILY_WORDS[family].service;
}
