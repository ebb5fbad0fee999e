import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { autoScalingServiceRoleArn } from '@paved/shared-config';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';

export interface EncryptionKeyProps {
  /** Alias, `alias/<org>/...` from the naming module. */
  readonly alias: string;
  readonly description: string;
  readonly account: string;
  readonly region: string;
  /**
   * AWS service principals allowed to use the key directly (for example CloudWatch Logs, which needs a key policy
   * grant rather than IAM permissions), each limited to this account by an encryption-context or source condition.
   * @default - only principals of the account, through IAM
   */
  readonly servicePrincipals?: readonly 'logs'[];
  /**
   * Other accounts that may decrypt through one AWS service only (ECR pulls from environment accounts).
   * @default - none
   */
  readonly crossAccountDecrypt?: {
    readonly accounts: readonly string[];
    readonly viaService: string;
    /** @default ['kms:Decrypt', 'kms:DescribeKey'] */
    readonly actions?: readonly string[];
  };
  /**
   * Let EC2 Auto Scaling launch instances whose EBS volumes this key encrypts (managed node groups): its service-linked
   * role gets no customer-managed key through IAM, only through the key policy. Only for the key of node volumes.
   * @default false
   */
  readonly autoScalingVolumes?: boolean;
  /**
   * Days before a scheduled deletion completes.
   * @default 30
   */
  readonly deletionWindowDays?: number;
}

/** A customer-managed KMS key with yearly rotation, an alias, and a key policy that delegates to IAM. */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const statements: PolicyStatement[] = [
      {
        sid: 'AccountAdministersThroughIam',
        actions: ['kms:*'],
        resources: ['*'],
        principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${props.account}:root`] }],
      },
    ];
    if (props.servicePrincipals?.includes('logs')) {
      statements.push({
        sid: 'CloudWatchLogsOfThisAccount',
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        principals: [{ type: 'Service', identifiers: [`logs.${props.region}.amazonaws.com`] }],
        conditions: [
          {
            test: 'ArnLike',
            variable: 'kms:EncryptionContext:aws:logs:arn',
            values: [`arn:aws:logs:${props.region}:${props.account}:*`],
          },
        ],
      });
    }
    if (props.crossAccountDecrypt?.accounts.length) {
      statements.push({
        sid: 'DecryptFromOtherAccountsThroughOneService',
        actions: [...(props.crossAccountDecrypt.actions ?? ['kms:Decrypt', 'kms:DescribeKey'])],
        resources: ['*'],
        principals: [{ type: 'AWS', identifiers: props.crossAccountDecrypt.accounts.map((a) => `arn:aws:iam::${a}:root`) }],
        conditions: [{ test: 'StringEquals', variable: 'kms:ViaService', values: [props.crossAccountDecrypt.viaService] }],
      });
    }
    if (props.autoScalingVolumes) statements.push(...autoScalingVolumeStatements(props.account));
    const policy = policyDocument(statements);
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowDays ?? 30,
      policy: policy.json,
    });
    new KmsAlias(this, 'alias', { name: props.alias, targetKeyId: this.key.keyId });
    this.arn = this.key.arn;
  }
}

/**
 * What EC2 Auto Scaling's service-linked role needs to launch instances with volumes encrypted by a customer-managed
 * key (AWS EC2 Auto Scaling guide, "Required AWS KMS key policy for use with encrypted volumes"): use of the key, and
 * grants only for the AWS resources (the volumes) it creates. Without them the node group's instances fail to launch.
 *
 * KMS refuses a key policy naming a role that does not exist: in an account where no Auto Scaling group was ever
 * created, the service-linked role has to be created first (`aws iam create-service-linked-role --aws-service-name
 * autoscaling.amazonaws.com`).
 */
function autoScalingVolumeStatements(account: string): PolicyStatement[] {
  // The service-linked role exists only once the account's first Auto Scaling group was created, and KMS rejects a key
  // policy whose principal does not exist yet ("invalid principals"): so the role is named in conditions, which KMS does
  // not resolve, with the caller's account pinned, rather than as the principal.
  const principals = [{ type: 'AWS', identifiers: ['*'] }];
  const onlyTheRole = [
    { test: 'ArnEquals', variable: 'aws:PrincipalArn', values: [autoScalingServiceRoleArn(account)] },
    { test: 'StringEquals', variable: 'kms:CallerAccount', values: [account] },
  ];
  return [
    {
      sid: 'AutoScalingUsesKeyForNodeVolumes',
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      principals,
      conditions: onlyTheRole,
    },
    {
      sid: 'AutoScalingGrantsForNodeVolumes',
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      principals,
      conditions: [...onlyTheRole, { test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
    },
  ];
}
