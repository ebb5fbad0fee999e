import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import {
  ADDON_CATALOG,
  DB_PROVISIONER,
  KEYCLOAK_DATABASE_ROLE,
  databasePasswordSecret,
  databaseRole,
  redisUser,
  type ConnectionSecretKey,
  type ConnectionSecretStore,
  type ResolvedEnvironment,
  type ResolvedPlatform,
} from '@paved/shared-config';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import type { ClusterStack } from './cluster-stack';
import type { NetworkRefs } from './network-stack';
import { PavedStack } from './paved-stack';
import { StageDataAccess, stageRedisUsers } from './stage-access';
import { PodIdentityRole } from '../constructs/cluster/pod-identity-role';
import { EnvironmentBackup } from '../constructs/data/backup-plan';
import { DatabasePasswordSecret } from '../constructs/data/database-password-secret';
import { KafkaCluster } from '../constructs/data/kafka-cluster';
import { POSTGRES_PORT, PostgresDatabase } from '../constructs/data/postgres-database';
import { REDIS_PORT, RedisCache } from '../constructs/data/redis-cache';
import type { PolicyStatement } from '../constructs/iam/policy-document';
import { EncryptionKey } from '../constructs/kms/encryption-key';

export interface DataStackProps {
  readonly platform: ResolvedPlatform;
  readonly environment: ResolvedEnvironment;
  readonly network: NetworkRefs;
  /** The cluster whose security group is the only client admitted, and whose secrets key encrypts the data. */
  readonly cluster: ClusterStack;
}

/**
 * `<env>-data`: PostgreSQL, Redis and Kafka (MSK) (each optional), their connection details in Secrets Manager (host and port: the
 * contract in shared-config), the Pod Identity role of every service that uses them, the role of the `db-provisioner`
 * Job, and the environment's AWS Backup vault and plan.
 *
 * No credential of any data store is in this stack's configuration or state: RDS owns the master password, services
 * log in to PostgreSQL and Redis with IAM (their roles may connect as their own user only), and the one password that
 * exists (Keycloak's) is written write-only.
 */
export class DataStack extends PavedStack {
  readonly postgres?: PostgresDatabase;
  readonly redis?: RedisCache;
  /** Amazon MSK, when the environment sets `data.kafka`. */
  readonly kafka?: KafkaCluster;
  /** Pod Identity role per service that uses a data store. */
  readonly serviceRoles: ReadonlyMap<string, PodIdentityRole>;
  /** Pod Identity role of the `db-provisioner` Job, the only reader of the master secret. */
  readonly provisionerRole?: PodIdentityRole;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    const env = props.environment;
    super(scope, id, { platform: props.platform, account: env.account, region: env.region, tags: env.tags, environment: env.name });
    const { naming } = env;
    const key: EncryptionKey = props.cluster.secretsKey;
    const eks = props.cluster.cluster.cluster;
    const clientSecurityGroupId = eks.vpcConfig.clusterSecurityGroupId;
    const common = { naming, vpcId: props.network.vpcId, subnetIds: props.network.dataSubnetIds, clientSecurityGroupId, kmsKeyArn: key.arn };
    const uses = (store: ConnectionSecretStore) => env.services.filter((s) => s.dependsOn.includes(store));

    if (env.postgres) {
      this.postgres = new PostgresDatabase(this, 'postgres', {
        ...common,
        account: env.account,
        region: env.region,
        spec: env.postgres,
        finalSnapshot: env.profile === 'production',
      });
      this.connectionSecret(env, 'postgres', { host: this.postgres.instance.address, port: String(POSTGRES_PORT) }, key);
    }
    if (env.redis) {
      this.redis = new RedisCache(this, 'redis', { ...common, spec: env.redis, users: [...uses('redis').map((s) => redisUser(naming, s.name)), ...stageRedisUsers(env)] });
      this.connectionSecret(env, 'redis', { host: this.redis.replicationGroup.primaryEndpointAddress, port: String(REDIS_PORT) }, key);
    }
    if (env.kafka) {
      // Broker logs (provisioned) go to a log group whose key admits CloudWatch Logs, which the secrets key does not.
      const logsKey = env.kafka.mode === 'provisioned'
        ? new EncryptionKey(this, 'kafka-logs-key', {
          alias: naming.kmsAlias('kafka-logs'),
          description: `${naming.prefix} MSK broker logs`,
          account: env.account,
          region: env.region,
          servicePrincipals: ['logs'],
        })
        : undefined;
      this.kafka = new KafkaCluster(this, 'kafka', {
        ...common,
        spec: env.kafka,
        account: env.account,
        region: env.region,
        logsKmsKeyArn: logsKey?.arn,
      });
      this.connectionSecret(env, 'kafka', { bootstrapServers: this.kafka.bootstrapBrokersIam }, key);
    }

