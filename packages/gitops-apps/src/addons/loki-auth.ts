import { ADDON_ADMIN_SECRETS, ADDON_CATALOG, LOKI_CLIENT_NAMESPACES, type ResolvedEnvironment } from '@paved/shared-config';
import { EXTERNAL_SECRETS_API_VERSION, type ExternalSecretV1 } from './security';
import { SECRET_STORE } from '../platform/names';
import type { Manifest } from '../yaml';

/** Loki tenant (X-Scope-OrgID) of an environment's logs: writers (Alloy) and readers (Grafana) send the same. */
export const LOKI_TENANT = (environment: string): string => environment;

/** The Loki gateway Service: the only way in, behind basic auth. */
export const LOKI_GATEWAY_URL = `http://loki-gateway.${ADDON_CATALOG.loki.namespace}.svc.cluster.local`;

/** Secret in Loki's namespace with the gateway's `.htpasswd` (the chart's `gateway.basicAuth.existingSecret`). */
export const LOKI_GATEWAY_HTPASSWD_SECRET = 'loki-gateway-htpasswd';

/** Secret with the gateway user (`username`, `password`) in each client namespace (alloy, monitoring). */
export const LOKI_CLIENT_SECRET = 'loki-gateway-client';

function lokiUserSecret(env: ResolvedEnvironment): string {
  return env.naming.secretName(ADDON_ADMIN_SECRETS.loki.relativeName);
}

/**
 * The gateway's htpasswd, made by External Secrets from the user in Secrets Manager (`<org>/<env>/loki/gateway`, keys
 * username and password): the password never reaches Git, and the file holds a bcrypt hash only.
 */
export function lokiGatewayHtpasswd(env: ResolvedEnvironment, labels: Readonly<Record<string, string>>): ExternalSecretV1 {
  const key = lokiUserSecret(env);
  return {
    apiVersion: EXTERNAL_SECRETS_API_VERSION,
    kind: 'ExternalSecret',
    metadata: { name: LOKI_GATEWAY_HTPASSWD_SECRET, namespace: ADDON_CATALOG.loki.namespace, labels: { ...labels } },
    spec: {
      // bcrypt salts differ on every render: refresh rarely, the gateway reads the file on each request anyway.
      refreshInterval: '24h',
      secretStoreRef: { kind: 'SecretStore', name: SECRET_STORE },
      target: {
        name: LOKI_GATEWAY_HTPASSWD_SECRET,
        creationPolicy: 'Owner',
        template: { engineVersion: 'v2', type: 'Opaque', data: { '.htpasswd': '{{ htpasswd .username .password "bcrypt" }}' } },
      },
      data: ['username', 'password'].map((property) => ({ secretKey: property, remoteRef: { key, property } })),
    },
  };
}

/** The same gateway user for a client of Loki (Alloy writes, Grafana reads), in the client's namespace. */
export function lokiClientSecret(env: ResolvedEnvironment, namespace: string, labels: Readonly<Record<string, string>>): ExternalSecretV1 {
  const key = lokiUserSecret(env);
  return {
    apiVersion: EXTERNAL_SECRETS_API_VERSION,
    kind: 'ExternalSecret',
    metadata: { name: LOKI_CLIENT_SECRET, namespace, labels: { ...labels } },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'SecretStore', name: SECRET_STORE },
      target: { name: LOKI_CLIENT_SECRET, creationPolicy: 'Owner' },
      data: ['username', 'password'].map((property) => ({ secretKey: property, remoteRef: { key, property } })),
    },
  };
}

/**
 * Who may reach Loki's pods: its own namespace (gateway to Loki, Loki's own components), the log writer (alloy) and the
 * readers (monitoring: Grafana, and Prometheus scraping Loki's metrics). Everything else is dropped before the
 * gateway's basic auth is even asked.
 */
export function lokiNetworkPolicy(labels: Readonly<Record<string, string>>): Manifest {
  const namespace = ADDON_CATALOG.loki.namespace;
  const from = [namespace, ...Object.values(LOKI_CLIENT_NAMESPACES)].map((name) => ({
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } },
  }));
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'loki-clients-only', namespace, labels: { ...labels } },
    spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from }] },
  } as unknown as Manifest;
}
