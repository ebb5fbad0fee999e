import { RDS_CA_BUNDLE } from '../components/rds-ca-bundle';
import type { ServiceSettings } from '../settings';

/**
 * The team-owned source of a new service, written once by `projen new` and never again: a Fastify HTTP service with
 * JSON logs (pino), `/health`, `/ready` (checks the declared dependencies), `/metrics` (prom-client) and graceful
 * shutdown. The code is real and small; its own tests (see `service-tests.ts`) keep it above the coverage gate.
 */
export function serviceSourceFiles(s: ServiceSettings): { [file: string]: string } {
  return {
    'main.ts': mainTs(),
    'config.ts': configTs(s),
    'app.ts': appTs(s),
    'metrics.ts': metricsTs(),
    'readiness.ts': readinessTs(),
    'dependencies.ts': dependenciesTs(s),
    'server.ts': serverTs(),
    ...(s.postgres || s.redis ? { 'data-store-auth.ts': dataStoreAuthTs(s) } : {}),
  };
}

function lines(...l: string[]): string {
  return l.join('\n') + '\n';
}

function mainTs(): string {
  return lines(
    "import { loadConfig } from './config';",
    "import { createDependencyChecks } from './dependencies';",
    "import { handleSignals, startServer } from './server';",
    '',
    '/** Entry point of the container: configuration from the environment, then the server, then signal handling. */',
    'async function main(): Promise<void> {',
    '  const config = loadConfig();',
    '  const server = await startServer(config, createDependencyChecks(config));',
    '  handleSignals(server, config);',
    '}',
    '',
    'main().catch((error: unknown) => {',
    '  // The logger may not exist yet: print one JSON line in the shape pino uses.',
    "  process.stderr.write(JSON.stringify({ level: 60, time: Date.now(), msg: 'startup failed', err: String(error) }) + '\\n');",
    '  process.exit(1);',
    '});',
  );
}

function configTs(s: ServiceSettings): string {
  return lines(
    '/** Runtime configuration, read once from the environment. */',
    'export interface Config {',
    '  readonly serviceName: string;',
    '  readonly host: string;',
    '  readonly port: number;',
    "  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';",
    '  /** Time between SIGTERM and closing the listener: readiness fails first, so traffic drains. */',
    '  readonly shutdownDelayMs: number;',
    '  /** Longest time a shutdown may take before the process exits with an error. */',
    '  readonly shutdownTimeoutMs: number;',
    '  /** Longest time one readiness check may take. */',
    '  readonly readinessTimeoutMs: number;',
    ...(s.postgres
      ? ['  /** PostgreSQL connection string; when unset, the PG* variables apply (PGHOST, PGUSER, PGPASSWORD, ...). */', '  readonly databaseUrl?: string;']
      : []),
    ...(s.postgres
      ? [
        '  /** IAM login to RDS, set where the platform runs the service (`DATABASE_AUTH=iam`); otherwise `databaseUrl` applies as is. */',
        '  readonly postgresIam?: PostgresIamAuth;',
      ]
      : []),
    ...(s.redis ? ['  /** Redis URL. */', '  readonly redisUrl: string;'] : []),
    ...(s.redis
      ? ['  /** IAM login to ElastiCache, set where the platform runs the service (`REDIS_AUTH=iam`); otherwise `redisUrl` applies as is. */', '  readonly redisIam?: RedisIamAuth;']
      : []),
    '}',
    ...(s.postgres || s.redis ? ['', ...iamConfigTypes(s)] : []),
    '',
    "const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;",
    '',
    'export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {',
    '  return {',
    `    serviceName: '${s.serviceName}',`,
    "    host: env.HOST ?? '0.0.0.0',",
    `    port: integer(env, 'PORT', ${s.port}),`,
    "    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),",
    "    shutdownDelayMs: integer(env, 'SHUTDOWN_DELAY_MS', 5000),",
    "    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 20000),",
    "    readinessTimeoutMs: integer(env, 'READINESS_TIMEOUT_MS', 2000),",
    ...(s.postgres ? ['    databaseUrl: env.DATABASE_URL || undefined,'] : []),
    ...(s.postgres ? ["    postgresIam: env.DATABASE_AUTH === 'iam' ? postgresIam(env) : undefined,"] : []),
    ...(s.redis ? ["    redisUrl: env.REDIS_URL || 'redis://localhost:6379',"] : []),
    ...(s.redis ? ["    redisIam: env.REDIS_AUTH === 'iam' ? redisIam(env) : undefined,"] : []),
    '  };',
    '}',
    ...(s.postgres || s.redis ? ['', ...iamConfigReaders(s)] : []),
    '',
    'function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {',
    '  const raw = env[name];',
    "  if (raw === undefined || raw === '') return fallback;",
    '  const value = Number(raw);',
    '  if (!Number.isInteger(value) || value < 0) {',
    "    throw new Error(name + \" must be a non-negative integer, got '\" + raw + \"'\");",
    '  }',
    '  return value;',
    '}',
    '',
    'function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {',
    '  const raw = env[name];',
    "  if (raw === undefined || raw === '') return fallback;",
    '  if (!(allowed as readonly string[]).includes(raw)) {',
    "    throw new Error(name + ' must be one of ' + allowed.join(', ') + \", got '\" + raw + \"'\");",
    '  }',
    '  return raw as T;',
    '}',
  );
}

