import { javascript, type ProjectOptions, SampleFile, TextFile } from 'projen';
import { pythonVerifySteps } from './ci/verify-steps';
import { AwsResources } from './components/aws-resources';
import { CatalogInfo } from './components/catalog-info';
import { ServiceCodeOwners } from './components/code-owners';
import { DependencyUpdates } from './components/dependency-updates';
import { type DockerfileExtensions, resolveDockerfileExtensions } from './components/dockerfile-extensions';
import { LocalDevCompose } from './components/local-dev-compose';
import { MigrateTask, type MigrateOptions, resolveMigrate } from './components/migrate-task';
import { PythonDockerfile } from './components/python-dockerfile';
import { ServiceDescriptor } from './components/service-descriptor';
import { ServiceSamples } from './components/service-samples';
import { ServiceWorkflow } from './components/service-workflow';
import { plainNodeProjectOptions, useLockedProjenrcTs } from './node-project-base';
import { pyprojectToml, pythonReadme } from './samples/python-repo';
import { pythonSourceFiles, pythonTestFiles } from './samples/python-service';
import { coerceStringOptions, resolveServiceSettings, type ServiceOptions } from './service-options';
import { ServiceRuntime, type ServiceSettings } from './settings';
import { checkString, RULES } from './validation';
import { NODE_VERSION, PYTHON_IMAGE, PYTHON_VERSION, UV_IMAGE, UV_VERSION } from './versions';

/**
 * Options of a Paved Python service: the shared service options, the Python toolchain, and the project options
 * `projen new` and `.projenrc.ts` use.
 */
export interface PavedPythonServiceOptions extends ProjectOptions, ServiceOptions {
  /**
   * Default branch of the repository: CI publishes from it.
   * @default "main"
   */
  readonly defaultReleaseBranch?: string;

  /**
   * npm development dependencies of the repository tooling (`projen new` adds the blueprint itself here).
   * @default - none
   */
  readonly devDeps?: string[];

  /**
   * Python package of the service under `src/`: `python -m <moduleName>` starts it.
   * @default - the service name with hyphens as underscores
   */
  readonly moduleName?: string;

  /**
   * Python version (`major.minor`) of `.python-version`, which uv installs locally and in CI.
   * @default "3.13"
   */
  readonly pythonVersion?: string;

  /**
   * Base image of the Dockerfile stages: a Python release of `pythonVersion` (pin a digest with `image:tag@sha256:...`).
   * @default - the blueprint's pinned Python slim image
   */
  readonly pythonImage?: string;

  /**
   * Extra files and exec-form steps of the managed Dockerfile's build stage (after `uv sync`, with the virtual
   * environment on PATH), and build-stage files the runtime image takes.
   * @default - none
   */
  readonly dockerfile?: DockerfileExtensions;

  /**
   * A migration the platform runs with the service's image before each new version serves (the descriptor's
   * `migrate`), such as `['alembic', 'upgrade', 'head']`; the task `migrate` runs it locally with `uv run`.
   * @default - none
   */
  readonly migrate?: MigrateOptions;
}

/**
 * A Python HTTP service for the Paved platform: a FastAPI application on uvicorn with JSON logs, health, readiness
 * and Prometheus metrics, locked with uv; a hardened multi-stage Dockerfile; local development with docker-compose;
 * a CI workflow that checks the lockfile, lints (ruff), type-checks (mypy --strict), tests with the coverage gate,
 * audits the dependencies (pip-audit), builds, scans and pushes the image through GitHub OIDC and proposes the new tag
 * to the platform repository; and the service descriptor the platform's services catalog takes as it is.
 *
 * projen itself runs on Node.js, so the repository keeps a `package.json` that pins only its tooling (projen, the
 * blueprint and tsx for `.projenrc.ts`).
 *
 * @pjid paved-python-service
 */
export class PavedPythonService extends javascript.NodeProject {
  /** The resolved service settings every component reads. */
  public readonly service: ServiceSettings;
  /** Python package of the service. */
  public readonly moduleName: string;
  /** Python version of `.python-version`. */
  public readonly pythonVersion: string;

