/**
 * One entry of the services catalog. It is also the format of the service descriptor that the service blueprint
 * writes into every new service repository, so a descriptor can be added to `services` as it is.
 */
import type { ServiceCall, ServiceChartConfig } from './service-traffic-config';
import type {
  ConcurrencyPolicy,
  ContainerConfig,
  MigrateConfig,
  ProbesConfig,
  SecurityContextConfig,
  ServicePortConfig,
  SharedVolumeConfig,
  VolumeConfig,
  WorkloadKind,
} from './workload-config';

/** What a service's image runs. */
export type ServiceRuntime = 'node' | 'python' | 'static-site';

export interface ServiceConfig {
  /** DNS label naming the service, such as `api`. Used for the namespace, the Deployment and the registry. */
  readonly name: string;
  /** Team that owns the service (free text, shown in labels and docs). @default - none */
  readonly team?: string;
  /**
   * What the image runs: a Node.js or Python HTTP service, or a static site (an SPA build served by unprivileged
   * nginx). Sets the default health paths: `/health` and `/ready` for services, `/` for static sites.
   * @default 'node'
   */
  readonly runtime?: ServiceRuntime;
  /** Container image. Required unless `chart` is set, refused with it. */
  readonly image?: ServiceImageConfig;
  /**
   * A third-party Helm chart instead of an image: rendered as an Argo CD Application, no Deployment or registry.
   * @default - none: the service runs `image`
   */
  readonly chart?: ServiceChartConfig;
  /**
   * Services this one sends requests to (`'ledger'` or `{ service: 'kafka', port: 9092 }`): each edge opens the
   * NetworkPolicies between the two, nothing else does.
   * @default - none: no service-to-service traffic
   */
  readonly calls?: readonly ServiceCall[];
  /**
   * What the service runs as: `web` (Deployment, Service, optional ingress), `worker` (Deployment only), `stateful`
   * (StatefulSet with volumes), `job` (Job) or `cron` (CronJob on `schedule`).
   * @default 'web'
   */
  readonly kind?: WorkloadKind;
  /**
   * Port the container listens on (HTTP), named `http`. Set either `port` or `ports`; a `web` or `stateful` service
   * needs one of them.
   * @default - no port (only for `worker`, `job` and `cron`)
   */
  readonly port?: number;
  /** Several named ports (TCP or UDP), instead of `port`. @default - `port` */
  readonly ports?: readonly ServicePortConfig[];
  /** Probes of the main container. @default - HTTP probes on `health` for `web`; none for `worker` */
  readonly probes?: ProbesConfig;
  /** Entrypoint of the main container. @default - the image's */
  readonly command?: readonly string[];
  /** Arguments of the main container. @default - the image's */
  readonly args?: readonly string[];
  /** Containers beside the main one. @default - none */
  readonly sidecars?: readonly ContainerConfig[];
  /** Containers run to completion before the main one starts. @default - none */
  readonly initContainers?: readonly ContainerConfig[];
  /** Persistent volumes (`stateful` only), one per replica each. @default - none */
  readonly volumes?: readonly VolumeConfig[];
  /** Writable emptyDir volumes shared by the main container, sidecars and init containers. @default - none */
  readonly sharedVolumes?: readonly SharedVolumeConfig[];
  /** Name of one of the environment's node groups the pods run on. @default - any node */
  readonly nodeGroup?: string;
  /** Cron schedule (5 fields, UTC) of a `cron` service. Required for `cron`, refused for the other kinds. */
  readonly schedule?: string;
  /** What a `cron` service does when the previous run is still going. @default 'Forbid' */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /** Longest run of a `job` or `cron` run before it is failed. @default 3600 */
  readonly activeDeadlineSeconds?: number;
  /** Retries of a failed `job` or `cron` run. @default 2 */
  readonly backoffLimit?: number;
  /** Successful runs of a `cron` service that are kept. @default 3 */
  readonly successfulJobsHistoryLimit?: number;
  /** Failed runs of a `cron` service that are kept. @default 3 */
  readonly failedJobsHistoryLimit?: number;
  /** A migration run before each sync of the service (an Argo CD Sync hook Job in the wave before the workload). @default - none */
  readonly migrate?: MigrateConfig;
  /** A restricted security setting relaxed, with a reason. @default - fully restricted */
  readonly securityContext?: SecurityContextConfig;
  /** HTTP paths of the liveness and readiness probes. @default - liveness '/health', readiness '/ready' */
  readonly health?: HealthConfig;
  /** Replicas when `autoscaling` is not set. @default - 1 for development, 2 for production */
  readonly replicas?: number;
  /** Horizontal pod autoscaling on CPU. @default - fixed replicas */
  readonly autoscaling?: AutoscalingConfig;
  /** Requests per replica; the memory request is also the limit. @default - cpu '100m', memory '128Mi' */
  readonly resources?: ResourcesConfig;
  /** Plain environment variables. Values that look like secrets are rejected: use `secrets`. @default - none */
  readonly env?: Readonly<Record<string, string>>;
  /** Environment variables read from AWS Secrets Manager (through External Secrets). @default - none */
  readonly secrets?: Readonly<Record<string, SecretRefConfig>>;
  /** HTTP ingress. @default - no ingress (reachable inside the cluster only) */
  readonly ingress?: IngressConfig;
  /** Managed data stores the service uses; their credentials are injected as secrets. @default - none */
  readonly dependsOn?: readonly ServiceDependency[];
  /**
   * What the service may do on the environment's Kafka (`data.kafka`); required when `dependsOn` has `kafka`.
   * @default - none
   */
  readonly kafka?: ServiceKafkaConfig;
  /** Per-environment overrides, keyed by environment name. @default - none */
  readonly environments?: Readonly<Record<string, ServiceEnvironmentOverride>>;
  /**
   * The service's CI identity: which GitHub repository may push its images and promote them.
   * @default - none: no CI role trusts any repository for this service
   */
  readonly ci?: ServiceCiConfig;
  /**
   * AWS resources the service's own repository creates with an AWS CDK app (docs/service-resources.md): per
   * environment, a role its CI assumes to deploy CloudFormation stacks named `<org>-<env>-<service>-*`, and the
   * execution role CloudFormation uses, allowed only these types on names starting `<org>-<env>-<service>-`.
   * Requires `ci.repository` (the repository those roles trust).
   * @default - none: no role lets the service's repository create AWS resources
   */
  readonly awsResources?: ServiceAwsResourcesConfig;
}

