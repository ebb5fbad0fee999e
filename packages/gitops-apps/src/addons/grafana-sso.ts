import { keycloakEndpoints, type ResolvedEnvironment, type ResolvedSso, SSO_CLIENT_SECRET_KEY } from '@paved/shared-config';
import { EXTERNAL_SECRETS_API_VERSION, type ExternalSecretV1 } from './security';
import { MONITORING_NAMESPACE, SECRET_STORE } from '../platform/names';

/** Secret in monitoring that External Secrets fills with the client secret of the platform's SSO provider. */
export const GRAFANA_SSO_SECRET = 'grafana-sso';

/** Grafana's host: the OAuth callback (`<root_url>/login/<provider>`) is registered with the provider under it. */
export function grafanaHost(env: Pick<ResolvedEnvironment, 'domain'>): string {
  return `grafana.${env.domain}`;
}

/** The grafana.ini section of each provider (Grafana's own `auth.google`, `auth.github`, `auth.generic_oauth`). */
function section(sso: ResolvedSso): string {
  return sso.provider === 'oidc' ? 'generic_oauth' : sso.provider;
}

/**
 * The grafana subchart's values that sign people in with the platform's provider (keys checked against the Grafana
 * docs, configure-authentication/{google,github,generic-oauth}): who may sign in is the same as for the oauth2-proxy of
 * `ingress.auth: 'sso'` (e-mail domains; GitHub organization; OIDC groups), everyone signs in as a Viewer, and the
 * client secret reaches Grafana as `GF_AUTH_<SECTION>_CLIENT_SECRET` from a Secret (Grafana reads any setting from
 * `GF_<SECTION>_<KEY>`): Git holds no secret. The login form stays: it is the admin's break-glass path (the admin
 * password is in Secrets Manager, `<org>/<env>/grafana/admin`, and Grafana has no public endpoint, so reaching the form
 * takes cluster access). Undefined for an OIDC issuer whose endpoints cannot be derived (`keycloakEndpoints`: Grafana's
 * generic OAuth has no discovery).
 */
export function grafanaSsoValues(sso: ResolvedSso, env: Pick<ResolvedEnvironment, 'domain'>): {
  readonly ini: Record<string, Record<string, string | boolean>>;
  readonly env: Record<string, { secretKeyRef: { name: string; key: string } }>;
} | undefined {
  const common = {
    enabled: true,
    client_id: sso.clientId,
    allow_sign_up: true,
    // A click on "Sign in with …", never a redirect: the break-glass admin must still reach the form.
    auto_login: false,
    ...(sso.allowedDomains.length > 0 ? { allowed_domains: sso.allowedDomains.join(' ') } : {}),
  };
  let provider: Record<string, string | boolean>;
  if (sso.provider === 'google') {
    provider = { ...common, scopes: 'openid email profile' };
  } else if (sso.provider === 'github') {
    // Grafana checks teams by numeric id only (`team_ids`): the `org/team` entries restrict to their organization.
    const orgs = [...new Set(sso.allowedGroups.map((g) => g.split('/')[0]))];
    provider = { ...common, scopes: 'user:email,read:org', ...(orgs.length > 0 ? { allowed_organizations: orgs.join(' ') } : {}) };
  } else {
    const endpoints = sso.issuerUrl ? keycloakEndpoints(sso.issuerUrl) : undefined;
    if (!endpoints) return undefined;
    provider = {
      ...common,
      name: 'SSO',
      scopes: 'openid email profile groups',
      auth_url: endpoints.authUrl,
      token_url: endpoints.tokenUrl,
      api_url: endpoints.apiUrl,
      ...(sso.allowedGroups.length > 0 ? { groups_attribute_path: 'groups', allowed_groups: sso.allowedGroups.join(' ') } : {}),
    };
  }
  const name = section(sso);
  return {
    ini: {
      server: { root_url: `https://${grafanaHost(env)}/` },
      // No role claim is mapped: every signed-in person is a Viewer; the admin grants more in Grafana.
      users: { auto_assign_org_role: 'Viewer' },
      [`auth.${name}`]: provider,
    },
    env: { [`GF_AUTH_${name.toUpperCase()}_CLIENT_SECRET`]: { secretKeyRef: { name: GRAFANA_SSO_SECRET, key: SSO_CLIENT_SECRET_KEY } } },
  };
}

/** The ExternalSecret of `GRAFANA_SSO_SECRET`: the `client-secret` property of `<org>/<env>/<sso.clientSecret>`. */
export function grafanaSsoSecret(env: ResolvedEnvironment, sso: ResolvedSso, labels: Readonly<Record<string, string>>): ExternalSecretV1 {
  return {
    apiVersion: EXTERNAL_SECRETS_API_VERSION,
    kind: 'ExternalSecret',
    metadata: { name: GRAFANA_SSO_SECRET, namespace: MONITORING_NAMESPACE, labels: { ...labels } },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'SecretStore', name: SECRET_STORE },
      target: { name: GRAFANA_SSO_SECRET, creationPolicy: 'Owner' },
      data: [{ secretKey: SSO_CLIENT_SECRET_KEY, remoteRef: { key: env.naming.secretName(sso.clientSecret), property: SSO_CLIENT_SECRET_KEY } }],
    },
  };
}
