import type { ServiceSettings } from '../settings';

/** Unit tests of the sample service, written once with it. They use no network beyond loopback. */
export function serviceTestFiles(s: ServiceSettings): { [file: string]: string } {
  const files: { [file: string]: string } = {
    'app.test.ts': appTest(),
    'config.test.ts': configTest(s),
    'readiness.test.ts': readinessTest(),
    'server.test.ts': serverTest(),
    'descriptor.test.ts': descriptorTest(),
  };
  if (s.postgres || s.redis) {
    files['dependencies.test.ts'] = dependenciesTest(s);
    files['data-store-auth.test.ts'] = dataStoreAuthTest(s);
  }
  return files;
}

function lines(...l: string[]): string {
  return l.join('\n') + '\n';
}

const FIXTURE = [
  "const config: Config = { ...loadConfig({}), logLevel: 'silent' };",
  '',
  'function dependency(name: string, check: () => Promise<void>): DependencyCheck {',
  '  return { name, check, close: async () => undefined };',
  '}',
];

function appTest(): string {
  return lines(
    "import type { FastifyInstance } from 'fastify';",
    "import { buildApp } from '../src/app';",
    "import { type Config, loadConfig } from '../src/config';",
    "import { createMetrics } from '../src/metrics';",
    "import type { DependencyCheck } from '../src/readiness';",
    '',
    ...FIXTURE,
    '',
    'const running: FastifyInstance[] = [];',
    'afterEach(async () => {',
    '  await Promise.all(running.splice(0).map((server) => server.close()));',
    '});',
    '',
    '/** The app on a free loopback port, with a `get` that sends real HTTP requests to it. */',
    'async function start(checks: DependencyCheck[] = []) {',
    "  const app = buildApp({ config, checks, metrics: createMetrics('test') });",
    '  running.push(app.server);',
    "  const base = await app.server.listen({ host: '127.0.0.1', port: 0 });",
    '  return { ...app, get: (path: string) => fetch(base + path) };',
    '}',
    '',
    "describe('probes and metrics', () => {",
    "  test('/health answers 200 without calling any dependency', async () => {",
    '    const check = jest.fn(async () => undefined);',
    "    const { get } = await start([dependency('db', check)]);",
    "    const response = await get('/health');",
    '    expect(response.status).toBe(200);',
    "    expect(await response.json()).toEqual({ status: 'ok' });",
    '    expect(check).not.toHaveBeenCalled();',
    '  });',
    '',
    "  test('/ready answers 200 when every dependency answers', async () => {",
    "    const { get } = await start([dependency('db', async () => undefined)]);",
    "    const response = await get('/ready');",
    '    expect(response.status).toBe(200);',
    "    expect(await response.json()).toEqual({ status: 'ready', checks: { db: { status: 'up' } } });",
    '  });',
    '',
    "  test('/ready answers 503 and names the dependency that fails', async () => {",
    '    const { get } = await start([',
    "      dependency('db', async () => undefined),",
    "      dependency('cache', async () => Promise.reject(new Error('connection refused'))),",
    '    ]);',
    "    const response = await get('/ready');",
    '    expect(response.status).toBe(503);',
    '    expect(await response.json()).toEqual({',
    "      status: 'not ready',",
    "      checks: { db: { status: 'up' }, cache: { status: 'down', error: 'connection refused' } },",
    '    });',
    '  });',
    '',
    "  test('/ready answers 503 once draining has started, /health stays 200', async () => {",
    '    const { get, drain } = await start();',
    '    drain();',
    "    expect((await get('/ready')).status).toBe(503);",
    "    expect((await get('/health')).status).toBe(200);",
    '  });',
    '',
    "  test('/metrics serves Prometheus text with process metrics and request durations by route', async () => {",
    '    const { get } = await start();',
    "    await get('/health');",
    "    await get('/no-such-route');",
    "    const response = await get('/metrics');",
    '    expect(response.status).toBe(200);',
    "    expect(response.headers.get('content-type')).toMatch(/^text\\/plain; version=0\\.0\\.4/);",
    '    const body = await response.text();',
    "    expect(body).toContain('# TYPE process_cpu_user_seconds_total counter');",
    '    expect(body).toMatch(/http_request_duration_seconds_count\\{[^}]*route="\\/health"[^}]*status_code="200"[^}]*\\} 1/);',
    '    expect(body).toMatch(/http_request_duration_seconds_count\\{[^}]*route="unmatched"[^}]*status_code="404"[^}]*\\} 1/);',
    '  });',
    '});',
  );
}

