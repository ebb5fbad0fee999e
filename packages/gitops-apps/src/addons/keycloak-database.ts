import { ADDON_CATALOG, KEYCLOAK_DATABASE_ROLE, POSTGRES_SSL_MODE, databasePasswordSecret, rdsRegionalCaBundleUrl, type ResolvedEnvironment } from '@paved/shared-config';
import { stringify } from 'yaml';
import { EXTERNAL_SECRETS_API_VERSION, type ExternalSecretV1 } from './security';
import { SECRET_STORE } from '../platform/names';
import { DB_PROVISIONER_IMAGES } from '../services/db-provisioner';

/** Secret with Keycloak's KC_DB_* variables. */
export const KEYCLOAK_DB_SECRET = 'keycloak-database';

/** Where Keycloak's pod finds the RDS certificate authorities (an emptyDir filled by an init container). */
const RDS_CA_DIR = '/opt/rds-ca';
const RDS_CA_FILE = `${RDS_CA_DIR}/rds-ca.pem`;

/**
 * keycloakx values that give Keycloak the RDS certificate authorities for `sslmode=verify-full`: the vendor image
 * does not carry them, so an init container fetches the region's bundle into a volume Keycloak mounts read-only.
 * The chart takes these three keys as YAML strings.
 */
export function keycloakRdsCaValues(env: ResolvedEnvironment): Record<string, string> {
  const initContainer = {
    name: 'rds-ca',
    image: DB_PROVISIONER_IMAGES.awsCli,
    imagePullPolicy: 'IfNotPresent',
    command: ['curl', '-fsS', '--retry', '5', '-o', RDS_CA_FILE, rdsRegionalCaBundleUrl(env.region)],
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 1000,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
    volumeMounts: [{ name: 'rds-ca', mountPath: RDS_CA_DIR }],
  };
  return {
    extraInitContainers: stringify([initContainer]),
    extraVolumes: stringify([{ name: 'rds-ca', emptyDir: { sizeLimit: '1Mi' } }]),
    extraVolumeMounts: stringify([{ name: 'rds-ca', mountPath: RDS_CA_DIR, readOnly: true }]),
  };
}

/**
 * Keycloak's database settings: its own role and database (`KEYCLOAK_DATABASE_ROLE`, created by the `db-provisioner`
 * Job), host and port from the environment's PostgreSQL connection secret, and the role's password from the secret
 * Terraform writes write-only under the keycloak namespace's own prefix. Never the master user.
 */
export function keycloakDatabaseSecret(env: ResolvedEnvironment, labels: Readonly<Record<string, string>>): ExternalSecretV1 {
  const namespace = ADDON_CATALOG.keycloak.namespace;
  const connection = env.naming.connectionSecret('postgres');
  return {
    apiVersion: EXTERNAL_SECRETS_API_VERSION,
    kind: 'ExternalSecret',
    metadata: { name: KEYCLOAK_DB_SECRET, namespace, labels: { ...labels } },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'SecretStore', name: SECRET_STORE },
      target: {
        name: KEYCLOAK_DB_SECRET,
        creationPolicy: 'Owner',
        template: {
          engineVersion: 'v2',
          type: 'Opaque',
          data: {
            KC_DB_URL_HOST: '{{ .host }}',
            KC_DB_URL_PORT: '{{ .port }}',
            KC_DB_URL_DATABASE: KEYCLOAK_DATABASE_ROLE,
            // pgjdbc: TLS with the RDS authorities and the host name checked, as every client of the platform.
            KC_DB_URL_PROPERTIES: `?sslmode=${POSTGRES_SSL_MODE}&sslrootcert=${RDS_CA_FILE}`,
            KC_DB_USERNAME: KEYCLOAK_DATABASE_ROLE,
            KC_DB_PASSWORD: '{{ .password }}',
          },
        },
      },
      data: [
        { secretKey: 'host', remoteRef: { key: connection, property: 'host' } },
        { secretKey: 'port', remoteRef: { key: connection, property: 'port' } },
        { secretKey: 'password', remoteRef: { key: databasePasswordSecret(env.naming, namespace) } },
      ],
    },
  };
}
