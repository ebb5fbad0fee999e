import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { BACKUP_TAG, type EnvironmentNaming, type ResolvedPostgres } from '@paved/shared-config';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';

export const POSTGRES_PORT = 5432;
/**
 * The master user. Its password is RDS's own (a Secrets Manager secret RDS creates, rotates and encrypts with the
 * environment's key); only the `db-provisioner` Job reads it, to create the roles services log in as.
 */
export const POSTGRES_MASTER_USER = 'paved_admin';

export interface PostgresDatabaseProps {
  readonly naming: EnvironmentNaming;
  readonly spec: ResolvedPostgres;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  /** The only security group admitted on the Postgres port (the cluster's). */
  readonly clientSecurityGroupId: string;
  /** Key of storage, Performance Insights and the RDS-managed master secret. */
  readonly kmsKeyArn: string;
  /** Account and region of the instance, for the `rds-db:connect` resource ARNs. */
  readonly account: string;
  readonly region: string;
  /** Keep a final snapshot when the instance is destroyed. */
  readonly finalSnapshot: boolean;
}

/**
 * RDS PostgreSQL with secure defaults: encrypted storage and Performance Insights, a master password that RDS owns
 * (`manage_master_user_password`: generated, stored and rotated in Secrets Manager, never in configuration, plan or
 * state), TLS forced by the parameter group, logs exported, IAM authentication for the services' roles, no public
 * access, only the cluster admitted, enhanced monitoring, selected by the environment's AWS Backup plan.
 */
export class PostgresDatabase extends Construct {
  readonly instance: DbInstance;
  readonly securityGroup: SecurityGroup;
  /** ARN of the master secret RDS manages (`{"username", "password"}`), known after apply. */
  readonly masterUserSecretArn: string;
  private readonly account: string;
  private readonly region: string;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    const { naming, spec } = props;
    this.account = props.account;
    this.region = props.region;
    const major = spec.engineVersion.split('.')[0];
    const subnets = new DbSubnetGroup(this, 'subnets', { name: naming.name('rds-subnet-group', 'postgres'), subnetIds: [...props.subnetIds] });
    const parameters = new DbParameterGroup(this, 'parameters', {
      name: naming.name('rds-parameter-group', `postgres${major}`),
      family: `postgres${major}`,
      parameter: [
        { name: 'rds.force_ssl', value: '1' },
        { name: 'log_min_duration_statement', value: '1000' },
        { name: 'log_connections', value: '1' },
        { name: 'log_disconnections', value: '1' },
      ],
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: naming.name('security-group', 'postgres'),
      description: 'PostgreSQL: only the EKS cluster',
      vpcId: props.vpcId,
    });
    new VpcSecurityGroupIngressRule(this, 'from-cluster', {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: props.clientSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      description: 'PostgreSQL from the cluster',
    });
    const monitoringTrust = policyDocument([
      { sid: 'RdsMonitoring', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['monitoring.rds.amazonaws.com'] }] },
    ]);
    const monitoring = new IamRole(this, 'monitoring-role', { name: naming.name('iam-role', 'rds-monitoring'), assumeRolePolicy: monitoringTrust.json });
    new IamRolePolicyAttachment(this, 'monitoring-policy', {
      role: monitoring.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
    });
    this.instance = new DbInstance(this, 'instance', {
      identifier: spec.identifier,
      engine: 'postgres',
      engineVersion: spec.engineVersion,
      instanceClass: spec.instanceClass,
      dbName: spec.databaseName,
      username: POSTGRES_MASTER_USER,
      // RDS generates the password into a secret of its own, encrypted with the environment's key, and rotates it.
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.kmsKeyArn,
      port: POSTGRES_PORT,
      allocatedStorage: spec.allocatedStorageGiB,
      maxAllocatedStorage: spec.maxAllocatedStorageGiB,
      storageType: 'gp3',
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      multiAz: spec.multiAz,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      parameterGroupName: parameters.name,
      publiclyAccessible: false,
      iamDatabaseAuthenticationEnabled: true,
      backupRetentionPeriod: spec.backupRetentionDays,
      backupWindow: '02:00-03:00',
      maintenanceWindow: 'sun:03:30-sun:04:30',
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      deletionProtection: spec.deletionProtection,
      skipFinalSnapshot: !props.finalSnapshot,
      finalSnapshotIdentifier: props.finalSnapshot ? `${spec.identifier}-final` : undefined,
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.kmsKeyArn,
      performanceInsightsRetentionPeriod: 7,
      monitoringInterval: 60,
      monitoringRoleArn: monitoring.arn,
      autoMinorVersionUpgrade: true,
      caCertIdentifier: 'rds-ca-rsa2048-g1',
      tags: { [BACKUP_TAG.key]: BACKUP_TAG.value },
    });
    this.masterUserSecretArn = this.instance.masterUserSecret.get(0).secretArn;
  }

  /** ARN of the instance, as IAM names it in `rds:Describe*` statements. */
  get instanceArn(): string {
    return this.instance.arn;
  }

  /**
   * The statement that lets a principal log in as `user` with IAM database authentication, and as no other user:
   * `rds-db:connect` on `dbuser:<resource id>/<user>`.
   */
  connectStatement(user: string): PolicyStatement {
    return {
      sid: 'ConnectAsOwnDatabaseUser',
      actions: ['rds-db:connect'],
      resources: [`arn:aws:rds-db:${this.region}:${this.account}:dbuser:${this.instance.resourceId}/${user}`],
    };
  }
}
