import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'projen';
import * as YAML from 'yaml';
import {
  LocalDevCompose,
  PavedPythonService,
  type PavedPythonServiceOptions,
  PythonDockerfile,
  RUNTIME_USER,
  ServiceDescriptor,
  ServiceSamples,
  ServiceWorkflow,
  UV_LOCK_CHECK_SCRIPT,
} from '../src';
import { expectHardenedDockerfile, expectLocalCompose, expectPlatformWorkflow, testManagedFiles } from './managed-files';
import { useTempOutdirs } from './temp-outdirs';

const outdir = useTempOutdirs('paved-python-test-');

const REQUIRED = { name: 'orders', organization: 'northwind', team: 'core', awsAccount: '345678901234', awsRegion: 'eu-west-1' };
const FULL: Partial<PavedPythonServiceOptions> = { port: 8093, postgres: true, redis: true, ingressHost: 'orders' };

function service(options: Partial<PavedPythonServiceOptions> = {}, dir = outdir()): PavedPythonService {
  return new PavedPythonService({ ...REQUIRED, outdir: dir, ...options });
}

const MANAGED = [
  'Dockerfile',
  '.dockerignore',
  'docker-compose.yml',
  '.github/workflows/ci.yml',
  '.github/CODEOWNERS',
  '.github/pull_request_template.md',
  '.github/dependabot.yml',
  '.python-version',
  'paved.service.json',
];

describe('managed files', () => {
  testManagedFiles(() => service(FULL), MANAGED);

  test('pyproject.toml is the team\'s: not listed, writable', () => {
    const project = service(FULL);
    project.synth();
    const listed: string[] = JSON.parse(fs.readFileSync(path.join(project.outdir, '.projen/files.json'), 'utf8')).files;
    expect(listed).not.toContain('pyproject.toml');
    expect(fs.statSync(path.join(project.outdir, 'pyproject.toml')).mode & 0o200).not.toBe(0);
  });
});

describe('Dockerfile', () => {
  const dockerfile: string = Testing.synth(service(FULL)).Dockerfile;
  const lines = dockerfile.split('\n');
  const runtime = lines.slice(lines.findIndex((l) => l.startsWith('FROM ') && l.endsWith(' AS runtime')));

  test('is multi-stage on one pinned Python image, with uv copied from its pinned image', () => {
    expect(lines.filter((l) => l.startsWith('FROM '))).toEqual([
      'FROM ghcr.io/astral-sh/uv:0.12.4 AS uv',
      'FROM python:3.13.8-slim AS build',
      'FROM python:3.13.8-slim AS runtime',
    ]);
    expect(dockerfile).toContain('COPY --from=uv /uv /usr/local/bin/uv');
    expect(dockerfile).not.toMatch(/:latest\b/);
  });

  test('installs only the locked runtime dependencies (never the dev group) and copies only the environment', () => {
    const syncs = lines.filter((l) => l.startsWith('RUN uv sync'));
    expect(syncs).toEqual(['RUN uv sync --locked --no-dev --no-install-project', 'RUN uv sync --locked --no-dev --no-editable']);
    expect(runtime.filter((l) => l.startsWith('COPY'))).toEqual(['COPY --from=build /app/.venv /app/.venv']);
    expect(runtime.join('\n')).toContain('pip uninstall --yes');
  });

  test('runs as a numeric non-root user with no bytecode writes (read-only root filesystem), then the module', () => {
    expect(runtime.filter((l) => l.startsWith('USER '))).toEqual([`USER ${RUNTIME_USER}`]);
    expect(runtime.findIndex((l) => l.startsWith('USER '))).toBeLessThan(runtime.findIndex((l) => l.startsWith('CMD ')));
    expect(runtime.join('\n')).toContain('PYTHONDONTWRITEBYTECODE=1');
    expect(runtime).toContain('CMD ["python", "-m", "orders"]');
  });

  test('HEALTHCHECK probes the liveness path on the service port without curl', () => {
    const healthcheck = runtime.filter((l) => l.startsWith('HEALTHCHECK '));
    expect(healthcheck).toHaveLength(1);
    expect(healthcheck[0]).toMatch(/CMD \["python", "-c", ".*urllib\.request.*'\/health'.*"\]$/);
    expect(healthcheck[0]).toContain("os.environ.get('PORT','8093')");
    expect(runtime).toContain('EXPOSE 8093');
  });

  test('.dockerignore allows only the project, the lockfile and the sources', () => {
    const ignore = Testing.synth(service(FULL))['.dockerignore'];
    expect(ignore.split('\n').filter((l: string) => l && !l.startsWith('#'))).toEqual(['*', '!pyproject.toml', '!uv.lock', '!src/**', '**/__pycache__']);
  });

  test('a custom image and module name reach every stage and the command', () => {
    const custom = Testing.synth(service({ name: 'order-api', pythonImage: 'python:3.13.8-slim@sha256:' + 'a'.repeat(64) })).Dockerfile;
    expect(custom).toContain(`FROM python:3.13.8-slim@sha256:${'a'.repeat(64)} AS runtime`);
    expect(custom).toContain('CMD ["python", "-m", "order_api"]');
  });
});

