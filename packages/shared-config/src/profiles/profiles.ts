import type { CapacityType, NatGatewayMode, Profile } from '../config/environment-config';

/** Everything a profile decides. Every value can be overridden in the environment's config. */
export interface ProfileDefaults {
  readonly network: {
    readonly azCount: number;
    readonly natGateways: NatGatewayMode;
    readonly flowLogRetentionDays: number;
  };
  readonly cluster: {
    readonly endpointPublicAccess: boolean;
    readonly publicAccessCidrs: readonly string[];
    readonly nodeGroup: {
      readonly instanceTypes: readonly string[];
      readonly minSize: number;
      readonly maxSize: number;
      readonly capacityType: CapacityType;
    };
  };
  readonly postgres: {
    readonly instanceClass: string;
    readonly allocatedStorageGiB: number;
    readonly multiAz: boolean;
    readonly backupRetentionDays: number;
    readonly deletionProtection: boolean;
  };
  readonly redis: {
    readonly nodeType: string;
    readonly replicas: number;
    readonly automaticFailover: boolean;
    readonly snapshotRetentionDays: number;
  };
  /** Provisioned MSK broker type (`data.kafka.instanceType`). */
  readonly kafka: { readonly instanceType: string };
  readonly registry: { readonly imagesToKeep: number };
  readonly backups: { readonly retentionDays: number; readonly veleroTtlHours: number };
  readonly logs: { readonly retentionDays: number };
  readonly services: { readonly replicas: number };
}

export const PROFILES: Readonly<Record<Profile, ProfileDefaults>> = {
  development: {
    network: { azCount: 2, natGateways: 'single', flowLogRetentionDays: 30 },
    cluster: {
      endpointPublicAccess: true,
      publicAccessCidrs: ['0.0.0.0/0'],
      nodeGroup: { instanceTypes: ['t3a.large', 't3.large'], minSize: 2, maxSize: 4, capacityType: 'spot' },
    },
    postgres: {
      instanceClass: 'db.t4g.micro',
      allocatedStorageGiB: 20,
      multiAz: false,
      backupRetentionDays: 7,
      deletionProtection: false,
    },
    redis: { nodeType: 'cache.t4g.micro', replicas: 0, automaticFailover: false, snapshotRetentionDays: 1 },
    kafka: { instanceType: 'kafka.t3.small' },
    registry: { imagesToKeep: 1 },
    backups: { retentionDays: 7, veleroTtlHours: 168 },
    logs: { retentionDays: 30 },
    services: { replicas: 1 },
  },
  production: {
    network: { azCount: 3, natGateways: 'per-az', flowLogRetentionDays: 365 },
    cluster: {
      endpointPublicAccess: true,
      publicAccessCidrs: [],
      nodeGroup: { instanceTypes: ['m6i.large', 'm5.large'], minSize: 3, maxSize: 6, capacityType: 'on-demand' },
    },
    postgres: {
      instanceClass: 'db.m6g.large',
      allocatedStorageGiB: 100,
      multiAz: true,
      backupRetentionDays: 30,
      deletionProtection: true,
    },
    redis: { nodeType: 'cache.m6g.large', replicas: 2, automaticFailover: true, snapshotRetentionDays: 7 },
    kafka: { instanceType: 'kafka.m7g.large' },
    registry: { imagesToKeep: 4 },
    backups: { retentionDays: 35, veleroTtlHours: 720 },
    logs: { retentionDays: 365 },
    services: { replicas: 2 },
  },
};

/** Defaults that do not depend on the profile. */
export const COMMON_DEFAULTS = {
  vpcCidr: '10.0.0.0/16',
  nodeDiskSizeGiB: 50,
  postgresEngineVersion: '16.6',
  postgresDatabaseName: 'app',
  postgresMaxStorageFactor: 5,
  redisEngineVersion: '7.1',
  kafkaStorageGiB: 100,
  untaggedExpiryDays: 1,
  veleroSchedule: '0 3 * * *',
  gitopsBranch: 'gitops',
  gitopsPath: 'environments',
  slackWebhookSecret: 'alerting/slack-webhook',
  livenessPath: '/health',
  readinessPath: '/ready',
  cpu: '100m',
  memory: '128Mi',
  targetCpuUtilization: 70,
  ingressPath: '/',
} as const;
