import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'projen';
import * as ts from 'typescript';
import * as YAML from 'yaml';
import {
  GITOPS_APP,
  GITOPS_ENVIRONMENT,
  PavedPythonService,
  type PavedPythonServiceOptions,
  PavedService,
  type PavedServiceOptions,
  PavedStaticSite,
  RDS_CA_BUNDLE,
} from '../src';
import { useTempOutdirs } from './temp-outdirs';
import { SERVICE_DEPS } from '../src/versions';

/**
 * Issue 13: a generated service logs in to the platform's data stores with IAM tokens (no password), over TLS verified
 * against the RDS certificate authorities that its image carries, and its CI keeps the GitOps App's key in a GitHub
 * environment. The Node.js token code is run for real (the AWS SDK packages the sample declares, installed once into a
 * cache directory), signing with fake static credentials: nothing is sent to AWS.
 */

const outdir = useTempOutdirs('paved-data-store-auth-');
const ROOT = path.resolve(__dirname, '..', '..', '..');
const REQUIRED = { name: 'orders', organization: 'northwind', team: 'core', awsAccount: '345678901234', awsRegion: 'eu-west-1' };
const BOTH = { postgres: true, redis: true };

// Synthesis takes about a second: each variant is synthesized once for the whole file.
const synthesized = new Map<string, { [file: string]: any }>();
function once(key: string, synth: () => { [file: string]: any }): { [file: string]: any } {
  if (!synthesized.has(key)) synthesized.set(key, synth());
  return synthesized.get(key)!;
}

function node(options: Partial<PavedServiceOptions> = {}): { [file: string]: any } {
  return once(`node ${JSON.stringify(options)}`, () => Testing.synth(new PavedService({ ...REQUIRED, outdir: outdir(), defaultReleaseBranch: 'main', ...options })));
}

function python(options: Partial<PavedPythonServiceOptions> = {}): { [file: string]: any } {
  return once(`python ${JSON.stringify(options)}`, () => Testing.synth(new PavedPythonService({ ...REQUIRED, outdir: outdir(), ...options })));
}

/** What the platform sets on a service that declares both stores (gitops-apps `dataStoreEnv`), for one environment. */
const PLATFORM_ENV = {
  DATABASE_AUTH: 'iam',
  PGHOST: 'paved-dev.abc123xyz.eu-west-1.rds.amazonaws.com',
  PGPORT: '5432',
  PGUSER: 'orders',
  PGDATABASE: 'orders',
  PGSSLMODE: 'verify-full',
  PGSSLROOTCERT: RDS_CA_BUNDLE.path,
  DATABASE_URL: `postgresql://orders@paved-dev.abc123xyz.eu-west-1.rds.amazonaws.com:5432/orders?sslmode=verify-full&sslrootcert=${RDS_CA_BUNDLE.path}`,
  REDIS_AUTH: 'iam',
  REDIS_USER: 'northwind-dev-redis-orders',
  REDIS_CACHE_NAME: 'northwind-dev-redis',
  REDIS_URL: 'rediss://northwind-dev-redis-orders@master.northwind-dev-redis.abc.euw1.cache.amazonaws.com:6379',
};

