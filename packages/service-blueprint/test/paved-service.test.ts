import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'projen';
import * as YAML from 'yaml';
import {
  DependencyUpdates,
  DRIFT_CHECK_SCRIPT,
  LINT_SCRIPT,
  LocalDevCompose,
  PavedService,
  PUBLISH_SCRIPT,
  type PavedServiceOptions,
  RUNTIME_USER,
  ServiceCodeOwners,
  ServiceDescriptor,
  ServiceDockerfile,
  ServiceSamples,
  ServiceWorkflow,
  writeDescriptorScript,
} from '../src';
import { expectHardenedDockerfile, expectLocalCompose, expectPlatformWorkflow, testManagedFiles } from './managed-files';
import { useTempOutdirs } from './temp-outdirs';

const outdir = useTempOutdirs('paved-blueprint-test-');

const REQUIRED = { name: 'orders', organization: 'northwind', team: 'core', awsAccount: '345678901234', awsRegion: 'eu-west-1' };

function service(options: Partial<PavedServiceOptions> = {}, dir = outdir()): PavedService {
  return new PavedService({ ...REQUIRED, outdir: dir, defaultReleaseBranch: 'main', ...options });
}

/** Every file projen owns in this blueprint, beyond projen's own (package.json, tsconfig, ...). */
const MANAGED = [
  'Dockerfile',
  '.dockerignore',
  'docker-compose.yml',
  '.github/workflows/ci.yml',
  '.github/CODEOWNERS',
  '.github/pull_request_template.md',
  '.github/dependabot.yml',
  'paved.service.json',
];

const FULL: Partial<PavedServiceOptions> = { port: 8093, postgres: true, redis: true, ingressHost: 'orders' };

describe('managed files', () => {
  testManagedFiles(() => service(FULL), MANAGED);
});

describe('Dockerfile', () => {
  const dockerfile: string = Testing.synth(service(FULL)).Dockerfile;
  const lines = dockerfile.split('\n');
  const stages = lines.filter((l) => l.startsWith('FROM '));
  const runtime = lines.slice(lines.findIndex((l) => l.startsWith('FROM ') && l.endsWith(' AS runtime')));

  test('is multi-stage, every stage on the same pinned base image (an exact version, never latest)', () => {
    expect(stages).toEqual(['FROM node:24.21.0-slim AS build', 'FROM node:24.21.0-slim AS deps', 'FROM node:24.21.0-slim AS runtime']);
    expect(dockerfile).not.toMatch(/:latest\b/);
  });

  test('the runtime stage runs as a numeric non-root user, set before the command', () => {
    const users = runtime.filter((l) => l.startsWith('USER '));
    expect(users).toEqual([`USER ${RUNTIME_USER}`]);
    expect(users[0]).not.toMatch(/USER (root|0)(:|$)/);
    expect(runtime.findIndex((l) => l.startsWith('USER '))).toBeLessThan(runtime.findIndex((l) => l.startsWith('CMD ')));
    expect(lines.filter((l) => l.startsWith('USER '))).toHaveLength(1);
  });

  test('the runtime stage has a HEALTHCHECK on the liveness path and the port of the service', () => {
    const healthcheck = runtime.filter((l) => l.startsWith('HEALTHCHECK '));
    expect(healthcheck).toHaveLength(1);
    expect(healthcheck[0]).toMatch(/^HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD \["node", "-e", ".*\/health.*"\]$/);
    expect(healthcheck[0]).toContain('process.env.PORT||8093');
    expect(runtime).toContain('EXPOSE 8093');
  });

  test('the runtime stage ships only production dependencies and no npm', () => {
    expect(dockerfile).toContain('RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force');
    expect(runtime.join('\n')).toContain('rm -rf /usr/local/lib/node_modules/npm');
    expect(runtime).toContain('COPY --from=deps /app/node_modules ./node_modules');
  });

  test('a custom base image (with a digest) is used by every stage', () => {
    const image = 'node:24.21.0-slim@sha256:' + 'a'.repeat(64);
    const out = Testing.synth(service({ nodeImage: image }));
    expect(out.Dockerfile.split('\n').filter((l: string) => l.startsWith('FROM ')).every((l: string) => l.startsWith(`FROM ${image} AS `))).toBe(true);
  });

  test('.dockerignore allows only what the build needs', () => {
    expect(Testing.synth(service()) ['.dockerignore'].split('\n').filter((l: string) => l && !l.startsWith('#'))).toEqual([
      '*',
      '!package.json',
      '!package-lock.json',
      '!tsconfig.json',
      '!src/**',
    ]);
  });
});

