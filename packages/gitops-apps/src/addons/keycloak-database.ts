import type { IExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ExternalSecret';
import { ADDON_CATALOG, KEYCLOAK_DATABASE_ROLE, databasePasswordSecret, type ResolvedEnvironment } from '@paved/shared-config';
import { SECRET_STORE } from '../platform/names';

/** Secret with Keycloak's KC_DB_* variables. */
export const KEYCLOAK_DB_SECRET = 'keycloak-database';

/**
 * Keycloak's database settings: its own role and database (`KEYCLOAK_DATABASE_ROLE`, created by the `db-provisioner`
 * Job), host and port from the environment's PostgreSQL connection secret, and the role's password from the secret
 * Terraform writes write-only under the keycloak namespace's own prefix. Never the master user.
 */
export function keycloakDatabaseSecret(env: ResolvedEnvironment, labels: Readonly<Record<string, string>>): IExternalSecret {
  const namespace = ADDON_CATALOG.keycloak.namespace;
  const connection = env.naming.connectionSecret('postgres');
  return {
    apiVersion: 'external-secrets.io/v1beta1',
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
