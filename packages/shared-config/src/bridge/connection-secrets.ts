/**
 * What the data-store connection secrets hold. platform-infra writes one Secrets Manager secret per data store and
 * environment, named `EnvironmentNaming.connectionSecret(store)`, whose secret string is a JSON object with exactly
 * these keys; gitops-apps reads them through External Secrets and hands them to the services that declare the store in
 * `dependsOn`. Defined here so that writer and reader cannot drift apart.
 */
export const CONNECTION_SECRET_KEYS = {
  /**
   * RDS PostgreSQL: endpoint address, port (as a string), database name and the credentials. The password is drawn by
   * Secrets Manager at apply time and lives in this secret, which is the one place services and RDS read it from.
   */
  postgres: ['host', 'port', 'database', 'username', 'password'],
  /** ElastiCache Redis (TLS in transit): primary endpoint address, port (as a string) and the AUTH token. */
  redis: ['host', 'port', 'auth_token'],
} as const;

export type ConnectionSecretStore = keyof typeof CONNECTION_SECRET_KEYS;
export type ConnectionSecretKey<S extends ConnectionSecretStore> = (typeof CONNECTION_SECRET_KEYS)[S][number];
