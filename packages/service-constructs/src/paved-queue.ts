import { Duration } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { granteeOf, keyUseStatement, resourceStatement } from './grants';
import { checkComponent, checkResourceName } from './naming';
import { PavedServiceStack } from './paved-service-stack';

export interface PavedQueueProps {
  /** Last component of the queue name `<org>-<env>-<service>-<name>`; the dead-letter queue adds `-dlq` (80 in all). */
  readonly name: string;
  /**
   * How long a received message stays invisible to other consumers.
   * @default Duration.seconds(30)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * How long an unconsumed message is kept.
   * @default Duration.days(4)
   */
  readonly retentionPeriod?: Duration;
  /**
   * Receives after which a message moves to the dead-letter queue.
   * @default 5
   */
  readonly maxReceiveCount?: number;
}

/**
 * An SQS queue of a service with its dead-letter queue (`<name>-dlq`, messages kept 14 days): both encrypted with the
 * service's KMS key, TLS-only queue policies, retained in production.
 */
export class PavedQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly queueName: string;
  private readonly stack: PavedServiceStack;

  constructor(scope: Construct, id: string, props: PavedQueueProps) {
    super(scope, id);
    const stack = PavedServiceStack.ofConstruct(this);
    this.stack = stack;
    const name = stack.physicalName(checkComponent(this.node.path, 'name', props.name));
    this.queueName = name;
    const dlqName = checkResourceName(this.node.path, 'queue', `${name}-dlq`);
    const common = {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: stack.serviceKey,
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      removalPolicy: stack.resourceRemovalPolicy,
    };
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', { ...common, queueName: dlqName, retentionPeriod: Duration.days(14) });
    this.queue = new Queue(this, 'Resource', {
      ...common,
      queueName: name,
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: props.retentionPeriod,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 5 },
    });
    stack.registerResource(this, 'queue', props.name);
  }

  /** Lets the service's Pod Identity role send messages (and encrypt them through SQS). */
  grantSendMessages(grantee?: IRole): void {
    const role = granteeOf(this, this.stack, grantee);
    this.queue.addToResourcePolicy(
      resourceStatement(role, ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], [this.queue.queueArn]),
    );
    this.stack.serviceKey.addToResourcePolicy(keyUseStatement(role, 'sqs', ['kms:GenerateDataKey', 'kms:Decrypt']));
  }

  /** Lets the service's Pod Identity role receive and delete messages (and decrypt them through SQS). */
  grantConsumeMessages(grantee?: IRole): void {
    const role = granteeOf(this, this.stack, grantee);
    this.queue.addToResourcePolicy(resourceStatement(role, [
      'sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl',
    ], [this.queue.queueArn]));
    this.stack.serviceKey.addToResourcePolicy(keyUseStatement(role, 'sqs', ['kms:Decrypt']));
  }
}
