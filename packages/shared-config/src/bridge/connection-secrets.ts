/**
 * What the data-store connection secrets hold. platform-infra writes one Secrets Manager secret per data store and
 * environment, named `EnvironmentNaming.connectionSecret(store)`, whose secret string is a JSON object with exactly
 * these keys; gitops-apps reads them through External Secrets and hands them to the services that declare the store in
 * `dependsOn`. Defined here so that writer and reader cannot drift apart.
 */
export const CONNECTION_SECRET_KEYS = {
  /**
   * RDS PostgreSQL: endpoint address and port (as a string). No credentials: services log in with IAM database
   * authentication as their own role (`databaseRole`), and the master secret is RDS's own (`manage_master_user_password`).
   * Terraform rewrites the value whenever the instance changes, so a replaced database is followed.
   */
  postgres: ['host', 'port'],
  /** ElastiCache Redis (TLS in transit): primary endpoint address and port (as a string). Users authenticate with IAM. */
  redis: ['host', 'port'],
  /**
   * Amazon MSK: the IAM (SASL/IAM, TLS, port 9098) bootstrap broker string, `host:port,host:port,...`. Not a secret,
   * but known only after apply, so it travels like the other endpoints; services get it as `KAFKA_BOOTSTRAP_SERVERS`.
   */
  kafka: ['bootstrapServers'],
} as const;

export type ConnectionSecretStore = keyof typeof CONNECTION_SECRET_KEYS;
export type ConnectionSecretKey<S extends ConnectionSecretStore> = (typeof CONNECTION_SECRET_KEYS)[S][number];
