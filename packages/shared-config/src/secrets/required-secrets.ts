import { ADDON_ADMIN_SECRETS } from './secret-readers';
import { usesArgoCdCapability } from '../bridge/argocd-capability';
import type { ResolvedEnvironment, ResolvedPlatform } from '../resolve/resolved-platform';
import { grafanaUsesSso } from '../resolve/sso-platform-tools';

/**
 * A Secrets Manager secret that the config references and that the user creates before the first deployment of an
 * environment. Secrets that Terraform creates itself (the data stores' connection secrets) are not listed.
 */
export interface RequiredSecret {
  /** Full Secrets Manager name, such as `northwind/dev/api/jwt` (the environment's prefix included). */
  readonly name: string;
  /**
   * JSON keys the readers take from the secret string, sorted. Empty when every reader takes the whole secret string
   * (a plain value, not a JSON object).
   */
  readonly keys: readonly string[];
  /** Who reads it, such as `service api (JWT_SIGNING_KEY)`, in config order. */
  readonly usedBy: readonly string[];
  /** One line on what the secret holds. */
  readonly description: string;
}

/** One read of a secret, as the rendered manifests do it (the ExternalSecret's `remoteRef`). */
interface SecretRead {
  readonly name: string;
  /** `remoteRef.property`; undefined when the whole secret string is read. */
  readonly key?: string;
  readonly usedBy: string;
  readonly description: string;
}

/**
 * The secrets the user must create for one environment, sorted by name, one entry per secret with the union of the keys
 * its readers need. Mirrors what gitops-apps renders: service secrets are read through External Secrets (when the
 * add-on is on, which validation requires for services with secrets), the Slack webhook by Alertmanager's
 * ExternalSecret (when kube-prometheus-stack is on), the GitOps repository credentials by Terraform (the platform stack
 * copies them into ArgoCD).
 */
export function requiredSecrets(platform: ResolvedPlatform, environment: string): RequiredSecret[] {
  const env = platform.environments.find((e) => e.name === environment);
  if (!env) {
    throw new Error(`unknown environment '${environment}' (known: ${platform.environments.map((e) => e.name).join(', ')})`);
  }
  return merge(secretReads(platform, env));
}

