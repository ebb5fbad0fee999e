import { resolvePlatform, secretReaders, secretsReaderRoleArn, secretsReaderRoleName } from '../src';
import { mutableConfig, validConfig } from './fixtures';

describe('secretReaders', () => {
  const env = (p: ReturnType<typeof resolvePlatform>, name: string) => p.environments.find((e) => e.name === name)!;

  test('one entry per reading namespace, with exactly the secrets its ExternalSecrets name and the prefix it owns', () => {
    // GIVEN the fixture: api reads api/jwt and Postgres, worker reads Redis, Alertmanager posts to Slack
    const platform = resolvePlatform(validConfig());

    // THEN
    expect(secretReaders(platform, env(platform, 'prod'))).toEqual([
      // The Loki gateway user: the gateway (logging), the writer (alloy) and Grafana (monitoring).
      { namespace: 'alloy', secrets: ['acme/prod/loki/gateway'], ownedPrefix: 'acme/prod/alloy/' },
      { namespace: 'api', secrets: ['acme/prod/api/jwt', 'acme/prod/postgres/connection'], ownedPrefix: 'acme/prod/api/' },
      { namespace: 'logging', secrets: ['acme/prod/loki/gateway'], ownedPrefix: 'acme/prod/logging/' },
      { namespace: 'monitoring', secrets: ['acme/prod/alerting/slack-webhook', 'acme/prod/grafana/admin', 'acme/prod/loki/gateway'], ownedPrefix: 'acme/prod/monitoring/' },
      { namespace: 'worker', secrets: ['acme/prod/redis/connection'], ownedPrefix: 'acme/prod/worker/' },
    ]);
  });

  test('Keycloak reads its admin and the database connection in its own namespace', () => {
    const c = mutableConfig();
    c.environments[1].addons = { keycloak: { enabled: true } };
    const platform = resolvePlatform(c);
    expect(secretReaders(platform, env(platform, 'prod')).find((r) => r.namespace === 'keycloak')).toEqual({
      namespace: 'keycloak',
      secrets: ['acme/prod/keycloak/admin', 'acme/prod/postgres/connection'],
      ownedPrefix: 'acme/prod/keycloak/',
    });
  });

  test('nothing reads secrets without External Secrets', () => {
    const c = mutableConfig();
    c.addons = { 'external-secrets': { enabled: false } };
    c.services!.forEach((s) => { delete s.secrets; });
    const platform = resolvePlatform(c);
    expect(secretReaders(platform, env(platform, 'dev'))).toEqual([]);
  });

  test('the reader role of a namespace is <org>-<env>-secrets-<namespace>, and its ARN is known before it exists', () => {
    const platform = resolvePlatform(validConfig());
    expect(secretsReaderRoleName(env(platform, 'prod').naming, 'api')).toBe('acme-prod-secrets-api');
    expect(secretsReaderRoleArn(env(platform, 'prod'), 'api')).toBe('arn:aws:iam::222222222222:role/acme-prod-secrets-api');
  });
});
