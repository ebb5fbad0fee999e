import { ARGOCD_SSO_SECRET, type ResolvedSso, SSO_CLIENT_SECRET_KEY } from '@paved/shared-config';
import { stringify } from 'yaml';

/** How argocd-cm names the client secret: Argo CD reads `$<secret>:<key>` from a Secret labelled part-of argocd. */
export const ARGOCD_SSO_CLIENT_SECRET_REF = `$${ARGOCD_SSO_SECRET}:${SSO_CLIENT_SECRET_KEY}`;

/** The argo-cd chart values that single sign-on adds (merged into `configs.cm`, `configs.rbac` and `dex`). */
export interface ArgoCdSsoValues {
  readonly cm: Readonly<Record<string, string>>;
  readonly rbac: Readonly<Record<string, string>>;
  /** Whether the chart's Dex runs: Google and GitHub sign in through Dex, which checks the domain or organization. */
  readonly dex: boolean;
}

/**
 * Argo CD's sign-in with the platform's provider (keys of argocd-cm and argocd-rbac-cm, Argo CD 3.4 user-management
 * docs). Who may sign in is checked where Argo CD can check it:
 * - Google: Dex's google connector with `hostedDomains` (Argo CD's own OIDC client has no domain check);
 * - GitHub: Dex's github connector with the organization and teams of `allowedGroups`;
 * - OIDC: Argo CD's own client (`oidc.config`), which checks nothing at sign-in: RBAC grants the groups instead.
 * Everyone let in by the provider reads (`policy.default: role:readonly`); where sign-in is not restricted (OIDC, or
 * GitHub without groups) nobody gets a default role and only the `allowedGroups` are mapped to `role:readonly`. No
 * group becomes admin: changes go through Git, and the cluster's admins keep `kubectl`. The client secret is a
 * `$argocd-sso:client-secret` reference (gitops-apps renders the ExternalSecret that fills it): no secret in values.
 */
export function argoCdSsoValues(sso: ResolvedSso, options: { readonly url: string }): ArgoCdSsoValues {
  let cm: Record<string, string>;
  let restricted: boolean;
  if (sso.provider === 'oidc') {
    cm = {
      'oidc.config': yamlText({
        name: 'SSO',
        issuer: sso.issuerUrl,
        clientID: sso.clientId,
        clientSecret: ARGOCD_SSO_CLIENT_SECRET_REF,
        requestedScopes: ['openid', 'profile', 'email', 'groups'],
      }),
    };
    restricted = false;
  } else {
    const redirectURI = `${options.url}/api/dex/callback`;
    const common = { clientID: sso.clientId, clientSecret: ARGOCD_SSO_CLIENT_SECRET_REF, redirectURI };
    let connector: Record<string, unknown>;
    if (sso.provider === 'google') {
      connector = { type: 'google', id: 'google', name: 'Google', config: { ...common, hostedDomains: [...sso.allowedDomains] } };
      restricted = sso.allowedDomains.length > 0;
    } else {
      // Validation allows one organization: `org` entries and `org/team` entries of it (teams, when named, as oauth2-proxy).
      const org = sso.allowedGroups[0]?.split('/')[0];
      const teams = sso.allowedGroups.filter((g) => g.includes('/')).map((g) => g.split('/')[1]);
      const orgs = org ? [{ name: org, ...(teams.length > 0 ? { teams } : {}) }] : [];
      connector = { type: 'github', id: 'github', name: 'GitHub', config: { ...common, ...(orgs.length > 0 ? { orgs } : {}), teamNameField: 'slug' } };
      restricted = orgs.length > 0;
    }
    cm = { 'dex.config': yamlText({ connectors: [connector] }) };
  }
  const groups = restricted || sso.provider !== 'oidc' ? [] : sso.allowedGroups;
  return {
    cm: { url: options.url, ...cm },
    rbac: {
      'policy.default': restricted ? 'role:readonly' : '',
      'policy.csv': groups.map((g) => `g, ${g}, role:readonly\n`).join(''),
      'scopes': '[groups, email]',
    },
    dex: sso.provider !== 'oidc',
  };
}

/** YAML text of a ConfigMap value (`oidc.config`, `dex.config`), written by the `yaml` library: quotes where needed. */
function yamlText(value: Record<string, unknown>): string {
  return stringify(value, { lineWidth: 0 });
}
