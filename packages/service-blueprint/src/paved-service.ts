import { javascript, typescript } from 'projen';
import { nodeVerifySteps } from './ci/verify-steps';
import { AwsResources } from './components/aws-resources';
import { CatalogInfo } from './components/catalog-info';
import { ServiceCodeOwners } from './components/code-owners';
import { DependencyUpdates } from './components/dependency-updates';
import { type DockerfileExtensions, resolveDockerfileExtensions } from './components/dockerfile-extensions';
import { LocalDevCompose } from './components/local-dev-compose';
import { MigrateTask, type MigrateOptions, resolveMigrate } from './components/migrate-task';
import { ServiceDescriptor } from './components/service-descriptor';
import { ServiceDockerfile } from './components/service-dockerfile';
import { ServiceSamples } from './components/service-samples';
import { ServiceWorkflow } from './components/service-workflow';
import { REPLACED_PROJEN_FEATURES } from './node-project-base';
import { pullRequestTemplate, serviceReadme } from './samples/repo-docs';
import { serviceSourceFiles } from './samples/service-source';
import { serviceTestFiles } from './samples/service-tests';
import { coerceStringOptions, rejectReplacedSwitches, resolveServiceSettings, type ServiceOptions } from './service-options';
import { ServiceRuntime, type ServiceSettings } from './settings';
import { checkString, RULES } from './validation';
import { MIN_NODE_VERSION, NODE_IMAGE, NODE_VERSION, SERVICE_DEPS, TYPESCRIPT_VERSION } from './versions';

/**
 * Options of a Paved Node.js service: the shared service options, the Node.js image, and every TypeScript project
 * option.
 */
export interface PavedServiceOptions extends typescript.TypeScriptProjectOptions, ServiceOptions {
  /**
   * Base image of the Dockerfile stages (pin a digest with `image:tag@sha256:...`).
   * @default - the blueprint's pinned Node.js slim image
   */
  readonly nodeImage?: string;

  /**
   * Extra files and exec-form steps of the managed Dockerfile's build stage (an ORM's schema folder and client
   * generation, say), and build-stage files the runtime image takes (the generated client).
   * @default - none
   */
  readonly dockerfile?: DockerfileExtensions;

  /**
   * A migration the platform runs with the service's image before each new version serves (the descriptor's
   * `migrate`); the task `migrate` runs it locally.
   * @default - none
   */
  readonly migrate?: MigrateOptions;
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
  /** Base image of the Dockerfile stages. */
  public readonly nodeImage: string;

  constructor(options: PavedServiceOptions) {
    const opts = coerceStringOptions(options);
    rejectReplacedSwitches(opts);
    const service = resolveServiceSettings(opts, { runtime: ServiceRuntime.NODE, name: opts.name, defaultBranch: opts.defaultReleaseBranch });
    const nodeVersion = opts.workflowNodeVersion ?? NODE_VERSION;
    const nodeImage = checkString('nodeImage', opts.nodeImage ?? NODE_IMAGE, RULES.image);
    const dockerfile = resolveDockerfileExtensions(opts.dockerfile);
    const migrate = resolveMigrate(opts.migrate);
    super({
      ...opts,
      projenrcTs: opts.projenrcTs ?? true,
      projenrcTsOptions: opts.projenrcTsOptions ?? { runner: typescript.TypeScriptRunner.tsx() },
      typescriptVersion: opts.typescriptVersion ?? TYPESCRIPT_VERSION,
      minNodeVersion: opts.minNodeVersion ?? MIN_NODE_VERSION,
      workflowNodeVersion: nodeVersion,
      licensed: opts.licensed ?? false,
      sampleCode: false,
      entrypoint: opts.entrypoint ?? 'lib/main.js',
      ...REPLACED_PROJEN_FEATURES,
      githubOptions: { mergify: false, pullRequestLint: false, ...opts.githubOptions },
      readme: opts.readme ?? { contents: serviceReadme(service, migrate) },
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
    this.nodeImage = nodeImage;
    this.package.addField('private', true);
    // A service is never published: no npm publishing settings.
    this.package.file.addDeletionOverride('publishConfig');

    this.addDeps(SERVICE_DEPS.fastify, SERVICE_DEPS.promClient);
    if (service.postgres) {
      this.addDeps(SERVICE_DEPS.pg, SERVICE_DEPS.rdsSigner);
      this.addDevDeps(SERVICE_DEPS.pgTypes);
    }
    if (service.redis) this.addDeps(SERVICE_DEPS.ioredis, SERVICE_DEPS.signatureV4, SERVICE_DEPS.sha256);
    // The platform's data stores take IAM tokens, signed with the pod's credentials (src/data-store-auth.ts).
    if (service.postgres || service.redis) this.addDeps(SERVICE_DEPS.awsCredentialProviders);

    this.configureTasks();
    this.gitignore.exclude('/sbom.*.json', '/image.tar', '.env');

    new ServiceDescriptor(this, { service, migrate });
    new CatalogInfo(this, { service });
    new ServiceDockerfile(this, { service, image: this.nodeImage, extensions: dockerfile });
    // The image runs compiled code: compile first, so a migration in src/ runs as the platform runs it.
    if (migrate) new MigrateTask(this, { migrate, prepareTask: 'compile' });
    new LocalDevCompose(this, { service, environment: { SHUTDOWN_DELAY_MS: '0' } });
    new ServiceWorkflow(this, { service, verifySteps: nodeVerifySteps(nodeVersion, service.coverageThreshold) });
    if (service.awsResources) new AwsResources(this, { service });
    new ServiceCodeOwners(this, { service });
    new DependencyUpdates(this);
    new ServiceSamples(this, {
      folders: { [this.srcdir]: serviceSourceFiles(service), [this.testdir]: serviceTestFiles(service) },
    });
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
