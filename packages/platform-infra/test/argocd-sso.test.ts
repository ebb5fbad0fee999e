import * as fs from 'node:fs';
import type { PlatformConfig } from '@paved/shared-config';
import { parse } from 'yaml';
import { GOOGLE, HOSTILE_OIDC, SSO_ENVIRONMENTS, withSso } from './support/feature-examples';
import { example, synthesize } from './support/synthesized';

/** The `<env>-platform` stack with the platform's `sso`: Argo CD signs in with the provider, no secret in the values. */
const synthesized: { outdir: string }[] = [];
afterAll(() => synthesized.forEach((out) => fs.rmSync(out.outdir, { recursive: true, force: true })));
const releaseOf = (config: PlatformConfig) => {
  const out = synthesize(config, SSO_ENVIRONMENTS);
  synthesized.push(out);
  return out.stack('dev-platform').json;
};
/** The values as Helm receives them: Terraform renders the template's `$${` and `%%{` escapes as `${` and `%{`. */
const valuesOf = (stack: Record<string, any>) => {
  const template: string = stack.resource.helm_release.argocd.values[0];
  return parse(template.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'), { version: '1.1' });
};
const google = releaseOf(withSso(GOOGLE));
const oidc = releaseOf(withSso(HOSTILE_OIDC));

describe('argo-cd values with sso', () => {
  test('Google: Dex checks the Workspace domain; everyone it lets in reads; the client secret is a $secret:key reference', () => {
    const values = valuesOf(google);
    expect(values.configs.cm.url).toBe('https://argocd.dev.northwind.dev');
    expect(parse(values.configs.cm['dex.config'])).toEqual({
      connectors: [{
        type: 'google',
        id: 'google',
        name: 'Google',
        config: {
          clientID: GOOGLE.clientId,
          clientSecret: '$argocd-sso:client-secret',
          redirectURI: 'https://argocd.dev.northwind.dev/api/dex/callback',
          hostedDomains: ['northwind.dev'],
        },
      }],
    });
    expect(values.configs.rbac).toEqual({ 'policy.default': 'role:readonly', 'policy.csv': '', 'scopes': '[groups, email]' });
    expect(values.dex).toEqual({ enabled: true });
    expect(values.configs.cm['oidc.config']).toBeUndefined();
  });

  test('OIDC: Argo CD\'s own client; no default role, the allowed groups read', () => {
    const values = valuesOf(oidc);
    expect(parse(values.configs.cm['oidc.config'])).toEqual({
      name: 'SSO',
      issuer: HOSTILE_OIDC.issuerUrl,
      clientID: 'platform',
      clientSecret: '$argocd-sso:client-secret',
      requestedScopes: ['openid', 'profile', 'email', 'groups'],
    });
    expect(values.configs.rbac).toMatchObject({ 'policy.default': '', 'policy.csv': 'g, platform-team, role:readonly\n' });
    expect(values.dex).toEqual({ enabled: false });
  });

  test('without sso the values are those of today', () => {
    const values = valuesOf(releaseOf(example));
    expect(values.configs.cm.url).toBeUndefined();
    expect(values.configs.rbac).toBeUndefined();
    expect(values.dex).toEqual({ enabled: false });
  });
});

// `terraform validate` of both sso platform stacks (the values text must stay one valid template whatever the issuer
// holds) runs in terraform-validate.test.ts, in the same validate as the examples (support/feature-examples.ts).
