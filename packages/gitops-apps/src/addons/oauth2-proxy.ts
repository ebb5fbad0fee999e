import { ADDON_CATALOG, type ResolvedSso } from '@paved/shared-config';
import { type AddonSpec, resources } from './addon';
import { EXTERNAL_SECRETS_API_VERSION, type ExternalSecretV1, namespaceSecretStore } from './security';
import { emit } from '../emit';
import { INGRESS_CLASS, SECRET_STORE } from '../platform/names';
import { ALB_LISTEN_PORTS } from '../services/ingress';

/** The Secret the chart reads (`config.existingSecret`): `client-id`, `client-secret`, `cookie-secret`. */
export const OAUTH2_PROXY_SECRET = 'oauth2-proxy';

/**
 * The chart's `config.configFile` (oauth2-proxy TOML) for the platform's provider: who may sign in, HTTPS-only
 * cookies, the ALB's forwarded headers trusted. An authentication endpoint (`static://202` upstream) at
 * `sso.<domain>`; each `ingress.auth: 'sso'` service gets its own proxy (gitops-apps services/sso-proxy.ts).
 */
export function oauth2ProxyConfigFile(sso: ResolvedSso): string {
  const list = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
  const lines = [
    `provider = ${JSON.stringify(sso.provider)}`,
    ...(sso.provider === 'oidc' && sso.issuerUrl ? [`oidc_issuer_url = ${JSON.stringify(sso.issuerUrl)}`] : []),
    `email_domains = ${list(sso.allowedDomains.length > 0 ? sso.allowedDomains : ['*'])}`,
    'upstreams = ["static://202"]',
    'reverse_proxy = true',
    'cookie_secure = true',
    'cookie_samesite = "lax"',
    'skip_provider_button = true',
  ];
  if (sso.provider === 'github' && sso.allowedGroups.length > 0) {
    lines.push(`github_org = ${JSON.stringify(sso.allowedGroups[0].split('/')[0])}`);
    const teams = sso.allowedGroups.filter((g) => g.includes('/')).map((g) => g.split('/')[1]);
    if (teams.length > 0) lines.push(`github_team = ${JSON.stringify(teams.join(','))}`);
  } else if (sso.provider === 'oidc' && sso.allowedGroups.length > 0) {
    lines.push(`allowed_groups = ${list(sso.allowedGroups)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * oauth2-proxy chart (keys checked at oauth2-proxy-10.7.0; the 8.0/9.0/10.0 breaking changes touch the Redis subchart and
 * image keys, which Paved does not set): single sign-on in front of internal tools, secrets from an existing Secret.
 * With the platform's `sso`, the proxy is configured for that provider and its Secret comes from Secrets Manager
 * (`sso.clientSecret`) through an ExternalSecret; without it, the values are those of the chart's own provider default.
 */
export const oauth2Proxy: AddonSpec = {
  name: 'oauth2-proxy',
  values: ({ env, platform, production }) => ({
    replicaCount: production ? 2 : 1,
    config: { existingSecret: OAUTH2_PROXY_SECRET, ...(platform.sso ? { configFile: oauth2ProxyConfigFile(platform.sso) } : {}) },
    ingress: {
      enabled: true,
      className: INGRESS_CLASS,
      annotations: {
        'alb.ingress.kubernetes.io/listen-ports': ALB_LISTEN_PORTS,
        'alb.ingress.kubernetes.io/target-type': 'ip',
        'alb.ingress.kubernetes.io/healthcheck-path': '/ping',
      },
      hosts: [`sso.${env.domain}`],
      tls: [{ hosts: [`sso.${env.domain}`] }],
    },
    resources: resources('50m', '64Mi', '128Mi'),
  }),
  configuration: {
    // With the chart, whose Application creates the namespace; retries cover the moment before it exists.
    wave: 'edge',
    options: { skipDryRunOnMissingResource: true },
    render(scope, { env, platform, labels }) {
      const sso = platform.sso;
      if (!sso || !env.addons.some((a) => a.name === 'external-secrets')) return;
      const namespace = ADDON_CATALOG['oauth2-proxy'].namespace;
      emit(scope, namespaceSecretStore(env, namespace, labels));
      const secret: ExternalSecretV1 = {
        apiVersion: EXTERNAL_SECRETS_API_VERSION,
        kind: 'ExternalSecret',
        metadata: { name: OAUTH2_PROXY_SECRET, namespace, labels: { ...labels } },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { kind: 'SecretStore', name: SECRET_STORE },
          target: {
            name: OAUTH2_PROXY_SECRET,
            creationPolicy: 'Owner',
            // The client id is not secret: written by the template beside the two values read from Secrets Manager.
            template: {
              engineVersion: 'v2',
              type: 'Opaque',
              data: { 'client-id': sso.clientId, 'client-secret': '{{ index . "client-secret" }}', 'cookie-secret': '{{ index . "cookie-secret" }}' },
            },
          },
          data: ['client-secret', 'cookie-secret'].map((key) => ({ secretKey: key, remoteRef: { key: env.naming.secretName(sso.clientSecret), property: key } })),
        },
      };
      emit(scope, secret);
    },
  },
};
