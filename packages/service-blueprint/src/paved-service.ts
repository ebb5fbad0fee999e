import { javascript, typescript } from 'projen';
import { ServiceCodeOwners } from './components/code-owners';
import { DependencyUpdates } from './components/dependency-updates';
import { LocalDevCompose } from './components/local-dev-compose';
import { ServiceDescriptor } from './components/service-descriptor';
import { ServiceDockerfile } from './components/service-dockerfile';
import { ServiceSamples } from './components/service-samples';
import { ServiceWorkflow } from './components/service-workflow';
import { pullRequestTemplate, serviceReadme } from './samples/repo-docs';
import type { SecretReference, ServiceSettings } from './settings';
import { checkEnv, checkInteger, checkString, OptionError, RULES } from './validation';
import { MIN_NODE_VERSION, NODE_IMAGE, NODE_VERSION, SERVICE_DEPS, TYPESCRIPT_VERSION } from './versions';

/**
 * Options of a Paved service. Primitive options are `projen new` flags in kebab case (`--aws-account`); maps are set
 * in `.projenrc.ts`. Every other TypeScript project option is accepted too.
 */
export interface PavedServiceOptions extends typescript.TypeScriptProjectOptions {
  /**
   * Short name of the platform organization, as in `platform.config.ts` (`organization`). Registries are named
   * `<organization>-<environment>-<service>` and CI assumes the role `<organization>-ci-push`.
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
   * CI pushes each image to every environment's registry.
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
   * @default "<organization>-ci-push"
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
   * Base image of the Dockerfile stages (pin a digest with `image:tag@sha256:...`).
   * @default - the blueprint's pinned Node.js slim image
   */
  readonly nodeImage?: string;
}

/**
 * A Node.js/TypeScript HTTP service for the Paved platform: a Fastify service with JSON logs, health, readiness and
 * Prometheus metrics; a hardened multi-stage Dockerfile; local development with docker-compose; a CI workflow that
 * gates, scans and pushes the image through GitHub OIDC and proposes the new tag to the platform repository; and
 * the service descriptor the platform's services catalog takes as it is.
 *
 * @pjid paved-service
 */
export class PavedService extends typescript.TypeScriptProject {
  /** The resolved service settings every component reads. */
  public readonly service: ServiceSettings;

  constructor(options: PavedServiceOptions) {
    const opts = coerceStringOptions(options);
    const service = resolveServiceSettings(opts);
    super({
      ...opts,
      projenrcTs: opts.projenrcTs ?? true,
      projenrcTsOptions: opts.projenrcTsOptions ?? { runner: typescript.TypeScriptRunner.tsx() },
      typescriptVersion: opts.typescriptVersion ?? TYPESCRIPT_VERSION,
      minNodeVersion: opts.minNodeVersion ?? MIN_NODE_VERSION,
      workflowNodeVersion: service.nodeVersion,
      licensed: opts.licensed ?? false,
      sampleCode: false,
      entrypoint: opts.entrypoint ?? 'lib/main.js',
      package: false,
      release: false,
      buildWorkflow: false,
      depsUpgrade: false,
      dependabot: false,
      stale: false,
      githubOptions: { mergify: false, pullRequestLint: false, ...opts.githubOptions },
      readme: opts.readme ?? { contents: serviceReadme(service) },
      pullRequestTemplate: true,
      pullRequestTemplateContents: opts.pullRequestTemplateContents ?? pullRequestTemplate(service),
      npmignoreEnabled: opts.npmignoreEnabled ?? false,
      // `npx projen eslint` fixes what it can (projen also lints the new .projenrc.ts that way); CI fails on any fix.
      eslintOptions: opts.eslintOptions ?? { dirs: ['src'], devdirs: ['test'] },
      jestOptions: {
        junitReporting: false,
        ...opts.jestOptions,
        passWithNoTests: false,
        jestConfig: {
          ...opts.jestOptions?.jestConfig,
          testEnvironment: 'node',
          collectCoverage: true,
          // Every source file counts, tested or not; the entry point only wires process signals to `startServer`.
          collectCoverageFrom: ['src/**/*.ts', '!src/main.ts'],
          coverageThreshold: {
            branches: service.coverageThreshold,
            functions: service.coverageThreshold,
            lines: service.coverageThreshold,
            statements: service.coverageThreshold,
          },
        },
      },
      tsJestOptions: opts.tsJestOptions ?? {
        // `tsc` type-checks once (the typecheck task); ts-jest only transpiles.
        transformOptions: { diagnostics: typescript.TsJestDiagnostics.none() },
      },
      tsconfig: opts.tsconfig ?? {
        compilerOptions: { target: 'ES2022', lib: ['ES2022'], module: 'CommonJS', skipLibCheck: true },
      },
      // `npx projen new` would otherwise render whichever package manager launched it.
      packageManager: javascript.NodePackageManager.NPM,
    });
    this.service = service;
    this.package.addField('private', true);
    // A service is never published: no npm publishing settings.
    this.package.file.addDeletionOverride('publishConfig');

    this.addDeps(SERVICE_DEPS.fastify, SERVICE_DEPS.promClient);
    if (service.postgres) {
      this.addDeps(SERVICE_DEPS.pg);
      this.addDevDeps(SERVICE_DEPS.pgTypes);
    }
    if (service.redis) this.addDeps(SERVICE_DEPS.ioredis);

    this.configureTasks();
    this.gitignore.exclude('/sbom.*.json', '/image.tar', '.env');

    new ServiceDescriptor(this);
    new ServiceDockerfile(this);
    new LocalDevCompose(this);
    new ServiceWorkflow(this);
    new ServiceCodeOwners(this);
    new DependencyUpdates(this);
    new ServiceSamples(this);
  }