function appTs(s: ServiceSettings): string {
  return lines(
    "import Fastify, { type FastifyInstance } from 'fastify';",
    "import type { Config } from './config';",
    "import type { Metrics } from './metrics';",
    "import { checkDependencies, type DependencyCheck } from './readiness';",
    '',
    'export interface AppOptions {',
    '  readonly config: Config;',
    '  readonly checks: readonly DependencyCheck[];',
    '  readonly metrics: Metrics;',
    '}',
    '',
    'export interface App {',
    '  readonly server: FastifyInstance;',
    '  /** Makes readiness fail from now on, so the platform stops routing traffic here before the listener closes. */',
    '  drain(): void;',
    '}',
    '',
    `export const LIVENESS_PATH = '${s.livenessPath}';`,
    `export const READINESS_PATH = '${s.readinessPath}';`,
    `export const METRICS_PATH = '${s.metricsPath}';`,
    '',
    '/** The HTTP application: probes and metrics; add the business routes at the end. */',
    'export function buildApp(options: AppOptions): App {',
    '  const { config, checks, metrics } = options;',
    '  let draining = false;',
    '  const server = Fastify({',
    '    logger: {',
    '      level: config.logLevel,',
    '      base: { service: config.serviceName },',
    "      redact: ['req.headers.authorization', 'req.headers.cookie'],",
    '    },',
    '  });',
    '',
    "  server.addHook('onResponse', async (request, reply) => {",
    '    metrics.httpDuration.observe(',
    "      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },",
    '      reply.elapsedTime / 1000,',
    '    );',
    '  });',
    '',
    '  // Probes are called every few seconds: keep them out of the info-level request log.',
    "  server.get(LIVENESS_PATH, { logLevel: 'warn' }, async () => ({ status: 'ok' }));",
    '',
    "  server.get(READINESS_PATH, { logLevel: 'warn' }, async (_request, reply) => {",
    '    if (draining) {',
    "      return reply.code(503).send({ status: 'draining', checks: {} });",
    '    }',
    '    const report = await checkDependencies(checks, config.readinessTimeoutMs);',
    "    return reply.code(report.ready ? 200 : 503).send({ status: report.ready ? 'ready' : 'not ready', checks: report.checks });",
    '  });',
    '',
    "  server.get(METRICS_PATH, { logLevel: 'warn' }, async (_request, reply) => {",
    "    reply.header('content-type', metrics.registry.contentType);",
    '    return metrics.registry.metrics();',
    '  });',
    '',
    "  // Business routes go here, for example: server.get('/things/:id', async (request) => ...).",
    '',
    '  return {',
    '    server,',
    '    drain: () => {',
    '      draining = true;',
    '    },',
    '  };',
    '}',
  );
}