describe('CI workflow and tasks', () => {
  const out = Testing.synth(service(FULL));
  const workflow = YAML.parse(out['.github/workflows/ci.yml']);
  const tasks = out['.projen/tasks.json'].tasks;
  const exec = (task: string) => tasks[task].steps.map((s: { exec?: string; spawn?: string }) => s.exec ?? `spawn ${s.spawn}`);

  test('verify: drift check with the tooling, lockfile check, then each projen task', () => {
    const steps = workflow.jobs.verify.steps.map((s: { name: string; run?: string; uses?: string }) => s.run ?? s.uses);
    expect(steps).toEqual([
      expect.stringMatching(/^actions\/checkout@[0-9a-f]{40}$/),
      expect.stringMatching(/^actions\/setup-node@[0-9a-f]{40}$/),
      'npm ci',
      expect.stringContaining('npx projen --no-post'),
      expect.stringMatching(/^astral-sh\/setup-uv@[0-9a-f]{40}$/),
      UV_LOCK_CHECK_SCRIPT,
      'uv sync --locked',
      'npx projen lint',
      'npx projen typecheck',
      'npx projen test:unit',
      'npx projen audit',
    ]);
    expect(workflow.jobs.verify.steps[4].with.version).toBe('0.12.4');
  });

  test('the image, publish, promote and propose jobs are the platform\'s, as for every service', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['verify', 'image', 'publish', ...['dev', 'staging', 'prod'].flatMap((e) => [`promote-${e}`, `propose-${e}`])]);
    expect(workflow.jobs.publish.permissions).toEqual({ 'contents': 'read', 'id-token': 'write' });
    expect(workflow.jobs.image.steps.map((s: { name: string }) => s.name)).toContain('Generate SBOM (CycloneDX)');
  });

  test('the tasks run ruff, mypy, pytest with the coverage gate and pip-audit through uv in the locked environment', () => {
    expect(exec('lint')).toEqual(['uv run --frozen ruff check .', 'uv run --frozen ruff format --check .']);
    expect(exec('typecheck')).toEqual(['uv run --frozen mypy']);
    expect(exec('test:unit')).toEqual(['uv run --frozen pytest --cov --cov-report=term-missing --cov-fail-under=85']);
    expect(exec('audit')).toEqual([
      expect.stringMatching(/^uv export --frozen --no-dev --no-emit-project --format requirements-txt --output-file requirements\.audit\.txt/),
      'uv run --frozen pip-audit --strict --disable-pip --requirement requirements.audit.txt',
    ]);
    expect(exec('test')).toEqual(['spawn lint', 'spawn typecheck', 'spawn test:unit']);
    expect(exec('start')).toEqual(['uv run --frozen python -m orders']);
  });

  test('the coverage threshold option is the gate of the task and the name of the CI step', () => {
    const custom = Testing.synth(service({ coverageThreshold: 92 }));
    expect(custom['.projen/tasks.json'].tasks['test:unit'].steps[0].exec).toContain('--cov-fail-under=92');
    expect(YAML.parse(custom['.github/workflows/ci.yml']).jobs.verify.steps.map((s: { name: string }) => s.name)).toContain('Unit tests (coverage gate 92%)');
  });

  test('.projenrc.ts runs with the locked tsx; package.json pins only the tooling', () => {
    expect(exec('default')).toEqual(['tsx .projenrc.ts']);
    const pkg = out['package.json'];
    expect(pkg.private).toBe(true);
    expect(pkg.dependencies).toBeUndefined();
    expect(Object.keys(pkg.devDependencies).sort()).toEqual(['constructs', 'projen', 'tsx']);
    expect(pkg.main).toBeUndefined();
  });

  test('Dependabot updates uv.lock and the tooling lockfile, never projen or the blueprint', () => {
    const dependabot = YAML.parse(out['.github/dependabot.yml']);
    expect(dependabot.updates.map((u: { 'package-ecosystem': string }) => u['package-ecosystem'])).toEqual(['npm', 'uv']);
    expect(dependabot.updates[0]['versioning-strategy']).toBe('lockfile-only');
    expect(dependabot.updates[0].ignore.map((i: { 'dependency-name': string }) => i['dependency-name']).sort()).toEqual(['@paved/service-blueprint', 'projen']);
  });

  test('.python-version pins the minor release uv installs; the gitignore keeps environments and caches out', () => {
    expect(out['.python-version']).toContain('3.13');
    for (const pattern of ['.venv/', '__pycache__/', '.coverage', '.mypy_cache/', '.ruff_cache/', '/requirements.audit.txt', '.env']) {
      expect(out['.gitignore']).toContain(pattern);
    }
  });
});

