import { javascript, type ProjectOptions, SampleFile } from 'projen';
import { staticSiteVerifySteps } from './ci/verify-steps';
import { AwsResources } from './components/aws-resources';
import { CatalogInfo } from './components/catalog-info';
import { ServiceCodeOwners } from './components/code-owners';
import { DependencyUpdates } from './components/dependency-updates';
import { LocalDevCompose } from './components/local-dev-compose';
import { ServiceDescriptor } from './components/service-descriptor';
import { ServiceSamples } from './components/service-samples';
import { ServiceWorkflow } from './components/service-workflow';
import { StaticSiteDockerfile } from './components/static-site-dockerfile';
import { ViteToolchain } from './components/vite-toolchain';
import { plainNodeProjectOptions, useLockedProjenrcTs } from './node-project-base';
import { staticSiteIndexHtml, staticSiteReadme, staticSiteSourceFiles, staticSiteTestFiles } from './samples/static-site';
import { coerceStringOptions, resolveServiceSettings, type ServiceOptions } from './service-options';
import { ServiceRuntime, type ServiceSettings } from './settings';
import { checkInteger, checkString, OptionError, RULES } from './validation';
import { NGINX_IMAGE, NODE_IMAGE, NODE_VERSION, STATIC_SITE_DEPS, TYPESCRIPT_VERSION } from './versions';

/**
 * Options of a Paved static site: the shared service options (a site has no database or cache: `postgres` and `redis`
 * are rejected), the images and the limits of the bundle.
 */
export interface PavedStaticSiteOptions extends ProjectOptions, ServiceOptions {
  /**
   * Default branch of the repository: CI publishes from it.
   * @default "main"
   */
  readonly defaultReleaseBranch?: string;

  /**
   * npm development dependencies besides the blueprint's (`projen new` adds the blueprint itself here).
   * @default - none
   */
  readonly devDeps?: string[];

  /**
   * npm runtime dependencies besides React.
   * @default - none
   */
  readonly deps?: string[];

  /**
   * Image of the Dockerfile's build stage (pin a digest with `image:tag@sha256:...`).
   * @default - the blueprint's pinned Node.js slim image
   */
  readonly nodeImage?: string;

  /**
   * Image that serves the site: nginx built to run without root.
   * @default - the blueprint's pinned nginx-unprivileged image
   */
  readonly nginxImage?: string;

  /**
   * Origins the page may call besides its own (the Content-Security-Policy's `connect-src`), such as
   * `https://api.example.com` when the bundle is built with that `VITE_API_URL`.
   * @default - its own origin only
   */
  readonly connectSources?: string[];

  /**
   * Largest size of the bundle's JavaScript in KiB, gzipped; the build fails above it.
   * @default 250
   */
  readonly bundleBudgetKb?: number;
}

/**
 * A static site for the Paved platform: a React single-page application built by Vite, tested with Vitest and
 * Testing Library under a coverage gate, linted with typescript-eslint, with a JavaScript size budget; served by
 * nginx-unprivileged from a generated `nginx.conf` (SPA fallback, immutable assets, security headers and CSP, JSON
 * logs); local preview with docker-compose; the platform's CI workflow (scan, SBOM, ECR push through GitHub OIDC,
 * the image-tag pull request) and the service descriptor with `runtime: "static-site"`.
 *
 * @pjid paved-static-site
 */
export class PavedStaticSite extends javascript.NodeProject {
  /** The resolved service settings every component reads. */
  public readonly service: ServiceSettings;
  /** Largest gzipped JavaScript of the bundle, in KiB. */
  public readonly bundleBudgetKb: number;