function metricsTs(): string {
  return lines(
    "import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';",
    '',
    'export interface Metrics {',
    '  readonly registry: Registry;',
    "  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;",
    '}',
    '',
    '/** A registry per app (no global state): Node.js process metrics plus request durations by route. */',
    'export function createMetrics(serviceName: string): Metrics {',
    '  const registry = new Registry();',
    '  registry.setDefaultLabels({ service: serviceName });',
    '  collectDefaultMetrics({ register: registry });',
    '  const httpDuration = new Histogram({',
    "    name: 'http_request_duration_seconds',",
    "    help: 'Duration of HTTP requests in seconds, by method, route template and status code',",
    "    labelNames: ['method', 'route', 'status_code'] as const,",
    '    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],',
    '    registers: [registry],',
    '  });',
    '  return { registry, httpDuration };',
    '}',
  );
}

function readinessTs(): string {
  return lines(
    '/** A dependency the service cannot serve without; readiness fails while any check fails. */',
    'export interface DependencyCheck {',
    '  readonly name: string;',
    '  /** Resolves when the dependency answers, rejects otherwise. */',
    '  check(): Promise<void>;',
    '  /** Releases connections at shutdown. */',
    '  close(): Promise<void>;',
    '}',
    '',
    'export interface CheckResult {',
    "  readonly status: 'up' | 'down';",
    '  readonly error?: string;',
    '}',
    '',
    'export interface ReadinessReport {',
    '  readonly ready: boolean;',
    '  readonly checks: Record<string, CheckResult>;',
    '}',
    '',
    '/** Runs every check in parallel, each bounded by `timeoutMs`. */',
    'export async function checkDependencies(checks: readonly DependencyCheck[], timeoutMs: number): Promise<ReadinessReport> {',
    '  const results = await Promise.all(',
    '    checks.map(async (dependency): Promise<[string, CheckResult]> => {',
    '      try {',
    '        await withTimeout(dependency.check(), timeoutMs, dependency.name);',
    "        return [dependency.name, { status: 'up' }];",
    '      } catch (error) {',
    "        return [dependency.name, { status: 'down', error: error instanceof Error ? error.message : String(error) }];",
    '      }',
    '    }),',
    '  );',
    "  return { ready: results.every(([, result]) => result.status === 'up'), checks: Object.fromEntries(results) };",
    '}',
    '',
    'async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, name: string): Promise<T> {',
    '  let timer: NodeJS.Timeout | undefined;',
    '  const timeout = new Promise<never>((_resolve, reject) => {',
    "    timer = setTimeout(() => reject(new Error(name + ' did not answer within ' + timeoutMs + ' ms')), timeoutMs);",
    '  });',
    '  try {',
    '    return await Promise.race([promise, timeout]);',
    '  } finally {',
    '    clearTimeout(timer);',
    '  }',
    '}',
  );
}

