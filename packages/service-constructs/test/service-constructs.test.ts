import { EnvironmentNaming, MANAGED_BY, TAG_KEYS } from '@paved/shared-config';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { PAVED_MANAGED_BY, PAVED_TAG_KEYS, PavedBucket, PavedQueue, PavedServiceStack, PavedTable, PavedTopic, serviceRoleName } from '../src';

// Synthesis of the first stack in a process loads most of aws-cdk-lib: one App per describe keeps the file fast.
const ORG = { organization: 'northwind', service: 'orders' };
const ROLE_ARN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/northwind-dev-service-orders']] };
const ROLE = { AWS: ROLE_ARN };

function devStack(app: App, id = 'dev'): PavedServiceStack {
  return new PavedServiceStack(app, id, { ...ORG, environment: 'dev', production: false });
}

/** Every principal of every resource policy and key policy in the template, except the account root of the key. */
function principals(template: Template): unknown[] {
  const out: unknown[] = [];
  for (const resource of Object.values(template.toJSON().Resources) as { Type: string; Properties: Record<string, any> }[]) {
    const doc = resource.Properties?.PolicyDocument ?? resource.Properties?.KeyPolicy ?? resource.Properties?.ResourcePolicy?.PolicyDocument;
    for (const s of doc?.Statement ?? []) if (s.Effect === 'Allow' && s.Principal) out.push(s.Principal);
  }
  return out.filter((p) => !JSON.stringify(p).includes(':root'));
}

/** The TLS-only statement CDK's `enforceSSL` writes. */
const DENY_INSECURE = Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });

describe('PavedServiceStack', () => {
  const app = new App();
  const stack = devStack(app);
  new PavedQueue(stack, 'Orders', { name: 'orders' });
  const template = Template.fromStack(stack);

  test('names the stack after the service prefix and needs no bootstrap', () => {
    expect(stack.stackName).toBe('northwind-dev-orders-resources');
    expect(template.toJSON().Parameters?.BootstrapVersion).toBeUndefined();
    expect(template.toJSON().Rules).toBeUndefined();
  });

  test('tags every taggable resource, the KMS key included, with the paved:* tags', () => {
    const tags = [
      { Key: 'paved:environment', Value: 'dev' },
      { Key: 'paved:managed-by', Value: 'paved' },
      { Key: 'paved:organization', Value: 'northwind' },
      { Key: 'paved:service', Value: 'orders' },
      { Key: 'paved:stack', Value: 'northwind-dev-orders-resources' },
    ];
    template.hasResourceProperties('AWS::KMS::Key', { Tags: tags, EnableKeyRotation: true });
    template.allResourcesProperties('AWS::SQS::Queue', { Tags: tags });
  });

  test('agrees with the platform on tag keys and the Pod Identity role name', () => {
    expect(PAVED_TAG_KEYS).toMatchObject({
      organization: TAG_KEYS.organization, environment: TAG_KEYS.environment, managedBy: TAG_KEYS.managedBy, stack: TAG_KEYS.stack,
    });
    expect(PAVED_MANAGED_BY).toBe(MANAGED_BY);
    expect(serviceRoleName('northwind', 'dev', 'orders')).toBe(new EnvironmentNaming('northwind', 'dev').name('iam-role', 'service-orders'));
  });

  test('writes no IAM: grants go to resource and key policies', () => {
    const iamTypes = Object.values(template.toJSON().Resources).filter((r: any) => r.Type.startsWith('AWS::IAM::'));
    expect(iamTypes).toEqual([]);
  });

  test('refuses an environment the service does not run in, and bad name components', () => {
    expect(() => new PavedServiceStack(app, 'qa', { ...ORG, environment: 'qa', serviceEnvironments: ['dev', 'prod'] }))
      .toThrow("error: qa: environment: service 'orders' does not run in 'qa' (it runs in: dev, prod)");
    expect(() => new PavedServiceStack(app, 'bad', { ...ORG, environment: 'Dev' })).toThrow(/environment: 'Dev' is not a valid name component/);
    expect(() => new PavedBucket(new App(), 'Loose', { name: 'x' })).toThrow(/Paved constructs belong in a PavedServiceStack/);
  });
});

describe('PavedBucket', () => {
  const app = new App();
  const dev = devStack(app);
  const bucket = new PavedBucket(dev, 'Uploads', { name: 'uploads' });
  bucket.grantRead();
  const prod = new PavedServiceStack(app, 'prod', { ...ORG, environment: 'prod' });
  new PavedBucket(prod, 'Uploads', { name: 'uploads' });
  const template = Template.fromStack(dev);

  test('is named, encrypted with the service key, versioned, private and ACL-free', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'northwind-dev-orders-uploads',
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServiceKey'), 'Arn'] } },
        }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: { Rules: [Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } })] },
    });
  });

  test('denies requests without TLS and grants reads to the service role only', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          DENY_INSECURE,
          Match.objectLike({ Effect: 'Allow', Principal: ROLE, Action: 's3:ListBucket' }),
          Match.objectLike({ Effect: 'Allow', Principal: ROLE, Action: ['s3:GetObject', 's3:GetObjectVersion'] }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: ROLE, Action: 'kms:Decrypt' })]) },
    });
    expect(principals(template).every((p) => JSON.stringify(p) === JSON.stringify(ROLE))).toBe(true);
  });

  test('is deleted with the stack in dev and retained in production', () => {
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
    Template.fromStack(prod).hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    Template.fromStack(prod).hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
  });

  test('refuses a name longer than the S3 limit with the prefix, and a grant to another role', () => {
    expect(() => new PavedBucket(dev, 'Long', { name: 'a'.repeat(50) })).toThrow(
      `error: dev/Long: name: 'northwind-dev-orders-${'a'.repeat(50)}' is 71 characters, more than 63 (S3 bucket names are at most 63 characters`,
    );
    const other = Role.fromRoleName(dev, 'Other', 'northwind-dev-service-billing');
    expect(() => bucket.grantWrite(other)).toThrow(
      "error: dev/Uploads: grant: role 'northwind-dev-service-billing' is not the Pod Identity role of service 'orders' (only 'northwind-dev-service-orders' may be granted)",
    );
    // The service's own role, passed explicitly, is accepted.
    expect(() => bucket.grantWrite(Role.fromRoleName(dev, 'Own', 'northwind-dev-service-orders'))).not.toThrow();
  });
});