/** Resource types a service's CDK app may create. */
export type ServiceAwsResourceType = 'bucket' | 'queue' | 'topic' | 'table';

/** What a service's own CDK app may create (S3 buckets, SQS queues, SNS topics, DynamoDB tables). */
export interface ServiceAwsResourcesConfig {
  /** At least one type. */
  readonly types: readonly ServiceAwsResourceType[];
  /**
   * The resources the CDK app creates, each named `<org>-<env>-<service>-<name>` in every environment the service runs
   * in: listed on the generated environment pages, priced by `paved cost`, and compared with the app's own resources
   * by `PavedServiceStack` (`declaredResources`) at synth time.
   * @default - none declared: not listed, not priced, not compared
   */
  readonly resources?: readonly ServiceAwsResourceConfig[];
}

/** One resource a service's CDK app creates. */
export interface ServiceAwsResourceConfig {
  /** One of the service's `awsResources.types`. */
  readonly type: ServiceAwsResourceType;
  /**
   * Last component of the physical name `<org>-<env>-<service>-<name>` (the construct's `name`): lowercase letters,
   * digits and single hyphens, starting with a letter; unique per service.
   */
  readonly name: string;
  /**
   * Expected monthly usage, only for `paved cost`.
   * @default - usage not estimated (only the fixed part is priced)
   */
  readonly usage?: ServiceAwsResourceUsage;
}

/**
 * What `paved cost` needs to price a resource's usage: monthly figures, each for the types named. A field for another
 * type is an error.
 */
export interface ServiceAwsResourceUsage {
  /** GB stored (bucket: S3 Standard, every version counted; table: DynamoDB Standard table class). @default - not estimated */
  readonly storageGb?: number;
  /** Queue: SQS requests (send, receive, delete, each 64 KB chunk) per month, in millions. @default - not estimated */
  readonly requestsPerMonthMillions?: number;
  /** Topic: SNS publishes per month, in millions (deliveries not included). @default - not estimated */
  readonly publishesPerMonthMillions?: number;
  /** Table: on-demand read request units per month, in millions. @default - not estimated */
  readonly readRequestUnitsPerMonthMillions?: number;
  /** Table: on-demand write request units per month, in millions. @default - not estimated */
  readonly writeRequestUnitsPerMonthMillions?: number;
}

