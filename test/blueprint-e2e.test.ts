import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { validatePlatform } from '@paved/shared-config';
import * as YAML from 'yaml';
import { childEnv, packBlueprint, projenNew, run, runOk, SAMPLE_SERVICE, SAMPLE_STATIC_SITE } from '../src/bench/jobs/blueprint-jobs';
import { loadConfig } from '../src/config/load-config';

/**
 * End to end, as a team would: pack the blueprint, `projen new` a service in an empty directory outside the
 * workspace, install, build (tests with the coverage gate), run the service over real HTTP, then check drift control.
 * Installs come from the npm registry (warm cache: about 40 s). Run alone with `pnpm e2e`.
 */

const ROOT = path.resolve(__dirname, '..');
const MINUTE = 60_000;

let work: string;
let repo: string;
let pythonRepo: string;
let siteRepo: string;
let env: NodeJS.ProcessEnv;

/** The generated repository's own projen, in `dir`. */
const projenIn = (dir: () => string) => (args: string[], timeoutMs = 3 * MINUTE) =>
  runOk(process.execPath, [path.join(dir(), 'node_modules', 'projen', 'bin', 'projen'), ...args], { cwd: dir(), env, timeoutMs });
const gitIn = (dir: () => string) => (...args: string[]) => runOk('git', args, { cwd: dir(), env });
const statusIn = (dir: () => string) => async () => (await gitIn(dir)('status', '--porcelain')).output.trim();

