import { randomBytes } from 'node:crypto';
import { detectSecretLiteral, formatProblem, secretByName, validatePlatform } from '../src';
import { type Mutable, mutableConfig } from './fixtures';
import type { PlatformConfig } from '../src';

/** Plaintext secrets in service env are rejected by name and by value shape, and the value is never echoed. */
type Config = Mutable<PlatformConfig>;
const svc = (c: Config) => c.services![0];

function secretProblems(mutate: (c: Config) => void) {
  const config = mutableConfig();
  mutate(config);
  return validatePlatform(config).problems.filter((p) => p.rule === 'no-secret-literals');
}

describe('by name', () => {
  test.each([
    ['DB_PASS', 'hunter2', 'a literal password'],
    ['DATABASE_PASSWORD', 'correct horse', 'a literal password'],
    ['adminPassword', 'prom-operator', 'a literal password'],
    ['GITHUB_TOKEN', 'abc', 'a literal token'],
    ['JWT_SECRET', 'not-so-secret', 'a literal secret'],
    ['STRIPE_API_KEY', 'abc123', 'a literal api key'],
    ['apiKey', 'abc123', 'a literal api key'],
    ['TLS_PRIVATE_KEY', 'abc', 'a literal private key'],
    ['JWT_SIGNING_KEY', 'abc', 'a literal signing key'],
  ])('%s with a literal value is %s', (key, value, what) => {
    expect(detectSecretLiteral(key, value)).toBe(what);
  });

  test.each([
    ['PASSWORD_MIN_LENGTH', '12'],
    ['TOKEN_TTL', '15m'],
    ['SECRET_NAME', 'orders/stripe'],
    ['TOKEN_URL', 'https://auth.example.com/token'],
    ['PASSWORD_FILE', '/run/secrets/db'],
    ['existingSecret', 'grafana-admin'],
    ['secrets', 'alertmanager-slack'],
    ['passwordKey', 'admin-password'],
    ['tokenKey', 'token'],
    ['AUTH_TOKEN_ENABLED', 'true'],
    ['PASSPORT_STRATEGY', 'local'],
    ['BYPASS_CACHE', 'yes'],
    ['COMPASS_REGION', 'eu'],
    ['KMS_KEY_ARN', 'arn:aws:kms:eu-west-1:111111111111:key/abc'],
    ['basicAuthPassword', '$LOKI_PASSWORD'],
    ['basicAuthPassword', '${LOKI_PASSWORD}'],
    ['password', '$__env{LOKI_PASSWORD}'],
  ])('%s=%s is not a secret (a setting or a reference)', (key, value) => {
    expect(detectSecretLiteral(key, value)).toBeUndefined();
  });

  test('words are split at case changes, underscores and dashes', () => {
    expect(secretByName('x-api-key')).toBe('a literal api key');
    expect(secretByName('dbPassWord')).toBe('a literal password');
    expect(secretByName('LOG_LEVEL')).toBeUndefined();
  });
});

describe('by value shape, whatever the name', () => {
  test.each([
    ['sk_live_51HxYzAbCdEfGhIjKl', 'a Stripe secret key'],
    ['sk_test_51HxYzAbCdEfGhIjKl', 'a Stripe secret key'],
    ['rk_live_51HxYzAbCdEfGhIjKl', 'a Stripe secret key'],
    ['ghp_0123456789abcdefghijABCDEFGHIJ012345', 'a GitHub token'],
    ['gho_0123456789abcdefghijABCDEFGHIJ012345', 'a GitHub token'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnop', 'a GitHub token'],
    ['xoxb-1234567890-abcdefghij', 'a Slack token'],
    ['xoxp-1234567890-abcdefghij', 'a Slack token'],
    ['AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
    ['ASIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----', 'a private key'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', 'a private key'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl', 'a JWT'],
    ['postgres://app:hunter2@db.internal:5432/app', 'credentials in a URL'],
    ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'a high-entropy string'],
  ])('%s is %s', (value, what) => {
    expect(detectSecretLiteral('FEATURE', value)).toBe(what);
  });

  test('most random base64 tokens of 24+ characters are caught', () => {
    const caught = Array.from({ length: 500 }, () => randomBytes(24).toString('base64')).filter((v) => detectSecretLiteral('X', v)).length;
    expect(caught).toBeGreaterThan(450);
  });

  test.each([
    'https://api.staging.northwind.dev',
    'kube-prometheus-stack-operator',
    'MyApplicationName2024Production',
    'AWSReservedSSO_Developer_1a2b3c4d5e6f7a8b',
    'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b',
    'production',
    'info',
  ])('%s is not a secret', (value) => {
    expect(detectSecretLiteral('SOMETHING', value)).toBeUndefined();
  });
});

describe('the no-secret-literals rule', () => {
  test('a password under DB_PASS fails with the path, what it looks like and the fix, never the value', () => {
    const problems = secretProblems((c) => void (svc(c).env = { DB_PASS: 'hunter2-do-not-print' }));
    expect(problems).toHaveLength(1);
    const line = formatProblem(problems[0], 'platform.config.ts');
    expect(line).toBe(
      'error: platform.config.ts: services[0].env.DB_PASS: looks like a secret (a literal password) (move it to secrets: '
      + "{ DB_PASS: { secret: '<name in Secrets Manager>', key: '<key>' } } and create it in Secrets Manager)",
    );
    expect(line).not.toContain('hunter2');
  });

  test('a token under an innocent name fails by its shape', () => {
    const problems = secretProblems((c) => void (svc(c).env = { STRIPE: 'sk_live_51HxYzAbCdEfGhIjKl' }));
    expect(problems.map((p) => [p.path, p.message])).toEqual([['services[0].env.STRIPE', 'looks like a secret (a Stripe secret key)']]);
    expect(JSON.stringify(problems)).not.toContain('sk_live_');
  });

  test('per-environment env overrides are checked too', () => {
    const problems = secretProblems((c) => void (svc(c).environments = { prod: { env: { GH: 'ghp_0123456789abcdefghijABCDEFGHIJ012345' } } }));
    expect(problems.map((p) => p.path)).toEqual(['services[0].environments.prod.env.GH']);
  });

  test('the fixture config (plain settings only) passes', () => {
    expect(secretProblems(() => undefined)).toEqual([]);
  });
});
