import { type AwsResourceUsage, type AwsResourcesSettings, type SecretReference, ServiceRuntime, type ServiceSettings } from './settings';
import { OptionError, RULES, checkEnv, checkInteger, checkString } from './validation';

/**
 * Options every Paved service type shares: where the service runs in the platform and what it needs. Primitive
 * options are `projen new` flags in kebab case (`--aws-account`); maps are set in `.projenrc.ts`.
 */
export interface ServiceOptions {
  /**
   * Short name of the platform organization, as in `platform.config.ts` (`organization`). Registries are named
   * `<organization>-<environment>-<service>` and CI assumes the role `<organization>-<serviceName>-ci-push`.
   * @featured
   */
  readonly organization: string;

  /**
   * Team that owns the service: the descriptor's `team` and, by default, the CODEOWNERS team.
   * @featured
   */
  readonly team: string;

  /**
   * AWS account that holds the container registries (the platform's management account).
   * @featured
   */
  readonly awsAccount: string;

  /**
   * AWS region of the container registries.
   * @featured
   */
  readonly awsRegion: string;

  /**
   * DNS label naming the service in the platform (namespace, Deployment, registry).
   * @default - the project `name` without its npm scope
   */
  readonly serviceName?: string;

  /**
   * Port the HTTP server listens on. Unprivileged (1024 or higher) and distinct per service in the platform.
   * @default 8080
   * @featured
   */
  readonly port?: number;

  /**
   * Environments the service is deployed to, in promotion order. Name every environment of `platform.config.ts`:
   * CI pushes each build once to the first one's registry and promotes its digest to the next, each in the GitHub
   * environment of the same name.
   * @default ["dev","staging","prod"]
   */
  readonly environments?: string[];

  /**
   * One ECR repository (name only) for every environment, recorded in the descriptor as `image.repository`.
   * @default - the platform's repository per environment, `<organization>-<environment>-<serviceName>`
   */
  readonly ecrRepository?: string;

  /**
   * IAM role (name) in `awsAccount` that CI assumes through GitHub OIDC to push images.
   * @default "<organization>-<serviceName>-ci-push"
   */
  readonly pushRoleName?: string;

  /**
   * GitHub repository (`owner/name`) holding `platform.config.ts`; CI opens a pull request there with the new image tag.
   * @default "<organization>/platform"
   */
  readonly gitopsRepo?: string;

  /**
   * Path of the service's descriptor inside the platform repository.
   * @default "services/<serviceName>.json"
   */
  readonly gitopsDescriptorPath?: string;

  /**
   * Branch of the platform repository the image-tag pull requests target.
   * @default "main"
   */
  readonly gitopsBaseBranch?: string;

  /**
   * The service uses PostgreSQL: readiness checks it, docker-compose runs it, the descriptor declares it.
   * @default false
   */
  readonly postgres?: boolean;

  /**
   * The service uses Redis: readiness checks it, docker-compose runs it, the descriptor declares it.
   * @default false
   */
  readonly redis?: boolean;

  /**
   * Public ingress host: a label (`orders`, expanded to `orders.<environment domain>`) or a full name in the domain.
   * @default - no ingress (reachable inside the cluster only)
   */
  readonly ingressHost?: string;

  /**
   * Minimum test coverage in percent (lines, branches, functions, statements); the build fails below it.
   * @default 85
   */
  readonly coverageThreshold?: number;

  /**
   * CPU request of each replica.
   * @default "100m"
   */
  readonly cpu?: string;

  /**
   * Memory request and limit of each replica.
   * @default "128Mi"
   */
  readonly memory?: string;

  /**
   * Replicas in every environment not named in `environmentReplicas`.
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Replicas per environment.
   * @default - 1 in the first environment when there are several, `replicas` elsewhere
   */
  readonly environmentReplicas?: { [environment: string]: number };

  /**
   * Plain environment variables of the deployed service (no secrets: they are rejected).
   * @default - LOG_LEVEL=info
   */
  readonly env?: { [name: string]: string };