describe('CI workflow', () => {
  const out = Testing.synth(service(FULL));
  const wf = YAML.parse(out['.github/workflows/ci.yml']);
  const step = (job: string, name: string) => wf.jobs[job].steps.find((s: { name: string }) => s.name === name);

  test('runs on pull requests and pushes to the default branch; the workflow default is read-only', () => {
    expect(wf.on).toEqual({ pull_request: { branches: ['main'] }, push: { branches: ['main'] }, workflow_dispatch: {} });
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  test('jobs, their order and their least-privilege permissions', () => {
    expect(Object.keys(wf.jobs)).toEqual([
      'verify', 'image', 'publish',
      'promote-dev', 'propose-dev', 'promote-staging', 'propose-staging', 'promote-prod', 'propose-prod',
    ]);
    expect(wf.jobs.image.needs).toBe('verify');
    expect(wf.jobs.publish.needs).toBe('image');
    expect(wf.jobs.verify.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.image.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.publish.permissions).toEqual({ 'contents': 'read', 'id-token': 'write' });
    const onMain = "github.event_name == 'push' && github.ref == 'refs/heads/main'";
    expect(wf.jobs.publish.if).toBe(onMain);
    for (const env of ['dev', 'staging', 'prod']) {
      expect(wf.jobs[`promote-${env}`].permissions).toEqual({ 'contents': 'read', 'id-token': 'write' });
      expect(wf.jobs[`propose-${env}`].permissions).toEqual({ contents: 'read' });
      expect(wf.jobs[`promote-${env}`].if).toBe(onMain);
      expect(wf.jobs[`propose-${env}`].if).toBe(onMain);
    }
    expect(wf.jobs.verify.if).toBeUndefined();
  });

  test('verify: install, drift check, lint, type-check, tests with the coverage gate, compile', () => {
    expect(wf.jobs.verify.steps.map((s: { run?: string; uses?: string }) => s.run ?? s.uses!.split('@')[0])).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'npm ci',
      DRIFT_CHECK_SCRIPT,
      LINT_SCRIPT,
      'npx projen typecheck',
      'npx projen test:unit',
      'npx projen compile',
    ]);
    expect(step('verify', 'Unit tests (coverage gate 85%)')).toBeDefined();
    expect(step('verify', 'Set up Node.js').with['node-version']).toBe('24.21.0');
  });

  test('the image is scanned (failing on HIGH/CRITICAL) and gets an SBOM', () => {
    const scan = step('image', 'Scan image (fails on fixable HIGH or CRITICAL vulnerabilities)');
    expect(scan.uses).toMatch(/^aquasecurity\/trivy-action@[0-9a-f]{40}$/);
    expect(scan.with).toMatchObject({ 'scan-type': 'image', 'image-ref': 'orders:${{ github.sha }}', 'severity': 'HIGH,CRITICAL', 'exit-code': '1' });
    const sbom = step('image', 'Generate SBOM (CycloneDX)');
    expect(sbom.with).toMatchObject({ 'format': 'cyclonedx', 'output': 'sbom.cdx.json', 'exit-code': '0' });
    expect(step('image', 'Upload SBOM').with).toMatchObject({ 'name': 'sbom', 'path': 'sbom.cdx.json', 'if-no-files-found': 'error' });
  });

  test('publish pushes the scanned image once, through GitHub OIDC, with no long-lived keys', () => {
    const creds = step('publish', 'Assume the push role through GitHub OIDC');
    expect(creds.with).toEqual({
      'role-to-assume': 'arn:aws:iam::345678901234:role/northwind-orders-ci-push',
      'role-session-name': 'orders-ci',
      'aws-region': 'eu-west-1',
      'allowed-account-ids': '345678901234',
    });
    expect(out['.github/workflows/ci.yml']).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY|AWS_SECRET/i);
    expect(step('publish', 'Download image').with).toEqual({ name: 'image' });
    expect(wf.jobs.publish.env).toMatchObject({
      REGISTRY: '345678901234.dkr.ecr.eu-west-1.amazonaws.com',
      BUILD_REPOSITORY: 'northwind-dev-orders',
      BUILD_TAG: 'build-${{ github.sha }}',
    });
    expect(step('publish', 'Push the build').run).toBe(PUBLISH_SCRIPT);
    expect(wf.jobs.publish.outputs).toEqual({ tag: '${{ steps.push.outputs.tag }}', digest: '${{ steps.push.outputs.digest }}' });
  });

  test('propose-<env> opens a pull request per environment in the platform repository with a scoped GitHub App token', () => {
    expect(step('propose-dev', 'Get a token for the platform repository').with).toMatchObject({
      'owner': 'northwind',
      'repositories': 'platform',
      'permission-contents': 'write',
      'permission-pull-requests': 'write',
    });
    expect(step('propose-dev', 'Pin the digest for dev in the descriptor').run).toBe(writeDescriptorScript('platform/services/orders.json'));
    expect(step('propose-prod', 'Open or update the pull request').with).toMatchObject({
      'path': 'platform',
      'base': 'main',
      'branch': 'paved/orders-prod-image',
      'add-paths': 'services/orders.json',
      'title': 'orders: deploy ${{ needs.promote-prod.outputs.tag }} to prod',
    });
  });

  test('every action is pinned to a full commit SHA and no checkout keeps credentials', () => {
    const steps = Object.values(wf.jobs).flatMap((job: any) => job.steps);
    for (const s of steps.filter((x: any) => x.uses)) expect(s.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    for (const s of steps.filter((x: any) => x.uses?.startsWith('actions/checkout@'))) expect(s.with['persist-credentials']).toBe(false);
  });

  test('one ECR repository for every environment when ecrRepository is set', () => {
    const custom = YAML.parse(Testing.synth(service({ ecrRepository: 'shared/orders' }))['.github/workflows/ci.yml']);
    expect(custom.jobs.publish.env.BUILD_REPOSITORY).toBe('shared/orders');
    for (const env of ['dev', 'staging', 'prod']) {
      expect(custom.jobs[`promote-${env}`].env).toMatchObject({ SOURCE_REPOSITORY: 'shared/orders', TARGET_REPOSITORY: 'shared/orders' });
    }
  });
});

