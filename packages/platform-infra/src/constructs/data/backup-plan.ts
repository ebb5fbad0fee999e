import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
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
}

/**
 * An AWS Backup vault encrypted with the environment's key and a daily plan that keeps recovery points for the
 * environment's retention, selecting every resource of the environment tagged for backup.
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
  }
}
