import { requiredSecrets, resolvePlatform } from '../src';
import { mutableConfig, validConfig } from './fixtures';

describe('requiredSecrets', () => {
  test('lists service secrets and the Slack webhook under the environment prefix, sorted by name', () => {
    // GIVEN the fixture: api reads acme/<env>/api/jwt whole, alerting posts to Slack with the default secret
    const platform = resolvePlatform(validConfig());

    // THEN
    expect(requiredSecrets(platform, 'prod')).toEqual([
      {
        name: 'acme/prod/alerting/slack-webhook',
        keys: [],
        usedBy: ['alerting (Slack receiver #alerts of Alertmanager)'],
        description: expect.stringMatching(/^Slack incoming webhook URL/),
      },
      {
        name: 'acme/prod/api/jwt',
        keys: [],
        usedBy: ['service api (JWT_KEY, whole value)'],
        description: 'Application secret of service api',
      },
      {
        // Grafana's admin login, never the chart's default (kube-prometheus-stack reads it through External Secrets).
        name: 'acme/prod/grafana/admin',
        keys: ['admin-password', 'admin-user'],
        usedBy: ['grafana (admin login of kube-prometheus-stack)'],
        description: 'Grafana admin user name and a generated password (JSON keys admin-password, admin-user)',
      },
      {
        // The Loki gateway's basic-auth user: the gateway's htpasswd, Alloy and Grafana read it (issue 14).
        name: 'acme/prod/loki/gateway',
        keys: ['password', 'username'],
        usedBy: ['loki (gateway basic auth; also read by alloy and grafana)'],
        description: 'Loki gateway basic-auth user name and a generated password (JSON keys password, username)',
      },
    ]);
    expect(requiredSecrets(platform, 'dev').map((s) => s.name)).toEqual(['acme/dev/alerting/slack-webhook', 'acme/dev/api/jwt', 'acme/dev/grafana/admin', 'acme/dev/loki/gateway']);
  });

  test('one entry per secret name, with the union of the keys and every reader', () => {
    // GIVEN two services reading different keys of one secret, one of them twice
    const c = mutableConfig();
    c.services![0].secrets = { JWT_KEY: { secret: 'shared/auth', key: 'signingKey' }, JWT_ISSUER: { secret: 'shared/auth', key: 'issuer' } };
    c.services![1].secrets = { AUTH_KEY: { secret: 'shared/auth', key: 'signingKey' }, QUEUE_TOKEN: { secret: 'worker/queue', key: 'token' } };

    // WHEN
    const secrets = requiredSecrets(resolvePlatform(c), 'dev');

    // THEN
    expect(secrets.map((s) => s.name)).toEqual(['acme/dev/alerting/slack-webhook', 'acme/dev/grafana/admin', 'acme/dev/loki/gateway', 'acme/dev/shared/auth', 'acme/dev/worker/queue']);
    expect(secrets[3]).toEqual({
      name: 'acme/dev/shared/auth',
      keys: ['issuer', 'signingKey'],
      usedBy: ['service api (JWT_ISSUER)', 'service api (JWT_KEY)', 'service worker (AUTH_KEY)'],
      description: 'Application secret of service api; Application secret of service worker',
    });
    expect(secrets[4]).toMatchObject({ keys: ['token'], usedBy: ['service worker (QUEUE_TOKEN)'] });
  });

  test('follows the custom Slack secret name and leaves Slack out without alerting', () => {
    const c = mutableConfig();
    c.alerting = { slack: { channel: '#ops', webhookSecret: 'ops/slack' } };
    expect(requiredSecrets(resolvePlatform(c), 'dev').map((s) => s.name)).toContain('acme/dev/ops/slack');
    delete c.alerting;
    expect(requiredSecrets(resolvePlatform(c), 'dev').map((s) => s.name)).toEqual(['acme/dev/api/jwt', 'acme/dev/grafana/admin', 'acme/dev/loki/gateway']);
  });

  test('the GitOps repository credentials, named as written, with the keys of a GitHub App or of a deploy key', () => {
    // GIVEN a private repository over https
    const c = mutableConfig();
    c.gitops = { repoUrl: 'https://github.com/acme/gitops.git', credentialsSecret: 'platform/gitops-repo' };

    // THEN the GitHub App keys, without the environment prefix (Terraform reads the name as it is)
    expect(requiredSecrets(resolvePlatform(c), 'dev')).toContainEqual({
      name: 'platform/gitops-repo',
      keys: ['githubAppID', 'githubAppInstallationID', 'githubAppPrivateKey'],
      usedBy: ['gitops (ArgoCD repository credentials for https://github.com/acme/gitops.git)'],
      description: expect.stringMatching(/^GitHub App/),
    });

    // AND over SSH, a deploy key
    c.gitops = { repoUrl: 'git@github.com:acme/gitops.git', credentialsSecret: 'platform/gitops-repo' };
    expect(requiredSecrets(resolvePlatform(c), 'prod').find((s) => s.name === 'platform/gitops-repo')?.keys).toEqual(['sshPrivateKey']);
  });

  test('only what the environment renders: disabled services and add-ons read nothing', () => {
    // GIVEN api disabled in prod, and kube-prometheus-stack (which reads the Slack webhook) switched off
    const c = mutableConfig();
    c.services![0].environments = { prod: { enabled: false } };
    c.addons = { 'kube-prometheus-stack': { enabled: false } };

    // THEN only Loki's gateway user (Loki stays on)
    expect(requiredSecrets(resolvePlatform(c), 'prod').map((s) => s.name)).toEqual(['acme/prod/loki/gateway']);
    expect(requiredSecrets(resolvePlatform(c), 'dev').map((s) => s.name)).toEqual(['acme/dev/api/jwt', 'acme/dev/loki/gateway']);
  });

  test('leaves out the connection secrets Terraform creates', () => {
    // The fixture's services depend on postgres and redis.
    const platform = resolvePlatform(validConfig());
    const names = platform.environments.flatMap((e) => requiredSecrets(platform, e.name)).map((s) => s.name);
    expect(names.filter((n) => n.endsWith('/connection'))).toEqual([]);
  });

  test('is deterministic', () => {
    const platform = resolvePlatform(validConfig());
    expect(JSON.stringify(requiredSecrets(platform, 'prod'))).toBe(JSON.stringify(requiredSecrets(resolvePlatform(validConfig()), 'prod')));
  });

  test('rejects an unknown environment by name', () => {
    expect(() => requiredSecrets(resolvePlatform(validConfig()), 'qa')).toThrow(/unknown environment 'qa' \(known: dev, prod\)/);
  });
});