describe('descriptor and local development', () => {
  test('the descriptor declares the python runtime so that the platform applies its health defaults', () => {
    const project = service(FULL);
    expect(ServiceDescriptor.of(project)!.descriptor).toMatchObject({ name: 'orders', runtime: 'python', port: 8093, dependsOn: ['postgres', 'redis'] });
  });

  test('docker-compose builds the runtime stage and runs PostgreSQL and Redis, bound to localhost', () => {
    const compose = YAML.parse(Testing.synth(service(FULL))['docker-compose.yml']);
    expect(compose.services.orders.build).toEqual({ context: '.', target: 'runtime' });
    expect(compose.services.orders.environment).toMatchObject({ PORT: '8093', DATABASE_URL: 'postgres://orders@postgres:5432/orders', REDIS_URL: 'redis://redis:6379' });
    expect(Object.keys(compose.services)).toEqual(['orders', 'postgres', 'redis']);
  });
});

describe('team-owned samples', () => {
  test('the package, its tests and pyproject.toml are written in a new repository', () => {
    const project = service(FULL);
    expect(ServiceSamples.of(project)!.files.sort()).toEqual([
      'src/orders/__init__.py', 'src/orders/__main__.py', 'src/orders/app.py', 'src/orders/aws_auth.py', 'src/orders/dependencies.py', 'src/orders/logs.py',
      'src/orders/metrics.py', 'src/orders/readiness.py', 'src/orders/server.py', 'src/orders/settings.py',
      'tests/conftest.py', 'tests/test_app.py', 'tests/test_aws_auth.py', 'tests/test_dependencies.py', 'tests/test_logs.py', 'tests/test_readiness.py',
      'tests/test_server.py', 'tests/test_settings.py',
    ]);
    const pyproject = Testing.synth(service(FULL))['pyproject.toml'];
    expect(pyproject).toContain('name = "orders"');
    expect(pyproject).toContain('"psycopg[binary]>=3.2"');
    expect(pyproject).toContain('"redis>=5.2"');
    expect(pyproject).toContain('build-backend = "uv_build"');
    expect(pyproject).toContain('source_pkgs = ["orders"]');
  });

  test('without dependencies, readiness checks nothing and no client library is declared or imported', () => {
    const out = Testing.synth(service());
    expect(out['src/orders/dependencies.py']).not.toMatch(/psycopg|redis/);
    expect(out['src/orders/dependencies.py']).toContain('    return []');
    expect(out['tests/test_dependencies.py']).toBeUndefined();
    expect(out['pyproject.toml']).not.toMatch(/psycopg|redis/);
  });

  test('are never written again: edits and deletions survive the next synth', () => {
    const dir = outdir();
    service(FULL, dir).synth();
    fs.writeFileSync(path.join(dir, 'src/orders/app.py'), '# ours\n');
    fs.rmSync(path.join(dir, 'tests/test_logs.py'));
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "orders"\n');
    const again = service(FULL, dir);
    again.synth();
    expect(ServiceSamples.of(again)!.files).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'src/orders/app.py'), 'utf8')).toBe('# ours\n');
    expect(fs.existsSync(path.join(dir, 'tests/test_logs.py'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'pyproject.toml'), 'utf8')).toBe('[project]\nname = "orders"\n');
  });

  test('a hyphenated service name gives an underscored package everywhere it is named', () => {
    const out = Testing.synth(service({ name: 'order-api' }));
    expect(out['src/order_api/app.py']).toBeDefined();
    expect(out['tests/test_app.py']).toContain('from order_api.app import');
    expect(out['pyproject.toml']).toContain('module-name = "order_api"');
    expect(out['paved.service.json'].name).toBe('order-api');
  });
});

