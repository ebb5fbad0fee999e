import { resolvePlatform, secretReaders, validatePlatform, type PlatformConfig, type ServiceConfig, type SsoConfig } from '@paved/shared-config';
import example from '../../../platform.config';
import { renderGitops, validateRendered } from '../src';
import { oauth2ProxyArgs, SSO_PROXY_IMAGE } from '../src/services/sso-proxy';

const GOOGLE: SsoConfig = { provider: 'google', clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'sso/google', allowedDomains: ['northwind.dev'] };
/** The example with `web` behind single sign-on (and the oauth2-proxy add-on on in prod). */
const withSso = (sso: SsoConfig = GOOGLE): PlatformConfig => ({
  ...example,
  sso,
  addons: { ...example.addons, 'oauth2-proxy': { enabled: true } },
  services: (example.services ?? []).map((s): ServiceConfig => (s.name === 'web' ? { ...s, ingress: { ...s.ingress!, auth: 'sso' } } : s)),
});
const platform = resolvePlatform(withSso());
const files = renderGitops(platform);
const docs = (path: string) => files.filter((f) => f.path === path).flatMap((f) => f.documents) as any[];
const web = (env: string) => docs(`${env}/services/web/manifests.yaml`);
const one = (env: string, kind: string, name: string) => web(env).find((d) => d.kind === kind && d.metadata.name === name);

describe("ingress.auth: 'sso' (oauth2-proxy in front of the service)", () => {
  test('the config is valid', () => {
    expect(validatePlatform(withSso(), { today: '2026-12-03' }).errors).toEqual([]);
  });

  test('the Ingress sends the host to the proxy, health-checked on /ping; the ALB no longer reaches the service pods', () => {
    const ingress = one('prod', 'Ingress', 'web');
    expect(ingress.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'web-sso', port: { name: 'http' } } });
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/healthcheck-path']).toBe('/ping');
    const allow = one('prod', 'NetworkPolicy', 'web');
    expect(allow.spec.ingress.some((r: any) => r.from.some((f: any) => f.ipBlock))).toBe(false);
    const fromProxy = one('prod', 'NetworkPolicy', 'from-sso-proxy');
    expect(fromProxy.spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web-sso', 'app.kubernetes.io/instance': 'web-sso' } } }], ports: [{ protocol: 'TCP', port: 8081 }] }],
    });
  });

  test('the proxy: pinned oauth2-proxy for the provider, secrets from Secrets Manager, restricted, two replicas in production', () => {
    const deployment = one('prod', 'Deployment', 'web-sso');
    expect(deployment.spec.replicas).toBe(2);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe(SSO_PROXY_IMAGE);
    expect(container.args).toEqual(expect.arrayContaining([
      '--provider=google',
      '--upstream=http://web.web.svc.cluster.local:80/',
      '--redirect-url=https://app.northwind.dev/oauth2/callback',
      '--email-domain=northwind.dev',
      '--cookie-secure=true',
    ]));
    expect(container.env).toEqual([
      { name: 'OAUTH2_PROXY_CLIENT_ID', value: GOOGLE.clientId },
      { name: 'OAUTH2_PROXY_CLIENT_SECRET', valueFrom: { secretKeyRef: { name: 'web-sso', key: 'client-secret' } } },
      { name: 'OAUTH2_PROXY_COOKIE_SECRET', valueFrom: { secretKeyRef: { name: 'web-sso', key: 'cookie-secret' } } },
    ]);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(one('prod', 'ExternalSecret', 'web-sso').spec.data).toEqual([
      { secretKey: 'client-secret', remoteRef: { key: 'northwind/prod/sso/google', property: 'client-secret' } },
      { secretKey: 'cookie-secret', remoteRef: { key: 'northwind/prod/sso/google', property: 'cookie-secret' } },
    ]);
    // web has no secrets of its own: the proxy brings the namespace's SecretStore, once.
    expect(web('prod').filter((d) => d.kind === 'SecretStore')).toHaveLength(1);
    const prod = platform.environments.find((e) => e.name === 'prod')!;
    expect(secretReaders(platform, prod).find((r) => r.namespace === 'web')?.secrets).toEqual(['northwind/prod/sso/google']);
    expect(one('dev', 'Deployment', 'web-sso').spec.replicas).toBe(1);
  });

  test('services without auth are unchanged', () => {
    const before = renderGitops(resolvePlatform(example)).filter((f) => f.path.startsWith('prod/services/api/'));
    expect(files.filter((f) => f.path.startsWith('prod/services/api/'))).toEqual(before);
  });

  test('the oauth2-proxy add-on is configured for the provider, its Secret from Secrets Manager', () => {
    const app = docs('prod/apps/addon-oauth2-proxy.yaml')[0];
    const config = app.spec.source.helm.valuesObject.config;
    expect(config.existingSecret).toBe('oauth2-proxy');
    expect(config.configFile).toContain('provider = "google"');
    expect(config.configFile).toContain('email_domains = ["northwind.dev"]');
    const secret = docs('prod/addons/oauth2-proxy/manifests.yaml').find((d) => d.kind === 'ExternalSecret');
    expect(secret.spec.target.template.data).toEqual({
      'client-id': GOOGLE.clientId,
      'client-secret': '{{ index . "client-secret" }}',
      'cookie-secret': '{{ index . "cookie-secret" }}',
    });
  });

  test('provider flags: GitHub organization and teams, OIDC issuer and groups', () => {
    const base = { upstream: 'http://x/', host: 'x.example.com', path: '/admin' };
    expect(oauth2ProxyArgs({ provider: 'github', clientId: 'Iv1.a', clientSecret: 's', allowedDomains: [], allowedGroups: ['acme/ops', 'acme/dev'] }, base))
      .toEqual(expect.arrayContaining(['--provider=github', '--github-org=acme', '--github-team=ops,dev', '--email-domain=*', '--proxy-prefix=/admin/oauth2']));
    expect(oauth2ProxyArgs({ provider: 'oidc', issuerUrl: 'https://id.example.com', clientId: 'p', clientSecret: 's', allowedDomains: [], allowedGroups: ['admins'] }, base))
      .toEqual(expect.arrayContaining(['--provider=oidc', '--oidc-issuer-url=https://id.example.com', '--allowed-group=admins']));
  });

  test('sso without a provider is one error line', () => {
    const config = withSso();
    delete (config as { sso?: unknown }).sso;
    expect(validatePlatform(config, { today: '2026-12-03' }).errors.map((p) => p.path)).toEqual(['services[1].ingress.auth']);
  });

  test('every rendered document is schema-valid', () => {
    expect(validateRendered(files, platform.gitops.path)).toEqual([]);
  });
});
