import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { EnvironmentNaming, ResolvedRedis } from '@paved/shared-config';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../iam/policy-document';

export const REDIS_PORT = 6379;

/** Lowest engine version with ElastiCache IAM authentication. */
export const REDIS_IAM_MIN_VERSION = 7;

/**
 * Commands and keys of a service's user: everything but the dangerous commands (FLUSHALL, CONFIG, DEBUG, KEYS, …), on
 * every key. Services share one cache; key prefixes per service are a convention, not enforced here.
 */
export const REDIS_SERVICE_ACCESS = 'on ~* &* +@all -@dangerous';

export interface RedisCacheProps {
  readonly naming: EnvironmentNaming;
  readonly spec: ResolvedRedis;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly clientSecurityGroupId: string;
  readonly kmsKeyArn: string;
  /**
   * ElastiCache users to create, one per service (id = name, as IAM authentication requires), authenticated by IAM.
   * @default - none: only the disabled `default` user, so nobody can connect
   */
  readonly users?: readonly string[];
}

/**
 * An ElastiCache Redis replication group encrypted at rest (KMS) and in transit, with role-based access control and
 * IAM authentication: no AUTH token or password exists, in state or anywhere else (the replication group has no
 * write-only `auth_token`, so a token would land in state). Every client is an ElastiCache user authenticated by IAM
 * (`elasticache:Connect`); the mandatory `default` user is disabled. Replicas and automatic failover per profile, daily
 * snapshots, and only the cluster admitted.
 */
export class RedisCache extends Construct {
  readonly replicationGroup: ElasticacheReplicationGroup;
  readonly userGroup: ElasticacheUserGroup;
  /** ElastiCache users by user id. */
  readonly users: ReadonlyMap<string, ElasticacheUser>;

  constructor(scope: Construct, id: string, props: RedisCacheProps) {
    super(scope, id);
    const { naming, spec } = props;
    const major = Number(spec.engineVersion.split('.')[0]);
    if (!(major >= REDIS_IAM_MIN_VERSION)) {
      throw new Error(`redis engineVersion ${spec.engineVersion}: IAM authentication needs Redis ${REDIS_IAM_MIN_VERSION}.0 or later`);
    }
    const subnets = new ElasticacheSubnetGroup(this, 'subnets', {
      name: naming.name('elasticache-subnet-group', 'redis'),
      subnetIds: [...props.subnetIds],
    });
    const securityGroup = new SecurityGroup(this, 'security-group', {
      name: naming.name('security-group', 'redis'),
      description: 'Redis: only the EKS cluster',
      vpcId: props.vpcId,
    });
    new VpcSecurityGroupIngressRule(this, 'from-cluster', {
      securityGroupId: securityGroup.id,
      referencedSecurityGroupId: props.clientSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: REDIS_PORT,
      toPort: REDIS_PORT,
      description: 'Redis from the cluster',
    });

    // A user group must hold a user named `default`; this one is switched off and can run no command.
    const defaultUser = new ElasticacheUser(this, 'default-user', {
      userId: naming.name('elasticache-replication-group', 'redis-default'),
      userName: 'default',
      engine: 'redis',
      accessString: 'off -@all',
      authenticationMode: { type: 'no-password-required' },
    });
    const users = new Map<string, ElasticacheUser>();
    for (const user of props.users ?? []) {
      users.set(
        user,
        new ElasticacheUser(this, `user-${user}`, {
          userId: user,
          userName: user,
          engine: 'redis',
          accessString: REDIS_SERVICE_ACCESS,
          authenticationMode: { type: 'iam' },
        }),
      );
    }
    this.users = users;
    this.userGroup = new ElasticacheUserGroup(this, 'user-group', {
      userGroupId: naming.name('elasticache-replication-group', 'redis-users'),
      engine: 'redis',
      userIds: [defaultUser.userId, ...[...users.values()].map((u) => u.userId)],
    });

    this.replicationGroup = new ElasticacheReplicationGroup(this, 'replication-group', {
      replicationGroupId: spec.replicationGroupId,
      description: `${naming.prefix} Redis`,
      engine: 'redis',
      engineVersion: spec.engineVersion,
      nodeType: spec.nodeType,
      numCacheClusters: 1 + spec.replicas,
      automaticFailoverEnabled: spec.automaticFailover,
      multiAzEnabled: spec.automaticFailover,
      port: REDIS_PORT,
      subnetGroupName: subnets.name,
      securityGroupIds: [securityGroup.id],
      atRestEncryptionEnabled: 'true',
      kmsKeyId: props.kmsKeyArn,
      transitEncryptionEnabled: true,
      // RBAC: who may connect is the user group, each user authenticated by IAM.
      userGroupIds: [this.userGroup.userGroupId],
      snapshotRetentionLimit: spec.snapshotRetentionDays,
      snapshotWindow: '03:00-04:00',
      maintenanceWindow: 'sun:05:00-sun:06:00',
      autoMinorVersionUpgrade: 'true',
      applyImmediately: false,
    });
  }

  /**
   * The statement that lets a principal connect to this cache as `user` and as no other user: `elasticache:Connect`
   * on the replication group and on that user.
   */
  connectStatement(user: string): PolicyStatement {
    const found = this.users.get(user);
    if (!found) throw new Error(`redis user ${user}: not a user of this cache (${[...this.users.keys()].join(', ') || 'none'})`);
    return {
      sid: 'ConnectAsOwnCacheUser',
      actions: ['elasticache:Connect'],
      resources: [this.replicationGroup.arn, found.arn],
    };
  }
}