function configTest(s: ServiceSettings): string {
  const imports = [...(s.postgres || s.redis ? ['DEFAULT_AWS_REGION'] : []), 'loadConfig', ...(s.postgres ? ['RDS_CA_BUNDLE_PATH'] : [])];
  return lines(
    `import { ${imports.join(', ')} } from '../src/config';`,
    '',
    "describe('configuration from the environment', () => {",
    "  test('defaults', () => {",
    '    expect(loadConfig({})).toEqual({',
    `      serviceName: '${s.serviceName}',`,
    "      host: '0.0.0.0',",
    `      port: ${s.port},`,
    "      logLevel: 'info',",
    '      shutdownDelayMs: 5000,',
    '      shutdownTimeoutMs: 20000,',
    '      readinessTimeoutMs: 2000,',
    ...(s.postgres ? ['      databaseUrl: undefined,'] : []),
    ...(s.redis ? ["      redisUrl: 'redis://localhost:6379',"] : []),
    '    });',
    '  });',
    '',
    "  test('reads every variable', () => {",
    '    const config = loadConfig({',
    "      HOST: '127.0.0.1',",
    "      PORT: '9000',",
    "      LOG_LEVEL: 'debug',",
    "      SHUTDOWN_DELAY_MS: '0',",
    "      SHUTDOWN_TIMEOUT_MS: '1000',",
    "      READINESS_TIMEOUT_MS: '500',",
    ...(s.postgres ? ["      DATABASE_URL: 'postgres://db.internal:5432/app',"] : []),
    ...(s.redis ? ["      REDIS_URL: 'redis://cache.internal:6379',"] : []),
    '    });',
    "    expect(config).toMatchObject({ host: '127.0.0.1', port: 9000, logLevel: 'debug', shutdownDelayMs: 0, shutdownTimeoutMs: 1000, readinessTimeoutMs: 500 });",
    ...(s.postgres ? ["    expect(config.databaseUrl).toBe('postgres://db.internal:5432/app');"] : []),
    ...(s.redis ? ["    expect(config.redisUrl).toBe('redis://cache.internal:6379');"] : []),
    '  });',
    '',
    ...iamConfigTests(s),
    "  test('empty values fall back to the defaults', () => {",
    `    expect(loadConfig({ PORT: '', LOG_LEVEL: '' })).toMatchObject({ port: ${s.port}, logLevel: 'info' });`,
    '  });',
    '',
    "  test.each(['-1', '80.5', 'eighty'])('rejects PORT=%s', (port) => {",
    '    expect(() => loadConfig({ PORT: port })).toThrow(/PORT must be a non-negative integer/);',
    '  });',
    '',
    "  test('rejects an unknown LOG_LEVEL', () => {",
    "    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'verbose'/);",
    '  });',
    '});',
  );
}

function readinessTest(): string {
  return lines(
    "import { checkDependencies, type DependencyCheck } from '../src/readiness';",
    '',
    'function dependency(name: string, check: () => Promise<void>): DependencyCheck {',
    '  return { name, check, close: async () => undefined };',
    '}',
    '',
    "describe('checkDependencies', () => {",
    "  test('ready with no dependencies', async () => {",
    '    expect(await checkDependencies([], 100)).toEqual({ ready: true, checks: {} });',
    '  });',
    '',
    "  test('a dependency that does not answer in time is down', async () => {",
    "    const hanging = dependency('slow', () => new Promise<void>(() => undefined));",
    '    const report = await checkDependencies([hanging], 20);',
    "    expect(report).toEqual({ ready: false, checks: { slow: { status: 'down', error: 'slow did not answer within 20 ms' } } });",
    '  });',
    '',
    "  test('a rejection that is not an Error is reported as text', async () => {",
    "    const report = await checkDependencies([dependency('odd', () => Promise.reject('boom'))], 100);",
    "    expect(report.checks.odd).toEqual({ status: 'down', error: 'boom' });",
    '  });',
    '});',
  );
}

