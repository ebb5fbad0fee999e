/**
 * One entry of the services catalog. It is also the format of the service descriptor that the service blueprint
 * writes into every new service repository, so a descriptor can be added to `services` as it is.
 */
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
  /** Container image. */
  readonly image: ServiceImageConfig;
  /** Port the container listens on (HTTP). */
  readonly port: number;
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
  /** Per-environment overrides, keyed by environment name. @default - none */
  readonly environments?: Readonly<Record<string, ServiceEnvironmentOverride>>;
  /**
   * The service's CI identity: which GitHub repository may push its images and promote them.
   * @default - none: no CI role trusts any repository for this service
   */
  readonly ci?: ServiceCiConfig;
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

export type ServiceDependency = 'postgres' | 'redis';

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
}

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