describe('PavedQueue', () => {
  const app = new App();
  const stack = devStack(app);
  const queue = new PavedQueue(stack, 'Orders', { name: 'orders', maxReceiveCount: 3 });
  queue.grantSendMessages();
  queue.grantConsumeMessages();
  const template = Template.fromStack(stack);

  test('has a KMS-encrypted dead-letter queue wired as its redrive target', () => {
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'northwind-dev-orders-orders-dlq',
      MessageRetentionPeriod: 1209600,
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServiceKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'northwind-dev-orders-orders',
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServiceKey'), 'Arn'] },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersDeadLetterQueue'), 'Arn'] }, maxReceiveCount: 3 },
    });
  });

  test('both queues deny requests without TLS; send and consume go to the service role only', () => {
    const policies = template.findResources('AWS::SQS::QueuePolicy');
    expect(Object.keys(policies)).toHaveLength(2);
    template.allResourcesProperties('AWS::SQS::QueuePolicy', { PolicyDocument: { Statement: Match.arrayWith([DENY_INSECURE]) } });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: ROLE, Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'] }),
          Match.objectLike({ Principal: ROLE, Action: Match.arrayWith(['sqs:ReceiveMessage', 'sqs:DeleteMessage']) }),
        ]),
      },
    });
    expect(principals(template).every((p) => JSON.stringify(p) === JSON.stringify(ROLE))).toBe(true);
  });

  test('refuses a name whose dead-letter queue would exceed the SQS limit', () => {
    expect(() => new PavedQueue(stack, 'Long', { name: 'q'.repeat(56) })).toThrow(/is 81 characters, more than 80 \(SQS queue names/);
  });
});

describe('PavedTopic and PavedTable', () => {
  const app = new App();
  const stack = devStack(app);
  new PavedTopic(stack, 'Events', { name: 'events' }).grantPublish();
  new PavedTable(stack, 'Carts', { name: 'carts' }).grantReadData();
  const prod = new PavedServiceStack(app, 'prod', { ...ORG, environment: 'prod' });
  new PavedTable(prod, 'Carts', { name: 'carts' });
  const template = Template.fromStack(stack);

  test('the topic is encrypted, TLS-only and publishable by the service role', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'northwind-dev-orders-events',
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServiceKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([DENY_INSECURE, Match.objectLike({ Principal: ROLE, Action: 'sns:Publish' })]) },
    });
  });

  test('the table is encrypted with the service key, has point-in-time recovery and a read grant for the service role', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'northwind-dev-orders-carts',
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServiceKey'), 'Arn'] } },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: false,
      ResourcePolicy: {
        PolicyDocument: { Statement: [Match.objectLike({ Principal: ROLE, Action: Match.arrayWith(['dynamodb:GetItem', 'dynamodb:Query']) })] },
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: ROLE,
          Action: ['kms:Decrypt', 'kms:DescribeKey'],
          Condition: { StringEquals: { 'kms:ViaService': Match.anyValue() } },
        })]),
      },
    });
    expect(principals(template).every((p) => JSON.stringify(p) === JSON.stringify(ROLE))).toBe(true);
  });

  test('in production the table is retained and protected from deletion', () => {
    Template.fromStack(prod).hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });
});

describe('cdk-nag AwsSolutions on every synth', () => {
  test('an app of Paved constructs synthesizes clean; a planted insecure bucket fails until acknowledged', () => {
    const app = new App();
    const stack = devStack(app);
    new PavedBucket(stack, 'Uploads', { name: 'uploads' }).grantReadWrite();
    new PavedQueue(stack, 'Orders', { name: 'orders' }).grantSendMessages();
    new PavedTopic(stack, 'Events', { name: 'events' }).grantPublish();
    new PavedTable(stack, 'Carts', { name: 'carts' }).grantReadWriteData();
    expect(() => app.synth()).not.toThrow();

    const planted = new App();
    const insecure = devStack(planted);
    const raw = new Bucket(insecure, 'Raw', { bucketName: 'northwind-dev-orders-raw' });
    expect(() => planted.synth()).toThrow(/error: dev\/Raw\/Resource: AwsSolutions-S10: .*acknowledge it with Validations/);
    expect(() => planted.synth()).toThrow(/AwsSolutions-S1:/);

    const acknowledged = new App();
    const reasoned = devStack(acknowledged);
    const tolerated = new Bucket(reasoned, 'Raw', { bucketName: 'northwind-dev-orders-raw', enforceSSL: true });
    Validations.of(tolerated).acknowledge({ id: 'AwsSolutions-S1', reason: 'test fixture: logs go elsewhere' });
    expect(() => acknowledged.synth()).not.toThrow();
    expect(raw.node.path).toBe('dev/Raw');
  });
});