  constructor(options: PavedStaticSiteOptions) {
    const opts = coerceStringOptions(options);
    for (const option of ['postgres', 'redis'] as const) {
      if (opts[option]) throw new OptionError(option, true, 'unset: a static site has no database or cache (its API has them)');
    }
    const service = resolveServiceSettings(opts, { runtime: ServiceRuntime.STATIC_SITE, name: opts.name, defaultBranch: opts.defaultReleaseBranch });
    const nodeImage = checkString('nodeImage', opts.nodeImage ?? NODE_IMAGE, RULES.image);
    const nginxImage = checkString('nginxImage', opts.nginxImage ?? NGINX_IMAGE, RULES.image);
    const connectSources = opts.connectSources ?? [];
    connectSources.forEach((origin, i) => checkString(`connectSources[${i}]`, origin, RULES.origin));
    const bundleBudgetKb = checkInteger('bundleBudgetKb', opts.bundleBudgetKb ?? 250, 10, 10_000, 'KiB');
    super(plainNodeProjectOptions(opts, service, staticSiteReadme(service, bundleBudgetKb)));
    this.service = service;
    this.bundleBudgetKb = bundleBudgetKb;
    useLockedProjenrcTs(this);
    this.package.addField('type', 'module');
    this.addDeps(...STATIC_SITE_DEPS.runtime);
    this.addDevDeps(`typescript@${TYPESCRIPT_VERSION}`, ...STATIC_SITE_DEPS.dev);
    this.gitignore.exclude('/dist/', '/coverage/', '/sbom.*.json', '/image.tar', '.env', '.env.*');

    new ViteToolchain(this, { coverageThreshold: service.coverageThreshold, port: service.port });
    this.configureTasks();

    new ServiceDescriptor(this, { service });
    new CatalogInfo(this, { service });
    new StaticSiteDockerfile(this, { service, buildImage: nodeImage, nginxImage, connectSources });
    // nginx writes its pid and temporary files to /tmp; everything else stays read-only, as on the platform.
    new LocalDevCompose(this, { service, tmpfs: ['/tmp'] });
    new ServiceWorkflow(this, { service, verifySteps: staticSiteVerifySteps(NODE_VERSION, service.coverageThreshold) });
    if (service.awsResources) new AwsResources(this, { service });
    new ServiceCodeOwners(this, { service });
    new DependencyUpdates(this);
    new ServiceSamples(this, { folders: { src: staticSiteSourceFiles(service), test: staticSiteTestFiles(service) } });
    new SampleFile(this, 'index.html', { contents: staticSiteIndexHtml(service) });
  }

  /** `test` = type-check, unit tests with the coverage gate, lint; `compile` = the Vite bundle, then its size budget. */
  private configureTasks(): void {
    const typecheck = this.addTask('typecheck', { description: 'Type-check sources, tests and vite.config.ts', exec: 'tsc -p tsconfig.json' });
    const unit = this.addTask('test:unit', {
      description: `Run the unit tests with the ${this.service.coverageThreshold}% coverage gate`,
      exec: 'vitest run --coverage',
      receiveArgs: true,
    });
    const lint = this.addTask('lint', { description: 'Lint (typescript-eslint, React hooks)', exec: 'eslint .' });
    this.testTask.reset();
    this.testTask.spawn(typecheck);
    this.testTask.spawn(unit);
    this.testTask.spawn(lint);
    this.compileTask.exec('vite build');
    const budget = this.bundleBudgetKb;
    const check = this.addTask('check:bundle', {
      description: `Fail when the bundle's JavaScript exceeds ${budget} KiB gzipped`,
      exec: `node -e "${bundleSizeScript(budget)}"`,
    });
    this.postCompileTask.spawn(check);
    this.addTask('dev', { description: 'Vite dev server with hot reload', exec: 'vite' });
    this.addTask('start', { description: 'Serve the built bundle (run `npx projen compile` first)', exec: 'vite preview' });
  }
}

/** Sums the gzipped size of every JavaScript file of the bundle and fails above the budget (runs with `node -e`). */
function bundleSizeScript(budgetKb: number): string {
  return [
    "const fs = require('node:fs'), path = require('node:path'), zlib = require('node:zlib');",
    "const dir = path.join('dist', 'assets');",
    "const files = fs.readdirSync(dir).filter((f) => f.endsWith('.js'));",
    'const kib = files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dir, f))).length, 0) / 1024;',
    `console.log('bundle JavaScript: ' + kib.toFixed(1) + ' KiB gzipped in ' + files.length + ' files (budget ${budgetKb} KiB)');`,
    `if (kib > ${budgetKb}) { console.error('over the budget: split routes with import() or drop dependencies, or raise bundleBudgetKb in .projenrc.ts'); process.exit(1); }`,
  ].join(' ');
}
