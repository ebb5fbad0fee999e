import type { ResolvedEnvironment } from '@paved/shared-config';
import type { CostComponent } from './cost-report';
import type { PriceEntry, PriceSource, PriceTable } from './price-table';

/**
 * EKS Auto Mode's management fee: billed per second for each instance Auto Mode launches and manages, on top of the EC2
 * price, at a rate per instance type that is about 12% of that type's on-demand price (AWS publishes the table on the
 * EKS pricing page; Paved derives it from the EC2 price it already has, so every region and type the table prices is
 * covered). The instances, their volumes and the cluster fee are billed as before.
 */
export const AUTO_MODE_FEE_FRACTION = 0.12;

/** Id prefix of the derived fee (`eks.auto-mode:<instance type>`); it is not in the price table. */
export const AUTO_MODE_PRICE_PREFIX = 'eks.auto-mode:';

/** Root volume of an Auto Mode node: the built-in NodeClass's ephemeral storage, taken as 80 GiB gp3 (an assumption). */
export const AUTO_MODE_NODE_VOLUME_GIB = 80;

/** Where the pricing model comes from (read 2026-12-03). */
export const AUTO_MODE_SOURCES: readonly PriceSource[] = [
  {
    id: 'eks-auto-mode-factualminds',
    title: 'FactualMinds: Amazon EKS pricing, the control plane, extended support and the Auto Mode markup',
    url: 'https://www.factualminds.com/blog/amazon-eks-pricing-control-plane-addons-auto-mode/',
    asOf: '2026-06-13',
    note: 'EKS Auto Mode adds about 12% over the EC2 price of the instances it manages. Used as the fee fraction.',
  },
  {
    id: 'eks-auto-mode-aws-best-practices',
    title: 'Amazon EKS best practices guide: EKS Auto Mode',
    url: 'https://docs.aws.amazon.com/eks/latest/best-practices/automode.html',
    note: 'Auto Mode keeps standard EC2 pricing and adds a management fee only for the nodes Auto Mode manages.',
  },
];

/** One priced quantity of the Auto Mode estimate; the caller adds it to the environment's lines. */
export interface AutoModeLine {
  readonly component: CostComponent;
  readonly item: string;
  readonly quantity: number;
  readonly price: PriceEntry;
}

/** The derived management fee of one instance type in a region. */
export function autoModeFee(ec2: PriceEntry, type: string): PriceEntry {
  return {
    id: `${AUTO_MODE_PRICE_PREFIX}${type}`,
    service: 'Amazon EKS',
    description: `EKS Auto Mode management fee for ${type}, ~${Math.round(AUTO_MODE_FEE_FRACTION * 100)}% of its on-demand price`,
    region: ec2.region,
    unit: 'hour',
    usd: Math.round(ec2.usd * AUTO_MODE_FEE_FRACTION * 1e6) / 1e6,
    basis: 'derived',
    sources: AUTO_MODE_SOURCES.map((s) => s.id),
  };
}

/**
 * Nodes of an Auto Mode environment: the capacity the environment declares (its profile's default node group,
 * on demand), priced as EC2 instances plus the Auto Mode fee, with their root volumes. Empty without Auto Mode.
 */
export function autoModeLines(env: ResolvedEnvironment, prices: PriceTable, hoursPerMonth: number): AutoModeLine[] {
  const capacity = env.cluster.autoModeCapacity;
  if (env.cluster.compute !== 'auto-mode' || !capacity) return [];
  const type = capacity.instanceTypes[0];
  const nodes = capacity.desiredSize;
  const ec2 = prices.sized('ec2', type, env.region);
  return [
    { component: 'nodes', item: `Auto Mode nodes (assumed): ${nodes} x ${type} on-demand`, quantity: nodes * hoursPerMonth, price: ec2 },
    { component: 'nodes', item: `Auto Mode management fee: ${nodes} x ${type} (~${Math.round(AUTO_MODE_FEE_FRACTION * 100)}% of on-demand)`, quantity: nodes * hoursPerMonth, price: autoModeFee(ec2, type) },
    { component: 'block-storage', item: `Auto Mode nodes: ${nodes} x ${AUTO_MODE_NODE_VOLUME_GIB} GiB gp3 root volumes`, quantity: nodes * AUTO_MODE_NODE_VOLUME_GIB, price: prices.regional('ebs.gp3.storage', env.region) },
  ];
}

/** The Auto Mode sources a report cites when any of its lines carries the Auto Mode fee. */
export function autoModeSourcesUsed(priceIds: Iterable<string>): PriceSource[] {
  return [...priceIds].some((id) => id.startsWith(AUTO_MODE_PRICE_PREFIX)) ? [...AUTO_MODE_SOURCES] : [];
}
