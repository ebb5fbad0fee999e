import { type PlatformConfig, requiredSecrets, resolvePlatform, secretReaders, type SsoConfig, validatePlatform } from '@paved/shared-config';
import example from '../../../platform.config';
import { renderGitops, validateRendered } from '../src';

const GOOGLE: SsoConfig = { provider: 'google', clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'sso/google', allowedDomains: ['northwind.dev'] };
const GITHUB: SsoConfig = { provider: 'github', clientId: 'Iv1.abc', clientSecret: 'sso/github', allowedGroups: ['northwind/platform'] };
const KEYCLOAK: SsoConfig = { provider: 'oidc', issuerUrl: 'https://login.northwind.dev/realms/northwind', clientId: 'platform', clientSecret: 'sso/oidc', allowedGroups: ['platform-team'] };
const withSso = (sso: SsoConfig): PlatformConfig => ({ ...example, sso });

const render = (config: PlatformConfig) => {
  const platform = resolvePlatform(config);
  const files = renderGitops(platform);
  const docs = (path: string) => files.filter((f) => f.path === path).flatMap((f) => f.documents) as any[];
  const grafana = (env: string) => docs(`${env}/apps/addon-kube-prometheus-stack.yaml`)[0].spec.source.helm.valuesObject.grafana;
  return { platform, files, docs, grafana };
};
const google = render(withSso(GOOGLE));
const plain = render(example);

describe('Grafana and Argo CD behind the platform sso', () => {
  test('the configs are valid', () => {
    for (const sso of [GOOGLE, GITHUB, KEYCLOAK]) expect(validatePlatform(withSso(sso), { today: '2026-12-03' }).errors).toEqual([]);
  });

  test('Grafana: Google sign-in for the allowed domains, Viewer by default, the client secret from an env var', () => {
    const grafana = google.grafana('prod');
    expect(grafana['grafana.ini']).toEqual({
      'server': { root_url: 'https://grafana.northwind.dev/' },
      'users': { auto_assign_org_role: 'Viewer' },
      'auth.google': {
        enabled: true,
        client_id: GOOGLE.clientId,
        allow_sign_up: true,
        auto_login: false,
        allowed_domains: 'northwind.dev',
        scopes: 'openid email profile',
      },
    });
    expect(grafana.envValueFrom.GF_AUTH_GOOGLE_CLIENT_SECRET).toEqual({ secretKeyRef: { name: 'grafana-sso', key: 'client-secret' } });
    // The Loki user is still there, and the admin still comes from its own Secret (the break-glass login).
    expect(Object.keys(grafana.envValueFrom).sort()).toEqual(['GF_AUTH_GOOGLE_CLIENT_SECRET', 'LOKI_PASSWORD', 'LOKI_USERNAME']);
    expect(grafana.admin).toEqual({ existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' });
    expect(JSON.stringify(grafana)).not.toMatch(/client_secret/);
  });

  test('Grafana: the ExternalSecret reads the client secret of the environment in monitoring', () => {
    const secret = google.docs('prod/addons/kube-prometheus-stack/manifests.yaml').find((d) => d.kind === 'ExternalSecret' && d.metadata.name === 'grafana-sso');
    expect(secret.metadata.namespace).toBe('monitoring');
    expect(secret.spec.data).toEqual([{ secretKey: 'client-secret', remoteRef: { key: 'northwind/prod/sso/google', property: 'client-secret' } }]);
    const prod = google.platform.environments.find((e) => e.name === 'prod')!;
    expect(secretReaders(google.platform, prod).find((r) => r.namespace === 'monitoring')?.secrets).toContain('northwind/prod/sso/google');
  });

  test('Grafana: GitHub organizations, Keycloak endpoints and groups; an OIDC issuer without known endpoints gets none', () => {
    expect(render(withSso(GITHUB)).grafana('prod')['grafana.ini']['auth.github']).toMatchObject({ allowed_organizations: 'northwind', scopes: 'user:email,read:org' });
    const keycloak = render(withSso(KEYCLOAK)).grafana('prod');
    expect(keycloak['grafana.ini']['auth.generic_oauth']).toMatchObject({
      auth_url: 'https://login.northwind.dev/realms/northwind/protocol/openid-connect/auth',
      token_url: 'https://login.northwind.dev/realms/northwind/protocol/openid-connect/token',
      api_url: 'https://login.northwind.dev/realms/northwind/protocol/openid-connect/userinfo',
      groups_attribute_path: 'groups',
      allowed_groups: 'platform-team',
    });
    expect(keycloak.envValueFrom.GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET).toBeDefined();
    const other = render(withSso({ ...KEYCLOAK, issuerUrl: 'https://northwind.okta.com' }));
    expect(other.grafana('prod')['grafana.ini']).toBeUndefined();
    expect(other.docs('prod/addons/kube-prometheus-stack/manifests.yaml').some((d) => d.metadata.name === 'grafana-sso')).toBe(false);
  });

  test('Argo CD: an ExternalSecret in argocd writes a Secret labelled part-of argocd, synced by a platform Application', () => {
    const manifests = google.docs('prod/platform/argocd-sso/manifests.yaml');
    expect(manifests.map((d) => `${d.kind}/${d.metadata.namespace}/${d.metadata.name}`)).toEqual(['SecretStore/argocd/aws-secrets-manager', 'ExternalSecret/argocd/argocd-sso']);
    const secret = manifests[1];
    expect(secret.spec.target.template.metadata.labels['app.kubernetes.io/part-of']).toBe('argocd');
    expect(secret.spec.data).toEqual([{ secretKey: 'client-secret', remoteRef: { key: 'northwind/prod/sso/google', property: 'client-secret' } }]);
    expect(google.docs('prod/apps/platform-argocd-sso.yaml')[0].spec.source.path).toBe('environments/prod/platform/argocd-sso');
    const prod = google.platform.environments.find((e) => e.name === 'prod')!;
    expect(secretReaders(google.platform, prod).find((r) => r.namespace === 'argocd')?.secrets).toEqual(['northwind/prod/sso/google']);
  });

  test('required secrets: the SSO secret with its client secret, read by Grafana and Argo CD', () => {
    const sso = requiredSecrets(google.platform, 'prod').find((s) => s.name === 'northwind/prod/sso/google');
    expect(sso).toMatchObject({ keys: ['client-secret'], usedBy: ['sso (grafana; argocd)'] });
  });

  test('the EKS capability signs in with Identity Center: no Argo CD secret', () => {
    const capability = render({
      ...withSso(GOOGLE),
      gitops: { ...example.gitops, argocd: 'eks-capability', identityCenter: { instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef' } },
    });
    expect(capability.files.some((f) => f.path.includes('argocd-sso'))).toBe(false);
  });

  test('without sso the rendered tree is unchanged', () => {
    expect(plain.files.some((f) => f.path.includes('argocd-sso'))).toBe(false);
    expect(plain.grafana('prod')['grafana.ini']).toBeUndefined();
  });

  test('every rendered document is schema-valid', () => {
    for (const r of [google, render(withSso(GITHUB)), render(withSso(KEYCLOAK))]) {
      expect(validateRendered(r.files, r.platform.gitops.path)).toEqual([]);
    }
  });
});