function serverTest(): string {
  return lines(
    "import { EventEmitter } from 'node:events';",
    "import { type Config, loadConfig } from '../src/config';",
    "import type { DependencyCheck } from '../src/readiness';",
    "import { handleSignals, type RunningServer, type SignalTarget, startServer } from '../src/server';",
    '',
    "const config: Config = { ...loadConfig({}), host: '127.0.0.1', port: 0, logLevel: 'silent', shutdownDelayMs: 0 };",
    '',
    'class FakeProcess extends EventEmitter implements SignalTarget {',
    '  readonly exit = jest.fn<void, [number]>();',
    '}',
    '',
    'function exited(target: FakeProcess): Promise<number> {',
    '  return new Promise((resolve) => target.exit.mockImplementation(resolve));',
    '}',
    '',
    "describe('server lifecycle', () => {",
    "  test('serves /health over HTTP and closes the dependency clients on shutdown', async () => {",
    '    const close = jest.fn(async () => undefined);',
    "    const server = await startServer(config, [{ name: 'db', check: async () => undefined, close }]);",
    "    const response = await fetch(server.url + '/health');",
    '    expect(response.status).toBe(200);',
    '    const first = server.shutdown();',
    '    expect(server.shutdown()).toBe(first);',
    '    await first;',
    '    expect(close).toHaveBeenCalledTimes(1);',
    "    await expect(fetch(server.url + '/health')).rejects.toThrow();",
    '  });',
    '',
    "  test('SIGTERM shuts down and exits 0', async () => {",
    '    const server = await startServer(config, []);',
    '    const target = new FakeProcess();',
    '    handleSignals(server, config, target);',
    '    const code = exited(target);',
    "    target.emit('SIGTERM');",
    '    expect(await code).toBe(0);',
    '    expect(server.app.server.server.listening).toBe(false);',
    '  });',
    '',
    "  test('a failing shutdown exits 1', async () => {",
    "    const broken: DependencyCheck = { name: 'db', check: async () => undefined, close: async () => Promise.reject(new Error('stuck')) };",
    '    const server = await startServer(config, [broken]);',
    '    const target = new FakeProcess();',
    '    handleSignals(server, config, target);',
    '    const code = exited(target);',
    "    target.emit('SIGINT');",
    '    expect(await code).toBe(1);',
    '  });',
    '',
    "  test('a shutdown that outlasts shutdownTimeoutMs exits 1', async () => {",
    "    const hanging: DependencyCheck = { name: 'db', check: async () => undefined, close: () => new Promise<void>(() => undefined) };",
    '    const server: RunningServer = await startServer({ ...config, shutdownTimeoutMs: 20 }, [hanging]);',
    '    const target = new FakeProcess();',
    '    handleSignals(server, { ...config, shutdownTimeoutMs: 20 }, target);',
    '    const code = exited(target);',
    "    target.emit('SIGTERM');",
    '    expect(await code).toBe(1);',
    '  });',
    '});',
  );
}

function descriptorTest(): string {
  return lines(
    "import { readFileSync } from 'node:fs';",
    "import { join } from 'node:path';",
    "import { buildApp, LIVENESS_PATH, READINESS_PATH } from '../src/app';",
    "import { loadConfig } from '../src/config';",
    "import { createDependencyChecks } from '../src/dependencies';",
    "import { createMetrics } from '../src/metrics';",
    '',
    '/** paved.service.json is generated from .projenrc.ts; these tests keep the hand-written code in line with it. */',
    "const descriptor = JSON.parse(readFileSync(join(__dirname, '..', 'paved.service.json'), 'utf8'));",
    '',
    "describe('the code matches the service descriptor', () => {",
    "  test('readiness checks exactly the dependencies the descriptor declares', async () => {",
    '    const checks = createDependencyChecks(loadConfig({}));',
    '    try {',
    '      expect(checks.map((c) => c.name).sort()).toEqual([...(descriptor.dependsOn ?? [])].sort());',
    '    } finally {',
    '      await Promise.all(checks.map((c) => c.close()));',
    '    }',
    '  });',
    '',
    "  test('the default port and the probe paths are the ones the platform uses', async () => {",
    '    expect(loadConfig({}).port).toBe(descriptor.port);',
    '    expect(descriptor.health).toEqual({ liveness: LIVENESS_PATH, readiness: READINESS_PATH });',
    "    const { server } = buildApp({ config: { ...loadConfig({}), logLevel: 'silent' }, checks: [], metrics: createMetrics('test') });",
    "    const base = await server.listen({ host: '127.0.0.1', port: 0 });",
    '    try {',
    '      expect((await fetch(base + descriptor.health.liveness)).status).toBe(200);',
    '      expect((await fetch(base + descriptor.health.readiness)).status).toBe(200);',
    '    } finally {',
    '      await server.close();',
    '    }',
    '  });',
    '});',
  );
}