  /**
   * Environment variables read from AWS Secrets Manager.
   * @default - none
   */
  readonly secrets?: { [name: string]: SecretReference };

  /**
   * Owners of every file, written to CODEOWNERS.
   * @default - the team `@<gitopsRepo owner>/<team as a slug>`
   */
  readonly codeOwners?: string[];

  /**
   * The repository owns AWS resources (queues, buckets, topics, tables) through an AWS CDK app under `infra/`, one
   * stack per environment, deployed by CI with the platform's `<org>-<env>-<service>-cfn-*` roles
   * (docs/service-resources.md). The descriptor then declares `awsResources` and `ci.repository`.
   * @default false
   */
  readonly awsResources?: boolean;

  /**
   * Resource types the CDK app may create: the descriptor's `awsResources.types`, which the platform turns into the
   * execution role's permissions. Any of `bucket`, `queue`, `topic`, `table`.
   * @default ["bucket","queue","topic","table"]
   */
  readonly awsResourceTypes?: string[];

  /**
   * The service's own GitHub repository (`owner/name`): the platform's CloudFormation deploy role trusts its jobs
   * bound to each environment. Used with `awsResources`.
   * @default "<gitopsRepo owner>/<serviceName>"
   */
  readonly serviceRepository?: string;

  /**
   * AWS account of each environment, where its CDK stack is deployed. Used with `awsResources`.
   * @default - `awsAccount` for every environment
   */
  readonly environmentAccounts?: { [environment: string]: string };

  /**
   * Environment variables that tell the service where its resources are, written per environment into the
   * descriptor (`environments.<env>.env`). Each value is `<kind>:<name>` with the construct's `name` and a kind of
   * `bucket`, `queue-name`, `queue-url`, `topic-arn` or `table`: `{ JOBS_QUEUE_URL: 'queue-url:jobs' }` gives
   * `https://sqs.<region>.amazonaws.com/<account>/<org>-<env>-<service>-jobs` in each environment. Used with
   * `awsResources`.
   * @default - none
   */
  readonly awsResourceEnv?: { [name: string]: string };

  /**
   * Resources the CDK app creates that no `awsResourceEnv` variable points at, as `<type>:<name>` (`bucket:archive`)
   * with a type of `awsResourceTypes`. With the resources `awsResourceEnv` names, they are the descriptor's
   * `awsResources.resources`, which the platform lists and prices and `PavedServiceStack` compares with the app. Used
   * with `awsResources`.
   * @default - only the resources `awsResourceEnv` names
   */
  readonly declaredAwsResources?: string[];

  /**
   * Expected monthly usage of resources, by resource name (one named in `awsResourceEnv` or `declaredAwsResources`),
   * written to the descriptor for the platform's `paved cost`: `{ jobs: { requestsPerMonthMillions: 5 } }`. Used with
   * `awsResources`.
   * @default - usage not estimated
   */
  readonly awsResourceUsage?: { [name: string]: AwsResourceUsage };

  /**
   * npm version (or `file:` tarball) of `@paved/service-constructs` the CDK app depends on.
   * @default - the blueprint's own version
   */
  readonly serviceConstructsVersion?: string;
}

/** Resource types a service's CDK app may create (the platform catalog's `awsResources.types`). */
export const AWS_RESOURCE_TYPES = ['bucket', 'queue', 'topic', 'table'];

/** The resource type an `awsResourceEnv` reference kind points at. */
const RESOURCE_TYPE_OF_KIND: Readonly<Record<string, string>> = {
  'bucket': 'bucket', 'queue-name': 'queue', 'queue-url': 'queue', 'topic-arn': 'topic', 'table': 'table',
};

