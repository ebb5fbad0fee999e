import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'projen';
import * as YAML from 'yaml';
import {
  PavedStaticSite,
  type PavedStaticSiteOptions,
  RUNTIME_USER,
  ServiceDescriptor,
  ServiceSamples,
  StaticSiteDockerfile,
  ViteToolchain,
} from '../src';
import { expectHardenedDockerfile, expectLocalCompose, expectPlatformWorkflow, testManagedFiles } from './managed-files';
import { useTempOutdirs } from './temp-outdirs';

const outdir = useTempOutdirs('paved-static-site-test-');

const REQUIRED = { name: 'frontend', organization: 'ims', team: 'ims', awsAccount: '345678901234', awsRegion: 'us-east-1' };

function site(options: Partial<PavedStaticSiteOptions> = {}, dir = outdir()): PavedStaticSite {
  return new PavedStaticSite({ ...REQUIRED, outdir: dir, ingressHost: 'app', ...options });
}

const MANAGED = [
  'Dockerfile',
  '.dockerignore',
  'nginx.conf',
  'vite.config.ts',
  'tsconfig.json',
  'eslint.config.js',
  'docker-compose.yml',
  '.github/workflows/ci.yml',
  '.github/dependabot.yml',
  'paved.service.json',
];

describe('managed files', () => {
  testManagedFiles(() => site(), MANAGED);
});

describe('image', () => {
  const out = Testing.synth(site());
  const dockerfile: string = out.Dockerfile;
  const lines = dockerfile.split('\n');
  const runtime = lines.slice(lines.findIndex((l) => l.endsWith(' AS runtime')));

  test('builds with Vite on the pinned Node.js image and serves with the pinned nginx-unprivileged image', () => {
    expect(lines.filter((l) => l.startsWith('FROM '))).toEqual([
      'FROM node:24.21.0-slim AS build',
      'FROM nginxinc/nginx-unprivileged:1.30.4-alpine AS runtime',
    ]);
    expect(dockerfile).toContain('RUN VITE_API_URL="$VITE_API_URL" node_modules/.bin/vite build');
  });

  test('the runtime stage holds only the bundle and nginx.conf, runs as the platform\'s uid and probes the index page', () => {
    expect(runtime.filter((l) => l.startsWith('COPY'))).toEqual([
      'COPY nginx.conf /etc/nginx/nginx.conf',
      'COPY --from=build /app/dist /usr/share/nginx/html',
    ]);
    expect(runtime.filter((l) => l.startsWith('USER '))).toEqual([`USER ${RUNTIME_USER}`]);
    expect(runtime).toContain('HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 CMD ["wget", "-q", "--spider", "http://127.0.0.1:8080/"]');
    expect(runtime).toContain('ENTRYPOINT ["nginx", "-g", "daemon off;"]');
  });

  test('nginx writes only to /tmp, listens on the service port, falls back to index.html and caches assets immutably', () => {
    const conf: string = out['nginx.conf'];
    expect(conf).toContain('pid /tmp/nginx.pid;');
    for (const temp of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) expect(conf).toMatch(new RegExp(`${temp}_temp_path /tmp/`));
    expect(conf).toContain('listen 8080;');
    expect(conf).toContain('try_files $uri /index.html;');
    expect(conf).toContain('add_header Cache-Control "public, max-age=31536000, immutable" always;');
    expect(conf).toContain('server_tokens off;');
    expect(conf).toContain('access_log /dev/stdout json if=$loggable;');
  });

  test('every location repeats the security headers (nginx drops inherited ones), with connectSources in the CSP', () => {
    const conf: string = Testing.synth(site({ connectSources: ['https://api.ims.example.com'] }))['nginx.conf'];
    const csp = conf.split('\n').filter((l) => l.includes('Content-Security-Policy'));
    expect(csp).toHaveLength(2);
    for (const line of csp) expect(line).toContain("connect-src 'self' https://api.ims.example.com;");
    expect(conf.split('\n').filter((l) => l.includes('X-Content-Type-Options "nosniff"'))).toHaveLength(2);
  });

  test('docker-compose runs the image read-only with /tmp in memory', () => {
    const compose = YAML.parse(out['docker-compose.yml']);
    expect(compose.services.frontend).toMatchObject({ read_only: true, tmpfs: ['/tmp'], ports: ['127.0.0.1:8080:8080'] });
    expect(Object.keys(compose.services)).toEqual(['frontend']);
  });
});

