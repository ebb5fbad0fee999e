import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { granteeOf, keyUseStatement, resourceStatement } from './grants';
import { checkComponent, checkResourceName } from './naming';
import { PavedServiceStack } from './paved-service-stack';

export interface PavedTopicProps {
  /** Last component of the topic name `<org>-<env>-<service>-<name>`. */
  readonly name: string;
  /**
   * Shown as the sender of SMS and e-mail notifications.
   * @default - none
   */
  readonly displayName?: string;
}

/** An SNS topic of a service: encrypted with the service's KMS key, TLS-only topic policy, retained in production. */
export class PavedTopic extends Construct {
  readonly topic: Topic;
  readonly topicName: string;
  private readonly stack: PavedServiceStack;

  constructor(scope: Construct, id: string, props: PavedTopicProps) {
    super(scope, id);
    const stack = PavedServiceStack.ofConstruct(this);
    this.stack = stack;
    this.topicName = checkResourceName(this.node.path, 'topic', stack.physicalName(checkComponent(this.node.path, 'name', props.name)));
    this.topic = new Topic(this, 'Resource', {
      topicName: this.topicName,
      displayName: props.displayName,
      masterKey: stack.serviceKey,
      enforceSSL: true,
    });
    this.topic.applyRemovalPolicy(stack.resourceRemovalPolicy);
    stack.registerResource(this, 'topic', props.name);
  }

  /** Lets the service's Pod Identity role publish (and encrypt messages through SNS). */
  grantPublish(grantee?: IRole): void {
    const role = granteeOf(this, this.stack, grantee);
    this.topic.addToResourcePolicy(resourceStatement(role, ['sns:Publish'], [this.topic.topicArn]));
    this.stack.serviceKey.addToResourcePolicy(keyUseStatement(role, 'sns', ['kms:GenerateDataKey', 'kms:Decrypt']));
  }
}