  /**
   * `test` = type-check, unit tests with the coverage gate, lint; CI runs the three as separate steps.
   */
  private configureTasks(): void {
    const typecheck = this.addTask('typecheck', {
      description: 'Type-check sources, tests and .projenrc.ts (tests are transpiled without types by ts-jest)',
    });
    const configs = [this.tsconfig?.fileName, this.tsconfigDev.fileName, this.tryFindObjectFile('projenrc/tsconfig.json')?.path];
    for (const config of new Set(configs.filter((c): c is string => c !== undefined))) {
      typecheck.exec(`tsc --noEmit -p ${config}`);
    }
    const unit = this.addTask('test:unit', {
      description: `Run the unit tests with the ${this.service.coverageThreshold}% coverage gate`,
      exec: 'jest --ci',
      receiveArgs: true,
    });
    this.testTask.reset();
    this.testTask.spawn(typecheck);
    this.testTask.spawn(unit);
    const eslint = this.tasks.tryFind('eslint');
    if (eslint) this.testTask.spawn(eslint);
    this.addTask('start', {
      description: 'Start the compiled service (run `npx projen compile` first)',
      exec: `node ${this.package.entrypoint}`,
    });
  }
}

/** String options whose values a command line can hand over as numbers (`--aws-account 123456789012`). */
const STRING_OPTIONS = [
  'organization', 'team', 'awsAccount', 'awsRegion', 'serviceName', 'ecrRepository', 'pushRoleName', 'gitopsRepo',
  'gitopsDescriptorPath', 'gitopsBaseBranch', 'ingressHost', 'cpu', 'memory', 'nodeImage',
] as const;

/**
 * `projen new` parses `--aws-account 123456789012` as a number and would render it unquoted into `.projenrc.ts`, which
 * then fails to type-check. Numbers given for string options become strings, both in the options and in the
 * `projen new` arguments projen renders `.projenrc.ts` from (kept under the `__new__` key of the options).
 */
function coerceStringOptions(options: PavedServiceOptions): PavedServiceOptions {
  const fix = (values: Record<string, unknown>) => {
    for (const key of STRING_OPTIONS) {
      if (typeof values[key] === 'number') values[key] = String(values[key]);
    }
  };
  const copy: Record<string, unknown> = { ...options };
  fix(copy);
  const init = copy.__new__ as { args?: Record<string, unknown> } | undefined;
  if (init?.args) {
    const args = { ...init.args };
    fix(args);
    copy.__new__ = { ...init, args };
  }
  return copy as unknown as PavedServiceOptions;
}

function resolveServiceSettings(options: PavedServiceOptions): ServiceSettings {
  if (options.buildWorkflow || options.release) {
    throw new OptionError(options.buildWorkflow ? 'buildWorkflow' : 'release', true, 'unset: a PavedService ships its own CI workflow (.github/workflows/ci.yml)');
  }
  if (options.github === false) {
    throw new OptionError('github', false, 'unset: the CI workflow, CODEOWNERS and dependency updates live in .github/');
  }
  const serviceName = checkString('serviceName', options.serviceName ?? options.name.replace(/^@[^/]+\//, ''), RULES.serviceName);
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
  const pushRoleName = checkString('pushRoleName', options.pushRoleName ?? `${organization}-ci-push`, RULES.roleName);
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

  return {
    serviceName,
    port,
    team,
    organization,
    defaultBranch: checkString('defaultReleaseBranch', options.defaultReleaseBranch ?? 'main', RULES.branch),
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
    nodeImage: checkString('nodeImage', options.nodeImage ?? NODE_IMAGE, RULES.image),
    nodeVersion: options.workflowNodeVersion ?? NODE_VERSION,
    livenessPath: '/health',
    readinessPath: '/ready',
    metricsPath: '/metrics',
  };
}
