import type { ResolvedStage } from './resolve-stages';
import type { ResolvedCall, ResolvedChart, ResolvedSso } from './resolve-traffic';
import type { ResolvedWorkload } from './resolve-workload';
import type { AddonDefinition, AddonName } from '../addons/catalog';
import type { IngressApi } from '../config/addon-config';
import type { CapacityType, ComputeMode, NatGatewayMode, Profile } from '../config/environment-config';
import type { ArgoCdMode, ClusterAccessLevel, IdentityCenterConfig, PlatformConfig } from '../config/platform-config';
import type { IngressVisibility, ServiceAwsResourceType, ServiceAwsResourceUsage, ServiceDependency, ServiceRuntime } from '../config/service-config';
import type { WaiverConfig } from '../config/waiver-config';
import type { EnvironmentNaming, PlatformNaming } from '../naming/naming';

/**
 * The platform with every default applied, once: what platform-infra, gitops-apps and the CLI consume. Nothing
 * downstream re-derives a default.
 */
export interface ResolvedPlatform {
  readonly organization: string;
  readonly domain: string;
  readonly naming: PlatformNaming;
  /** The management account: its credentials run Terraform, and assume `deployRoleName` in every other account. */
  readonly management: { readonly account: string; readonly region: string; readonly deployRoleName: string };
  readonly dns: { readonly existingZoneId?: string };
  readonly gitops: {
    readonly repoUrl: string;
    readonly branch: string;
    readonly path: string;
    /** Secrets Manager secret with the repository credentials; undefined for a public repository. */
    readonly credentialsSecret?: string;
    /** Who runs ArgoCD: the Helm chart (`self-managed`) or the EKS Capability for Argo CD. */
    readonly argocd: ArgoCdMode;
    /** Identity Center sign-in of the managed Argo CD; set (validation) when `argocd` is `eks-capability`. */
    readonly identityCenter?: IdentityCenterConfig;
  };
  readonly ci: ResolvedCi;
  readonly alerting: { readonly slack?: { readonly channel: string; readonly webhookSecret: string } };
  readonly environments: readonly ResolvedEnvironment[];
  /** Every account the platform uses (management first), without duplicates. */
  readonly accounts: readonly string[];
  readonly waivers: readonly WaiverConfig[];
  /** The single sign-on provider of `ingress.auth: 'sso'`; undefined when the config names none. */
  readonly sso?: ResolvedSso;
  /** The config as written, for provenance and docs. */
  readonly source: PlatformConfig;
}

/** Who may assume the CI roles: exact repositories only. */
export interface ResolvedCi {
  /** `owner/name` of the repository that plans (pull requests) and deploys (GitHub environments) the platform. */
  readonly platformRepository: string;
  /** GitHub environment of the platform repository that deploys the platform-wide stacks. */
  readonly managementEnvironment: string;
  /** Services with a CI repository, in catalog order. */
  readonly services: readonly ResolvedServiceCi[];
}

export interface ResolvedServiceCi {
  readonly service: string;
  /** `owner/name`, exact. */
  readonly repository: string;
  /** Branch whose pushes may push builds. */
  readonly branch: string;
  /** The first environment the service runs in: builds are pushed once to its repository there. */
  readonly pushEnvironment: string;
  /** Environments (that the service runs in) the repository may promote images into, in platform order. */
  readonly promoteTo: readonly string[];
}

export interface ResolvedEnvironment {
  readonly name: string;
  readonly profile: Profile;
  readonly account: string;
  readonly region: string;
  /** DNS suffix of the environment's hosts. */
  readonly domain: string;
  /** True when `domain` is the root domain, whose zone the shared stack owns. */
  readonly usesRootZone: boolean;
  readonly naming: EnvironmentNaming;
  /** Standard tags (without the stack tag, which each stack adds). */
  readonly tags: Readonly<Record<string, string>>;
  readonly network: ResolvedNetwork;
  readonly cluster: ResolvedCluster;
  readonly postgres?: ResolvedPostgres;
  readonly redis?: ResolvedRedis;
  /** Amazon MSK, only when `data.kafka` is set. */
  readonly kafka?: ResolvedKafka;
  readonly registry: { readonly imagesToKeep: number; readonly untaggedExpiryDays: number };
  readonly backups: { readonly retentionDays: number; readonly veleroSchedule: string; readonly veleroTtlHours: number };
  readonly logs: { readonly retentionDays: number };
  /** Enabled add-ons only, in catalog order. */
  readonly addons: readonly ResolvedAddon[];
  /** How services with an ingress are exposed: Ingress or Gateway API on the AWS Load Balancer Controller's ALB. */
  readonly ingress: { readonly api: IngressApi; readonly wafAclArn?: string };
  /** Services enabled in this environment, in catalog order. */
  readonly services: readonly ResolvedService[];
  /** Third-party Helm charts (`chart` entries of the catalog) enabled in this environment, in catalog order. */
  readonly charts: readonly ResolvedChart[];
  /** IAM roles granted cluster access in this environment. */
  readonly accessRoles: readonly { readonly roleArn: string; readonly access: ClusterAccessLevel }[];
  /**
   * The principal Terraform runs as in this environment's account, granted cluster admin through its own access entry:
   * the assumed deploy role, or in the management account `access.managementDeployerRoleArn`. Undefined when
   * `access.deployerClusterAdmin` is false or, in the management account, no deployer role is named.
   */
  readonly deployerAccessArn?: string;
  /** Stages that run on this environment's cluster (`runsOn`), in config order; undefined when there are none. */
  readonly stages?: readonly ResolvedStage[];
}