function dependenciesTs(s: ServiceSettings): string {
  const imports: string[] = [];
  const body: string[] = [];
  const checks: string[] = [];
  if (s.redis) imports.push("import { Redis } from 'ioredis';");
  if (s.postgres) imports.push("import { Pool } from 'pg';");
  if (s.postgres || s.redis) {
    imports.push(
      `import type { Config, ${[...(s.postgres ? ['PostgresIamAuth'] : []), ...(s.redis ? ['RedisIamAuth'] : [])].join(', ')} } from './config';`,
      `import { type Credentials, ${[...(s.redis ? ['elastiCacheAuthToken'] : []), ...(s.postgres ? ['postgresIamPoolConfig'] : [])].join(', ')} } from './data-store-auth';`,
    );
  } else {
    imports.push("import type { Config } from './config';");
  }
  imports.push("import type { DependencyCheck } from './readiness';");
  if (s.postgres) {
    checks.push('postgresCheck(config.databaseUrl, config.postgresIam)');
    body.push(
      '/**',
      ' * PostgreSQL through a small pool; readiness runs `SELECT 1`. Use `pool` for queries. With `iam` (where the platform',
      ' * runs the service), every new connection logs in with a fresh IAM token over verified TLS; otherwise the URL applies.',
      ' */',
      'export function postgresCheck(',
      '  connectionString: string | undefined,',
      '  iam?: PostgresIamAuth,',
      '  credentials?: Credentials,',
      '): DependencyCheck & { readonly pool: Pool } {',
      '  const connection = iam ? postgresIamPoolConfig(iam, credentials) : { connectionString };',
      '  const pool = new Pool({ ...connection, max: 5, connectionTimeoutMillis: 2000, idleTimeoutMillis: 30000 });',
      '  // An idle client losing its connection (a database restart) must not crash the process: readiness reports it.',
      "  pool.on('error', () => undefined);",
      '  return {',
      "    name: 'postgres',",
      '    pool,',
      '    check: async () => {',
      "      await pool.query('SELECT 1');",
      '    },',
      '    close: async () => pool.end(),',
      '  };',
      '}',
      '',
    );
  }
  if (s.redis) {
    checks.push('redisCheck(config.redisUrl, config.redisIam)');
    body.push(
      '/** A new ElastiCache token this often, well within its 15 minutes, so that a reconnection always has a valid one. */',
      'const REDIS_TOKEN_REFRESH_MS = 10 * 60 * 1000;',
      '',
      '/**',
      ' * Redis; readiness sends PING. Use `client` for commands. With `iam` (where the platform runs the service), the client',
      ' * logs in over TLS as the IAM user with a token it re-signs every 10 minutes; otherwise the URL applies.',
      ' */',
      'export function redisCheck(url: string, iam?: RedisIamAuth, credentials?: Credentials): DependencyCheck & { readonly client: Redis } {',
      '  const client = new Redis(url, {',
      '    lazyConnect: true,',
      '    enableOfflineQueue: false,',
      '    maxRetriesPerRequest: 1,',
      '    connectTimeout: 2000,',
      '    // A closed client does not keep the process alive for the default 2 s.',
      '    disconnectTimeout: 200,',
      '    ...(iam ? { username: iam.user, tls: {} } : {}),',
      '  });',
      '  // Connection errors are retried by the client and reported by readiness; they must not crash the process.',
      "  client.on('error', () => undefined);",
      '  let refresh: NodeJS.Timeout | undefined;',
      '  // ioredis reads `options.password` at every (re)connection: keep a fresh token there.',
      '  const signIn = async (): Promise<void> => {',
      '    if (iam) client.options.password = await elastiCacheAuthToken(iam, credentials);',
      '  };',
      '  return {',
      "    name: 'redis',",
      '    client,',
      '    check: async () => {',
      "      if (client.status === 'wait') {",
      '        await signIn();',
      '        if (iam && refresh === undefined) {',
      '          refresh = setInterval(() => {',
      '            signIn().catch(() => undefined);',
      '          }, REDIS_TOKEN_REFRESH_MS);',
      '          refresh.unref();',
      '        }',
      '        await client.connect();',
      '      }',
      '      await client.ping();',
      '    },',
      '    close: async () => {',
      '      clearInterval(refresh);',
      '      client.disconnect();',
      '    },',
      '  };',
      '}',
      '',
    );
  }
  const param = checks.length > 0 ? 'config' : '_config';
  return lines(
    ...imports,
    '',
    ...body,
    '/** The dependencies readiness checks: keep in line with `dependsOn` in paved.service.json (a test does). */',
    `export function createDependencyChecks(${param}: Config): DependencyCheck[] {`,
    `  return [${checks.join(', ')}];`,
    '}',
  );
}

function serverTs(): string {
  return lines(
    "import { type App, buildApp } from './app';",
    "import type { Config } from './config';",
    "import { createMetrics } from './metrics';",
    "import type { DependencyCheck } from './readiness';",
    '',
    'export interface RunningServer {',
    '  readonly app: App;',
    '  /** Address the server listens on, such as http://127.0.0.1:8080. */',
    '  readonly url: string;',
    '  /** Drains (readiness fails), waits `shutdownDelayMs`, closes the listener after in-flight requests, then the clients. */',
    '  shutdown(): Promise<void>;',
    '}',
    '',
    'export async function startServer(config: Config, checks: readonly DependencyCheck[]): Promise<RunningServer> {',
    '  const app = buildApp({ config, checks, metrics: createMetrics(config.serviceName) });',
    '  const url = await app.server.listen({ host: config.host, port: config.port });',
    '  let closing: Promise<void> | undefined;',
    '  const shutdown = (): Promise<void> => {',
    '    closing ??= (async () => {',
    '      app.drain();',
    "      app.server.log.info({ delayMs: config.shutdownDelayMs }, 'shutdown started, readiness now fails');",
    '      await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));',
    '      await app.server.close();',
    '      await Promise.all(checks.map((dependency) => dependency.close()));',
    "      app.server.log.info('shutdown complete');",
    '    })();',
    '    return closing;',
    '  };',
    '  return { app, url, shutdown };',
    '}',
    '',
    '/** The part of `process` signal handling needs. */',
    'export interface SignalTarget {',
    "  once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;",
    '  exit(code: number): void;',
    '}',
    '',
    '/** SIGTERM (Kubernetes) and SIGINT (Ctrl-C) shut down gracefully; exit code 1 when that fails or times out. */',
    'export function handleSignals(server: RunningServer, config: Config, target: SignalTarget = process): void {',
    "  for (const signal of ['SIGTERM', 'SIGINT'] as const) {",
    '    target.once(signal, () => {',
    '      const timer = setTimeout(() => {',
    "        server.app.server.log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out');",
    '        target.exit(1);',
    '      }, config.shutdownTimeoutMs);',
    '      timer.unref();',
    '      server.shutdown().then(',
    '        () => {',
    '          clearTimeout(timer);',
    '          target.exit(0);',
    '        },',
    '        (error: unknown) => {',
    '          clearTimeout(timer);',
    "          server.app.server.log.error({ err: error }, 'shutdown failed');",
    '          target.exit(1);',
    '        },',
    '      );',
    '    });',
    '  }',
    '}',
  );
}

