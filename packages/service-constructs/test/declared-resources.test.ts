import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { PavedBucket, PavedQueue, PavedServiceStack, PavedTable, PavedTopic, type PavedDeclaredResource } from '../src';

/** `declaredResources`: the descriptor's `awsResources.resources` against what the app creates, at synth time. */
const ORG = { organization: 'northwind', environment: 'dev', service: 'orders', production: false };

function stackWith(declaredResources?: readonly PavedDeclaredResource[]): { app: App; stack: PavedServiceStack } {
  const app = new App();
  return { app, stack: new PavedServiceStack(app, 'dev', { ...ORG, declaredResources }) };
}

/** The synth error's lines that are ours (cdk-nag's would start with an AwsSolutions id). */
function synthErrors(app: App): string[] {
  try {
    app.synth();
    return [];
  } catch (e) {
    // CDK prefixes each line with the path of the construct whose validation failed: `[dev] error: ...`.
    return (e as Error).message.split('\n').map((l) => l.trim().replace(/^\[[^\]]*\] /, '')).filter((l) => l.startsWith('error:') && !/: AwsSolutions-/.test(l));
  }
}

describe('PavedServiceStack declaredResources', () => {
  test('an app that creates exactly what the descriptor declares synthesizes (descriptor entries pass as they are)', () => {
    // As read from paved.service.json: usage and all.
    const descriptor = {
      awsResources: {
        types: ['bucket', 'queue', 'table', 'topic'],
        resources: [
          { type: 'queue', name: 'jobs', usage: { requestsPerMonthMillions: 3 } },
          { type: 'bucket', name: 'uploads' },
          { type: 'topic', name: 'events' },
          { type: 'table', name: 'carts' },
        ],
      },
    };
    const { app, stack } = stackWith(descriptor.awsResources.resources);
    new PavedQueue(stack, 'Jobs', { name: 'jobs' }).grantConsumeMessages();
    new PavedBucket(stack, 'Uploads', { name: 'uploads' });
    new PavedTopic(stack, 'Events', { name: 'events' });
    new PavedTable(stack, 'Carts', { name: 'carts' });
    expect(synthErrors(app)).toEqual([]);
    // The dead-letter queue belongs to its queue: no error for it, and it is there.
    Template.fromStack(stack).resourceCountIs('AWS::SQS::Queue', 2);
  });

  test('declared but not created, and created but not declared: one line each', () => {
    const { app, stack } = stackWith([{ type: 'queue', name: 'jobs' }, { type: 'bucket', name: 'uploads' }]);
    new PavedQueue(stack, 'Jobs', { name: 'jobs' });
    new PavedTopic(stack, 'Events', { name: 'events' });
    expect(synthErrors(app)).toEqual([
      "error: dev: declaredResources: bucket 'uploads' is declared in the descriptor (awsResources.resources) but the app creates no PavedBucket named 'uploads' (create it, or remove it from the descriptor)",
      "error: dev/Events: topic 'events' is created but not declared in the descriptor's awsResources.resources (add { type: 'topic', name: 'events' } to it, or remove the construct)",
    ]);
  });

  test('the same name with another type is both a missing and an undeclared resource', () => {
    const { app, stack } = stackWith([{ type: 'queue', name: 'events' }]);
    new PavedTopic(stack, 'Events', { name: 'events' });
    expect(synthErrors(app)).toEqual([
      expect.stringMatching(/^error: dev: declaredResources: queue 'events' is declared .* no PavedQueue named 'events'/),
      expect.stringMatching(/^error: dev\/Events: topic 'events' is created but not declared/),
    ]);
  });

  test('a bucket made without PavedBucket cannot be matched and is named', () => {
    const { app, stack } = stackWith([]);
    new Bucket(stack, 'Raw', { bucketName: 'northwind-dev-orders-raw', enforceSSL: true });
    expect(synthErrors(app)).toContainEqual(
      "error: dev/Raw/Resource: a bucket created without PavedBucket cannot be matched with the descriptor's awsResources.resources (use PavedBucket)",
    );
  });

  test('without declaredResources nothing is compared', () => {
    const { app, stack } = stackWith(undefined);
    new PavedTopic(stack, 'Events', { name: 'events' });
    expect(synthErrors(app)).toEqual([]);
  });

  test('a declared list with an unknown type, a bad name or a name twice is refused when the stack is created', () => {
    const make = (declared: PavedDeclaredResource[]) => () => stackWith(declared);
    expect(make([{ type: 'lambda', name: 'fn' }])).toThrow("error: dev: declaredResources[0].type: 'lambda' is not a resource type (one of bucket, queue, topic, table)");
    expect(make([{ type: 'queue', name: 'Jobs' }])).toThrow(/error: dev: declaredResources\[0\]\.name: 'Jobs' is not a valid name component/);
    expect(make([{ type: 'queue', name: 'jobs' }, { type: 'topic', name: 'jobs' }]))
      .toThrow("error: dev: declaredResources[1].name: 'jobs' is declared twice (names are unique per service)");
  });
});