export type ResolvedNetwork =
  | {
    readonly mode: 'create';
    readonly vpcCidr: string;
    readonly azCount: number;
    readonly natGateways: NatGatewayMode;
    readonly subnets: { readonly public: readonly string[]; readonly private: readonly string[]; readonly data: readonly string[] };
    readonly flowLogRetentionDays: number;
  }
  | {
    readonly mode: 'existing';
    readonly vpcId: string;
    readonly publicSubnetIds: readonly string[];
    readonly privateSubnetIds: readonly string[];
    readonly dataSubnetIds: readonly string[];
  };

export interface ResolvedCluster {
  readonly name: string;
  readonly kubernetesVersion: string;
  readonly endpointPublicAccess: boolean;
  readonly publicAccessCidrs: readonly string[];
  readonly logRetentionDays: number;
  readonly compute: ComputeMode;
  /** Managed node groups; empty in Auto Mode. */
  readonly nodeGroups: readonly ResolvedNodeGroup[];
  /**
   * Auto Mode only: the capacity the cost estimate assumes (EKS picks the instances): the profile's default node group,
   * on demand (the built-in `general-purpose` pool launches on-demand instances only).
   */
  readonly autoModeCapacity?: ResolvedNodeGroup;
}

export interface ResolvedNodeGroup {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredSize: number;
  readonly capacityType: CapacityType;
  readonly diskSizeGiB: number;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ResolvedPostgres {
  readonly identifier: string;
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
  readonly databaseName: string;
}

export interface ResolvedRedis {
  readonly replicationGroupId: string;
  readonly engineVersion: string;
  readonly nodeType: string;
  readonly replicas: number;
  readonly automaticFailover: boolean;
  readonly snapshotRetentionDays: number;
}

export type ResolvedKafka =
  | { readonly mode: 'serverless'; readonly clusterName: string }
  | {
    readonly mode: 'provisioned';
    readonly clusterName: string;
    readonly brokers: number;
    readonly instanceType: string;
    readonly version: string;
    readonly storageGiB: number;
    /** Days the broker logs are kept in CloudWatch: the environment's log retention. */
    readonly logRetentionDays: number;
  };

export interface ResolvedAddon extends AddonDefinition {
  /** Chart version after the environment's override. */
  readonly version: string;
}

export interface ResolvedService extends ResolvedWorkload {
  readonly name: string;
  readonly team?: string;
  readonly runtime: ServiceRuntime;
  /** Full image reference, pinned: `<repository>:<tag>` or `<repository>@sha256:…`. */
  readonly image: string;
  /** The `port` of the config (the HTTP port named `http`); undefined for services configured with `ports` or none. */
  readonly port?: number;
  readonly health: { readonly liveness: string; readonly readiness: string };
  readonly scaling:
    | { readonly kind: 'fixed'; readonly replicas: number }
    | {
      readonly kind: 'autoscaling';
      readonly minReplicas: number;
      readonly maxReplicas: number;
      readonly targetCpuUtilization: number;
    };
  readonly resources: { readonly cpu: string; readonly memory: string };
  /** Plain variables, sorted by name. */
  readonly env: Readonly<Record<string, string>>;
  /** Secrets Manager references, sorted by variable name. */
  readonly secrets: readonly ResolvedSecretRef[];
  readonly ingress?: {
    readonly host: string;
    readonly path: string;
    readonly visibility: IngressVisibility;
    /** `'sso'`: signed-in users only, through oauth2-proxy. */
    readonly auth?: 'sso';
    /** The platform's provider, set with `auth: 'sso'` (validation requires one). */
    readonly sso?: ResolvedSso;
  };
  readonly dependsOn: readonly ServiceDependency[];
  /** Services and charts this service sends requests to (`calls`), in config order. */
  readonly calls: readonly ResolvedCall[];
  /**
   * True when the image comes from the platform's own registry (the default repository): only then do the shared
   * stack create its ECR repository and the bootstrap stack its CI roles. False for third-party images.
   */
  readonly platformImage: boolean;
  /** Kafka topics the service may use; set when `dependsOn` has `kafka`. */
  readonly kafka?: { readonly topics: readonly string[] };
  /**
   * What the service's own CDK app may create (`awsResources`), and the repository whose jobs bound to this
   * environment deploy it; set only with `ci.repository`.
   */
  readonly awsResources?: {
    readonly types: readonly ServiceAwsResourceType[];
    readonly repository: string;
    /** The declared resources (`awsResources.resources`), in config order; absent when none are declared. */
    readonly resources?: readonly ResolvedAwsResource[];
  };
}

/** A resource a service's CDK app creates in this environment, as the service declares it. */
export interface ResolvedAwsResource {
  readonly type: ServiceAwsResourceType;
  /** The declared `name`. */
  readonly name: string;
  /** `<org>-<env>-<service>-<name>`, as the Paved constructs name it in this environment. */
  readonly physicalName: string;
  /** Expected monthly usage for `paved cost`; absent when not given. */
  readonly usage?: ServiceAwsResourceUsage;
}

export interface ResolvedSecretRef {
  readonly envVar: string;
  /** Full Secrets Manager name. */
  readonly secretName: string;
  readonly key?: string;
}

export type { AddonName };
