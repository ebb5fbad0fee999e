import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { BACKUP_TAG, type EnvironmentNaming, type ResolvedPostgres } from '@paved/shared-config';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';

export const POSTGRES_PORT = 5432;
/** The master user; applications get their credentials from the RDS-managed secret. */
export const POSTGRES_MASTER_USER = 'paved_admin';

export interface PostgresDatabaseProps {
  readonly naming: EnvironmentNaming;
  readonly spec: ResolvedPostgres;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  /** The only security group admitted on the Postgres port (the cluster's). */
  readonly clientSecurityGroupId: string;
  readonly kmsKeyArn: string;
  /** Keep a final snapshot when the instance is destroyed. */
  readonly finalSnapshot: boolean;
}

/**
 * RDS PostgreSQL with secure defaults: encrypted storage and Performance Insights, a master password generated and
 * rotated by RDS in Secrets Manager, TLS forced by the parameter group, logs exported, IAM authentication, no public
 * access, only the cluster admitted, enhanced monitoring, selected by the environment's AWS Backup plan.
 */
export class PostgresDatabase extends Construct {
  readonly instance: DbInstance;
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    const { naming, spec } = props;
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
  }
}
