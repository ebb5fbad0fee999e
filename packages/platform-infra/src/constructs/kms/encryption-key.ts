import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
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
