import type { Profile } from '@paved/shared-config';

/**
 * Usage the config does not state but the bill depends on. Each value is a documented guess for a small startup
 * platform of that profile; docs/cost-model.md explains each one. Pass overrides to `estimateCost` to change them.
 */
export interface UsageAssumptions {
  /** Data processed by the NAT gateways of one environment (both directions: image pulls, package installs, API calls). */
  readonly natDataProcessedGiB: number;
  /**
   * Average Application Load Balancer capacity units used per load balancer (an LCU is the largest of 25 new
   * connections/s, 3,000 active connections, 1 GB/hour processed and 1,000 rule evaluations/s).
   */
  readonly lcuPerLoadBalancer: number;
  /** VPC flow logs ingested into CloudWatch Logs per month. */
  readonly flowLogsGiB: number;
  /** EKS control-plane logs (API server, audit, authenticator) ingested into CloudWatch Logs per month. */
  readonly controlPlaneLogsGiB: number;
  /** Compressed Loki chunks written to S3 per day (container logs). */
  readonly lokiGiBPerDay: number;
  /** S3 size of one nightly Velero backup (Kubernetes objects; volume snapshots excluded). */
  readonly veleroBackupGiB: number;
  /** Share of the allocated PostgreSQL storage that holds data (what a snapshot copies). */
  readonly postgresUsedFraction: number;
  /** Share of the PostgreSQL data that changes per day (what each incremental backup adds). */
  readonly postgresDailyChangeFraction: number;
  /** Prometheus persistent volume (gp3) when kube-prometheus-stack is enabled. */
  readonly prometheusVolumeGiB: number;
  /** Average compressed size of one container image in ECR. */
  readonly imageSizeGiB: number;
  /** Partitions per Kafka topic the services name (MSK Serverless bills each partition-hour). */
  readonly kafkaPartitionsPerTopic: number;
}

export interface CostAssumptions {
  /** Hours in a billing month (AWS calculators use 730). */
  readonly hoursPerMonth: number;
  /**
   * Spot discount off the on-demand price. AWS advertises up to 90%; typical small general-purpose types sell for
   * 60-75% less. Spot node groups are priced at on-demand x (1 - spotDiscount).
   */
  readonly spotDiscount: number;
  readonly usage: Readonly<Record<Profile, UsageAssumptions>>;
}

export const DEFAULT_ASSUMPTIONS: CostAssumptions = {
  hoursPerMonth: 730,
  spotDiscount: 0.6,
  usage: {
    development: {
      natDataProcessedGiB: 50,
      lcuPerLoadBalancer: 1,
      flowLogsGiB: 5,
      controlPlaneLogsGiB: 3,
      lokiGiBPerDay: 0.2,
      veleroBackupGiB: 0.5,
      postgresUsedFraction: 0.5,
      postgresDailyChangeFraction: 0.02,
      prometheusVolumeGiB: 20,
      imageSizeGiB: 0.25,
      kafkaPartitionsPerTopic: 3,
    },
    production: {
      natDataProcessedGiB: 300,
      lcuPerLoadBalancer: 2,
      flowLogsGiB: 20,
      controlPlaneLogsGiB: 10,
      lokiGiBPerDay: 1,
      veleroBackupGiB: 1,
      postgresUsedFraction: 0.5,
      postgresDailyChangeFraction: 0.03,
      prometheusVolumeGiB: 50,
      imageSizeGiB: 0.25,
      kafkaPartitionsPerTopic: 3,
    },
  },
};

/** Partial overrides, merged over `DEFAULT_ASSUMPTIONS`. */
export interface CostAssumptionOverrides {
  readonly hoursPerMonth?: number;
  readonly spotDiscount?: number;
  readonly usage?: Partial<Record<Profile, Partial<UsageAssumptions>>>;
}

/** Merges overrides over the defaults and checks every value is a finite, non-negative number (a discount below 1). */
export function resolveAssumptions(overrides: CostAssumptionOverrides = {}): CostAssumptions {
  const merged: CostAssumptions = {
    hoursPerMonth: overrides.hoursPerMonth ?? DEFAULT_ASSUMPTIONS.hoursPerMonth,
    spotDiscount: overrides.spotDiscount ?? DEFAULT_ASSUMPTIONS.spotDiscount,
    usage: {
      development: { ...DEFAULT_ASSUMPTIONS.usage.development, ...overrides.usage?.development },
      production: { ...DEFAULT_ASSUMPTIONS.usage.production, ...overrides.usage?.production },
    },
  };
  const check = (name: string, value: number, max = Infinity) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
      throw new RangeError(`cost assumption '${name}' is ${String(value)} (a number from 0 to ${max === Infinity ? 'any' : max})`);
    }
  };
  check('hoursPerMonth', merged.hoursPerMonth, 744);
  check('spotDiscount', merged.spotDiscount, 0.95);
  for (const [profile, usage] of Object.entries(merged.usage)) {
    for (const [key, value] of Object.entries(usage)) check(`usage.${profile}.${key}`, value as number);
  }
  return merged;
}