    // Each service that uses a data store: its own role, allowed to connect as its own database and cache user only.
    // A service with `awsResources` gets the role even without a data store: its CDK app's resource and key policies
    // name it (@paved/service-constructs grants), and AWS refuses a policy naming a role that does not exist.
    const serviceRoles = new Map<string, PodIdentityRole>();
    for (const service of env.services) {
      const statements: PolicyStatement[] = [];
      if (this.postgres && service.dependsOn.includes('postgres')) statements.push(this.postgres.connectStatement(databaseRole(service.name)));
      if (this.redis && service.dependsOn.includes('redis')) statements.push(this.redis.connectStatement(redisUser(naming, service.name)));
      if (this.kafka && service.kafka) statements.push(...this.kafka.grantTopics(service.name, service.kafka.topics));
      if (statements.length === 0 && !service.awsResources) continue;
      serviceRoles.set(
        service.name,
        new PodIdentityRole(this, `service-${service.name}-identity`, {
          cluster: eks,
          roleName: naming.name('iam-role', `service-${service.name}`),
          namespace: service.name,
          serviceAccount: service.name,
          statements,
        }),
      );
    }
    this.serviceRoles = serviceRoles;
    // The services of the stages on this cluster: their own database and cache users (stage-access.ts).
    if (env.stages) new StageDataAccess(this, 'stages', { cluster: eks, host: env, postgres: this.postgres, redis: this.redis });

    if (this.postgres) {
      const readable = [this.postgres.masterUserSecretArn];
      if (env.addons.some((a) => a.name === 'keycloak')) {
        const keycloak = new DatabasePasswordSecret(this, 'keycloak-database-password', {
          secretName: databasePasswordSecret(naming, ADDON_CATALOG.keycloak.namespace),
          description: `Password of the ${KEYCLOAK_DATABASE_ROLE} database role of ${env.name}`,
          kmsKeyArn: key.arn,
        });
        readable.push(keycloak.secret.arn);
      }
      // The provisioning Job: reads the RDS-managed master secret (and the password secrets it sets), nothing else.
      this.provisionerRole = new PodIdentityRole(this, 'db-provisioner-identity', {
        cluster: eks,
        roleName: naming.name('iam-role', 'db-provisioner'),
        namespace: DB_PROVISIONER.namespace,
        serviceAccount: DB_PROVISIONER.serviceAccount,
        statements: [
          { sid: 'FindMasterSecret', actions: ['rds:DescribeDBInstances'], resources: [this.postgres.instanceArn] },
          { sid: 'ReadDatabaseSecrets', actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: readable },
          {
            sid: 'DecryptDatabaseSecrets',
            actions: ['kms:Decrypt'],
            resources: [key.arn],
            conditions: [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`secretsmanager.${env.region}.amazonaws.com`] }],
          },
        ],
      });
    }
    new EnvironmentBackup(this, 'backup', { naming, environment: env.name, kmsKeyArn: key.arn, retentionDays: env.backups.retentionDays, cluster: eks });
  }

  /**
   * Writes a connection secret: where the store is, no credentials. The value follows the store: a replaced instance
   * rewrites it at the same apply.
   */
  private connectionSecret<S extends ConnectionSecretStore>(
    env: ResolvedEnvironment,
    store: S,
    value: Record<ConnectionSecretKey<S>, string>,
    key: EncryptionKey,
  ): void {
    const secret = new SecretsmanagerSecret(this, `${store}-connection`, {
      name: env.naming.connectionSecret(store),
      description: `Connection details of the ${store} of ${env.name}`,
      kmsKeyId: key.arn,
      recoveryWindowInDays: 7,
    });
    new SecretsmanagerSecretVersion(this, `${store}-connection-value`, {
      secretId: secret.id,
      secretString: Fn.jsonencode(value),
    });
  }
}