describe('service descriptor', () => {
  test('is a services-catalog entry with per-environment replicas and no projen marker key', () => {
    expect(Testing.synth(service(FULL))['paved.service.json']).toEqual({
      name: 'orders',
      team: 'core',
      image: { tag: 'unreleased' },
      port: 8093,
      health: { liveness: '/health', readiness: '/ready' },
      resources: { cpu: '100m', memory: '128Mi' },
      env: { LOG_LEVEL: 'info' },
      ingress: { host: 'orders', visibility: 'public' },
      dependsOn: ['postgres', 'redis'],
      environments: { dev: { replicas: 1 }, staging: { replicas: 2 }, prod: { replicas: 2 } },
    });
  });

  test('records secrets, env, resources, replicas and a shared repository', () => {
    const d = Testing.synth(service({
      environments: ['dev', 'prod'],
      environmentReplicas: { prod: 3 },
      replicas: 4,
      cpu: '250m',
      memory: '256Mi',
      env: { LOG_LEVEL: 'debug', FEATURE_X: 'on' },
      secrets: { STRIPE_KEY: { secret: 'orders/stripe', key: 'apiKey' } },
      ecrRepository: 'shared/orders',
    }))['paved.service.json'];
    expect(d.image).toEqual({ repository: '345678901234.dkr.ecr.eu-west-1.amazonaws.com/shared/orders', tag: 'unreleased' });
    expect(d.environments).toEqual({ dev: { replicas: 4 }, prod: { replicas: 3 } });
    expect(d.resources).toEqual({ cpu: '250m', memory: '256Mi' });
    expect(d.env).toEqual({ LOG_LEVEL: 'debug', FEATURE_X: 'on' });
    expect(d.secrets).toEqual({ STRIPE_KEY: { secret: 'orders/stripe', key: 'apiKey' } });
    expect(d.dependsOn).toBeUndefined();
    expect(d.ingress).toBeUndefined();
  });
});

