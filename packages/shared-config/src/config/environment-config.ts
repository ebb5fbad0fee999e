import type { AddonSettings, IngressSettings } from './addon-config';

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
  /** VPC, subnets and NAT gateways, or an existing VPC. @default - a new VPC sized by the profile */
  readonly network?: NetworkConfig;
  /** EKS control plane and node groups. @default - sized by the profile */
  readonly cluster?: ClusterConfig;
  /** Managed PostgreSQL and Redis. @default - created when services depend on them, sized by the profile */
  readonly data?: DataConfig;
  /** Container registry lifecycle. @default - sized by the profile */
  readonly registry?: RegistryConfig;
  /** AWS Backup and Velero. @default - retention by the profile, nightly Velero backups */
  readonly backups?: BackupConfig;
  /** CloudWatch log retention. @default - by the profile */
  readonly logs?: LogsConfig;
  /** Add-on switches and chart versions for this environment only; they override the platform-wide settings. */
  readonly addons?: AddonSettings;
  /** How services with an ingress are exposed (AWS Load Balancer Controller). @default - Ingresses on one shared ALB */
  readonly ingress?: IngressSettings;
  /**
   * Makes this environment a stage: it runs on the cluster of the named environment (its host), sharing the host's VPC,
   * cluster, node groups, add-ons and data stores, in namespaces of its own (`<stage>-<service>`). A stage must not set
   * `network`, `cluster`, `data`, `addons` or `ingress`. See docs/stages.md.
   * @default - a full environment with its own VPC and cluster
   */
  readonly runsOn?: string;
  /** Stage only: other stages of the same host may call this stage's services through `calls`. @default false */
  readonly shared?: boolean;
  /** Stage only: ResourceQuota and LimitRange of each of the stage's namespaces. @default - by the profile */
  readonly quota?: StageQuotaConfig;
  /**
   * Stage only: IAM role ARNs given EKS access entries that may edit (Kubernetes `edit`) the stage's namespaces only.
   * @default - none
   */
  readonly deployers?: readonly string[];
}

/** Limits of each namespace of a stage (Kubernetes quantities). */
export interface StageQuotaConfig {
  /** Sum of the CPU requests in a namespace, such as `'2'`. @default - '2' for development, '8' for production */
  readonly cpu?: string;
  /** Sum of the memory requests in a namespace, such as `'4Gi'`. @default - '4Gi' for development, '16Gi' for production */
  readonly memory?: string;
  /** Most pods in a namespace. @default - 20 for development, 50 for production */
  readonly pods?: number;
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
  /** Load balancers and NAT gateways, one CIDR per availability zone. */
  readonly public: readonly string[];
  /** Nodes and pods (the VPC CNI gives each pod a VPC address), one CIDR per availability zone. */
  readonly private: readonly string[];
  /** RDS and ElastiCache, without a route to the internet, one CIDR per availability zone. */
  readonly data: readonly string[];
}

export interface ExistingVpcConfig {
  /** Id of the VPC, such as `vpc-0123456789abcdef0`. */
  readonly vpcId: string;
  /** Subnets for internet-facing load balancers (at least two zones). */
  readonly publicSubnetIds: readonly string[];
  /** Subnets for nodes and pods (at least two zones). */
  readonly privateSubnetIds: readonly string[];
  /** Subnets for RDS and ElastiCache. @default - the private subnets */
  readonly dataSubnetIds?: readonly string[];
}

export type CapacityType = 'on-demand' | 'spot';

/**
 * Who runs the cluster's nodes and core components.
 * - `managed-node-groups`: EKS managed node groups on Paved's launch templates, with the VPC CNI, CoreDNS, kube-proxy,
 *   the EBS CSI driver and the Pod Identity agent as EKS add-ons and the AWS Load Balancer Controller chart.
 * - `auto-mode`: EKS Auto Mode: EKS launches, patches and scales the nodes (built-in `general-purpose` and `system`
 *   node pools) and runs networking, DNS, block storage and load balancing itself; Paved installs none of them.
 */
export type ComputeMode = 'managed-node-groups' | 'auto-mode';

