import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import type { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { BACKUP_TAG, TAG_KEYS, type EnvironmentNaming } from '@paved/shared-config';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';

export interface EnvironmentBackupProps {
  readonly naming: EnvironmentNaming;
  readonly environment: string;
  readonly kmsKeyArn: string;
  readonly retentionDays: number;
  /**
   * The environment's EKS cluster, backed up by the same plan: AWS Backup's EKS backup is a composite recovery point of
   * the cluster state and the persistent volumes its claims attach (EBS, EFS, S3). It needs the API authentication
   * mode (Paved's clusters use it) and the AWSBackupServiceRolePolicyForBackup policy the plan's role already has.
   * @default - the cluster is not backed up by AWS Backup
   */
  readonly cluster?: EksCluster;
}

/**
 * An AWS Backup vault encrypted with the environment's key and a daily plan that keeps recovery points for the
 * environment's retention, selecting every resource of the environment tagged for backup and the EKS cluster (its
 * state and persistent volumes; AWS Backup has supported EKS clusters since late 2025).
 */
export class EnvironmentBackup extends Construct {
  readonly vault: BackupVault;

  constructor(scope: Construct, id: string, props: EnvironmentBackupProps) {
    super(scope, id);
    const { naming } = props;
    this.vault = new BackupVault(this, 'vault', { name: naming.backupVault(), kmsKeyArn: props.kmsKeyArn });
    const plan = new BackupPlan(this, 'plan', {
      name: naming.name('backup-plan', 'daily'),
      rule: [
        {
          ruleName: 'daily',
          targetVaultName: this.vault.name,
          schedule: 'cron(0 1 * * ? *)',
          startWindow: 60,
          completionWindow: 360,
          lifecycle: { deleteAfter: props.retentionDays },
        },
      ],
    });
    const trust = policyDocument([
      { sid: 'AwsBackup', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['backup.amazonaws.com'] }] },
    ]);
    const role = new IamRole(this, 'role', { name: naming.name('iam-role', 'backup'), assumeRolePolicy: trust.json });
    for (const policy of ['AWSBackupServiceRolePolicyForBackup', 'AWSBackupServiceRolePolicyForRestores']) {
      new IamRolePolicyAttachment(this, policy, { role: role.name, policyArn: `arn:aws:iam::aws:policy/service-role/${policy}` });
    }
    new BackupSelection(this, 'selection', {
      name: naming.name('backup-plan', 'tagged'),
      planId: plan.id,
      iamRoleArn: role.arn,
      resources: ['*'],
      condition: [
        {
          stringEquals: [
            { key: `aws:ResourceTag/${BACKUP_TAG.key}`, value: BACKUP_TAG.value },
            { key: `aws:ResourceTag/${TAG_KEYS.environment}`, value: props.environment },
          ],
        },
      ],
    });
    // Selected by ARN, not by tag: the cluster's tags are its own, and a selection by resource is what an audit reads.
    if (props.cluster) {
      new BackupSelection(this, 'cluster-selection', {
        name: naming.name('backup-plan', 'cluster'),
        planId: plan.id,
        iamRoleArn: role.arn,
        resources: [props.cluster.arn],
      });
    }
  }
}
