import * as fs from 'node:fs';
import { awsResourcesExample, declaredResourcesExample } from './support/feature-examples';
import { allowed, rolesOf, verdict, type Statement } from './support/iam-evaluator';
import { synthesize } from './support/synthesized';

/**
 * A service that declares its resources (`awsResources.resources`) gets an execution role narrowed to exactly those
 * physical names in each environment (a queue with its `-dlq`, a table with its indexes and streams), not every name
 * under its prefix; a chosen type with nothing declared gets nothing. The boundary stays on the prefix (fixed size).
 * Without the list the role keeps the prefix. Shown with the IAM evaluator over the synthesized bootstrap stacks.
 */
const NONPROD = '210987654321';
const MGMT = '345678901234';
const REGION = 'eu-west-1';

// `api`: all four types, one of each declared. `web`: queue and bucket chosen, only a queue declared.
const declared = synthesize(declaredResourcesExample);
// The same types on `api`, nothing declared (service-resources-roles.test.ts).
const prefixed = synthesize(awsResourcesExample);
afterAll(() => [declared, prefixed].forEach((o) => fs.rmSync(o.outdir, { recursive: true, force: true })));

const arn = {
  bucket: (name: string) => `arn:aws:s3:::${name}`,
  queue: (name: string, account = NONPROD) => `arn:aws:sqs:${REGION}:${account}:${name}`,
  topic: (name: string, account = NONPROD) => `arn:aws:sns:${REGION}:${account}:${name}`,
  table: (name: string, account = NONPROD) => `arn:aws:dynamodb:${REGION}:${account}:table/${name}`,
};
/** The per-type statements of the execution role (and, prefixed `Cap`, of its boundary). */
const TYPE_SIDS = ['Buckets', 'Queues', 'Tables', 'Topics'];
const isTypeStatement = (s: Statement) => TYPE_SIDS.includes(s.Sid.replace(/^Cap/, ''));

/** The execution role of `<service>` in `<env>`: its inline policy and its boundary, each on its own and together. */
function executionRole(out: typeof declared, env: string, service: string) {
  const roles = rolesOf(out);
  const role = roles.roleNamed(`northwind-${env}-${service}-cfn-exec`);
  const identity = roles.inlinePolicy(role);
  const boundary = roles.boundaryOf(role).statements;
  return {
    role,
    identity,
    boundary,
    can: (action: string, resource: string) => allowed(identity, boundary, action, resource),
    /** Refused by the identity policy alone and by the boundary alone: neither may be the only guard. */
    refusedByBoth: (action: string, resource: string) =>
      verdict(identity, action, resource) !== 'allow' && verdict(boundary, action, resource) !== 'allow',
    /** Refused by the identity policy (so by the role); the boundary, on the prefix, would allow it. */
    refusedByPolicy: (action: string, resource: string) =>
      verdict(identity, action, resource) !== 'allow' && verdict(boundary, action, resource) === 'allow',
    /** Allowed by both (so by the role). */
    allowedByBoth: (action: string, resource: string) =>
      verdict(identity, action, resource) === 'allow' && verdict(boundary, action, resource) === 'allow',
  };
}

