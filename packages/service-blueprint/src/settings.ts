/** What a service's image runs; the values of `runtime` in the platform's services catalog. */
export enum ServiceRuntime {
  /** A Node.js HTTP service (`PavedService`). */
  NODE = 'node',
  /** A Python HTTP service (`PavedPythonService`). */
  PYTHON = 'python',
  /** A single-page application served by unprivileged nginx (`PavedStaticSite`). */
  STATIC_SITE = 'static-site',
}

/**
 * The resolved settings of a Paved service: every option's default applied once, validated, and published on the
 * project (`PavedService.service`, `PavedPythonService.service`, `PavedStaticSite.service`) so that each component reads the same values.
 */
export interface ServiceSettings {
  /** What the service's image runs: the descriptor's `runtime`. */
  readonly runtime: ServiceRuntime;
  /** DNS label naming the service (namespace, Deployment, registry, descriptor). */
  readonly serviceName: string;
  /** Port the HTTP server listens on. */
  readonly port: number;
  /** Team that owns the service. */
  readonly team: string;
  /** Short name of the platform organization (`<org>-<env>-<service>` registries). */
  readonly organization: string;
  /** Default branch of the service repository: CI publishes from it. */
  readonly defaultBranch: string;
  /** Environments the service is deployed to, in promotion order. */
  readonly environments: string[];
  /** AWS account holding the container registries. */
  readonly awsAccount: string;
  /** AWS region of the container registries. */
  readonly awsRegion: string;
  /**
   * ECR repositories (names, without the registry host): one per environment in promotion order, or one for all. CI
   * pushes each build to the first and promotes its digest into the others.
   */
  readonly ecrRepositories: string[];
  /** Full repository URI recorded in the descriptor, when one repository serves every environment. */
  readonly imageRepository?: string;
  /** IAM role CI assumes through GitHub OIDC to push images. */
  readonly pushRoleArn: string;
  /** GitHub repository (`owner/name`) of the platform config that receives the image-tag pull requests. */
  readonly gitopsRepo: string;
  /** Path of this service's descriptor inside the platform repository. */
  readonly gitopsDescriptorPath: string;
  /** Branch of the platform repository the pull requests target. */
  readonly gitopsBaseBranch: string;
  /** The service uses PostgreSQL. */
  readonly postgres: boolean;
  /** The service uses Redis. */
  readonly redis: boolean;
  /** Public ingress host (a label or a full name), if the service is exposed. */
  readonly ingressHost?: string;
  /** Minimum coverage, in percent, of lines, branches, functions and statements. */
  readonly coverageThreshold: number;
  /** CPU request (Kubernetes quantity). */
  readonly cpu: string;
  /** Memory request and limit (Kubernetes quantity). */
  readonly memory: string;
  /** Replicas per environment. */
  readonly replicas: { [environment: string]: number };
  /** Plain environment variables of the deployed service. */
  readonly env: { [name: string]: string };
  /** Environment variables read from AWS Secrets Manager. */
  readonly secrets: { [name: string]: SecretReference };
  /** Owners written to CODEOWNERS. */
  readonly codeOwners: string[];
  /** Liveness path. */
  readonly livenessPath: string;
  /** Readiness path. */
  readonly readinessPath: string;
  /** Prometheus metrics path. */
  readonly metricsPath: string;
  /** The repository's AWS CDK app of service-owned resources (`awsResources`), when enabled. */
  readonly awsResources?: AwsResourcesSettings;
}

/** An environment variable read from AWS Secrets Manager. */
export interface SecretReference {
  /** Secrets Manager secret name, relative to the environment's prefix `<org>/<env>/`. */
  readonly secret: string;
  /**
   * JSON key inside the secret.
   * @default - the whole secret string
   */
  readonly key?: string;
}

/** The settings of a service's AWS CDK app (`awsResources`). */
export interface AwsResourcesSettings {
  /** Resource types the app may create (`bucket`, `queue`, `topic`, `table`), sorted. */
  readonly types: string[];
  /** The service's GitHub repository (`owner/name`), trusted by the platform's deploy role. */
  readonly repository: string;
  /** AWS account of each environment. */
  readonly accounts: { [environment: string]: string };
  /** Environment variables naming resources (`<kind>:<name>`), resolved per environment in the descriptor. */
  readonly env: { [name: string]: string };
  /**
   * The resources the app creates (those `env` names and `declaredAwsResources`), sorted by name: the descriptor's
   * `awsResources.resources`.
   */
  readonly resources: AwsResourceDeclaration[];
  /** Version of `@paved/service-constructs`, when not the blueprint's own. */
  readonly serviceConstructsVersion?: string;
}

/** A resource of the service's CDK app: its type and the construct's `name`. */
export interface AwsResourceDeclaration {
  /** `bucket`, `queue`, `topic` or `table`. */
  readonly type: string;
  /** Last component of `<org>-<env>-<service>-<name>`. */
  readonly name: string;
  /**
   * Expected monthly usage, written to the descriptor for `paved cost`.
   * @default - not estimated
   */
  readonly usage?: AwsResourceUsage;
}

/**
 * Expected monthly usage of one resource, for the platform's `paved cost` (the descriptor's `usage`). Each field
 * prices the types named; a field for another type is an error.
 */
export interface AwsResourceUsage {
  /**
   * GB stored (bucket: S3 Standard, every version counted; table: DynamoDB).
   * @default - not estimated
   */
  readonly storageGb?: number;
  /**
   * Queue: SQS requests per month, in millions.
   * @default - not estimated
   */
  readonly requestsPerMonthMillions?: number;
  /**
   * Topic: SNS publishes per month, in millions.
   * @default - not estimated
   */
  readonly publishesPerMonthMillions?: number;
  /**
   * Table: on-demand read request units per month, in millions.
   * @default - not estimated
   */
  readonly readRequestUnitsPerMonthMillions?: number;
  /**
   * Table: on-demand write request units per month, in millions.
   * @default - not estimated
   */
  readonly writeRequestUnitsPerMonthMillions?: number;
}
