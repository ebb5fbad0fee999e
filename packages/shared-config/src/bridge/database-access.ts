import type { EnvironmentNaming } from '../naming/naming';

/**
 * How services reach the environment's data stores without a password anywhere: the contract between platform-infra
 * (which creates the IAM policies, ElastiCache users and per-role password secrets) and gitops-apps (which renders the
 * services' connection variables and the `db-provisioner` Job that creates the database roles).
 *
 * - PostgreSQL: every service that declares `postgres` gets its own login role and database, both named
 *   `databaseRole(service)`, created by the `db-provisioner` Job (the one workload that can read the RDS-managed master
 *   secret). Services log in with IAM database authentication (the role is granted `rds_iam`; their Pod Identity role
 *   may `rds-db:connect` as that user only), so no password exists for them.
 * - Keycloak cannot sign IAM tokens: its role `KEYCLOAK_DATABASE_ROLE` logs in with a password that Terraform writes
 *   to `databasePasswordSecret(naming, namespace)` through a write-only argument (never in state) and the provisioner sets.
 * - Redis: ElastiCache RBAC with IAM authentication; each service gets the user `redisUser(naming, service)`.
 */

/** Namespace and service account of the provisioning Job; the only Pod Identity allowed to read the master secret. */
export const DB_PROVISIONER = { namespace: 'db-provisioner', serviceAccount: 'db-provisioner' } as const;

/** Database role (and database) of Keycloak, which logs in with a password. */
export const KEYCLOAK_DATABASE_ROLE = 'keycloak';

/**
 * Where PostgreSQL clients find the RDS certificate authorities for `sslmode=verify-full`: the service image carries
 * the RDS bundle (https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem) at this path.
 */
export const RDS_CA_BUNDLE_PATH = '/etc/ssl/certs/rds-global-bundle.pem';

/** The SSL mode every PostgreSQL client of the platform uses: encrypted, certificate and host name verified. */
export const POSTGRES_SSL_MODE = 'verify-full';

/**
 * The RDS certificate authorities of one region, for clients whose image Paved does not build (Keycloak, the
 * db-provisioner): fetched at pod start from AWS's trust store, so a CA rotation needs no new image.
 */
export function rdsRegionalCaBundleUrl(region: string): string {
  return `https://truststore.pki.rds.amazonaws.com/${region}/${region}-bundle.pem`;
}

/**
 * PostgreSQL role and database of a service: its name with `-` as `_`, so that SQL needs no quoting. Service names
 * are DNS labels (lowercase letters, digits, `-`), which keeps the result a valid unquoted identifier.
 */
export function databaseRole(service: string): string {
  return service.replace(/-/g, '_');
}

/**
 * Secrets Manager secret holding the database password of a password-authenticated client (Keycloak), under the
 * prefix its namespace owns (`<org>/<env>/<namespace>/`), so that namespace's secret reader role covers it.
 */
export function databasePasswordSecret(naming: EnvironmentNaming, namespace: string): string {
  return naming.secretName(`${namespace}/database-password`);
}

/**
 * ElastiCache user of a service: IAM authentication needs the user id and the user name to be equal, and user ids are
 * unique per account and region, hence the environment prefix.
 */
export function redisUser(naming: EnvironmentNaming, service: string): string {
  return naming.name('elasticache-replication-group', `redis-${service}`);
}