describe('build, tests and CI', () => {
  const out = Testing.synth(site());
  const tasks = out['.projen/tasks.json'].tasks;
  const steps = (task: string) => tasks[task].steps.map((s: { exec?: string; spawn?: string }) => s.exec ?? `spawn ${s.spawn}`);

  test('test = type-check, Vitest with coverage, ESLint; compile = vite build, then the bundle budget', () => {
    expect(steps('test')).toEqual(['spawn typecheck', 'spawn test:unit', 'spawn lint']);
    expect(steps('typecheck')).toEqual(['tsc -p tsconfig.json']);
    expect(steps('test:unit')).toEqual(['vitest run --coverage']);
    expect(steps('lint')).toEqual(['eslint .']);
    expect(steps('compile')).toEqual(['vite build']);
    expect(steps('post-compile')).toEqual(['spawn check:bundle']);
    expect(steps('check:bundle')[0]).toContain('if (kib > 250)');
    expect(steps('default')).toEqual(['tsx .projenrc.ts']);
  });

  test('vite.config.ts carries the coverage thresholds; bundleBudgetKb the budget', () => {
    const custom = Testing.synth(site({ coverageThreshold: 90, bundleBudgetKb: 120 }));
    expect(custom['vite.config.ts']).toContain('thresholds: { lines: 90, branches: 90, functions: 90, statements: 90 },');
    expect(custom['.projen/tasks.json'].tasks['check:bundle'].steps[0].exec).toContain('if (kib > 120)');
  });

  test('verify runs the same tasks; image, publish and propose are the platform\'s', () => {
    const workflow = YAML.parse(out['.github/workflows/ci.yml']);
    expect(workflow.jobs.verify.steps.slice(2).map((s: { run: string }) => s.run)).toEqual([
      'npm ci',
      expect.stringContaining('npx projen --no-post'),
      'npx projen lint',
      'npx projen typecheck',
      'npx projen test:unit',
      'npx projen compile',
    ]);
    expect(Object.keys(workflow.jobs)).toEqual(['verify', 'image', 'publish', ...['dev', 'staging', 'prod'].flatMap((e) => [`promote-${e}`, `propose-${e}`])]);
  });

  test('package.json: an ES module, private, React at runtime and the toolchain as dev dependencies', () => {
    const pkg = out['package.json'];
    expect(pkg).toMatchObject({ type: 'module', private: true });
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['react', 'react-dom']);
    expect(pkg.devDependencies).toMatchObject({ vite: '^8.3.8', vitest: '^4.1.12', typescript: '~5.9.3', eslint: '^10.15.0', tsx: '*' });
    expect(pkg.main).toBeUndefined();
  });
});

describe('descriptor and samples', () => {
  test('the descriptor is a static-site entry probed on its index page', () => {
    expect(ServiceDescriptor.of(site())!.descriptor).toMatchObject({
      name: 'frontend', runtime: 'static-site', port: 8080, health: { liveness: '/', readiness: '/' }, ingress: { host: 'app', visibility: 'public' },
    });
  });

  test('src/, test/ and index.html are written once', () => {
    const dir = outdir();
    const project = site({}, dir);
    expect(ServiceSamples.of(project)!.files.sort()).toEqual([
      'src/App.tsx', 'src/api.ts', 'src/config.ts', 'src/main.tsx', 'src/vite-env.d.ts', 'test/app.test.tsx',
    ]);
    project.synth();
    fs.writeFileSync(path.join(dir, 'src/App.tsx'), 'export {};\n');
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>\n');
    site({}, dir).synth();
    expect(fs.readFileSync(path.join(dir, 'src/App.tsx'), 'utf8')).toBe('export {};\n');
    expect(fs.readFileSync(path.join(dir, 'index.html'), 'utf8')).toBe('<!doctype html>\n');
  });

  test('each feature is a component found with Foo.of(project)', () => {
    const project = site();
    expect(StaticSiteDockerfile.of(project)).toBeInstanceOf(StaticSiteDockerfile);
    expect(ViteToolchain.of(project)).toBeInstanceOf(ViteToolchain);
  });
});

describe('option validation (each names the option)', () => {
  test.each<[string, Partial<PavedStaticSiteOptions>, RegExp]>([
    ['postgres', { postgres: true }, /option 'postgres' is true; expected unset: a static site has no database or cache/],
    ['redis', { redis: true }, /option 'redis' is true; expected unset/],
    ['connectSources', { connectSources: ['http://api.example.com/v1'] }, /option 'connectSources\[0\]' is "http:\/\/api.example.com\/v1"; expected an https origin/],
    ['bundleBudgetKb', { bundleBudgetKb: 0 }, /option 'bundleBudgetKb' is 0; expected an integer from 10 to 10000 KiB/],
    ['nginxImage', { nginxImage: 'nginx latest' }, /option 'nginxImage' is "nginx latest"; expected an image reference/],
  ])('%s', (_option, options, error) => {
    expect(() => site(options)).toThrow(error);
  });
});