describe('docker-compose.yml', () => {
  test('runs PostgreSQL and Redis with healthchecks the service waits for', () => {
    const compose = YAML.parse(Testing.synth(service(FULL))['docker-compose.yml']);
    expect(Object.keys(compose.services)).toEqual(['orders', 'postgres', 'redis']);
    expect(compose.services.orders.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(compose.services.orders.environment).toMatchObject({ DATABASE_URL: 'postgres://orders@postgres:5432/orders', REDIS_URL: 'redis://redis:6379' });
    expect(compose.services.postgres.healthcheck.test).toEqual(['CMD', 'pg_isready', '-U', 'orders', '-d', 'orders']);
    expect(compose.services.redis.healthcheck.test).toEqual(['CMD', 'redis-cli', 'ping']);
    for (const s of Object.values(compose.services) as { ports: string[] }[]) {
      for (const p of s.ports) expect(p).toMatch(/^127\.0\.0\.1:/);
    }
    expect(JSON.stringify(compose)).not.toMatch(/PASSWORD/);
  });

  test('runs only the service when it declares no dependency', () => {
    const compose = YAML.parse(Testing.synth(service())['docker-compose.yml']);
    expect(Object.keys(compose.services)).toEqual(['orders']);
    expect(compose.services.orders.depends_on).toBeUndefined();
    expect(compose.volumes).toBeUndefined();
  });
});

describe('repository files', () => {
  test('CODEOWNERS names the owning team, or the given owners', () => {
    expect(Testing.synth(service())['.github/CODEOWNERS']).toContain('\n* @northwind/core\n');
    expect(Testing.synth(service({ codeOwners: ['@acme/payments', 'lead@acme.io'] }))['.github/CODEOWNERS']).toContain('\n* @acme/payments lead@acme.io\n');
  });

  test('Dependabot updates npm lockfiles only, never projen or the blueprint', () => {
    const config = YAML.parse(Testing.synth(service())['.github/dependabot.yml']);
    expect(config.updates).toHaveLength(1);
    expect(config.updates[0]).toMatchObject({ 'package-ecosystem': 'npm', 'versioning-strategy': 'lockfile-only', 'schedule': { interval: 'weekly' } });
    expect(config.updates[0].ignore.map((i: { 'dependency-name': string }) => i['dependency-name']).sort()).toEqual(['@paved/service-blueprint', 'projen']);
  });

  test('no other workflow than ci.yml (no build, release, upgrade or PR-lint workflows)', () => {
    const files = Object.keys(Testing.synth(service()));
    expect(files.filter((f) => f.startsWith('.github/workflows/'))).toEqual(['.github/workflows/ci.yml']);
    expect(files).not.toContain('.mergify.yml');
  });
});

describe('tasks and test wiring', () => {
  const project = service(FULL);
  const out = Testing.synth(project);
  const tasks = out['.projen/tasks.json'].tasks;

  test('test = type-check, unit tests with the coverage gate, lint', () => {
    expect(tasks.test.steps).toEqual([{ spawn: 'typecheck' }, { spawn: 'test:unit' }, { spawn: 'eslint' }]);
    expect(tasks['test:unit'].steps).toEqual([{ exec: 'jest --ci', receiveArgs: true }]);
    expect(tasks.typecheck.steps).toEqual([
      { exec: 'tsc --noEmit -p tsconfig.json' },
      { exec: 'tsc --noEmit -p test/tsconfig.json' },
      { exec: 'tsc --noEmit -p projenrc/tsconfig.json' },
    ]);
    // Fixes locally (and the .projenrc.ts projen new renders); CI's lint step fails when it changes anything.
    expect(tasks.eslint.steps[0].execArgs.slice(0, 4)).toEqual(['eslint', '--ext', '.ts,.tsx', '--fix']);
    expect(LINT_SCRIPT).toContain('git diff --exit-code');
    expect(tasks.start.steps).toEqual([{ exec: 'node lib/main.js' }]);
  });

  test('jest enforces the coverage threshold over every source file', () => {
    const jest = out['package.json'].jest;
    expect(jest.coverageThreshold).toEqual({ global: { branches: 85, functions: 85, lines: 85, statements: 85 } });
    expect(jest.collectCoverageFrom).toEqual(['src/**/*.ts', '!src/main.ts']);
    expect(jest.collectCoverage).toBe(true);
    const custom = Testing.synth(service({ coverageThreshold: 92 }))['package.json'].jest;
    expect(custom.coverageThreshold.global.lines).toBe(92);
  });

  test('the service is private, on npm, with its runtime dependencies declared', () => {
    const pkg = out['package.json'];
    expect(pkg.private).toBe(true);
    expect(pkg.publishConfig).toBeUndefined();
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      '@aws-crypto/sha256-js', '@aws-sdk/credential-providers', '@aws-sdk/rds-signer', '@smithy/signature-v4', 'fastify', 'ioredis', 'pg', 'prom-client',
    ]);
    expect(pkg.devDependencies.typescript).toBe('~5.9.3');
    expect(project.package.packageManager).toBe('npm');
    expect(Object.keys(Testing.synth(service())['package.json'].dependencies).sort()).toEqual(['fastify', 'prom-client']);
  });

  test('the package manager is npm whatever launched projen new', () => {
    expect(service({ packageManager: 'pnpm' as any }).package.packageManager).toBe('npm');
  });
});