/** The Python interpreter to check the samples with, or undefined (the checks are then skipped with a notice). */
function python(): string | undefined {
  for (const candidate of ['python3', 'python']) {
    const probe = spawnSync(candidate, ['-c', 'import sys, tomllib; print(sys.version_info >= (3, 11))'], { encoding: 'utf8' });
    if (probe.status === 0 && probe.stdout.trim() === 'True') return candidate;
  }
  return undefined;
}

describe('the samples are valid Python (compiled by the local interpreter)', () => {
  const interpreter = python();
  const variants: [string, Partial<PavedPythonServiceOptions>][] = [
    ['no dependencies', {}],
    ['PostgreSQL', { postgres: true }],
    ['Redis', { redis: true }],
    ['both', { postgres: true, redis: true }],
  ];

  // Without python3 >= 3.11 these are reported as skipped (never as passed without running).
  const each = interpreter ? test.each(variants) : test.skip.each(variants);
  each(`%s: every .py file compiles, pyproject.toml parses, lines fit ruff's 120 columns${interpreter ? '' : ' (skipped: no python3 >= 3.11)'}`, (_name, options) => {
    const project = service(options);
    project.synth();
    const files = ServiceSamples.of(project)!.files.map((f) => path.join(project.outdir, f));
    const script = [
      'import py_compile, sys, tomllib',
      'for f in sys.argv[2:]: py_compile.compile(f, doraise=True)',
      'doc = tomllib.load(open(sys.argv[1], "rb"))',
      'print(doc["project"]["name"], doc["tool"]["ruff"]["line-length"], ",".join(doc["tool"]["mypy"]["files"]))',
    ].join('\n');
    const result = spawnSync(interpreter!, ['-c', script, path.join(project.outdir, 'pyproject.toml'), ...files], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('orders 120 src,tests');
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      expect(text).not.toMatch(/\t|[ ]+\n/);
      expect(text.split('\n').filter((l) => l.length > 120)).toEqual([]);
    }
  });

  test('a broken sample fails the check (the check can fail)', () => {
    if (!interpreter) return;
    const file = path.join(outdir(), 'broken.py');
    fs.writeFileSync(file, 'def broken(:\n');
    const result = spawnSync(interpreter, ['-m', 'py_compile', file], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
  });
});

describe('components and options', () => {
  test('each feature is a component found with Foo.of(project)', () => {
    const project = service(FULL);
    for (const type of [ServiceDescriptor, PythonDockerfile, LocalDevCompose, ServiceWorkflow, ServiceSamples]) {
      expect(type.of(project)).toBeInstanceOf(type);
    }
  });

  test.each<[string, Partial<PavedPythonServiceOptions>, RegExp]>([
    ['moduleName', { moduleName: 'Orders-API' }, /option 'moduleName' is "Orders-API"; expected a Python package name/],
    ['pythonVersion', { pythonVersion: '3.9' }, /option 'pythonVersion' is "3.9"; expected a Python version 'major.minor' from 3.11/],
    ['pythonImage', { pythonImage: 'python 3' }, /option 'pythonImage' is "python 3"; expected an image reference/],
    ['port', { port: 80 }, /option 'port' is 80; expected an integer from 1024 to 65535/],
    ['awsAccount', { awsAccount: '12' }, /option 'awsAccount' is "12"; expected a 12-digit AWS account id/],
  ])('%s', (_option, options, error) => {
    expect(() => service(options)).toThrow(error);
  });

  test('numbers given on the command line for string options become strings', () => {
    const project = service({ awsAccount: 345678901234 as unknown as string });
    expect(project.service.awsAccount).toBe('345678901234');
  });
});

describe('what each managed file is for (in place of whole-file snapshots)', () => {
  const out = Testing.synth(service(FULL));

  test('Dockerfile: pinned base images, one numeric non-root user, a HEALTHCHECK, the package as the command', () => {
    expectHardenedDockerfile(out.Dockerfile);
    expect(out.Dockerfile).toMatch(/^STOPSIGNAL SIGTERM$/m);
    expect(out.Dockerfile).toMatch(/^CMD \["python", "-m", "orders"\]$/m);
  });

  test('ci.yml: the platform contract (read-only default, OIDC for publish and promotions only, promotion by digest)', () => {
    expectPlatformWorkflow(out['.github/workflows/ci.yml']);
  });

  test('docker-compose.yml: the runtime stage, hardened, on localhost, next to pinned PostgreSQL and Redis', () => {
    const compose = YAML.parse(out['docker-compose.yml']);
    expectLocalCompose(compose, 'orders');
    expect(compose.services.orders.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(JSON.stringify(compose)).not.toMatch(/PASSWORD/);
  });

  test('pull_request_template.md and CODEOWNERS: the checklist with the coverage gate; the team owns every path', () => {
    expect(out['.github/pull_request_template.md']).toContain('- [ ] Tests cover the change (CI fails below 85% coverage)');
    expect(out['.github/pull_request_template.md']).toMatch(/^- \[ \] No secrets in code, config or logs/m);
    expect(out['.github/CODEOWNERS'].split('\n').filter((l: string) => l && !l.startsWith('#'))).toEqual(['* @northwind/core']);
  });

  test('.python-version is the minor release of the runtime image', () => {
    const minor = /FROM python:(\d+\.\d+)\./.exec(out.Dockerfile)![1];
    expect(out['.python-version'].trim()).toBe(minor);
  });

  test('paved.service.json: the python runtime, the port, the declared dependencies, a replica count per environment', () => {
    expect(out['paved.service.json']).toMatchObject({
      name: 'orders',
      team: 'core',
      runtime: 'python',
      port: 8093,
      dependsOn: ['postgres', 'redis'],
      image: { tag: 'unreleased' },
      environments: { dev: { replicas: 1 }, staging: { replicas: 2 }, prod: { replicas: 2 } },
    });
  });
});