export interface ClusterConfig {
  /**
   * Who runs the nodes. With `auto-mode`, `nodeGroups` must not be set: the cost estimate sizes the nodes from the
   * profile's default node group.
   * @default 'managed-node-groups'
   */
  readonly compute?: ComputeMode;
  /**
   * Kubernetes minor version of the EKS control plane.
   * @default - Paved's default version (see SUPPORTED_KUBERNETES_VERSIONS)
   */
  readonly kubernetesVersion?: string;
  /** Managed node groups. @default - one `general` group sized by the profile */
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
  /** Fewest nodes the autoscaler keeps. */
  readonly minSize: number;
  /** Most nodes the autoscaler may add. */
  readonly maxSize: number;
  /** Nodes at creation. @default - minSize */
  readonly desiredSize?: number;
  /** Spot is cheaper but can be reclaimed at two minutes' notice. @default - 'spot' for development, 'on-demand' for production */
  readonly capacityType?: CapacityType;
  /** Root volume size of each node. @default 50 */
  readonly diskSizeGiB?: number;
  /** Kubernetes labels on the nodes, for scheduling. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface DataConfig {
  /**
   * RDS PostgreSQL. Created when a service depends on `postgres`, unless `enabled` is false.
   */
  readonly postgres?: PostgresConfig;
  /** ElastiCache Redis. Created when a service depends on `redis`, unless `enabled` is false. */
  readonly redis?: RedisConfig;
  /**
   * Amazon MSK (Kafka) with IAM authentication only, TLS in transit, in the data subnets. Services reach it with
   * `dependsOn: ['kafka']` and `kafka.topics`. MSK has no AWS Backup support: topics are not in the backup plan.
   * @default - none
   */
  readonly kafka?: KafkaConfig;
}

/** `serverless`: MSK Serverless (capacity scales itself, billed per cluster-hour and partition-hour). `provisioned`: brokers you size. */
export type KafkaMode = 'serverless' | 'provisioned';

export interface KafkaConfig {
  /** MSK Serverless (no sizing, a high monthly floor) or provisioned brokers you size. */
  readonly mode: KafkaMode;
  /**
   * Brokers (provisioned only), a multiple of the number of data subnets (one zone each).
   * @default - one per data subnet
   */
  readonly brokers?: number;
  /**
   * Broker instance type (provisioned only).
   * @default - 'kafka.t3.small' for development, 'kafka.m7g.large' for production
   */
  readonly instanceType?: string;
  /**
   * Apache Kafka version of the brokers (provisioned only; MSK Serverless picks its own).
   * @default '3.8.x'
   */
  readonly version?: string;
  /** EBS storage per broker (provisioned only). @default 100 */
  readonly storageGiB?: number;
}

export interface PostgresConfig {
  /** Whether the environment has a database. @default - true when a service depends on postgres */
  readonly enabled?: boolean;
  /** RDS PostgreSQL engine version. @default '16.6' */
  readonly engineVersion?: string;
  /** RDS instance class. @default - 'db.t4g.micro' for development, 'db.m6g.large' for production */
  readonly instanceClass?: string;
  /** Initial storage (gp3). @default - 20 for development, 100 for production */
  readonly allocatedStorageGiB?: number;
  /** Storage autoscaling ceiling. @default - 5 × allocatedStorageGiB */
  readonly maxAllocatedStorageGiB?: number;
  /** A synchronous standby in another availability zone. @default - false for development, true for production */
  readonly multiAz?: boolean;
  /** Days of automated backups (point-in-time recovery window). @default - 7 for development, 30 for production */
  readonly backupRetentionDays?: number;
  /** Refuse deletion (Terraform destroy included) until turned off. @default - false for development, true for production */
  readonly deletionProtection?: boolean;
  /** Initial database name. @default 'app' */
  readonly databaseName?: string;
}

export interface RedisConfig {
  /** Whether the environment has a cache. @default - true when a service depends on redis */
  readonly enabled?: boolean;
  /** ElastiCache Redis OSS engine version. @default '7.1' */
  readonly engineVersion?: string;
  /** ElastiCache node type. @default - 'cache.t4g.micro' for development, 'cache.m6g.large' for production */
  readonly nodeType?: string;
  /** Read replicas besides the primary. @default - 0 for development, 2 for production */
  readonly replicas?: number;
  /** Requires at least one replica. @default - false for development, true for production */
  readonly automaticFailover?: boolean;
  /** Days automatic snapshots are kept. @default - 1 for development, 7 for production */
  readonly snapshotRetentionDays?: number;
}

export interface RegistryConfig {
  /**
   * Builds (`build-<sha>` images, which service CI pushes once to the first environment of its promotion order) kept per
   * repository, promoted or not; older builds expire unless they were promoted. Images promoted to an environment
   * (`release-<sha>`, the digests its manifests pin) and any other tag never expire.
   * @default - 1 for development, 4 for production
   */
  readonly imagesToKeep?: number;
  /** Days before untagged images (interrupted pushes) expire. @default 1 */
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
