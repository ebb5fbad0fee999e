import { Aws } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { granteeOf, keyUseStatement, resourceStatement } from './grants';
import { checkComponent, checkResourceName } from './naming';
import { PavedServiceStack } from './paved-service-stack';

export interface PavedTableProps {
  /** Last component of the table name `<org>-<env>-<service>-<name>`. */
  readonly name: string;
  /**
   * The partition key.
   * @default { name: 'pk', type: AttributeType.STRING }
   */
  readonly partitionKey?: Attribute;
  /**
   * The sort key.
   * @default - none
   */
  readonly sortKey?: Attribute;
  /**
   * Attribute holding each item's expiry (epoch seconds).
   * @default - items do not expire
   */
  readonly timeToLiveAttribute?: string;
}

const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:DescribeTable'];

/**
 * A DynamoDB table of a service: on-demand, encrypted with the service's KMS key, point-in-time recovery on,
 * deletion protection and retention in production.
 */
export class PavedTable extends Construct {
  readonly table: Table;
  readonly tableName: string;
  private readonly stack: PavedServiceStack;

  constructor(scope: Construct, id: string, props: PavedTableProps) {
    super(scope, id);
    const stack = PavedServiceStack.ofConstruct(this);
    this.stack = stack;
    this.tableName = checkResourceName(this.node.path, 'table', stack.physicalName(checkComponent(this.node.path, 'name', props.name)));
    this.table = new Table(this, 'Resource', {
      tableName: this.tableName,
      partitionKey: props.partitionKey ?? { name: 'pk', type: AttributeType.STRING },
      sortKey: props.sortKey,
      timeToLiveAttribute: props.timeToLiveAttribute,
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: stack.serviceKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: stack.production,
      removalPolicy: stack.resourceRemovalPolicy,
    });
    stack.registerResource(this, 'table', props.name);
  }

  /** Lets the service's Pod Identity role read items (and decrypt them through DynamoDB). */
  grantReadData(grantee?: IRole): void {
    this.grant(grantee, READ_ACTIONS, ['kms:Decrypt', 'kms:DescribeKey']);
  }

  /** Lets the service's Pod Identity role write and delete items (and encrypt them through DynamoDB). */
  grantWriteData(grantee?: IRole): void {
    this.grant(grantee, WRITE_ACTIONS, ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey']);
  }

  /** grantReadData and grantWriteData. */
  grantReadWriteData(grantee?: IRole): void {
    this.grantReadData(grantee);
    this.grantWriteData(grantee);
  }

  private grant(grantee: IRole | undefined, actions: string[], keyActions: string[]): void {
    const role = granteeOf(this, this.stack, grantee);
    // A table's resource policy cannot reference the table itself (a circular dependency): the ARN is built from the
    // known name and pseudo parameters.
    const arn = `arn:${Aws.PARTITION}:dynamodb:${Aws.REGION}:${Aws.ACCOUNT_ID}:table/${this.tableName}`;
    this.table.addToResourcePolicy(resourceStatement(role, actions, [arn, `${arn}/index/*`]));
    this.stack.serviceKey.addToResourcePolicy(keyUseStatement(role, 'dynamodb', keyActions));
  }
}
