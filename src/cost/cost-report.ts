import type { CostAssumptions } from './assumptions';
import type { PriceBasis, PriceSource } from './price-table';
import type { ClusterSplit } from './stage-split';

/** The parts of the bill the estimate is broken into, in report order. */
export const COST_COMPONENTS = [
  'eks-control-plane',
  'nodes',
  'block-storage',
  'nat-gateways',
  'load-balancers',
  'postgres',
  'redis',
  'kafka',
  'object-storage',
  'logs',
  'backups',
  'dns',
  'encryption-keys',
  'secrets',
  'service-resources',
  'container-registry',
] as const;
export type CostComponent = (typeof COST_COMPONENTS)[number];

export const COMPONENT_LABELS: Readonly<Record<CostComponent, string>> = {
  'eks-control-plane': 'EKS control plane',
  'nodes': 'Nodes (EC2)',
  'block-storage': 'Block storage (EBS)',
  'nat-gateways': 'NAT gateways',
  'load-balancers': 'Load balancers',
  'postgres': 'PostgreSQL (RDS)',
  'redis': 'Redis (ElastiCache)',
  'kafka': 'Kafka (MSK)',
  'object-storage': 'Object storage (S3)',
  'logs': 'Logs (CloudWatch)',
  'backups': 'Backups',
  'dns': 'DNS (Route 53)',
  'encryption-keys': 'Encryption keys (KMS)',
  'secrets': 'Secrets (Secrets Manager)',
  'service-resources': 'Service-owned AWS resources',
  'container-registry': 'Container registry (ECR)',
};

/** One priced quantity. `monthlyUsd` is `quantity x unitPriceUsd`, rounded to cents. */
export interface CostLine {
  readonly component: CostComponent;
  /** What is counted, with the figures behind the quantity. */
  readonly item: string;
  readonly quantity: number;
  /** Unit of the quantity: `h`, `GiB`, `GiB-month`, `key-month`, `secret-month`, `zone-month` or `million requests`. */
  readonly unit: string;
  readonly unitPriceUsd: number;
  readonly monthlyUsd: number;
  /** Id of the price in the price table (`ec2:m6i.large`, `vpc.nat-gateway.hour`, ...). */
  readonly priceId: string;
  readonly priceBasis: PriceBasis;
  /** Present when the price was computed from another region's (`us-east-1 x 1.115 (compute multiplier of ...)`). */
  readonly derivedFrom?: string;
}

/**
 * A quantity the price table cannot price (an instance type or region it does not have). It is left out of the totals,
 * which become lower bounds, and shown with the reason so a maintainer can add the price.
 */
export interface UnpricedLine {
  readonly component: CostComponent;
  readonly item: string;
  readonly quantity: number;
  /** Id of the missing price (`ec2:x9.large`, `vpc.nat-gateway.hour`, ...) and the region it was looked up in. */
  readonly priceId: string;
  readonly region: string;
  /** Why it has no price and how to add one. */
  readonly reason: string;
}

export interface ComponentCost {
  readonly component: CostComponent;
  readonly label: string;
  readonly monthlyUsd: number;
}

/** The cost of one account and region: an environment, or the platform-wide resources of the management account. */
export interface ScopeCost {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  /** Sorted by component order, then item. */
  readonly lines: readonly CostLine[];
  /** Components with at least one line, in component order. */
  readonly components: readonly ComponentCost[];
  /** Sum of the rounded lines. */
  readonly totalUsd: number;
  /** Lines the price table could not price; when there are some, `totalUsd` is a lower bound. */
  readonly unpriced: readonly UnpricedLine[];
}

export interface EnvironmentCost extends ScopeCost {
  readonly profile: 'development' | 'production';
}

export interface CostReport {
  readonly currency: 'USD';
  readonly priceTable: {
    readonly retrieved: string;
    readonly model: string;
    /** Sources of the prices this report uses. */
    readonly sources: readonly PriceSource[];
    /** How many of the lines' prices are published, derived or list prices to verify. */
    readonly linesByBasis: Readonly<Record<PriceBasis, number>>;
  };
  readonly assumptions: CostAssumptions;
  /** In config order. */
  readonly environments: readonly EnvironmentCost[];
  /** Resources of the management account shared by every environment (root zone, registries, state). */
  readonly platform: ScopeCost;
  /** Sum of the scopes' totals; a lower bound when `partial`. */
  readonly totalUsd: number;
  /** True when some line could not be priced (see each scope's `unpriced`). */
  readonly partial: boolean;
  /** What the estimate leaves out on purpose. */
  readonly excluded: readonly string[];
  /** Clusters that run stages: their cost split per stage (src/cost/stage-split.ts); absent without stages. */
  readonly stages?: readonly ClusterSplit[];
}