describe('team-owned samples', () => {
  test('src/ and test/ are written in a new repository', () => {
    const project = service(FULL);
    const out = Testing.synth(project);
    expect(ServiceSamples.of(project)!.files.sort()).toEqual([
      'src/app.ts', 'src/config.ts', 'src/data-store-auth.ts', 'src/dependencies.ts', 'src/main.ts', 'src/metrics.ts', 'src/readiness.ts', 'src/server.ts',
      'test/app.test.ts', 'test/config.test.ts', 'test/data-store-auth.test.ts', 'test/dependencies.test.ts', 'test/descriptor.test.ts',
      'test/readiness.test.ts', 'test/server.test.ts',
    ]);
    expect(out['src/dependencies.ts']).toContain('return [postgresCheck(config.databaseUrl, config.postgresIam), redisCheck(config.redisUrl, config.redisIam)];');
    expect(out['README.md']).toContain("require('./services/orders.json'),");
  });

  test('without dependencies, readiness checks nothing and no client library is imported', () => {
    const out = Testing.synth(service());
    expect(out['src/dependencies.ts']).toContain('export function createDependencyChecks(_config: Config): DependencyCheck[] {\n  return [];\n}');
    expect(out['src/dependencies.ts']).not.toMatch(/from 'pg'|from 'ioredis'/);
    expect(out['test/dependencies.test.ts']).toBeUndefined();
  });

  test('are never written again: edits and deletions survive the next synth', () => {
    const dir = outdir();
    service(FULL, dir).synth();
    fs.writeFileSync(path.join(dir, 'src/app.ts'), '// the team rewrote this\n');
    fs.rmSync(path.join(dir, 'test/readiness.test.ts'));
    const again = service(FULL, dir);
    again.synth();
    expect(ServiceSamples.of(again)!.files).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'src/app.ts'), 'utf8')).toBe('// the team rewrote this\n');
    expect(fs.existsSync(path.join(dir, 'test/readiness.test.ts'))).toBe(false);
  });
});

describe('drift control and determinism', () => {
  test('a hand edit of a managed file is reverted by the next synth', () => {
    const dir = outdir();
    service(FULL, dir).synth();
    const dockerfile = path.join(dir, 'Dockerfile');
    const original = fs.readFileSync(dockerfile, 'utf8');
    fs.chmodSync(dockerfile, 0o644);
    fs.appendFileSync(dockerfile, 'USER root\n');
    service(FULL, dir).synth();
    expect(fs.readFileSync(dockerfile, 'utf8')).toBe(original);
  });

  test('two synths produce byte-identical managed files', () => {
    const a = Testing.synth(service(FULL));
    const b = Testing.synth(service(FULL));
    for (const file of MANAGED) expect(JSON.stringify(b[file])).toBe(JSON.stringify(a[file]));
  });
});

