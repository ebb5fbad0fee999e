import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import type { ConnectionSecretKey, ConnectionSecretStore, ResolvedEnvironment, ResolvedPlatform } from '@paved/shared-config';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import type { ClusterStack } from './cluster-stack';
import type { NetworkRefs } from './network-stack';
import { PavedStack } from './paved-stack';
import { EnvironmentBackup } from '../constructs/data/backup-plan';
import { POSTGRES_MASTER_USER, POSTGRES_PORT, PostgresDatabase } from '../constructs/data/postgres-database';
import { REDIS_PORT, RedisCache } from '../constructs/data/redis-cache';
import type { EncryptionKey } from '../constructs/kms/encryption-key';

export interface DataStackProps {
  readonly platform: ResolvedPlatform;
  readonly environment: ResolvedEnvironment;
  readonly network: NetworkRefs;
  /** The cluster whose security group is the only client admitted, and whose secrets key encrypts the data. */
  readonly cluster: ClusterStack;
}

/**
 * `<env>-data`: PostgreSQL and Redis (each optional), their connection secrets in Secrets Manager (the contract in
 * shared-config), and the environment's AWS Backup vault and plan.
 */
export class DataStack extends PavedStack {
  readonly postgres?: PostgresDatabase;
  readonly redis?: RedisCache;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    const env = props.environment;
    super(scope, id, { platform: props.platform, account: env.account, region: env.region, tags: env.tags, environment: env.name });
    const { naming } = env;
    const key: EncryptionKey = props.cluster.secretsKey;
    const clientSecurityGroupId = props.cluster.cluster.cluster.vpcConfig.clusterSecurityGroupId;
    const common = { naming, vpcId: props.network.vpcId, subnetIds: props.network.dataSubnetIds, clientSecurityGroupId, kmsKeyArn: key.arn };

    if (env.postgres) {
      this.postgres = new PostgresDatabase(this, 'postgres', { ...common, spec: env.postgres, finalSnapshot: env.profile === 'production' });
      this.connectionSecret(env, 'postgres', {
        host: this.postgres.instance.address,
        port: String(POSTGRES_PORT),
        database: env.postgres.databaseName,
        username: POSTGRES_MASTER_USER,
        password: this.postgres.password,
      }, key, true);
    }
    if (env.redis) {
      this.redis = new RedisCache(this, 'redis', { ...common, spec: env.redis });
      this.connectionSecret(env, 'redis', {
        host: this.redis.replicationGroup.primaryEndpointAddress,
        port: String(REDIS_PORT),
        auth_token: this.redis.authToken,
      }, key, true);
    }
    new EnvironmentBackup(this, 'backup', { naming, environment: env.name, kmsKeyArn: key.arn, retentionDays: env.backups.retentionDays });
  }

  /**
   * Writes a connection secret. With `ignoreValueChanges` (passwords that the random-password data source redraws at
   * every plan) the value is written once; rotating it is the runbook's job.
   */
  private connectionSecret<S extends ConnectionSecretStore>(
    env: ResolvedEnvironment,
    store: S,
    value: Record<ConnectionSecretKey<S>, string>,
    key: EncryptionKey,
    ignoreValueChanges = false,
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
      lifecycle: ignoreValueChanges ? { ignoreChanges: ['secret_string'] } : undefined,
    });
  }
}