  constructor(options: PavedPythonServiceOptions) {
    const opts = coerceStringOptions(options);
    const service = resolveServiceSettings(opts, { runtime: ServiceRuntime.PYTHON, name: opts.name, defaultBranch: opts.defaultReleaseBranch });
    const moduleName = checkString('moduleName', opts.moduleName ?? service.serviceName.replace(/-/g, '_'), RULES.pythonModule);
    const pythonVersion = checkString('pythonVersion', opts.pythonVersion ?? PYTHON_VERSION, RULES.pythonVersion);
    const pythonImage = checkString('pythonImage', opts.pythonImage ?? PYTHON_IMAGE, RULES.image);
    const dockerfile = resolveDockerfileExtensions(opts.dockerfile);
    const migrate = resolveMigrate(opts.migrate);
    super(plainNodeProjectOptions(opts, service, pythonReadme(service, moduleName, migrate)));
    this.service = service;
    this.moduleName = moduleName;
    this.pythonVersion = pythonVersion;
    useLockedProjenrcTs(this);

    new TextFile(this, '.python-version', { lines: [pythonVersion] });
    this.configureTasks();
    this.gitignore.exclude('.venv/', '__pycache__/', '*.py[cod]', '.coverage', 'coverage.xml', 'htmlcov/', '.pytest_cache/',
      '.mypy_cache/', '.ruff_cache/', '/requirements.audit.txt', '/sbom.*.json', '/image.tar', '.env');

    new ServiceDescriptor(this, { service, migrate });
    new CatalogInfo(this, { service });
    new PythonDockerfile(this, { service, pythonImage, uvImage: UV_IMAGE, moduleName, extensions: dockerfile });
    if (migrate) new MigrateTask(this, { migrate, runner: 'uv run --frozen' });
    new LocalDevCompose(this, { service, environment: { SHUTDOWN_DELAY_MS: '0' } });
    new ServiceWorkflow(this, { service, verifySteps: pythonVerifySteps(NODE_VERSION, UV_VERSION, service.coverageThreshold) });
    if (service.awsResources) new AwsResources(this, { service });
    new ServiceCodeOwners(this, { service });
    new DependencyUpdates(this, { uv: true });
    new ServiceSamples(this, {
      folders: { src: pythonSourceFiles(service, moduleName), tests: pythonTestFiles(service, moduleName) },
    });
    new SampleFile(this, 'pyproject.toml', { contents: pyprojectToml(service, moduleName, pythonVersion) });
  }

  /**
   * Python work runs through uv in the locked environment: `test` = lint, type-check, unit tests with the coverage
   * gate (CI runs each as a step, plus `audit`). `build` runs the drift synthesis and `test`, as in every projen project.
   */
  private configureTasks(): void {
    const uv = 'uv run --frozen';
    const lint = this.addTask('lint', { description: 'Lint and check formatting (ruff)' });
    lint.exec(`${uv} ruff check .`);
    lint.exec(`${uv} ruff format --check .`);
    const typecheck = this.addTask('typecheck', { description: 'Type-check sources and tests (mypy --strict)', exec: `${uv} mypy` });
    const unit = this.addTask('test:unit', {
      description: `Run the unit tests with the ${this.service.coverageThreshold}% coverage gate`,
      exec: `${uv} pytest --cov --cov-report=term-missing --cov-fail-under=${this.service.coverageThreshold}`,
      receiveArgs: true,
    });
    const audit = this.addTask('audit', {
      description: 'Audit the locked runtime dependencies for known vulnerabilities (pip-audit)',
    });
    audit.exec('uv export --frozen --no-dev --no-emit-project --format requirements-txt --output-file requirements.audit.txt --quiet');
    audit.exec(`${uv} pip-audit --strict --disable-pip --requirement requirements.audit.txt`);
    this.testTask.reset();
    this.testTask.spawn(lint);
    this.testTask.spawn(typecheck);
    this.testTask.spawn(unit);
    this.addTask('format', { description: 'Format the code (ruff)', exec: `${uv} ruff format .` });
    this.addTask('start', { description: 'Run the service', exec: `${uv} python -m ${this.moduleName}` });
  }
}