/** `config.ts`: what an IAM login needs, and where the image keeps the RDS certificate authorities. */
function iamConfigTypes(s: ServiceSettings): string[] {
  return [
    ...(s.postgres
      ? [
        '/** The RDS certificate authorities in the image (the Dockerfile adds them): `PGSSLROOTCERT` when the platform sets none. */',
        `export const RDS_CA_BUNDLE_PATH = '${RDS_CA_BUNDLE.path}';`,
        '',
      ]
      : []),
    '/** Region of the tokens when the pod names none (AWS_REGION, AWS_DEFAULT_REGION): the region of the registry. */',
    `export const DEFAULT_AWS_REGION = '${s.awsRegion}';`,
    ...(s.postgres
      ? [
        '',
        '/** An IAM login to PostgreSQL: the PG* variables the platform sets, and the region the token is signed for. */',
        'export interface PostgresIamAuth {',
        '  readonly host: string;',
        '  readonly port: number;',
        '  readonly user: string;',
        '  readonly database: string;',
        '  readonly region: string;',
        '  /** Certificate authorities the server certificate must chain to. */',
        '  readonly caFile: string;',
        '}',
      ]
      : []),
    ...(s.redis
      ? [
        '',
        '/** An IAM login to ElastiCache: the user (`REDIS_USER`) and the replication group the token is for (`REDIS_CACHE_NAME`). */',
        'export interface RedisIamAuth {',
        '  readonly user: string;',
        '  readonly cacheName: string;',
        '  readonly region: string;',
        '}',
      ]
      : []),
  ];
}

/** `config.ts`: the readers of the IAM variables, used only when the platform switches IAM on. */
function iamConfigReaders(s: ServiceSettings): string[] {
  return [
    ...(s.postgres
      ? [
        'function postgresIam(env: NodeJS.ProcessEnv): PostgresIamAuth {',
        "  const user = required(env, 'PGUSER', 'DATABASE_AUTH=iam');",
        '  return {',
        "    host: required(env, 'PGHOST', 'DATABASE_AUTH=iam'),",
        "    port: integer(env, 'PGPORT', 5432),",
        '    user,',
        '    database: env.PGDATABASE || user,',
        '    region: awsRegion(env),',
        '    caFile: env.PGSSLROOTCERT || RDS_CA_BUNDLE_PATH,',
        '  };',
        '}',
        '',
      ]
      : []),
    ...(s.redis
      ? [
        'function redisIam(env: NodeJS.ProcessEnv): RedisIamAuth {',
        '  return {',
        "    user: required(env, 'REDIS_USER', 'REDIS_AUTH=iam'),",
        "    cacheName: required(env, 'REDIS_CACHE_NAME', 'REDIS_AUTH=iam'),",
        '    region: awsRegion(env),',
        '  };',
        '}',
        '',
      ]
      : []),
    'function awsRegion(env: NodeJS.ProcessEnv): string {',
    '  return env.AWS_REGION || env.AWS_DEFAULT_REGION || DEFAULT_AWS_REGION;',
    '}',
    '',
    'function required(env: NodeJS.ProcessEnv, name: string, reason: string): string {',
    '  const value = env[name];',
    "  if (value === undefined || value === '') throw new Error(name + ' must be set when ' + reason);",
    '  return value;',
    '}',
  ];
}