/** Fake static credentials, found by the SDKs' default chains exactly as Pod Identity's would be. */
const FAKE_AWS = {
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'not-a-secret',
  AWS_SESSION_TOKEN: 'session/token+=',
  AWS_REGION: 'eu-west-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

function query(token: string): Record<string, string> {
  return Object.fromEntries(new URL('https://' + token).searchParams);
}

describe('the platform contract', () => {
  const source = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

  test('the CA path is the one the platform names in PGSSLROOTCERT and DATABASE_URL', () => {
    expect(source('packages/shared-config/src/bridge/database-access.ts')).toContain(`export const RDS_CA_BUNDLE_PATH = '${RDS_CA_BUNDLE.path}';`);
    expect(RDS_CA_BUNDLE.url).toBe('https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem');
  });

  test('every variable the samples read is one the platform renders', () => {
    const manifests = source('packages/gitops-apps/src/services/service-manifests.ts');
    for (const name of ['DATABASE_AUTH', 'PGHOST', 'PGPORT', 'PGUSER', 'PGDATABASE', 'PGSSLROOTCERT', 'DATABASE_URL', 'REDIS_AUTH', 'REDIS_USER', 'REDIS_CACHE_NAME', 'REDIS_URL']) {
      expect(manifests).toMatch(new RegExp(`\\b${name}: `));
    }
    expect(manifests).toContain("DATABASE_AUTH: 'iam'");
    expect(manifests).toContain("REDIS_AUTH: 'iam'");
  });
});

describe('Dockerfiles carry the RDS certificate authorities when the service declares PostgreSQL', () => {
  const ADD = `ADD --chmod=0644 ${RDS_CA_BUNDLE.url} ${RDS_CA_BUNDLE.path}`;

  test.each([
    ['Node.js', (o: { postgres?: boolean; redis?: boolean }) => node(o).Dockerfile as string],
    ['Python', (o: { postgres?: boolean; redis?: boolean }) => python(o).Dockerfile as string],
  ])('%s: in the runtime stage, world-readable, before the unprivileged USER; absent otherwise', (_runtime, dockerfile) => {
    const lines = dockerfile({ postgres: true }).split('\n');
    const add = lines.indexOf(ADD);
    expect(add).toBeGreaterThan(lines.findIndex((l) => / AS runtime$/.test(l)));
    expect(add).toBeLessThan(lines.findIndex((l) => l.startsWith('USER ')));
    expect(dockerfile({ redis: true })).not.toContain('rds-global-bundle');
    expect(dockerfile({})).not.toContain('truststore.pki.rds.amazonaws.com');
  });
});

describe('the GitOps App key is an environment secret', () => {
  test.each([
    ['PavedService', () => node(BOTH)],
    ['PavedPythonService', () => python(BOTH)],
    ['PavedStaticSite', () => Testing.synth(new PavedStaticSite({ ...REQUIRED, outdir: outdir() }))],
  ])('%s: only jobs bound to the gitops-promotion environment read it, and the README says how to set it up', (_type, synth) => {
    const out = synth();
    const jobs: Record<string, { environment?: string }> = YAML.parse(out['.github/workflows/ci.yml']).jobs;
    const reading = Object.entries(jobs).filter(([, job]) => JSON.stringify(job).includes(`secrets.${GITOPS_APP.privateKeySecret}`));
    expect(reading.map(([name]) => name)).toEqual(['propose-dev', 'propose-staging', 'propose-prod']);
    for (const [, job] of reading) expect(job.environment).toBe(GITOPS_ENVIRONMENT);
    // The promotions keep their own environments (and OIDC subjects); nothing else names a secret.
    expect(jobs['promote-prod'].environment).toBe('prod');
    const others = Object.entries(jobs).filter(([name]) => !name.startsWith('propose-'));
    expect(others.filter(([, job]) => JSON.stringify(job).includes('secrets.'))).toEqual([]);
    const readme = (out['README.md'] as string).replace(/\s+/g, ' ');
    expect(readme).toContain(`an environment \`${GITOPS_ENVIRONMENT}\` whose deployment branch policy allows \`main\` only`);
    expect(readme).toContain(`**environment secret** \`${GITOPS_APP.privateKeySecret}\``);
    expect(readme).toContain('Do not store the key as a repository secret.');
  });
});

describe('Node.js sample: dependencies and connection settings', () => {
  test('the generated project declares the signing libraries only for the stores it uses', () => {
    const deps = (o: Partial<PavedServiceOptions>) => Object.keys(node(o)['package.json'].dependencies).sort();
    expect(deps({ postgres: true })).toEqual(['@aws-sdk/credential-providers', '@aws-sdk/rds-signer', 'fastify', 'pg', 'prom-client']);
    expect(deps({ redis: true })).toEqual(['@aws-crypto/sha256-js', '@aws-sdk/credential-providers', '@smithy/signature-v4', 'fastify', 'ioredis', 'prom-client']);
    expect(deps({})).toEqual(['fastify', 'prom-client']);
    expect(node({})['src/data-store-auth.ts']).toBeUndefined();
  });

  test('IAM is used only where the platform switches it on, so the sample runs locally as before', () => {
    const out = node(BOTH);
    expect(out['src/config.ts']).toContain("postgresIam: env.DATABASE_AUTH === 'iam' ? postgresIam(env) : undefined,");
    expect(out['src/config.ts']).toContain("redisIam: env.REDIS_AUTH === 'iam' ? redisIam(env) : undefined,");
    expect(out['src/dependencies.ts']).toContain('const connection = iam ? postgresIamPoolConfig(iam, credentials) : { connectionString };');
    // ioredis reads options.password at every (re)connection; the token is re-signed every 10 minutes, within its 15.
    expect(out['src/dependencies.ts']).toContain('const REDIS_TOKEN_REFRESH_MS = 10 * 60 * 1000;');
    expect(out['src/dependencies.ts']).toContain('client.options.password = await elastiCacheAuthToken(iam, credentials);');
    // The health endpoint calls no dependency.
    expect(out['src/app.ts']).toContain("server.get(LIVENESS_PATH, { logLevel: 'warn' }, async () => ({ status: 'ok' }));");
  });
});

/** The AWS SDK packages the sample declares, installed once per set of versions into a shared cache directory. */
function sdkModules(): { dir?: string; reason?: string } {
  const specs = [SERVICE_DEPS.rdsSigner, SERVICE_DEPS.awsCredentialProviders, SERVICE_DEPS.signatureV4, SERVICE_DEPS.sha256];
  const dir = path.join(os.tmpdir(), `paved-blueprint-sdk-${crypto.createHash('sha256').update(specs.join(' ')).digest('hex').slice(0, 12)}`);
  if (fs.existsSync(path.join(dir, 'node_modules', '@aws-sdk', 'rds-signer', 'package.json'))) return { dir };
  const staging = fs.mkdtempSync(`${dir}-staging-`);
  fs.writeFileSync(path.join(staging, 'package.json'), '{ "name": "sdk-cache", "private": true }\n');
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', ...specs], {
    cwd: staging, encoding: 'utf8', timeout: 180_000,
  });
  if (install.status !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    return { reason: `npm install of the AWS SDK packages failed (offline?): ${(install.stderr || String(install.error)).split('\n')[0]}` };
  }
  try {
    fs.renameSync(staging, dir);
  } catch {
    // Another run filled the cache first.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { dir };
}

