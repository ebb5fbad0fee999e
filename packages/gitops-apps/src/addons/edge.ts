import type { IExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ExternalSecret';
import { ADDON_CATALOG } from '@paved/shared-config';
import { type AddonSpec, resources } from './addon';
import { emit } from '../emit';
import { CLUSTER_ISSUER, CLUSTER_SECRET_STORE, INGRESS_CLASS } from '../platform/names';

/** Secret with Keycloak's KC_DB_* variables, filled by External Secrets from the environment's Postgres connection secret. */
const KEYCLOAK_DB_SECRET = 'keycloak-database';
const KEYCLOAK_DB_ENV: Readonly<Record<string, string>> = {
  KC_DB_URL_HOST: 'host',
  KC_DB_URL_PORT: 'port',
  KC_DB_URL_DATABASE: 'database',
  KC_DB_USERNAME: 'username',
  KC_DB_PASSWORD: 'password',
};

/**
 * keycloakx chart (keys checked at codecentric keycloakx-7.0.1; Quarkus Keycloak): production mode behind the ingress;
 * its database is the environment's
 * PostgreSQL, whose connection details reach it as KC_DB_* variables from an ExternalSecret.
 */
export const keycloak: AddonSpec = {
  name: 'keycloak',
  values: ({ env, production }) => ({
    replicas: production ? 2 : 1,
    command: ['/opt/keycloak/bin/kc.sh', 'start', '--http-port=8080', '--hostname-strict=false'],
    http: { relativePath: '/' },
    database: { vendor: 'postgres' },
    extraEnvFrom: `- secretRef:\n    name: ${KEYCLOAK_DB_SECRET}\n`,
    ingress: {
      enabled: true,
      ingressClassName: INGRESS_CLASS,
      annotations: { 'cert-manager.io/cluster-issuer': CLUSTER_ISSUER },
      rules: [{ host: `auth.${env.domain}`, paths: [{ path: '/', pathType: 'Prefix' }] }],
      tls: [{ hosts: [`auth.${env.domain}`], secretName: 'keycloak-tls' }],
    },
    resources: resources('250m', '512Mi', '1Gi'),
  }),
  configuration: {
    // With Keycloak itself, whose Application creates the namespace; retries cover the moment before it exists.
    wave: 'edge',
    options: { skipDryRunOnMissingResource: true },
    render(scope, { env, labels }) {
      if (!env.postgres) return;
      const secret: IExternalSecret = {
        apiVersion: 'external-secrets.io/v1beta1',
        kind: 'ExternalSecret',
        metadata: { name: KEYCLOAK_DB_SECRET, namespace: ADDON_CATALOG.keycloak.namespace, labels: { ...labels } },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { kind: 'ClusterSecretStore', name: CLUSTER_SECRET_STORE },
          target: { name: KEYCLOAK_DB_SECRET, creationPolicy: 'Owner' },
          data: Object.entries(KEYCLOAK_DB_ENV).map(([secretKey, property]) => ({
            secretKey,
            remoteRef: { key: env.naming.connectionSecret('postgres'), property },
          })),
        },
      };
      emit(scope, secret);
    },
  },
};

/** kong chart (keys checked at kong-2.47.0): DB-less gateway in front of services, its own LoadBalancer disabled (traffic comes through ingress). */
export const kong: AddonSpec = {
  name: 'kong',
  values: ({ production }) => ({
    replicaCount: production ? 2 : 1,
    env: { database: 'off' },
    ingressController: { enabled: true, ingressClass: 'kong' },
    proxy: { type: 'ClusterIP' },
    admin: { enabled: false },
    resources: resources('100m', '256Mi', '512Mi'),
  }),
};

/** oauth2-proxy chart (keys checked at oauth2-proxy-7.10.2): single sign-on in front of internal tools, secrets from an existing Secret. */
export const oauth2Proxy: AddonSpec = {
  name: 'oauth2-proxy',
  values: ({ env, production }) => ({
    replicaCount: production ? 2 : 1,
    config: { existingSecret: 'oauth2-proxy' },
    ingress: {
      enabled: true,
      className: INGRESS_CLASS,
      annotations: { 'cert-manager.io/cluster-issuer': CLUSTER_ISSUER },
      hosts: [`sso.${env.domain}`],
      tls: [{ hosts: [`sso.${env.domain}`], secretName: 'oauth2-proxy-tls' }],
    },
    resources: resources('50m', '64Mi', '128Mi'),
  }),
};