describe('declared resources: the execution role allows exactly the declared names', () => {
  const api = executionRole(declared, 'dev', 'api');

  test.each([
    ['sqs:CreateQueue', arn.queue('northwind-dev-api-jobs')],
    // PavedQueue's dead-letter queue comes with the declared queue.
    ['sqs:CreateQueue', arn.queue('northwind-dev-api-jobs-dlq')],
    ['s3:CreateBucket', arn.bucket('northwind-dev-api-uploads')],
    ['s3:PutBucketPolicy', arn.bucket('northwind-dev-api-uploads')],
    ['sns:CreateTopic', arn.topic('northwind-dev-api-events')],
    ['dynamodb:CreateTable', arn.table('northwind-dev-api-carts')],
    ['dynamodb:PutResourcePolicy', arn.table('northwind-dev-api-carts')],
    // The table's indexes and streams are below its ARN.
    ['dynamodb:DescribeTable', arn.table('northwind-dev-api-carts/index/by-user')],
    ['dynamodb:DescribeTable', arn.table('northwind-dev-api-carts/stream/2026-01-01T00:00:00.000')],
  ])('a declared resource may be created, by the execution policy and by the boundary: %s %s', (action, resource) => {
    expect(api.allowedByBoth(action, resource)).toBe(true);
  });

  test.each([
    ['sqs:CreateQueue', arn.queue('northwind-dev-api-other')],
    ['s3:CreateBucket', arn.bucket('northwind-dev-api-other')],
    ['sns:CreateTopic', arn.topic('northwind-dev-api-other')],
    ['dynamodb:CreateTable', arn.table('northwind-dev-api-other')],
    // Names that only start with a declared one are other names: no wildcard after the declared name.
    ['sqs:CreateQueue', arn.queue('northwind-dev-api-jobs2')],
    ['sqs:CreateQueue', arn.queue('northwind-dev-api-jobs-dlq-dlq')],
    ['s3:CreateBucket', arn.bucket('northwind-dev-api-uploads-old')],
    ['dynamodb:CreateTable', arn.table('northwind-dev-api-carts-old')],
    // A declared name of one type is no name for another type.
    ['sqs:CreateQueue', arn.queue('northwind-dev-api-uploads')],
  ])('an undeclared name under the same prefix is refused by the execution policy: %s %s', (action, resource) => {
    expect(api.refusedByPolicy(action, resource)).toBe(true);
  });

  test('outside the prefix both refuse, as without the list', () => {
    expect(api.refusedByBoth('sqs:CreateQueue', arn.queue('northwind-dev-web-jobs'))).toBe(true);
  });

  test('the names are those of the role\'s environment and account', () => {
    expect(api.can('sqs:CreateQueue', arn.queue('northwind-staging-api-jobs'))).toBe(false);
    const staging = executionRole(declared, 'staging', 'api');
    expect(staging.allowedByBoth('sqs:CreateQueue', arn.queue('northwind-staging-api-jobs'))).toBe(true);
    expect(staging.refusedByBoth('sqs:CreateQueue', arn.queue('northwind-dev-api-jobs'))).toBe(true);
    const prod = executionRole(declared, 'prod', 'api');
    expect(prod.role.stack).toBe('bootstrap');
    expect(prod.allowedByBoth('dynamodb:CreateTable', arn.table('northwind-prod-api-carts', MGMT))).toBe(true);
    expect(prod.refusedByBoth('dynamodb:CreateTable', arn.table('northwind-prod-api-carts', NONPROD))).toBe(true);
  });

  test('a chosen type with nothing declared is refused entirely, and has no statement at all', () => {
    const web = executionRole(declared, 'dev', 'web');
    expect(web.allowedByBoth('sqs:CreateQueue', arn.queue('northwind-dev-web-clicks'))).toBe(true);
    expect(web.refusedByPolicy('s3:CreateBucket', arn.bucket('northwind-dev-web-clicks'))).toBe(true);
    expect(web.refusedByPolicy('s3:CreateBucket', arn.bucket('northwind-dev-web-anything'))).toBe(true);
    expect(web.identity.filter(isTypeStatement).map((s) => s.Sid)).toEqual(['Queues']);
    // The boundary keeps every chosen type on the prefix.
    expect(web.boundary.filter(isTypeStatement).map((s) => s.Sid)).toEqual(['CapBuckets', 'CapQueues']);
  });

  test('the boundary caps a widened identity policy to the prefix, and its size does not grow with the list', () => {
    const everything: Statement[] = [{ Sid: 'All', Effect: 'Allow', Action: ['*'], Resource: ['*'] }];
    expect(allowed(everything, api.boundary, 'sqs:CreateQueue', arn.queue('northwind-dev-api-other'))).toBe(true);
    expect(allowed(everything, api.boundary, 'sqs:CreateQueue', arn.queue('northwind-dev-web-jobs'))).toBe(false);
    expect(allowed(everything, api.boundary, 'dynamodb:CreateTable', arn.table('northwind-dev-web-carts'))).toBe(false);
    expect(allowed(everything, api.boundary, 'lambda:CreateFunction', 'arn:aws:lambda:eu-west-1:210987654321:function:northwind-dev-api-x')).toBe(false);
    expect(api.boundary).toEqual(executionRole(prefixed, 'dev', 'api').boundary);
  });

  test('only the per-type statements change: KMS, denies and the deploy role are those of the prefix', () => {
    const before = executionRole(prefixed, 'dev', 'api');
    expect(api.identity.filter((s) => !isTypeStatement(s))).toEqual(before.identity.filter((s) => !isTypeStatement(s)));
    // KMS aliases stay on the prefix: the stack's key alias is not a declared resource.
    expect(api.can('kms:CreateAlias', `arn:aws:kms:${REGION}:${NONPROD}:alias/northwind-dev-api-key`)).toBe(true);
    const deployPolicy = (out: typeof declared) => {
      const roles = rolesOf(out);
      return roles.inlinePolicy(roles.roleNamed('northwind-dev-api-cfn-deploy'));
    };
    expect(deployPolicy(declared)).toEqual(deployPolicy(prefixed));
  });
});

describe('without declared resources: every name under the prefix, as before', () => {
  const api = executionRole(prefixed, 'dev', 'api');
  const prefixArns = {
    Buckets: [arn.bucket('northwind-dev-api-*')],
    Queues: [arn.queue('northwind-dev-api-*')],
    Tables: [arn.table('northwind-dev-api-*')],
    Topics: [arn.topic('northwind-dev-api-*')],
  };

  test('the per-type statements of the execution policy and the boundary name the prefix wildcards only', () => {
    expect(Object.fromEntries(api.identity.filter(isTypeStatement).map((s) => [s.Sid, s.Resource]))).toEqual(prefixArns);
    expect(Object.fromEntries(api.boundary.filter(isTypeStatement).map((s) => [s.Sid.replace(/^Cap/, ''), s.Resource]))).toEqual(prefixArns);
  });

  test('any name under the prefix is allowed', () => {
    expect(api.allowedByBoth('sqs:CreateQueue', arn.queue('northwind-dev-api-other'))).toBe(true);
    expect(api.allowedByBoth('s3:CreateBucket', arn.bucket('northwind-dev-api-other'))).toBe(true);
    expect(api.allowedByBoth('sns:CreateTopic', arn.topic('northwind-dev-api-other'))).toBe(true);
    expect(api.allowedByBoth('dynamodb:CreateTable', arn.table('northwind-dev-api-other'))).toBe(true);
  });
});
