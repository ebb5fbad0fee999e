import type { AddonSettings } from './addon-config';

/**
 * `development` is sized for cost (single NAT, no Multi-AZ, spot nodes, deletion allowed); `production` for safety
 * (NAT per AZ, Multi-AZ, deletion protection, longer retention). Every value a profile sets can be overridden.
 */
export type Profile = 'development' | 'production';

export interface EnvironmentConfig {
  /** DNS label naming the environment, such as `dev` or `prod`. Part of every physical name. */
  readonly name: string;
  /** Sizing and safety defaults. */
  readonly profile: Profile;
  /** 12-digit AWS account id of the environment. */
  readonly account: string;
  /** AWS region of the environment, such as `eu-west-1`. */
  readonly region: string;
  /**
   * DNS domain of the environment's hosts. Must be the root domain or a subdomain of it.
   * @default '<name>.<domain>'
   */
  readonly domain?: string;
  readonly network?: NetworkConfig;
  readonly cluster?: ClusterConfig;
  readonly data?: DataConfig;
  readonly registry?: RegistryConfig;
  readonly backups?: BackupConfig;
  readonly logs?: LogsConfig;
  /** Add-on switches and chart versions for this environment only; they override the platform-wide settings. */
  readonly addons?: AddonSettings;
}

export type NatGatewayMode = 'single' | 'per-az';

export interface NetworkConfig {
  /**
   * Private IPv4 range of the VPC (RFC 1918), /16 to /24.
   * @default '10.0.0.0/16'
   */
  readonly vpcCidr?: string;
  /**
   * Number of availability zones used, 2 to 4.
   * @default - 2 for development, 3 for production
   */
  readonly azCount?: number;
  /**
   * One NAT gateway for the VPC, or one per availability zone (no cross-AZ dependency).
   * @default - 'single' for development, 'per-az' for production
   */
  readonly natGateways?: NatGatewayMode;
  /**
   * Explicit subnet ranges, one per availability zone and tier.
   * @default - carved from `vpcCidr`: a quarter of the VPC per private subnet, small public and data subnets
   */
  readonly subnets?: SubnetsConfig;
  /**
   * Use an existing VPC instead of creating one (bring your own VPC). The other network settings are then ignored.
   * @default - a new VPC is created
   */
  readonly existingVpc?: ExistingVpcConfig;
  /**
   * Days VPC flow logs are kept in CloudWatch.
   * @default - 30 for development, 365 for production
   */
  readonly flowLogRetentionDays?: number;
}

export interface SubnetsConfig {
  readonly public: readonly string[];
  readonly private: readonly string[];
  readonly data: readonly string[];
}

export interface ExistingVpcConfig {
  readonly vpcId: string;
  readonly publicSubnetIds: readonly string[];
  readonly privateSubnetIds: readonly string[];
  /** @default - the private subnets */
  readonly dataSubnetIds?: readonly string[];
}

export type CapacityType = 'on-demand' | 'spot';

export interface ClusterConfig {
  /**
   * Kubernetes minor version of the EKS control plane.
   * @default - Paved's default version (see SUPPORTED_KUBERNETES_VERSIONS)
   */
  readonly kubernetesVersion?: string;
  /** @default - one `general` group sized by the profile */
  readonly nodeGroups?: readonly NodeGroupConfig[];
  /**
   * Whether the API endpoint is reachable from the internet (always also reachable from inside the VPC).
   * @default true
   */
  readonly endpointPublicAccess?: boolean;
  /**
   * CIDRs allowed to reach the public endpoint. Production requires a list narrower than 0.0.0.0/0.
   * @default - ['0.0.0.0/0'] for development; none for production (must be set when the endpoint is public)
   */
  readonly publicAccessCidrs?: readonly string[];
  /**
   * Days control-plane logs are kept.
   * @default - the environment's log retention
   */
  readonly logRetentionDays?: number;
}

export interface NodeGroupConfig {
  /** DNS label naming the group, such as `general`. */
  readonly name: string;
  /** EC2 instance types, such as `['m6i.large', 'm5.large']`. Several types help spot capacity. */
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly maxSize: number;
  /** @default - minSize */
  readonly desiredSize?: number;
  /** @default - 'spot' for development, 'on-demand' for production */
  readonly capacityType?: CapacityType;
  /** @default 50 */
  readonly diskSizeGiB?: number;
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface DataConfig {
  /**
   * RDS PostgreSQL. Created when a service depends on `postgres`, unless `enabled` is false.
   */
  readonly postgres?: PostgresConfig;
  /** ElastiCache Redis. Created when a service depends on `redis`, unless `enabled` is false. */
  readonly redis?: RedisConfig;
}

export interface PostgresConfig {
  /** @default - true when a service depends on postgres */
  readonly enabled?: boolean;
  /** @default '16.6' */
  readonly engineVersion?: string;
  /** @default - 'db.t4g.micro' for development, 'db.m6g.large' for production */
  readonly instanceClass?: string;
  /** @default - 20 for development, 100 for production */
  readonly allocatedStorageGiB?: number;
  /** Storage autoscaling ceiling. @default - 5 × allocatedStorageGiB */
  readonly maxAllocatedStorageGiB?: number;
  /** @default - false for development, true for production */
  readonly multiAz?: boolean;
  /** @default - 7 for development, 30 for production */
  readonly backupRetentionDays?: number;
  /** @default - false for development, true for production */
  readonly deletionProtection?: boolean;
  /** Initial database name. @default 'app' */
  readonly databaseName?: string;
}

export interface RedisConfig {
  /** @default - true when a service depends on redis */
  readonly enabled?: boolean;
  /** @default '7.1' */
  readonly engineVersion?: string;
  /** @default - 'cache.t4g.micro' for development, 'cache.m6g.large' for production */
  readonly nodeType?: string;
  /** Read replicas besides the primary. @default - 0 for development, 2 for production */
  readonly replicas?: number;
  /** Requires at least one replica. @default - false for development, true for production */
  readonly automaticFailover?: boolean;
  /** @default - 1 for development, 7 for production */
  readonly snapshotRetentionDays?: number;
}

export interface RegistryConfig {
  /**
   * Tagged images kept per repository; older ones expire. Production keeps the latest plus three for rollback.
   * @default - 1 for development, 4 for production
   */
  readonly imagesToKeep?: number;
  /** @default 1 */
  readonly untaggedExpiryDays?: number;
}

export interface BackupConfig {
  /** Days AWS Backup keeps recovery points. @default - 7 for development, 35 for production */
  readonly retentionDays?: number;
  /** Cron schedule (5 fields, UTC) of the nightly Velero backup. @default '0 3 * * *' */
  readonly veleroSchedule?: string;
  /** Hours a Velero backup is kept. @default - 168 for development, 720 for production */
  readonly veleroTtlHours?: number;
}

export interface LogsConfig {
  /** Days CloudWatch log groups keep events. @default - 30 for development, 365 for production */
  readonly retentionDays?: number;
}