function dependenciesTest(s: ServiceSettings): string {
  const names = [...(s.postgres ? ["'postgres'"] : []), ...(s.redis ? ["'redis'"] : [])];
  const imports = [...(s.postgres ? ['postgresCheck'] : []), 'createDependencyChecks', ...(s.redis ? ['redisCheck'] : [])];
  return lines(
    ...(s.postgres ? ["import * as fs from 'node:fs';", "import * as os from 'node:os';", "import * as path from 'node:path';"] : []),
    "import { loadConfig } from '../src/config';",
    `import { ${imports.join(', ')} } from '../src/dependencies';`,
    '',
    '// Fake static credentials: tokens are signed locally, nothing is sent to AWS.',
    "const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };",
    '',
    '// Port 1 on loopback refuses connections at once: the checks fail fast without any server running.',
    "describe('dependency checks', () => {",
    ...(s.postgres
      ? [
        "  test('postgres is down when nothing listens, and closes cleanly', async () => {",
        "    const postgres = postgresCheck('postgres://paved@127.0.0.1:1/paved');",
        '    await expect(postgres.check()).rejects.toThrow();',
        '    await postgres.close();',
        '  });',
        '',
        "  test('postgres with IAM is down when nothing listens, and closes cleanly', async () => {",
        "    const caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rds-ca-')), 'ca.pem');",
        "    fs.writeFileSync(caFile, 'not a certificate');",
        "    const iam = { host: '127.0.0.1', port: 1, user: 'paved', database: 'paved', region: 'eu-west-1', caFile };",
        '    const postgres = postgresCheck(undefined, iam, credentials);',
        '    await expect(postgres.check()).rejects.toThrow();',
        '    await postgres.close();',
        '  });',
        '',
      ]
      : []),
    ...(s.redis
      ? [
        "  test('redis is down when nothing listens, and closes cleanly', async () => {",
        "    const redis = redisCheck('redis://127.0.0.1:1');",
        '    await expect(redis.check()).rejects.toThrow();',
        '    await expect(redis.check()).rejects.toThrow();',
        '    await redis.close();',
        '  });',
        '',
        "  test('redis with IAM signs a token before it connects, and is down when nothing listens', async () => {",
        "    const redis = redisCheck('rediss://127.0.0.1:1', { user: 'paved-redis-orders', cacheName: 'paved-redis', region: 'eu-west-1' }, credentials);",
        '    await expect(redis.check()).rejects.toThrow();',
        "    expect(redis.client.options).toMatchObject({ username: 'paved-redis-orders', password: expect.stringMatching(/^paved-redis\\/\\?Action=connect&User=paved-redis-orders&/) });",
        '    await redis.close();',
        '  });',
        '',
      ]
      : []),
    "  test('the service checks its declared dependencies', async () => {",
    '    const checks = createDependencyChecks(loadConfig({}));',
    `    expect(checks.map((c) => c.name)).toEqual([${names.join(', ')}]);`,
    '    await Promise.all(checks.map((c) => c.close()));',
    '  });',
    '});',
  );
}

/** `config.test.ts`: the IAM variables the platform sets. */
function iamConfigTests(s: ServiceSettings): string[] {
  if (!s.postgres && !s.redis) return [];
  const env = [
    ...(s.postgres ? ["DATABASE_AUTH: 'iam'", "PGHOST: 'db.internal'", "PGPORT: '5433'", "PGUSER: 'orders'"] : []),
    ...(s.redis ? ["REDIS_AUTH: 'iam'", "REDIS_USER: 'paved-redis-orders'", "REDIS_CACHE_NAME: 'paved-redis'"] : []),
  ];
  return [
    "  test('IAM logins where the platform switches them on', () => {",
    `    const config = loadConfig({ ${env.join(', ')}, AWS_REGION: 'us-east-2' });`,
    ...(s.postgres
      ? [
        '    expect(config.postgresIam).toEqual({',
        "      host: 'db.internal', port: 5433, user: 'orders', database: 'orders', region: 'us-east-2', caFile: RDS_CA_BUNDLE_PATH,",
        '    });',
      ]
      : []),
    ...(s.redis ? ["    expect(config.redisIam).toEqual({ user: 'paved-redis-orders', cacheName: 'paved-redis', region: 'us-east-2' });"] : []),
    '  });',
    '',
    "  test('IAM logins need their variables; the region falls back to the registry region', () => {",
    ...(s.postgres
      ? [
        "    expect(() => loadConfig({ DATABASE_AUTH: 'iam' })).toThrow(/PGUSER must be set when DATABASE_AUTH=iam/);",
        "    expect(() => loadConfig({ DATABASE_AUTH: 'iam', PGUSER: 'orders' })).toThrow(/PGHOST must be set when DATABASE_AUTH=iam/);",
        "    const postgres = loadConfig({ DATABASE_AUTH: 'iam', PGHOST: 'db', PGUSER: 'orders', PGDATABASE: 'app', PGSSLROOTCERT: '/ca.pem', AWS_DEFAULT_REGION: 'eu-north-1' });",
        "    expect(postgres.postgresIam).toMatchObject({ port: 5432, database: 'app', caFile: '/ca.pem', region: 'eu-north-1' });",
        "    expect(loadConfig({ DATABASE_AUTH: 'iam', PGHOST: 'db', PGUSER: 'orders' }).postgresIam?.region).toBe(DEFAULT_AWS_REGION);",
      ]
      : []),
    ...(s.redis
      ? [
        "    expect(() => loadConfig({ REDIS_AUTH: 'iam', REDIS_USER: 'u' })).toThrow(/REDIS_CACHE_NAME must be set when REDIS_AUTH=iam/);",
        "    expect(loadConfig({ REDIS_AUTH: 'iam', REDIS_USER: 'u', REDIS_CACHE_NAME: 'c' }).redisIam?.region).toBe(DEFAULT_AWS_REGION);",
      ]
      : []),
    '  });',
    '',
  ];
}