/** String options whose values a command line can hand over as numbers (`--aws-account 123456789012`). */
const STRING_OPTIONS = [
  'organization', 'team', 'awsAccount', 'awsRegion', 'serviceName', 'ecrRepository', 'pushRoleName', 'gitopsRepo',
  'gitopsDescriptorPath', 'gitopsBaseBranch', 'ingressHost', 'cpu', 'memory', 'nodeImage', 'pythonImage', 'moduleName',
  'serviceRepository', 'serviceConstructsVersion',
] as const;

/**
 * `projen new` parses `--aws-account 123456789012` as a number and would render it unquoted into `.projenrc.ts`, which
 * then fails to type-check. Numbers given for string options become strings, both in the options and in the
 * `projen new` arguments projen renders `.projenrc.ts` from (kept under the `__new__` key of the options).
 */
export function coerceStringOptions<T extends object>(options: T): T {
  const fix = (values: Record<string, unknown>) => {
    for (const key of STRING_OPTIONS) {
      if (typeof values[key] === 'number') values[key] = String(values[key]);
    }
  };
  const copy: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  fix(copy);
  const init = copy.__new__ as { args?: Record<string, unknown> } | undefined;
  if (init?.args) {
    const args = { ...init.args };
    fix(args);
    copy.__new__ = { ...init, args };
  }
  return copy as unknown as T;
}

/** What the project type adds to the shared options when it resolves them. */
export interface ResolveContext {
  readonly runtime: ServiceRuntime;
  /** The project's `name` (npm-scoped for Node services): the default service name. */
  readonly name: string;
  readonly defaultBranch?: string;
}

