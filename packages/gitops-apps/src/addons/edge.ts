import { type AddonSpec, resources } from './addon';
import { INGRESS_CLASS, CLUSTER_ISSUER } from '../platform/names';

/** keycloakx chart (Quarkus Keycloak): production mode behind the ingress, database from the environment's Postgres. */
export const keycloak: AddonSpec = {
  name: 'keycloak',
  values: ({ env, production }) => ({
    replicas: production ? 2 : 1,
    command: ['/opt/keycloak/bin/kc.sh', 'start', '--http-port=8080', '--hostname-strict=false'],
    http: { relativePath: '/' },
    database: { vendor: 'postgres', existingSecret: 'keycloak-database' },
    ingress: {
      enabled: true,
      ingressClassName: INGRESS_CLASS,
      annotations: { 'cert-manager.io/cluster-issuer': CLUSTER_ISSUER },
      rules: [{ host: `auth.${env.domain}`, paths: [{ path: '/', pathType: 'Prefix' }] }],
      tls: [{ hosts: [`auth.${env.domain}`], secretName: 'keycloak-tls' }],
    },
    resources: resources('250m', '512Mi', '1Gi'),
  }),
};

/** kong chart: DB-less gateway in front of services, its own LoadBalancer disabled (traffic comes through ingress). */
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

/** oauth2-proxy chart: single sign-on in front of internal tools, secrets from an existing Secret. */
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