/**
 * `data-store-auth.ts`: the IAM logins to the platform's data stores. No password exists: the service signs a
 * 15-minute token with its pod's credentials (EKS Pod Identity) and passes it as the password of a new connection.
 */
function dataStoreAuthTs(s: ServiceSettings): string {
  return lines(
    ...(s.postgres ? ["import { readFileSync } from 'node:fs';"] : []),
    ...(s.redis ? ["import { Sha256 } from '@aws-crypto/sha256-js';"] : []),
    "import { fromNodeProviderChain } from '@aws-sdk/credential-providers';",
    ...(s.postgres ? ["import { Signer } from '@aws-sdk/rds-signer';"] : []),
    ...(s.redis ? ["import { SignatureV4 } from '@smithy/signature-v4';"] : []),
    ...(s.postgres ? ["import type { PoolConfig } from 'pg';"] : []),
    `import type { ${[...(s.postgres ? ['PostgresIamAuth'] : []), ...(s.redis ? ['RedisIamAuth'] : [])].join(', ')} } from './config';`,
    '',
    '/** Lifetime of RDS and ElastiCache IAM tokens: 15 minutes, the longest either accepts. */',
    'export const TOKEN_LIFETIME_S = 900;',
    '',
    'type CredentialProvider = ReturnType<typeof fromNodeProviderChain>;',
    '/** AWS credentials, or a function that resolves them. */',
    'export type Credentials = Awaited<ReturnType<CredentialProvider>> | CredentialProvider;',
    '',
    "/** The pod's credentials (EKS Pod Identity, or AWS_* variables), cached and refreshed by the SDK before they expire. */",
    'const podCredentials: CredentialProvider = fromNodeProviderChain();',
    ...(s.postgres
      ? [
        '',
        '/**',
        ' * pg settings for an IAM login: pg calls `password` for every new connection, so each one logs in with a token',
        ' * signed moments before; TLS verifies the server against the RDS certificate authorities, and Node.js checks the',
        ' * host name against the certificate (`sslmode=verify-full`).',
        ' */',
        'export function postgresIamPoolConfig(auth: PostgresIamAuth, credentials: Credentials = podCredentials): PoolConfig {',
        '  const signer = new Signer({ hostname: auth.host, port: auth.port, username: auth.user, region: auth.region, credentials });',
        '  return {',
        '    host: auth.host,',
        '    port: auth.port,',
        '    user: auth.user,',
        '    database: auth.database,',
        '    password: () => signer.getAuthToken(),',
        "    ssl: { rejectUnauthorized: true, ca: readFileSync(auth.caFile, 'utf8') },",
        '  };',
        '}',
      ]
      : []),
    ...(s.redis
      ? [
        '',
        '/**',
        ' * An ElastiCache IAM token: a SigV4-presigned `connect` request to the replication group as `auth.user`, valid',
        ' * `TOKEN_LIFETIME_S`, without its `http://` scheme. It logs in new connections only: ElastiCache keeps an',
        ' * authenticated connection open (at most 12 hours), and the client signs again before it reconnects.',
        ' */',
        'export async function elastiCacheAuthToken(auth: RedisIamAuth, credentials: Credentials = podCredentials): Promise<string> {',
        "  const signer = new SignatureV4({ service: 'elasticache', region: auth.region, credentials, sha256: Sha256 });",
        '  const presigned = await signer.presign(',
        '    {',
        "      method: 'GET',",
        "      protocol: 'http:',",
        '      hostname: auth.cacheName,',
        "      path: '/',",
        "      query: { Action: 'connect', User: auth.user },",
        '      headers: { host: auth.cacheName },',
        '    },',
        '    { expiresIn: TOKEN_LIFETIME_S },',
        '  );',
        '  const query = Object.entries(presigned.query ?? {}).map(([name, value]) => encodeURIComponent(name) + \'=\' + encodeURIComponent(String(value)));',
        "  return auth.cacheName + '/?' + query.join('&');",
        '}',
      ]
      : []),
  );
}