/** Applies every default of the shared options once and validates them; throws `OptionError` naming the option. */
export function resolveServiceSettings(options: ServiceOptions, context: ResolveContext): ServiceSettings {
  const serviceName = checkString('serviceName', options.serviceName ?? context.name.replace(/^@[^/]+\//, ''), RULES.serviceName);
  const organization = checkString('organization', options.organization, RULES.organization);
  const team = checkString('team', options.team, RULES.team);
  const awsAccount = checkString('awsAccount', options.awsAccount, RULES.account);
  const awsRegion = checkString('awsRegion', options.awsRegion, RULES.region);
  const port = checkInteger('port', options.port ?? 8080, 1024, 65535, '(unprivileged ports only)');
  const coverageThreshold = checkInteger('coverageThreshold', options.coverageThreshold ?? 85, 1, 100, 'percent');

  const environments = options.environments ?? ['dev', 'staging', 'prod'];
  if (environments.length === 0) throw new OptionError('environments', environments, 'at least one environment');
  environments.forEach((e, i) => checkString(`environments[${i}]`, e, RULES.environment));
  const duplicate = environments.find((e, i) => environments.indexOf(e) !== i);
  if (duplicate) throw new OptionError('environments', environments, `unique names ('${duplicate}' appears twice)`);

  const ecrRepositories = options.ecrRepository
    ? [checkString('ecrRepository', options.ecrRepository, RULES.ecrRepository)]
    : environments.map((e) => checkString('ecrRepository', `${organization}-${e}-${serviceName}`, RULES.ecrRepository));
  const registry = `${awsAccount}.dkr.ecr.${awsRegion}.amazonaws.com`;
  const pushRoleName = checkString('pushRoleName', options.pushRoleName ?? `${organization}-${serviceName}-ci-push`, RULES.roleName);
  const gitopsRepo = checkString('gitopsRepo', options.gitopsRepo ?? `${organization}/platform`, RULES.githubRepo);

  const replicas = checkInteger('replicas', options.replicas ?? 2, 1, 1000);
  const explicit = options.environmentReplicas ?? (environments.length > 1 ? { [environments[0]]: 1 } : {});
  for (const [name, count] of Object.entries(explicit)) {
    if (!environments.includes(name)) throw new OptionError(`environmentReplicas.${name}`, count, `an environment of 'environments' (${environments.join(', ')})`);
    checkInteger(`environmentReplicas.${name}`, count, 1, 1000);
  }
  const env = options.env ?? { LOG_LEVEL: 'info' };
  const secrets = options.secrets ?? {};
  checkEnv(env, secrets);

  const codeOwners = options.codeOwners ?? [`@${gitopsRepo.split('/')[0]}/${team.toLowerCase().replace(/[^a-z0-9_-]+/g, '-')}`];
  if (codeOwners.length === 0) throw new OptionError('codeOwners', codeOwners, 'at least one owner');
  codeOwners.forEach((o, i) => checkString(`codeOwners[${i}]`, o, RULES.codeOwner));

  const awsResources = options.awsResources ? resolveAwsResources(options, { serviceName, gitopsRepo, awsAccount, environments }) : undefined;

  // A static site has no health endpoints: the platform probes its index page, as it does by default for static sites.
  const indexProbes = context.runtime === ServiceRuntime.STATIC_SITE;
  return {
    runtime: context.runtime,
    serviceName,
    port,
    team,
    organization,
    defaultBranch: checkString('defaultReleaseBranch', context.defaultBranch ?? 'main', RULES.branch),
    environments: [...environments],
    awsAccount,
    awsRegion,
    ecrRepositories,
    imageRepository: options.ecrRepository ? `${registry}/${options.ecrRepository}` : undefined,
    pushRoleArn: `arn:aws:iam::${awsAccount}:role/${pushRoleName}`,
    gitopsRepo,
    gitopsDescriptorPath: checkString('gitopsDescriptorPath', options.gitopsDescriptorPath ?? `services/${serviceName}.json`, RULES.jsonPath),
    gitopsBaseBranch: checkString('gitopsBaseBranch', options.gitopsBaseBranch ?? 'main', RULES.branch),
    postgres: options.postgres ?? false,
    redis: options.redis ?? false,
    ingressHost: options.ingressHost === undefined ? undefined : checkString('ingressHost', options.ingressHost, RULES.host),
    coverageThreshold,
    cpu: checkString('cpu', options.cpu ?? '100m', RULES.cpu),
    memory: checkString('memory', options.memory ?? '128Mi', RULES.memory),
    replicas: Object.fromEntries(environments.map((e) => [e, explicit[e] ?? replicas])),
    env: { ...env },
    secrets: { ...secrets },
    codeOwners: [...codeOwners],
    livenessPath: indexProbes ? '/' : '/health',
    readinessPath: indexProbes ? '/' : '/ready',
    metricsPath: '/metrics',
    ...(awsResources ? { awsResources } : {}),
  };
}

function resolveAwsResources(
  options: ServiceOptions,
  context: { serviceName: string; gitopsRepo: string; awsAccount: string; environments: string[] },
): AwsResourcesSettings {
  const types = options.awsResourceTypes ?? AWS_RESOURCE_TYPES;
  if (types.length === 0) throw new OptionError('awsResourceTypes', types, `at least one of ${AWS_RESOURCE_TYPES.join(', ')}`);
  types.forEach((t, i) => {
    if (!AWS_RESOURCE_TYPES.includes(t)) throw new OptionError(`awsResourceTypes[${i}]`, t, `one of ${AWS_RESOURCE_TYPES.join(', ')}`);
  });
  const repository = checkString('serviceRepository', options.serviceRepository ?? `${context.gitopsRepo.split('/')[0]}/${context.serviceName}`, RULES.githubRepo);
  const explicit = options.environmentAccounts ?? {};
  for (const [env, account] of Object.entries(explicit)) {
    if (!context.environments.includes(env)) {
      throw new OptionError(`environmentAccounts.${env}`, account, `an environment of 'environments' (${context.environments.join(', ')})`);
    }
    checkString(`environmentAccounts.${env}`, account, RULES.account);
  }
  const env = options.awsResourceEnv ?? {};
  // Every resource by name: a name is one resource, of one type, whichever option names it.
  const resources = new Map<string, { option: string; type: string }>();
  const declare = (option: string, value: string, type: string, name: string) => {
    if (!types.includes(type)) throw new OptionError(option, value, `a resource of a type in 'awsResourceTypes' (${types.join(', ')}), or add '${type}' to it`);
    const seen = resources.get(name);
    if (seen && seen.type !== type) throw new OptionError(option, value, `another name: '${name}' is the ${seen.type} of ${seen.option}`);
    resources.set(name, seen ?? { option, type });
  };
  for (const [name, value] of Object.entries(env)) {
    checkString(`awsResourceEnv.${name}`, name, RULES.envVarName);
    if (options.env?.[name] !== undefined) throw new OptionError(`awsResourceEnv.${name}`, value, 'a name not already in \'env\'');
    checkString(`awsResourceEnv.${name}`, value, RULES.resourceReference);
    const [kind, resource] = value.split(':');
    declare(`awsResourceEnv.${name}`, value, RESOURCE_TYPE_OF_KIND[kind], resource);
  }
  (options.declaredAwsResources ?? []).forEach((value, i) => {
    const [type, name] = checkString(`declaredAwsResources[${i}]`, value, RULES.resourceDeclaration).split(':');
    declare(`declaredAwsResources[${i}]`, value, type, name);
  });
  const usage = options.awsResourceUsage ?? {};
  for (const [name, figures] of Object.entries(usage)) {
    const resource = resources.get(name);
    if (!resource) {
      throw new OptionError(`awsResourceUsage.${name}`, figures, `the name of a resource in 'awsResourceEnv' or 'declaredAwsResources' (${[...resources.keys()].sort().join(', ') || 'none'})`);
    }
    checkUsage(`awsResourceUsage.${name}`, resource.type, figures);
  }
  return {
    types: [...new Set(types)].sort(),
    repository,
    env: { ...env },
    resources: [...resources]
      .map(([name, { type }]) => ({ type, name, ...(usage[name] ? { usage: { ...usage[name] } } : {}) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    accounts: Object.fromEntries(context.environments.map((e) => [e, explicit[e] ?? context.awsAccount])),
    serviceConstructsVersion: options.serviceConstructsVersion === undefined
      ? undefined
      : checkString('serviceConstructsVersion', options.serviceConstructsVersion, RULES.dependencyVersion),
  };
}

/** The usage fields that price each type (the platform's `AWS_RESOURCE_USAGE_FIELDS`). */
const USAGE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  bucket: ['storageGb'],
  queue: ['requestsPerMonthMillions'],
  topic: ['publishesPerMonthMillions'],
  table: ['storageGb', 'readRequestUnitsPerMonthMillions', 'writeRequestUnitsPerMonthMillions'],
};

function checkUsage(option: string, type: string, usage: AwsResourceUsage): void {
  for (const [field, value] of Object.entries(usage)) {
    if (!USAGE_FIELDS[type].includes(field)) throw new OptionError(`${option}.${field}`, value, `a usage field of a ${type}: ${USAGE_FIELDS[type].join(', ')}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new OptionError(`${option}.${field}`, value, 'a number of zero or more');
  }
}

/** The data stores a service uses, as the descriptor's `dependsOn` names them. */
export function serviceDependencies(s: ServiceSettings): string[] {
  return [...(s.postgres ? ['postgres'] : []), ...(s.redis ? ['redis'] : [])];
}

/** Project switches a Paved service type replaces with its own files; setting them is a mistake worth a clear error. */
export function rejectReplacedSwitches(options: { readonly buildWorkflow?: boolean; readonly release?: boolean; readonly github?: boolean }): void {
  if (options.buildWorkflow || options.release) {
    throw new OptionError(options.buildWorkflow ? 'buildWorkflow' : 'release', true, 'unset: a Paved service ships its own CI workflow (.github/workflows/ci.yml)');
  }
  if (options.github === false) {
    throw new OptionError('github', false, 'unset: the CI workflow, CODEOWNERS and dependency updates live in .github/');
  }
}