const projen = projenIn(() => repo);
const git = gitIn(() => repo);
const gitStatus = statusIn(() => repo);
const workflow = () => YAML.parse(fs.readFileSync(path.join(repo, '.github/workflows/ci.yml'), 'utf8'));
const stepRun = (job: string, name: string): string => workflow().jobs[job].steps.find((s: { name: string }) => s.name === name).run;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-blueprint-e2e-'));
  expect(path.relative(ROOT, work).startsWith('..')).toBe(true); // outside the workspace
  env = childEnv(ROOT);
  const { tarball } = await packBlueprint(ROOT, path.join(work, 'blueprint'), { reuse: true });
  repo = path.join(work, SAMPLE_SERVICE.name);
  pythonRepo = path.join(work, 'python', SAMPLE_SERVICE.name);
  siteRepo = path.join(work, 'site', SAMPLE_STATIC_SITE.name);
  await Promise.all([
    projenNew({ root: ROOT, tarball, dir: repo, install: true }),
    projenNew({ root: ROOT, tarball, dir: pythonRepo, install: true, projectType: 'paved-python-service' }),
    projenNew({ root: ROOT, tarball, dir: siteRepo, install: true, projectType: 'paved-static-site', flags: SAMPLE_STATIC_SITE.flags }),
  ]);
}, 10 * MINUTE);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('projen new --from @paved/service-blueprint', () => {
  test('creates and commits a repository with the managed files, the samples and .projenrc.ts', async () => {
    for (const file of ['Dockerfile', '.dockerignore', 'docker-compose.yml', '.github/workflows/ci.yml', '.github/CODEOWNERS',
      '.github/pull_request_template.md', '.github/dependabot.yml', 'paved.service.json', 'src/main.ts', 'test/app.test.ts', 'README.md']) {
      expect(fs.existsSync(path.join(repo, file))).toBe(true);
    }
    const projenrc = fs.readFileSync(path.join(repo, '.projenrc.ts'), 'utf8');
    expect(projenrc).toContain("import { PavedService } from '@paved/service-blueprint';");
    // A number-looking flag is rendered as the string the option is typed as.
    expect(projenrc).toContain("awsAccount: '345678901234',");
    expect((await git('log', '--oneline')).output).toMatch(/project created with projen/);
    expect(await gitStatus()).toBe('');
  });

  test('the new repository builds: type-check, unit tests over the 85% coverage gate, lint', async () => {
    const build = await projen(['build'], 5 * MINUTE);
    expect(build.output).toMatch(/test » typecheck/);
    expect(build.output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(build.output).toMatch(/All files\s+\|/);
    expect(build.output).toMatch(/test » eslint/);
    expect(fs.existsSync(path.join(repo, 'lib', 'main.js'))).toBe(true);
  }, 6 * MINUTE);

  test('the coverage gate is on: an untested module fails the unit tests', async () => {
    const untested = path.join(repo, 'src', 'untested.ts');
    // About a hundred uncovered lines: enough to take the sample's coverage below 85%.
    const body = Array.from({ length: 100 }, (_, i) => `  total += a * ${i};`).join('\n');
    fs.writeFileSync(untested, `export function untested(a: number): number {\n  let total = 0;\n${body}\n  return total;\n}\n`);
    try {
      const result = await run(process.execPath, [path.join(repo, 'node_modules', 'projen', 'bin', 'projen'), 'test:unit'], { cwd: repo, env, timeoutMs: 3 * MINUTE });
      expect(result.code).not.toBe(0);
      expect(result.output).toMatch(/Coverage for (lines|statements|functions|branches) \([\d.]+%\) does not meet "global" threshold \(85%\)/);
    } finally {
      fs.rmSync(untested);
    }
  }, 4 * MINUTE);

  test('the built service serves /health, /ready and /metrics over HTTP, logs JSON and shuts down on SIGTERM', async () => {
    const port = await freePort();
    const service = spawn(process.execPath, ['lib/main.js'], {
      cwd: repo,
      env: {
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        SHUTDOWN_DELAY_MS: '1500',
        // Nothing listens on port 1: the declared dependencies are down.
        DATABASE_URL: 'postgres://paved@127.0.0.1:1/paved',
        REDIS_URL: 'redis://127.0.0.1:1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs = collect(service);
    try {
      await logs.waitFor(/Server listening/, 20_000);
      const base = `http://127.0.0.1:${port}`;

      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });

      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(503);
      const readiness = (await ready.json()) as { status: string; checks: Record<string, unknown> };
      expect(readiness.status).toBe('not ready');
      expect(readiness.checks.postgres).toMatchObject({ status: 'down', error: expect.stringMatching(/ECONNREFUSED/) });
      expect(readiness.checks.redis).toMatchObject({ status: 'down' });

      const metrics = await fetch(`${base}/metrics`);
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await metrics.text();
      expect(text).toMatch(/^# HELP process_cpu_user_seconds_total /m);
      expect(text).toMatch(/^# TYPE process_cpu_user_seconds_total counter$/m);
      expect(text).toMatch(/^process_cpu_user_seconds_total\{service="orders"\} [\d.e+-]+$/m);
      expect(text).toMatch(/^http_request_duration_seconds_count\{[^}]*route="\/health"[^}]*status_code="200"[^}]*\} 1$/m);

      const exited = new Promise<number | null>((resolve) => service.on('exit', (code) => resolve(code)));
      service.kill('SIGTERM');
      await logs.waitFor(/shutdown started/, 5_000);
      // Draining: readiness fails while the listener still serves, so traffic moves away first.
      expect((await fetch(`${base}/ready`)).status).toBe(503);
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect(await exited).toBe(0);

      const lines = logs.stdout().trim().split('\n');
      const entries = lines.map((l) => JSON.parse(l) as { level: number; time: number; msg: string; service: string });
      for (const entry of entries) expect(entry).toMatchObject({ level: expect.any(Number), time: expect.any(Number), service: 'orders' });
      expect(entries.map((e) => e.msg)).toEqual(expect.arrayContaining(['shutdown started, readiness now fails', 'shutdown complete']));
    } finally {
      if (service.exitCode === null) service.kill('SIGKILL');
    }
  }, 2 * MINUTE);

  test('projen again: nothing changes', async () => {
    await projen([]);
    expect(await gitStatus()).toBe('');
  }, 3 * MINUTE);

  test('a hand edit of the Dockerfile is reverted by the next projen run', async () => {
    const dockerfile = path.join(repo, 'Dockerfile');
    const original = fs.readFileSync(dockerfile, 'utf8');
    fs.chmodSync(dockerfile, 0o644);
    fs.appendFileSync(dockerfile, 'USER root\n');
    expect(await gitStatus()).toBe('M Dockerfile');
    await projen([]);
    expect(fs.readFileSync(dockerfile, 'utf8')).toBe(original);
    expect(await gitStatus()).toBe('');
  }, 3 * MINUTE);

  test("CI's drift step fails when a hand edit of a generated file is committed, and passes otherwise", async () => {
    const script = stepRun('verify', 'Check generated files are up to date');
    const clean = await run('bash', ['-e', '-c', script], { cwd: repo, env, timeoutMs: 2 * MINUTE });
    expect(clean.code).toBe(0);

    const compose = path.join(repo, 'docker-compose.yml');
    fs.chmodSync(compose, 0o644);
    fs.appendFileSync(compose, '# tuned by hand\n');
    await git('commit', '--quiet', '-am', 'hand edit of a generated file');
    const drifted = await run('bash', ['-e', '-c', script], { cwd: repo, env, timeoutMs: 2 * MINUTE });
    expect(drifted.code).toBe(1);
    expect(drifted.output).toContain("::error::Generated files are out of date: run 'npx projen' and commit the result.");
    expect(drifted.output).toContain('-# tuned by hand');
    await git('reset', '--quiet', '--hard', 'HEAD~1');
  }, 5 * MINUTE);

  test("the descriptor CI proposes joins the platform's services catalog with one line in platform.config.ts", async () => {
    // CI's propose step, run as written in ci.yml: service/ is this repository, platform/ the platform checkout.
    const ci = path.join(work, 'ci');
    fs.mkdirSync(path.join(ci, 'platform'), { recursive: true });
    fs.symlinkSync(repo, path.join(ci, 'service'));
    const digest = `sha256:${'a1'.repeat(32)}`;
    await runOk('bash', ['-e', '-c', stepRun('propose-dev', 'Pin the digest for dev in the descriptor')], { cwd: ci, env: { ...env, ENVIRONMENT: 'dev', DIGEST: digest } });
    const written = path.join(ci, 'platform', 'services', 'orders.json');
    const descriptor = JSON.parse(fs.readFileSync(written, 'utf8'));
    expect(descriptor.environments.dev.imageTag).toBe(digest);
    const repoDescriptor = JSON.parse(fs.readFileSync(path.join(repo, 'paved.service.json'), 'utf8'));
    expect({ ...descriptor, environments: undefined }).toEqual({ ...repoDescriptor, environments: undefined });

    expectToJoinThePlatform(written);
  }, MINUTE);

  // Last in this describe: it changes .projenrc.ts of the shared repository and leaves it so (no later test uses this
  // repository, and the work directory is removed after the file; restoring it would cost one more projen install).
  test('with awsResources: infra/ installs, infra:synth runs offline and writes one cdk-nag-clean stack per environment', async () => {
    const tarball = await packServiceConstructs(path.join(work, 'service-constructs'));
    const projenrc = path.join(repo, '.projenrc.ts');
    const original = fs.readFileSync(projenrc, 'utf8');
    fs.writeFileSync(projenrc, original.replace(
      "awsAccount: '345678901234',",
      `awsAccount: '345678901234',\n  awsResources: true,\n  serviceConstructsVersion: 'file:${tarball}',`,
    ));
    await projen([], 5 * MINUTE);
    expect(fs.existsSync(path.join(repo, 'infra', 'node_modules', '@paved', 'service-constructs'))).toBe(true);
    await projen(['infra:synth'], 5 * MINUTE);
    for (const envName of ['dev', 'staging', 'prod']) {
      const template = JSON.parse(fs.readFileSync(path.join(repo, 'infra', 'cdk.out', `${envName}.template.json`), 'utf8'));
      // No bootstrap: no BootstrapVersion parameter or rule (docs/service-resources.md).
      expect(template.Parameters).toBeUndefined();
      expect(template.Rules).toBeUndefined();
      const byType = (type: string) => Object.values(template.Resources as Record<string, any>).filter((r) => r.Type === type);
      expect(byType('AWS::SQS::Queue').map((q) => q.Properties.QueueName).sort())
        .toEqual([`northwind-${envName}-orders-jobs`, `northwind-${envName}-orders-jobs-dlq`]);
      expect(byType('AWS::KMS::Key')[0].Properties.Tags).toContainEqual({ Key: 'paved:service', Value: 'orders' });
      expect(byType('AWS::KMS::Key')[0].DeletionPolicy).toBe(envName === 'prod' ? 'Retain' : 'Delete');
      expect(JSON.stringify(byType('AWS::SQS::QueuePolicy'))).toContain(`:role/northwind-${envName}-service-orders`);
    }
    // The descriptor now declares the resources and the repository: the platform takes it as it is.
    expectToJoinThePlatform(path.join(repo, 'paved.service.json'));
  }, 12 * MINUTE);
});

describe('projen new paved-python-service --from @paved/service-blueprint', () => {
  const projenPy = projenIn(() => pythonRepo);
  const gitPy = gitIn(() => pythonRepo);
  const statusPy = statusIn(() => pythonRepo);

  test('creates and commits a Python repository: managed files, the FastAPI sample, pyproject.toml, .projenrc.ts', async () => {
    for (const file of ['Dockerfile', '.dockerignore', 'docker-compose.yml', '.github/workflows/ci.yml', '.github/dependabot.yml',
      '.python-version', 'paved.service.json', 'pyproject.toml', 'src/orders/app.py', 'src/orders/__main__.py', 'tests/test_app.py', 'README.md']) {
      expect(fs.existsSync(path.join(pythonRepo, file))).toBe(true);
    }
    const projenrc = fs.readFileSync(path.join(pythonRepo, '.projenrc.ts'), 'utf8');
    // No ESLint in a Python repository: .projenrc.ts stays as projen renders it (double quotes).
    expect(projenrc).toContain('import { PavedPythonService } from "@paved/service-blueprint";');
    expect(projenrc).toContain('awsAccount: "345678901234",');
    expect(fs.readFileSync(path.join(pythonRepo, 'Dockerfile'), 'utf8')).toContain('CMD ["python", "-m", "orders"]');
    expect((await gitPy('log', '--oneline')).output).toMatch(/project created with projen/);
    expect(await statusPy()).toBe('');
  });

  test('projen again (tsx from the lockfile runs .projenrc.ts): nothing changes', async () => {
    const again = await projenPy([]);
    expect(again.output).not.toMatch(/npx -y/);
    expect(await statusPy()).toBe('');
  }, 3 * MINUTE);

  test('the Python sources and tests compile (py_compile with the local interpreter)', async () => {
    const probe = await run('python3', ['-c', 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'], { cwd: pythonRepo, env });
    // A missing interpreter fails loudly instead of passing silently: python3 is part of this test's toolchain.
    expect({ python3: probe.code === 0 ? '>= 3.11' : 'missing or older than 3.11' }).toEqual({ python3: '>= 3.11' });
    const compiled = await run('python3', ['-m', 'compileall', '-q', 'src', 'tests'], { cwd: pythonRepo, env: { ...env, PYTHONPYCACHEPREFIX: path.join(work, 'pycache') } });
    expect(compiled.output).toBe('');
    expect(compiled.code).toBe(0);
  }, MINUTE);

  test("the descriptor joins the platform's services catalog as a python service", () => {
    const descriptor = path.join(pythonRepo, 'paved.service.json');
    expect(JSON.parse(fs.readFileSync(descriptor, 'utf8'))).toMatchObject({ name: 'orders', runtime: 'python', port: 8093 });
    expectToJoinThePlatform(descriptor);
  });
});

describe('projen new paved-static-site --from @paved/service-blueprint', () => {
  const projenSite = projenIn(() => siteRepo);
  const statusSite = statusIn(() => siteRepo);

  test('the new repository builds: type-check, Vitest over the coverage gate, ESLint, Vite bundle within its budget', async () => {
    expect(await statusSite()).toBe('');
    // Vitest colours its summary even without a terminal.
    const output = (await projenSite(['build'], 5 * MINUTE)).output.replace(/\x1b\[[0-9;]*m/g, '');
    expect(output).toMatch(/test » typecheck/);
    expect(output).toMatch(/Tests\s+\d+ passed \(\d+\)/);
    expect(output).toMatch(/All files\s+\|/);
    expect(output).toMatch(/test » lint/);
    expect(output).toMatch(/bundle JavaScript: [\d.]+ KiB gzipped in \d+ files \(budget 250 KiB\)/);
    expect(fs.existsSync(path.join(siteRepo, 'dist', 'index.html'))).toBe(true);
    // The build re-ran .projenrc.ts: nothing changed, and dist/ and coverage/ are ignored.
    expect(await statusSite()).toBe('');
  }, 6 * MINUTE);

  test('the built bundle is served over HTTP: the page, its assets and the SPA fallback (vite preview)', async () => {
    const port = await freePort();
    const vite = path.join(siteRepo, 'node_modules', 'vite', 'bin', 'vite.js');
    const preview = spawn(process.execPath, [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: siteRepo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const logs = collect(preview);
    try {
      await logs.waitFor(new RegExp(`127\\.0\\.0\\.1:${port}`), 20_000);
      const base = `http://127.0.0.1:${port}`;
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<div id="root"></div>');
      const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
      expect(script).toMatch(/^\/assets\/index-[\w-]+\.js$/);
      const asset = await fetch(`${base}${script}`);
      expect(asset.status).toBe(200);
      expect(await asset.text()).toContain('The API is up.');
      const route = await fetch(`${base}/orders/42`);
      expect(route.status).toBe(200);
      expect(await route.text()).toContain('<div id="root"></div>');
    } finally {
      preview.kill('SIGKILL');
    }
  }, 2 * MINUTE);

  test("the descriptor joins the platform's services catalog as a static site", () => {
    const descriptor = path.join(siteRepo, 'paved.service.json');
    expect(JSON.parse(fs.readFileSync(descriptor, 'utf8'))).toMatchObject({ name: 'frontend', runtime: 'static-site', port: 8094 });
    expectToJoinThePlatform(descriptor, 'frontend');
  });
});

/** The platform repository: the workspace's platform.config.ts plus the one line a team adds for the descriptor. */
/** `pnpm pack` of @paved/service-constructs (compiled by the workspace build) into `dest`; returns the tarball. */
async function packServiceConstructs(dest: string): Promise<string> {
  fs.mkdirSync(dest, { recursive: true });
  await runOk('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', dest], { cwd: path.join(ROOT, 'packages', 'service-constructs'), env, timeoutMs: 2 * MINUTE });
  const [file] = fs.readdirSync(dest).filter((f) => f.endsWith('.tgz'));
  return path.join(dest, file);
}

function expectToJoinThePlatform(descriptorFile: string, name = 'orders'): void {
  const platform = fs.mkdtempSync(path.join(ROOT, '.paved-tmp-blueprint-'));
  try {
    fs.mkdirSync(path.join(platform, 'services'));
    fs.copyFileSync(descriptorFile, path.join(platform, 'services', `${name}.json`));
    const config = path.join(platform, 'platform.config.ts');
    fs.writeFileSync(
      config,
      [
        "import base from '../platform.config';",
        '',
        'export default {',
        '  ...base,',
        '  services: [',
        '    ...(base.services ?? []),',
        `    require('./services/${name}.json'),`,
        '  ],',
        '};',
        '',
      ].join('\n'),
    );
    const loaded = loadConfig(config);
    const services = (loaded.value as { services: { name: string }[] }).services;
    expect(services.map((s) => s.name)).toContain(name);
    const result = validatePlatform(loaded.value);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    const index = services.findIndex((s) => s.name === name);
    expect(result.problems.filter((p) => p.path.startsWith(`services[${index}]`))).toEqual([]);
  } finally {
    fs.rmSync(platform, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function collect(child: ChildProcess) {
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return {
    stdout: () => out,
    waitFor: (pattern: RegExp, timeoutMs: number) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          if (pattern.test(out)) {
            clearInterval(poll);
            resolve();
          } else if (Date.now() - started > timeoutMs || child.exitCode !== null) {
            clearInterval(poll);
            reject(new Error(`no ${pattern} in the service output:\n${out}\n${err}`));
          }
        }, 50);
      }),
  };
}
