import { ADDON_ADMIN_SECRETS, ADDON_CATALOG } from '@paved/shared-config';
import { type AddonSpec, resources } from './addon';
import { emit } from '../emit';
import { KEYCLOAK_DB_SECRET, keycloakDatabaseSecret, keycloakRdsCaValues } from './keycloak-database';
import { EXTERNAL_SECRETS_API_VERSION, type ExternalSecretV1, namespaceSecretStore } from './security';
import { INGRESS_CLASS, SECRET_STORE } from '../platform/names';
import { ALB_LISTEN_PORTS } from '../services/ingress';

/**
 * Annotations of an add-on's Ingress on the environment's shared ALB (the `alb` class's IngressClassParams set the group,
 * scheme, TLS policy and redirect): pods as IP targets, health-checked on `healthPath`; TLS from ACM by host.
 */
function albAnnotations(healthPath: string): Record<string, string> {
  return {
    'alb.ingress.kubernetes.io/listen-ports': ALB_LISTEN_PORTS,
    'alb.ingress.kubernetes.io/target-type': 'ip',
    'alb.ingress.kubernetes.io/healthcheck-path': healthPath,
  };
}

/**
 * Secret with Keycloak's bootstrap admin (KC_BOOTSTRAP_ADMIN_*, Keycloak 26), filled by External Secrets from
 * `<org>/<env>/keycloak/admin`: never a default password.
 */
const KEYCLOAK_ADMIN_SECRET = 'keycloak-admin';
const KEYCLOAK_ADMIN_ENV: Readonly<Record<string, string>> = {
  KC_BOOTSTRAP_ADMIN_USERNAME: 'username',
  KC_BOOTSTRAP_ADMIN_PASSWORD: 'password',
};

/**
 * keycloakx chart (keys checked at codecentric keycloakx-7.1.11, Keycloak 26.5.6; Quarkus Keycloak): production mode behind the ingress;
 * its database is the environment's
 * PostgreSQL, whose connection details reach it as KC_DB_* variables from an ExternalSecret.
 */
export const keycloak: AddonSpec = {
  name: 'keycloak',
  values: ({ env, production }) => ({
    replicas: production ? 2 : 1,
    // Strict hostname (hostname v2): tokens and redirects always name https://auth.<domain>, whatever Host header a
    // request carries; TLS ends at the ingress, which forwards X-Forwarded-* headers.
    command: [
      '/opt/keycloak/bin/kc.sh', 'start', '--http-enabled=true', '--http-port=8080',
      `--hostname=https://auth.${env.domain}`, '--hostname-strict=true', '--proxy-headers=xforwarded',
    ],
    http: { relativePath: '/' },
    database: { vendor: 'postgres' },
    extraEnvFrom: `- secretRef:\n    name: ${KEYCLOAK_DB_SECRET}\n- secretRef:\n    name: ${KEYCLOAK_ADMIN_SECRET}\n`,
    ...(env.postgres ? keycloakRdsCaValues(env) : {}),
    ingress: {
      enabled: true,
      ingressClassName: INGRESS_CLASS,
      annotations: albAnnotations('/health/ready'),
      rules: [{ host: `auth.${env.domain}`, paths: [{ path: '/', pathType: 'Prefix' }] }],
      // No secret: the ALB terminates TLS with the ACM certificate it discovers for the host.
      tls: [{ hosts: [`auth.${env.domain}`] }],
    },
    resources: resources('250m', '512Mi', '1Gi'),
  }),
  configuration: {
    // With Keycloak itself, whose Application creates the namespace; retries cover the moment before it exists.
    wave: 'edge',
    options: { skipDryRunOnMissingResource: true },
    render(scope, { env, labels }) {
      const namespace = ADDON_CATALOG.keycloak.namespace;
      emit(scope, namespaceSecretStore(env, namespace, labels));
      const secret = (name: string, remoteKey: string, vars: Readonly<Record<string, string>>): ExternalSecretV1 => ({
        apiVersion: EXTERNAL_SECRETS_API_VERSION,
        kind: 'ExternalSecret',
        metadata: { name, namespace, labels: { ...labels } },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { kind: 'SecretStore', name: SECRET_STORE },
          target: { name, creationPolicy: 'Owner' },
          data: Object.entries(vars).map(([secretKey, property]) => ({ secretKey, remoteRef: { key: remoteKey, property } })),
        },
      });
      emit(scope, secret(KEYCLOAK_ADMIN_SECRET, env.naming.secretName(ADDON_ADMIN_SECRETS.keycloak.relativeName), KEYCLOAK_ADMIN_ENV));
      // Its own database role, never the master user (created by the db-provisioner Job).
      if (env.postgres) emit(scope, keycloakDatabaseSecret(env, labels));
    },
  },
};

/**
 * kong chart (keys checked at kong-2.47.0): DB-less gateway in front of services, its own LoadBalancer disabled (traffic
 * comes through the ALB). Kept: Kong/charts and Kong Gateway OSS 3.9 are still maintained (3.9.2, 2026-06-04, Kong/kong#14833
 * "two cumulative patches per year"), though OSS gets no new feature releases.
 */
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