describe('Node.js sample: the token code signs for real', () => {
  const sdk = sdkModules();
  const run = sdk.dir ? test : test.skip;

  run(`config from the platform's variables, a pg pool with verified TLS, RDS and ElastiCache tokens${sdk.reason ? ` (skipped: ${sdk.reason})` : ''}`, () => {
    const out = node(BOTH);
    const work = fs.mkdtempSync(path.join(sdk.dir!, 'run-'));
    try {
      for (const file of ['config.ts', 'data-store-auth.ts']) {
        const js = ts.transpileModule(out[`src/${file}`], { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
        fs.writeFileSync(path.join(work, file.replace(/\.ts$/, '.js')), js);
      }
      const caFile = path.join(work, 'ca.pem');
      fs.writeFileSync(caFile, 'the RDS CAs\n');
      const script = [
        "const { loadConfig } = require('./config');",
        "const { postgresIamPoolConfig, elastiCacheAuthToken } = require('./data-store-auth');",
        '(async () => {',
        '  const config = loadConfig(process.env);',
        '  const pool = postgresIamPoolConfig(config.postgresIam);',
        '  const first = await pool.password();',
        '  const redis = await elastiCacheAuthToken(config.redisIam);',
        '  process.stdout.write(JSON.stringify({ config, pool: { ...pool, password: typeof pool.password }, first, redis }));',
        '})().catch((e) => { console.error(String(e)); process.exit(1); });',
      ].join('\n');
      const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
      const result = spawnSync(process.execPath, ['-e', script], {
        cwd: work,
        encoding: 'utf8',
        timeout: 30_000,
        // HOME without ~/.aws: the environment credentials are the only ones found.
        env: { ...clean, ...PLATFORM_ENV, ...FAKE_AWS, PGSSLROOTCERT: caFile, HOME: work },
      });
      expect(result.stderr).toBe('');
      const { config, pool, first, redis } = JSON.parse(result.stdout);

      expect(config.postgresIam).toEqual({ host: PLATFORM_ENV.PGHOST, port: 5432, user: 'orders', database: 'orders', region: 'eu-west-1', caFile });
      expect(config.redisIam).toEqual({ user: PLATFORM_ENV.REDIS_USER, cacheName: PLATFORM_ENV.REDIS_CACHE_NAME, region: 'eu-west-1' });
      // verify-full: certificate checked against the RDS CAs (Node.js also checks the host name), no connection string.
      expect(pool).toEqual({
        host: PLATFORM_ENV.PGHOST,
        port: 5432,
        user: 'orders',
        database: 'orders',
        password: 'function',
        ssl: { rejectUnauthorized: true, ca: 'the RDS CAs\n' },
      });

      expect(first.startsWith(`${PLATFORM_ENV.PGHOST}:5432/?`)).toBe(true);
      expect(query(first)).toEqual({
        'Action': 'connect',
        'DBUser': 'orders',
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
        'X-Amz-Credential': expect.stringMatching(/^AKIDEXAMPLE\/\d{8}\/eu-west-1\/rds-db\/aws4_request$/),
        'X-Amz-Date': expect.stringMatching(/^\d{8}T\d{6}Z$/),
        'X-Amz-Expires': '900',
        'X-Amz-Security-Token': 'session/token+=',
        'X-Amz-Signature': expect.stringMatching(/^[0-9a-f]{64}$/),
        'X-Amz-SignedHeaders': 'host',
      });

      expect(redis.startsWith(`${PLATFORM_ENV.REDIS_CACHE_NAME}/?Action=connect&User=${PLATFORM_ENV.REDIS_USER}&`)).toBe(true);
      expect(query(redis)).toEqual({
        'Action': 'connect',
        'User': PLATFORM_ENV.REDIS_USER,
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
        'X-Amz-Credential': expect.stringMatching(/^AKIDEXAMPLE\/\d{8}\/eu-west-1\/elasticache\/aws4_request$/),
        'X-Amz-Date': expect.stringMatching(/^\d{8}T\d{6}Z$/),
        'X-Amz-Expires': '900',
        'X-Amz-Security-Token': 'session/token+=',
        'X-Amz-Signature': expect.stringMatching(/^[0-9a-f]{64}$/),
        'X-Amz-SignedHeaders': 'host',
      });
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});

/** python3 >= 3.11 with boto3, or why not. */
function pythonWithBoto3(): { interpreter?: string; reason?: string } {
  const probe = spawnSync('python3', ['-c', 'import sys, boto3; sys.exit(0 if sys.version_info >= (3, 11) else 3)'], { encoding: 'utf8' });
  if (probe.error) return { reason: 'no python3 on PATH' };
  if (probe.status === 3) return { reason: 'python3 is older than 3.11' };
  if (probe.status !== 0) return { reason: 'boto3 is not installed for python3' };
  return { interpreter: 'python3' };
}

describe('Python sample: IAM logins', () => {
  test('boto3 signs, psycopg verifies the server (verify-full with the CA file), redis-py takes a credential provider', () => {
    const out = python(BOTH);
    expect(out['pyproject.toml']).toContain('"boto3>=1.43",');
    expect(out['pyproject.toml']).toContain('module = ["prometheus_client.*", "boto3.*", "botocore.*"]');
    const deps = out['src/orders/dependencies.py'] as string;
    expect(deps).toContain('sslmode="verify-full",');
    expect(deps).toContain('sslrootcert=iam.ca_file,');
    expect(deps).toContain('class ElastiCacheIamCredentials(CredentialProvider):');
    expect(deps).toContain('credential_provider=credentials');
    expect(out['src/orders/settings.py']).toContain('postgres_iam=_postgres_iam(env) if env.get("DATABASE_AUTH") == "iam" else None,');
    expect(out['src/orders/app.py']).toContain('async def health() -> dict[str, str]:\n        return {"status": "ok"}');
    expect(python({})['src/orders/aws_auth.py']).toBeUndefined();
  });

  const py = pythonWithBoto3();
  const run = py.interpreter ? test : test.skip;
  run(`the generated aws_auth.py signs RDS and ElastiCache tokens from the platform's variables${py.reason ? ` (skipped: ${py.reason})` : ''}`, () => {
    const out = python(BOTH);
    const work = fs.mkdtempSync(path.join(outdir(), 'py-'));
    fs.mkdirSync(path.join(work, 'orders'));
    for (const file of ['__init__.py', 'settings.py', 'aws_auth.py']) fs.writeFileSync(path.join(work, 'orders', file), out[`src/orders/${file}`]);
    const script = [
      'import json, os',
      'from orders.aws_auth import elasticache_auth_token, rds_token_signer',
      'from orders.settings import Settings',
      'settings = Settings.from_env(os.environ)',
      'assert settings.postgres_iam is not None and settings.redis_iam is not None',
      'print(json.dumps({"rds": rds_token_signer(settings.postgres_iam)(), "redis": elasticache_auth_token(settings.redis_iam),',
      '                  "ca": settings.postgres_iam.ca_file}))',
    ].join('\n');
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
    const result = spawnSync(py.interpreter!, ['-c', script], {
      cwd: work,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...clean, ...PLATFORM_ENV, ...FAKE_AWS, HOME: work, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(result.stderr).toBe('');
    const { rds, redis, ca } = JSON.parse(result.stdout);
    expect(ca).toBe(RDS_CA_BUNDLE.path);
    expect(rds.startsWith(`${PLATFORM_ENV.PGHOST}:5432/?`)).toBe(true);
    expect(query(rds)).toMatchObject({ 'Action': 'connect', 'DBUser': 'orders', 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Expires': '900' });
    expect(query(rds)['X-Amz-Credential']).toMatch(/^AKIDEXAMPLE\/\d{8}\/eu-west-1\/rds-db\/aws4_request$/);
    expect(redis.startsWith(`${PLATFORM_ENV.REDIS_CACHE_NAME}/?Action=connect&User=${PLATFORM_ENV.REDIS_USER}&`)).toBe(true);
    expect(query(redis)).toMatchObject({ 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Expires': '900', 'X-Amz-Security-Token': 'session/token+=' });
    expect(query(redis)['X-Amz-Credential']).toMatch(/^AKIDEXAMPLE\/\d{8}\/eu-west-1\/elasticache\/aws4_request$/);
  }, 30_000);
});