function secretReads(platform: ResolvedPlatform, env: ResolvedEnvironment): SecretRead[] {
  const enabled = new Set(env.addons.map((a) => a.name));
  const reads: SecretRead[] = [];
  if (enabled.has('external-secrets')) {
    for (const service of env.services) {
      for (const ref of service.secrets) {
        reads.push({
          name: ref.secretName,
          key: ref.key,
          usedBy: `service ${service.name} (${ref.envVar}${ref.key === undefined ? ', whole value' : ''})`,
          description: `Application secret of service ${service.name}`,
        });
      }
    }
  }
  const slack = platform.alerting.slack;
  if (slack && enabled.has('kube-prometheus-stack')) {
    reads.push({
      name: env.naming.secretName(slack.webhookSecret),
      usedBy: `alerting (Slack receiver ${slack.channel} of Alertmanager)`,
      description: 'Slack incoming webhook URL (https://hooks.slack.com/services/...), stored as a plain string',
    });
  }
  // Admin credentials of add-ons, never the charts' defaults: read by External Secrets in the add-on's namespace.
  if (enabled.has('external-secrets')) {
    const admins = [
      ...(enabled.has('kube-prometheus-stack') ? [{ ...ADDON_ADMIN_SECRETS.grafana, usedBy: 'grafana (admin login of kube-prometheus-stack)', what: 'Grafana' }] : []),
      ...(enabled.has('keycloak') ? [{ ...ADDON_ADMIN_SECRETS.keycloak, usedBy: 'keycloak (bootstrap admin)', what: 'Keycloak' }] : []),
      ...(enabled.has('loki') ? [{ ...ADDON_ADMIN_SECRETS.loki, usedBy: 'loki (gateway basic auth; also read by alloy and grafana)', what: 'Loki gateway basic-auth' }] : []),
    ];
    for (const admin of admins) {
      for (const key of admin.keys) {
        reads.push({
          name: env.naming.secretName(admin.relativeName),
          key,
          usedBy: admin.usedBy,
          description: `${admin.what} ${admin.what.endsWith('basic-auth') ? 'user' : 'admin user'} name and a generated password (JSON keys ${admin.keys.join(', ')})`,
        });
      }
    }
  }
  // Single sign-on: the proxy in front of each `ingress.auth: 'sso'` service reads the client and cookie secrets.
  const ssoUsers = enabled.has('external-secrets') && platform.sso
    ? [...env.services.filter((s) => s.ingress?.sso).map((s) => s.name), ...(enabled.has('oauth2-proxy') ? ['the oauth2-proxy add-on'] : [])]
    : [];
  // Grafana and the self-managed Argo CD sign in with the same provider: they read the client secret only.
  const ssoClients = enabled.has('external-secrets') && platform.sso
    ? [...(enabled.has('kube-prometheus-stack') && grafanaUsesSso(platform.sso) ? ['grafana'] : []), ...(usesArgoCdCapability(platform) ? [] : ['argocd'])]
    : [];
  const ssoReaders = [...(ssoUsers.length > 0 ? [`oauth2-proxy of ${ssoUsers.join(', ')}`] : []), ...ssoClients];
  for (const key of ssoUsers.length > 0 ? ['client-secret', 'cookie-secret'] : ssoClients.length > 0 ? ['client-secret'] : []) {
    reads.push({
      name: env.naming.secretName(platform.sso!.clientSecret),
      key,
      usedBy: `sso (${ssoReaders.join('; ')})`,
      description: 'OAuth client secret from the provider, and a cookie secret of 32 random bytes (openssl rand -base64 32 | head -c 32)',
    });
  }
  // Private chart registries of `chart` entries: an Argo CD repository Secret made by External Secrets in Argo CD's namespace.
  for (const chart of enabled.has('external-secrets') ? env.charts ?? [] : []) {
    for (const key of chart.credentialsSecret ? ['password', 'username'] : []) {
      reads.push({
        name: chart.credentialsSecret!,
        key,
        usedBy: `${chart.name} (Argo CD repository credentials for ${chart.repoUrl})`,
        description: 'User name and password (or token) of the private Helm registry (JSON keys password, username)',
      });
    }
  }
  const credentials = platform.gitops.credentialsSecret;
  if (credentials) {
    // Read by Terraform in `<env>-platform` (not External Secrets), under the name as written: no environment prefix.
    const ssh = SSH_URL.test(platform.gitops.repoUrl);
    for (const key of ssh ? ['sshPrivateKey'] : ['githubAppID', 'githubAppInstallationID', 'githubAppPrivateKey']) {
      reads.push({
        name: credentials,
        key,
        usedBy: `gitops (ArgoCD repository credentials for ${platform.gitops.repoUrl})`,
        description: ssh
          ? 'Deploy key of the GitOps repository (the private key, PEM text)'
          : 'GitHub App that reads the GitOps repository: app id, installation id and private key (PEM text)',
      });
    }
  }
  return reads;
}

/** Git over SSH (`ssh://…` or scp-like `git@host:…`) authenticates with a deploy key; https with a GitHub App. */
const SSH_URL = /^(?:ssh:\/\/|git@)/;

function merge(reads: readonly SecretRead[]): RequiredSecret[] {
  const byName = new Map<string, { keys: Set<string>; usedBy: string[]; descriptions: string[] }>();
  for (const read of reads) {
    const entry = byName.get(read.name) ?? { keys: new Set<string>(), usedBy: [], descriptions: [] };
    byName.set(read.name, entry);
    if (read.key !== undefined) entry.keys.add(read.key);
    if (!entry.usedBy.includes(read.usedBy)) entry.usedBy.push(read.usedBy);
    if (!entry.descriptions.includes(read.description)) entry.descriptions.push(read.description);
  }
  return [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, entry]) => ({
      name,
      keys: [...entry.keys].sort(),
      usedBy: entry.usedBy,
      description: entry.descriptions.join('; '),
    }));
}