describe('components', () => {
  test('each feature is a component found with Foo.of(project)', () => {
    const project = service(FULL);
    for (const type of [ServiceDescriptor, ServiceDockerfile, LocalDevCompose, ServiceWorkflow, ServiceCodeOwners, DependencyUpdates, ServiceSamples]) {
      expect(type.of(project)).toBeInstanceOf(type);
    }
    expect(ServiceDescriptor.of(project)!.descriptor.port).toBe(8093);
  });

  test('projen new discovers the type: one constructor parameter named options', () => {
    expect(/^class PavedService extends [\w.]+ \{[\s\S]*?constructor\(options\) \{/.test(PavedService.toString())).toBe(true);
  });

  test('numbers given on the command line for string options become strings', () => {
    const project = service({ awsAccount: 345678901234 as unknown as string });
    expect(project.service.awsAccount).toBe('345678901234');
  });
});

describe('option validation (each names the option)', () => {
  test.each<[string, Partial<PavedServiceOptions>, RegExp]>([
    ['serviceName', { serviceName: 'Orders_API' }, /'serviceName' is "Orders_API"; expected a DNS label/],
    ['name without scope', { name: '@acme/orders' }, /^$/],
    ['organization', { organization: 'Northwind Inc' }, /'organization'/],
    ['team', { team: 'core/team' }, /'team'/],
    ['awsAccount', { awsAccount: '1234' }, /'awsAccount' is "1234"; expected a 12-digit AWS account id/],
    ['awsRegion', { awsRegion: 'europe' }, /'awsRegion'/],
    ['port', { port: 80 }, /'port' is 80; expected an integer from 1024 to 65535/],
    ['coverageThreshold', { coverageThreshold: 120 }, /'coverageThreshold'/],
    ['environments empty', { environments: [] }, /'environments'.*at least one environment/],
    ['environments duplicate', { environments: ['dev', 'dev'] }, /'environments'.*'dev' appears twice/],
    ['environments name', { environments: ['Prod'] }, /'environments\[0\]'/],
    ['environmentReplicas', { environmentReplicas: { qa: 1 } }, /'environmentReplicas.qa'/],
    ['replicas', { replicas: 0 }, /'replicas'/],
    ['ecrRepository', { ecrRepository: 'Orders' }, /'ecrRepository'/],
    ['gitopsRepo', { gitopsRepo: 'platform' }, /'gitopsRepo'/],
    ['gitopsDescriptorPath', { gitopsDescriptorPath: '/abs/orders.json' }, /'gitopsDescriptorPath'/],
    ['ingressHost', { ingressHost: 'Orders!' }, /'ingressHost'/],
    ['cpu', { cpu: '100' + 'x' }, /'cpu'/],
    ['memory', { memory: '1GB' }, /'memory'/],
    ['env secret name', { env: { DB_PASSWORD: 'x' } }, /'env.DB_PASSWORD' is "\(value hidden\)".*move it to secrets/],
    ['env secret value, never echoed', { env: { STRIPE: 'sk_live_' + 'hidden-but-real' } }, /^(?!.*hidden-but-real).*'env.STRIPE' is "\(value hidden\)"/],
    ['env secret value', { env: { DATABASE_URL: 'postgres://u:p@db/app' } }, /'env.DATABASE_URL'.*no secret/],
    ['env and secrets', { env: { STRIPE: 'a' }, secrets: { STRIPE: { secret: 'orders/stripe' } } }, /'env.STRIPE'.*not both/],
    ['secret name', { secrets: { KEY: { secret: 'bad name' } } }, /'secrets.KEY.secret'/],
    ['codeOwners', { codeOwners: ['core'] }, /'codeOwners\[0\]'/],
    ['buildWorkflow', { buildWorkflow: true }, /'buildWorkflow'.*ships its own CI workflow/],
    ['release', { release: true }, /'release'/],
    ['github', { github: false }, /'github'/],
  ])('%s', (_name, options, error) => {
    if (error.source === '^$') {
      expect(service(options).service.serviceName).toBe('orders');
      return;
    }
    expect(() => service(options)).toThrow(error);
  });
});

describe('what each managed file is for (in place of whole-file snapshots)', () => {
  const out = Testing.synth(service(FULL));

  test('Dockerfile: pinned base images, one numeric non-root user, a HEALTHCHECK, production mode', () => {
    expectHardenedDockerfile(out.Dockerfile);
    expect(out.Dockerfile).toMatch(/^ENV NODE_ENV=production$/m);
    expect(out.Dockerfile).toMatch(/^STOPSIGNAL SIGTERM$/m);
    expect(out.Dockerfile).toMatch(/^CMD \["node", "lib\/main\.js"\]$/m);
  });

  test('ci.yml: the platform contract (read-only default, OIDC for publish and promotions only, promotion by digest)', () => {
    expectPlatformWorkflow(out['.github/workflows/ci.yml']);
  });

  test('docker-compose.yml: the runtime stage, hardened, on localhost, next to pinned PostgreSQL and Redis', () => {
    expectLocalCompose(YAML.parse(out['docker-compose.yml']), 'orders');
  });

  test('pull_request_template.md: the review checklist names the coverage gate of this service', () => {
    const template: string = out['.github/pull_request_template.md'];
    expect(template.split('\n').filter((l) => l.startsWith('## '))).toEqual(['## What and why', '## Checklist']);
    expect(template).toContain('users of orders');
    expect(template).toContain('- [ ] Tests cover the change (CI fails below 85% coverage)');
    expect(template).toMatch(/^- \[ \] No secrets in code, config or logs/m);
    expect(template).toMatch(/^- \[ \] Generated files changed through `\.projenrc\.ts`/m);
    expect(Testing.synth(service({ coverageThreshold: 92 }))['.github/pull_request_template.md']).toContain('CI fails below 92% coverage');
  });

  test('CODEOWNERS: one rule for every path', () => {
    expect(out['.github/CODEOWNERS'].split('\n').filter((l: string) => l && !l.startsWith('#'))).toEqual(['* @northwind/core']);
  });
});

describe('the shared file checks can fail', () => {
  const out = Testing.synth(service(FULL));

  test.each([
    ['a root user', (d: string) => d.replace(/^USER .*$/m, 'USER root')],
    ['a second user', (d: string) => d.replace(/^CMD /m, 'USER 1001:1001\nCMD ')],
    ['the user after the command', (d: string) => d.replace(/^(USER .*)\n([\s\S]*)^(CMD .*)$/m, '$2$3\n$1')],
    ['a latest base image', (d: string) => d.replace(/^FROM \S+ AS deps$/m, 'FROM node:latest AS deps')],
    ['an unpinned base image', (d: string) => d.replace(/^FROM \S+ AS build$/m, 'FROM node AS build')],
    ['no HEALTHCHECK', (d: string) => d.replace(/^HEALTHCHECK .*$/m, '')],
  ])('the Dockerfile check rejects %s', (_name, edit) => {
    expect(() => expectHardenedDockerfile(out.Dockerfile)).not.toThrow();
    expect(() => expectHardenedDockerfile(edit(out.Dockerfile))).toThrow();
  });

  test.each([
    ['a write-all default', (y: string) => y.replace(/^permissions:\n {2}contents: read$/m, 'permissions: write-all')],
    ['static keys', (y: string) => `${y}\n# aws-access-key-id: x\n`],
    ['promotion by tag', (y: string) => y.replace('DIGEST: ${{ needs.publish.outputs.digest }}', 'DIGEST: ${{ needs.publish.outputs.tag }}')],
    ['an id token for verify', (y: string) => y.replace(/(verify:[\s\S]*?permissions:\n {6}contents: read)/, '$1\n      id-token: write')],
  ])('the workflow check rejects %s', (_name, edit) => {
    const yaml: string = out['.github/workflows/ci.yml'];
    expect(edit(yaml)).not.toBe(yaml);
    expect(() => expectPlatformWorkflow(edit(yaml))).toThrow();
  });
});