/** What a service repository's CI may do, through the roles the bootstrap stack creates for it. */
export interface ServiceCiConfig {
  /**
   * The GitHub repository (`owner/name`, exact: no `*` or `?`) of the service. Its pushes to `branch` may push builds
   * to the service's own repository of its first environment (role `<org>-<service>-ci-push`), and its jobs bound to
   * the GitHub environment `<env>` may copy images into the service's repository of `<env>` (role
   * `<org>-<env>-ci-promote`).
   */
  readonly repository: string;
  /** Branch whose pushes may push builds. @default 'main' */
  readonly branch?: string;
  /**
   * Environments the repository may promote images into.
   * @default - every environment the service runs in
   */
  readonly promoteTo?: readonly string[];
}

export type ServiceDependency = 'postgres' | 'redis' | 'kafka';

/**
 * A service's Kafka access, granted through its Pod Identity role with MSK IAM access control: connect to the
 * environment's cluster, describe it, and create, describe, read and write exactly these topics; consumer groups named
 * `<service>-*` only.
 */
export interface ServiceKafkaConfig {
  /** Topic names (letters, digits, `.`, `_`, `-`, at most 249 characters), at least one. */
  readonly topics: readonly string[];
}

export interface ServiceImageConfig {
  /**
   * Repository without tag.
   * @default - the service's ECR repository of the environment (`<org>-<env>-<service>` in the management account)
   */
  readonly repository?: string;
  /** Tag or digest (`sha256:…`) deployed. Never `latest`. */
  readonly tag: string;
}

export interface HealthConfig {
  /** Answers 200 while the process is alive; failing restarts the container. @default '/health' */
  readonly liveness?: string;
  /** Answers 200 when dependencies are reachable; failing takes the pod out of the Service. @default '/ready' */
  readonly readiness?: string;
}

export interface AutoscalingConfig {
  /** Fewest replicas; at least 2 in production. */
  readonly minReplicas: number;
  /** Most replicas. */
  readonly maxReplicas: number;
  /** Average CPU utilization (percent of the request) the autoscaler aims for. @default 70 */
  readonly targetCpuUtilization?: number;
}

export interface ResourcesConfig {
  /** CPU request, such as `250m`. @default '100m' */
  readonly cpu?: string;
  /** Memory request, such as `256Mi`; also the memory limit. @default '128Mi' */
  readonly memory?: string;
}

export interface SecretRefConfig {
  /** Secrets Manager secret name, relative to the environment's prefix `<org>/<env>/`. */
  readonly secret: string;
  /** JSON key inside the secret. @default - the whole secret string */
  readonly key?: string;
}

export type IngressVisibility = 'public' | 'internal';

export interface IngressConfig {
  /**
   * Host name: a label (`api`, expanded to `api.<environment domain>`) or a full name inside the root domain.
   */
  readonly host: string;
  /** Path prefix routed to the service. @default '/' */
  readonly path?: string;
  /** Internet-facing or reachable only from the VPC. @default 'public' */
  readonly visibility?: IngressVisibility;
  /**
   * `'sso'`: only people signed in with the platform's `sso` provider reach the service (through oauth2-proxy).
   * @default - no sign-in in front of the service
   */
  readonly auth?: IngressAuth;
}

export type IngressAuth = 'sso';

/** What an environment may change about a service. */
export interface ServiceEnvironmentOverride {
  /** Whether the service runs in this environment. @default true */
  readonly enabled?: boolean;
  /** Tag or digest deployed in this environment (what CI bumps). @default - the service's image tag */
  readonly imageTag?: string;
  /** Fixed replicas in this environment; replaces the service's scaling. @default - the service's scaling */
  readonly replicas?: number;
  /** Autoscaling in this environment; replaces the service's scaling. @default - the service's scaling */
  readonly autoscaling?: AutoscalingConfig;
  /** Merged over the service's resources. @default - the service's resources */
  readonly resources?: ResourcesConfig;
  /** Merged over the service's `env`. */
  readonly env?: Readonly<Record<string, string>>;
  /** Replaces the service's ingress host in this environment. */
  readonly ingressHost?: string;
}
