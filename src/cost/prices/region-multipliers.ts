/**
 * Regional price multipliers: how much more a region charges than us-east-1. Used only where the table has no price
 * read for that region; every price computed with one is marked `derived` and names its multiplier (`derivedFrom`).
 *
 * - `compute` (EC2 instances, and the regional per-hour and per-GiB items: NAT gateway, ALB, EBS, S3, CloudWatch Logs,
 *   ECR, RDS storage): the geometric mean of the region's m5, c5, r5 and t3 `large` prices over us-east-1's, from
 *   kube-resource-report's monthly table (source `ec2-kube-resource-report`, AWS price list of 2020-07-02; these
 *   families' prices have not changed since). Regions opened after 2020 take the `managed` multiplier.
 * - `managed` (RDS and ElastiCache): the geometric mean, over every t3, t4g, m5, m6g, m7g, r5, r6g and r7g node type,
 *   of the region's ElastiCache Redis OSS price over us-east-1's (source `elasticache-ec2instances-info`, 2025-05-28).
 * - `neighbour`: regions absent from both sources take the multipliers of the nearest region that has them (Taipei
 *   from Hong Kong, Auckland from Sydney). Replace them with read prices as soon as a source has them.
 *
 * Multipliers are approximations: a service's regional premium is not exactly its neighbours' (NAT gateways in
 * sa-east-1 cost about twice us-east-1's, more than its 1.586). Computed 2026-12-03 by scripts kept out of the repo;
 * regenerate by re-running the same ratios on newer snapshots.
 */
export interface RegionMultiplier {
  /** Multiplier for EC2 and the regional infrastructure items. */
  readonly compute: number;
  /** Multiplier for managed databases and caches (RDS, ElastiCache). */
  readonly managed: number;
  /** Where the multipliers come from (see above). */
  readonly basis: 'ec2' | 'elasticache' | 'neighbour';
  /** For `neighbour`: the region whose multipliers are used. */
  readonly neighbour?: string;
}

/** Every commercial (`aws` partition) region. */
export const REGION_MULTIPLIERS: Readonly<Record<string, RegionMultiplier>> = {
  'af-south-1': { compute: 1.325, managed: 1.301, basis: 'ec2' },
  'ap-east-1': { compute: 1.343, managed: 1.412, basis: 'ec2' },
  'ap-east-2': { compute: 1.343, managed: 1.412, basis: 'neighbour', neighbour: 'ap-east-1' },
  'ap-northeast-1': { compute: 1.266, managed: 1.289, basis: 'ec2' },
  'ap-northeast-2': { compute: 1.203, managed: 1.252, basis: 'ec2' },
  'ap-northeast-3': { compute: 1.266, managed: 1.316, basis: 'ec2' },
  'ap-south-1': { compute: 1.04, managed: 1.071, basis: 'ec2' },
  'ap-south-2': { compute: 1.072, managed: 1.072, basis: 'elasticache' },
  'ap-southeast-1': { compute: 1.219, managed: 1.264, basis: 'ec2' },
  'ap-southeast-2': { compute: 1.255, managed: 1.264, basis: 'ec2' },
  'ap-southeast-3': { compute: 1.287, managed: 1.287, basis: 'elasticache' },
  'ap-southeast-4': { compute: 1.287, managed: 1.287, basis: 'elasticache' },
  'ap-southeast-5': { compute: 1.142, managed: 1.142, basis: 'elasticache' },
  'ap-southeast-6': { compute: 1.255, managed: 1.264, basis: 'neighbour', neighbour: 'ap-southeast-2' },
  'ap-southeast-7': { compute: 1.101, managed: 1.101, basis: 'elasticache' },
  'ca-central-1': { compute: 1.105, managed: 1.095, basis: 'ec2' },
  'ca-west-1': { compute: 1.095, managed: 1.095, basis: 'elasticache' },
  'eu-central-1': { compute: 1.174, managed: 1.183, basis: 'ec2' },
  'eu-central-2': { compute: 1.292, managed: 1.292, basis: 'elasticache' },
  'eu-north-1': { compute: 1.059, managed: 1.081, basis: 'ec2' },
  'eu-south-1': { compute: 1.17, managed: 1.151, basis: 'ec2' },
  'eu-south-2': { compute: 1.101, managed: 1.101, basis: 'elasticache' },
  'eu-west-1': { compute: 1.115, managed: 1.099, basis: 'ec2' },
  'eu-west-2': { compute: 1.163, managed: 1.154, basis: 'ec2' },
  'eu-west-3': { compute: 1.166, managed: 1.151, basis: 'ec2' },
  'il-central-1': { compute: 1.15, managed: 1.15, basis: 'elasticache' },
  'me-central-1': { compute: 1.204, managed: 1.204, basis: 'elasticache' },
  'me-south-1': { compute: 1.228, managed: 1.268, basis: 'ec2' },
  'mx-central-1': { compute: 1.05, managed: 1.05, basis: 'elasticache' },
  'sa-east-1': { compute: 1.586, managed: 1.722, basis: 'ec2' },
  'us-east-1': { compute: 1, managed: 1, basis: 'ec2' },
  'us-east-2': { compute: 1, managed: 1, basis: 'ec2' },
  'us-west-1': { compute: 1.178, managed: 1.08, basis: 'ec2' },
  'us-west-2': { compute: 1, managed: 1, basis: 'ec2' },
};

/** The sources the multipliers were computed from (ids in sources.ts). */
export const MULTIPLIER_SOURCES: Readonly<Record<RegionMultiplier['basis'], readonly string[]>> = {
  ec2: ['region-multipliers', 'ec2-kube-resource-report', 'elasticache-ec2instances-info'],
  elasticache: ['region-multipliers', 'elasticache-ec2instances-info'],
  neighbour: ['region-multipliers', 'ec2-kube-resource-report', 'elasticache-ec2instances-info'],
};
