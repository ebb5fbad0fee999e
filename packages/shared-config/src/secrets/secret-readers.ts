import { ADDON_CATALOG, ARGOCD_NAMESPACE } from '../addons/catalog';
import { usesArgoCdCapability } from '../bridge/argocd-capability';
import type { EnvironmentNaming } from '../naming/naming';
import type { ResolvedEnvironment, ResolvedPlatform } from '../resolve/resolved-platform';
import { grafanaUsesSso } from '../resolve/sso-platform-tools';

/** Name of the SecretStore every reading namespace gets: its ExternalSecrets refer to it, never to a cluster-wide store. */
export const NAMESPACE_SECRET_STORE = 'aws-secrets-manager';

/**
 * Secrets Manager names (relative to `<org>/<env>/`) of the add-ons' admin credentials, created by the user like service
 * secrets: JSON objects with the keys below, read by External Secrets in the add-on's namespace.
 */
export const ADDON_ADMIN_SECRETS = {
  grafana: { relativeName: 'grafana/admin', namespace: 'monitoring', keys: ['admin-password', 'admin-user'] },
  keycloak: { relativeName: 'keycloak/admin', namespace: 'keycloak', keys: ['password', 'username'] },
  /**
   * Basic-auth user of the Loki gateway: the gateway's htpasswd is made from it in `namespace`, and the log writers and
   * readers (Alloy, Grafana) read the same user from their own namespaces (LOKI_CLIENT_NAMESPACES).
   */
  loki: { relativeName: 'loki/gateway', namespace: 'logging', keys: ['password', 'username'] },
} as const;

/** Namespaces besides Loki's own that read the Loki gateway user, by the add-on that runs there. */
export const LOKI_CLIENT_NAMESPACES = {
  'alloy': ADDON_CATALOG.alloy.namespace,
  'kube-prometheus-stack': ADDON_CATALOG['kube-prometheus-stack'].namespace,
} as const;

/** One namespace whose ExternalSecrets read Secrets Manager, and exactly what they read. */
export interface SecretReader {
  readonly namespace: string;
  /** Full Secrets Manager names, sorted, without duplicates. */
  readonly secrets: readonly string[];
  /**
   * Name prefix the namespace owns, `<org>/<env>/<namespace>/`: secrets Paved writes for it later (its own database
   * credentials) need no new grant, and no other namespace may read below it (guardrail PAVED-K8S-SEC-002).
   */
  readonly ownedPrefix: string;
}

/**
 * The namespaces of an environment that read secrets through External Secrets, each with the secrets its rendered
 * ExternalSecrets name. platform-infra gives each namespace its own reader role limited to exactly these names, and
 * gitops-apps renders one SecretStore per namespace that assumes that role: a namespace cannot read what another one
 * reads. Empty when external-secrets is off. Mirrors what gitops-apps renders (service secrets and data-store
 * connection secrets in the service's namespace; Grafana's admin and the Slack webhook in monitoring; Keycloak's admin
 * and database in keycloak; the Loki gateway user in logging, alloy and monitoring).
 */
export function secretReaders(platform: ResolvedPlatform, env: ResolvedEnvironment): SecretReader[] {
  const enabled = new Set(env.addons.map((a) => a.name));
  if (!enabled.has('external-secrets')) return [];
  const byNamespace = new Map<string, Set<string>>();
  const read = (namespace: string, name: string) => {
    if (!byNamespace.has(namespace)) byNamespace.set(namespace, new Set());
    byNamespace.get(namespace)!.add(name);
  };
  for (const service of env.services) {
    // A service's namespace is named after the service (gitops-apps ServiceManifests).
    for (const ref of service.secrets) read(service.name, ref.secretName);
    for (const store of service.dependsOn) read(service.name, env.naming.connectionSecret(store));
    // The client and cookie secrets of the service's single sign-on proxy (gitops-apps sso-proxy.ts).
    if (service.ingress?.sso) read(service.name, env.naming.secretName(service.ingress.sso.clientSecret));
  }
  if (enabled.has('kube-prometheus-stack')) {
    const { relativeName, namespace } = ADDON_ADMIN_SECRETS.grafana;
    read(namespace, env.naming.secretName(relativeName));
    const slack = platform.alerting.slack;
    if (slack) read(namespace, env.naming.secretName(slack.webhookSecret));
  }
  if (enabled.has('keycloak')) {
    const { relativeName, namespace } = ADDON_ADMIN_SECRETS.keycloak;
    read(namespace, env.naming.secretName(relativeName));
    if (env.postgres) read(namespace, env.naming.connectionSecret('postgres'));
  }
  if (enabled.has('loki')) {
    const { relativeName, namespace } = ADDON_ADMIN_SECRETS.loki;
    read(namespace, env.naming.secretName(relativeName));
    for (const [addon, clientNamespace] of Object.entries(LOKI_CLIENT_NAMESPACES)) {
      if (enabled.has(addon as keyof typeof LOKI_CLIENT_NAMESPACES)) read(clientNamespace, env.naming.secretName(relativeName));
    }
  }
  // The oauth2-proxy add-on configured for the platform's single sign-on provider.
  if (enabled.has('oauth2-proxy') && platform.sso) read(ADDON_CATALOG['oauth2-proxy'].namespace, env.naming.secretName(platform.sso.clientSecret));
  // Grafana's and Argo CD's OAuth client secret (sso-platform-tools.ts); the managed Argo CD signs in with Identity Center.
  if (enabled.has('kube-prometheus-stack') && grafanaUsesSso(platform.sso)) read(ADDON_CATALOG['kube-prometheus-stack'].namespace, env.naming.secretName(platform.sso.clientSecret));
  if (platform.sso && !usesArgoCdCapability(platform)) read(ARGOCD_NAMESPACE, env.naming.secretName(platform.sso.clientSecret));
  // Registry credentials of private chart repositories, made into Argo CD repository Secrets in Argo CD's namespace.
  for (const chart of env.charts ?? []) if (chart.credentialsSecret) read(ARGOCD_NAMESPACE, chart.credentialsSecret);
  return [...byNamespace.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([namespace, names]) => ({ namespace, secrets: [...names].sort(), ownedPrefix: `${env.naming.secretsPrefix()}${namespace}/` }));
}

/** IAM role that the SecretStore of `namespace` assumes: `<org>-<env>-secrets-<namespace>`. */
export function secretsReaderRoleName(naming: EnvironmentNaming, namespace: string): string {
  return naming.name('iam-role', `secrets-${namespace}`);
}

/** ARN of that role, known before it exists (SecretStores are rendered before `terraform apply`). */
export function secretsReaderRoleArn(env: ResolvedEnvironment, namespace: string): string {
  return `arn:aws:iam::${env.account}:role/${secretsReaderRoleName(env.naming, namespace)}`;
}