/** `data-store-auth.test.ts`: the tokens, signed with fake static credentials (no network). */
function dataStoreAuthTest(s: ServiceSettings): string {
  const names = [...(s.redis ? ['elastiCacheAuthToken'] : []), ...(s.postgres ? ['postgresIamPoolConfig'] : []), 'TOKEN_LIFETIME_S'];
  return lines(
    ...(s.postgres ? ["import * as fs from 'node:fs';", "import * as os from 'node:os';", "import * as path from 'node:path';"] : []),
    `import { ${names.join(', ')} } from '../src/data-store-auth';`,
    '',
    "const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret', sessionToken: 'session/token+=' };",
    '',
    '/** The signed query of a token (`host[:port]/?query`). */',
    'function query(token: string): Record<string, string> {',
    "  return Object.fromEntries(new URL('https://' + token).searchParams);",
    '}',
    '',
    "describe('IAM tokens', () => {",
    "  test('last 15 minutes', () => {",
    '    expect(TOKEN_LIFETIME_S).toBe(900);',
    '  });',
    ...(s.postgres
      ? [
        '',
        "  test('postgres: TLS verified against the CA file, and a token for the host, port and user at every new connection', async () => {",
        "    const caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rds-ca-')), 'ca.pem');",
        "    fs.writeFileSync(caFile, 'the RDS CAs');",
        "    const host = 'orders.abc123.eu-west-1.rds.amazonaws.com';",
        "    const config = postgresIamPoolConfig({ host, port: 5432, user: 'orders', database: 'orders', region: 'eu-west-1', caFile }, credentials);",
        "    expect(config).toMatchObject({ host, port: 5432, user: 'orders', database: 'orders', ssl: { rejectUnauthorized: true, ca: 'the RDS CAs' } });",
        '    const password = config.password as () => Promise<string>;',
        '    const token = await password();',
        "    expect(token.startsWith(host + ':5432/?')).toBe(true);",
        '    expect(query(token)).toMatchObject({',
        "      'Action': 'connect',",
        "      'DBUser': 'orders',",
        "      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',",
        "      'X-Amz-Credential': expect.stringMatching(/^AKIDEXAMPLE\\/\\d{8}\\/eu-west-1\\/rds-db\\/aws4_request$/),",
        "      'X-Amz-Expires': '900',",
        "      'X-Amz-Security-Token': 'session/token+=',",
        "      'X-Amz-Signature': expect.stringMatching(/^[0-9a-f]{64}$/),",
        '    });',
        '  });',
      ]
      : []),
    ...(s.redis
      ? [
        '',
        "  test('redis: a presigned connect request to the replication group as the user', async () => {",
        "    const token = await elastiCacheAuthToken({ user: 'paved-redis-orders', cacheName: 'paved-redis', region: 'eu-west-1' }, credentials);",
        "    expect(token.startsWith('paved-redis/?Action=connect&User=paved-redis-orders&')).toBe(true);",
        '    expect(query(token)).toMatchObject({',
        "      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',",
        "      'X-Amz-Credential': expect.stringMatching(/^AKIDEXAMPLE\\/\\d{8}\\/eu-west-1\\/elasticache\\/aws4_request$/),",
        "      'X-Amz-Expires': '900',",
        "      'X-Amz-Security-Token': 'session/token+=',",
        "      'X-Amz-SignedHeaders': 'host',",
        '    });',
        '  });',
      ]
      : []),
    '});',
  );
}