describe('nginx accepts the generated configuration (nginx -t, when nginx is installed)', () => {
  const nginx = ['nginx', '/usr/sbin/nginx'].find((bin) => spawnSync(bin, ['-v']).status === 0);
  // nginx opens /dev/stdout for the access log; through a socket (Node's pipes) that fails, through a file it does not.
  const nginxTest = (bin: string, config: string) => {
    const log = path.join(outdir(), 'nginx-test.log');
    const fd = fs.openSync(log, 'w');
    try {
      const status = spawnSync(bin, ['-t', '-q', '-e', 'stderr', '-c', config], { stdio: ['ignore', fd, fd] }).status;
      return { status, output: fs.readFileSync(log, 'utf8') };
    } finally {
      fs.closeSync(fd);
    }
  };

  const cases: [string, Partial<PavedStaticSiteOptions>][] = [
    ['defaults', {}],
    ['another port and an API origin', { port: 8443, connectSources: ['https://api.ims.example.com'] }],
  ];
  // Without nginx (`apt-get install nginx`) these are reported as skipped, never as passed without running.
  (nginx ? test.each(cases) : test.skip.each(cases))(`%s${nginx ? '' : ' (skipped: no nginx binary)'}`, (_name, options) => {
    const dir = outdir();
    site(options, dir).synth();
    expect(nginxTest(nginx!, path.join(dir, 'nginx.conf'))).toEqual({ status: 0, output: '' });
  });

  (nginx ? test : test.skip)(`a broken configuration fails the test (the check can fail)${nginx ? '' : ' (skipped: no nginx binary)'}`, () => {
    const file = path.join(outdir(), 'nginx.conf');
    fs.writeFileSync(file, 'events {}\nhttp { server { listen 8080 } }\n');
    const result = nginxTest(nginx!, file);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/emerg/);
  });
});

describe('what each managed file is for (in place of whole-file snapshots)', () => {
  const out = Testing.synth(site());

  test('Dockerfile: pinned base images, one numeric non-root user, a HEALTHCHECK', () => {
    expectHardenedDockerfile(out.Dockerfile);
  });

  test('ci.yml: the platform contract (read-only default, OIDC for publish and promotions only, promotion by digest)', () => {
    expectPlatformWorkflow(out['.github/workflows/ci.yml']);
  });

  test('docker-compose.yml: the runtime stage, hardened, on localhost', () => {
    expectLocalCompose(YAML.parse(out['docker-compose.yml']), 'frontend');
  });

  test('.dockerignore: everything excluded but what the build reads', () => {
    expect(out['.dockerignore'].split('\n').filter((l: string) => l && !l.startsWith('#'))).toEqual([
      '*', '!package.json', '!package-lock.json', '!index.html', '!tsconfig.json', '!vite.config.ts', '!src/**', '!nginx.conf',
    ]);
  });

  test('nginx.conf: the default CSP allows only the site itself, and no frames', () => {
    const csp = out['nginx.conf'].split('\n').filter((l: string) => l.includes('Content-Security-Policy'));
    expect(csp).toHaveLength(2);
    for (const line of csp) {
      expect(line).toContain("default-src 'self'; connect-src 'self';");
      expect(line).toContain("object-src 'none'");
      expect(line).toContain("frame-ancestors 'none'");
    }
  });

  test('tsconfig.json: strict, type-check only (Vite emits), React JSX, over sources, tests and the Vite config', () => {
    expect(out['tsconfig.json'].compilerOptions).toMatchObject({ strict: true, noEmit: true, isolatedModules: true, jsx: 'react-jsx', moduleResolution: 'bundler' });
    expect(out['tsconfig.json'].include).toEqual(['src', 'test', 'vite.config.ts']);
  });

  test('vite.config.ts: builds into dist without source maps, tests in jsdom, the default coverage gate is 85%', () => {
    const vite: string = out['vite.config.ts'];
    expect(vite).toContain("build: { outDir: 'dist', sourcemap: false },");
    expect(vite).toContain("environment: 'jsdom',");
    expect(vite).toContain('thresholds: { lines: 85, branches: 85, functions: 85, statements: 85 },');
    expect(vite).toContain('preview: { port: 8080, strictPort: true },');
  });

  test('eslint.config.js: the recommended JavaScript, TypeScript and React hooks rules, build output ignored', () => {
    const eslint: string = out['eslint.config.js'];
    expect(eslint).toContain("{ ignores: ['dist/', 'coverage/'] },");
    for (const preset of ['js.configs.recommended,', '...tseslint.configs.recommended,', 'reactHooks.configs.flat.recommended,']) expect(eslint).toContain(preset);
  });

  test('dependabot.yml: npm lockfile updates only, never projen or the blueprint', () => {
    const config = YAML.parse(out['.github/dependabot.yml']);
    expect(config.updates.map((u: { 'package-ecosystem': string }) => u['package-ecosystem'])).toEqual(['npm']);
    expect(config.updates[0]['versioning-strategy']).toBe('lockfile-only');
    expect(config.updates[0].ignore.map((i: { 'dependency-name': string }) => i['dependency-name']).sort()).toEqual(['@paved/service-blueprint', 'projen']);
  });

  test('paved.service.json: a static site on 8080, probed on its index page, public at its host', () => {
    expect(out['paved.service.json']).toMatchObject({
      name: 'frontend', team: 'ims', runtime: 'static-site', port: 8080, health: { liveness: '/', readiness: '/' }, ingress: { host: 'app', visibility: 'public' },
    });
  });
});
