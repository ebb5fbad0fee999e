import * as fs from 'node:fs';
import { validatePlatform, type PlatformConfig, type ServiceConfig } from '@paved/shared-config';
import { awsResourcesExample, withResources } from './support/feature-examples';
import { allowed, rolesOf, statements, type Context, type Statement } from './support/iam-evaluator';
import { example, synthesize } from './support/synthesized';

/**
 * Issue 18, the platform side: per environment a service with `awsResources` runs in, the bootstrap stack of that
 * environment's account creates `<org>-<env>-<service>-cfn-deploy` (GitHub OIDC, that repository's jobs bound to that
 * environment only) and `<org>-<env>-<service>-cfn-exec` (CloudFormation only), both under
 * `<org>-<env>-<service>-cfn-boundary`. What they may do is shown with a small IAM evaluator over the synthesized
 * policies (identity policy AND boundary, explicit deny wins), not by reading statements one by one.
 */
const config: PlatformConfig = awsResourcesExample;
const out = synthesize(config);
afterAll(() => fs.rmSync(out.outdir, { recursive: true, force: true }));
const NONPROD = '210987654321';
const MGMT = '345678901234';
const REGION = 'eu-west-1';
const SUB = 'token.actions.githubusercontent.com:sub';
const AUD = 'token.actions.githubusercontent.com:aud';

const { everywhere, roleNamed, inlinePolicy, boundaryOf } = rolesOf(out);

describe('service CloudFormation roles (awsResources)', () => {
  const deploy = roleNamed('northwind-dev-api-cfn-deploy');
  const exec = roleNamed('northwind-dev-api-cfn-exec');
  const execArn = `arn:aws:iam::${NONPROD}:role/northwind-dev-api-cfn-exec`;
  const sqs = (name: string) => `arn:aws:sqs:${REGION}:${NONPROD}:${name}`;

  test('one deploy and one execution role per environment the service runs in, in that environment\'s account', () => {
    expect([deploy.stack, exec.stack]).toEqual([`bootstrap-${NONPROD}`, `bootstrap-${NONPROD}`]);
    expect(roleNamed('northwind-staging-api-cfn-deploy').stack).toBe(`bootstrap-${NONPROD}`);
    expect(roleNamed('northwind-prod-api-cfn-exec').stack).toBe('bootstrap');
    // no other service gets any
    expect(everywhere('aws_iam_role').map((r) => r.body.name).filter((n: string) => n.includes('-cfn-')).sort()).toEqual(
      ['dev', 'prod', 'staging'].flatMap((e) => [`northwind-${e}-api-cfn-deploy`, `northwind-${e}-api-cfn-exec`]),
    );
  });

  test('the deploy role trusts exactly the service repository\'s jobs bound to the environment, through GitHub OIDC', () => {
    const trust = statements(deploy.body.assume_role_policy);
    expect(trust).toHaveLength(1);
    expect(trust[0].Action).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(trust[0].Principal).toEqual({ Federated: [expect.stringMatching(/^\$\{aws_iam_openid_connect_provider\.[^.]+\.arn\}$/)] });
    expect(trust[0].Condition).toEqual({ StringEquals: { [AUD]: ['sts.amazonaws.com'], [SUB]: ['repo:northwind/api:environment:dev'] } });
    expect(statements(roleNamed('northwind-prod-api-cfn-deploy').body.assume_role_policy)[0].Condition!.StringEquals[SUB]).toEqual(['repo:northwind/api:environment:prod']);
  });

  test('the execution role is trusted by CloudFormation only, on behalf of its own account', () => {
    expect(statements(exec.body.assume_role_policy)).toEqual([{
      Sid: 'CloudFormation',
      Effect: 'Allow',
      Principal: { Service: ['cloudformation.amazonaws.com'] },
      Action: ['sts:AssumeRole'],
      Condition: { StringEquals: { 'aws:SourceAccount': [NONPROD] } },
    }]);
  });

  test('both roles carry the service\'s boundary, which the account boundary protects them with', () => {
    expect(boundaryOf(deploy).name).toBe('northwind-dev-api-cfn-boundary');
    expect(boundaryOf(exec).name).toBe('northwind-dev-api-cfn-boundary');
    const account = out.resources(deploy.stack, 'aws_iam_policy').find((p) => p.body.name === 'northwind-boundary')!;
    const protectedRoles = statements(account.body.policy).find((s) => s.Sid === 'NoCiRoleChanges')!.Resource;
    expect(protectedRoles).toEqual(expect.arrayContaining([execArn, `arn:aws:iam::${NONPROD}:role/northwind-dev-api-cfn-deploy`]));
  });

  describe('the execution role (identity policy AND boundary)', () => {
    const identity = inlinePolicy(exec);
    const boundary = boundaryOf(exec).statements;
    const can = (action: string, resource: string, context: Context = {}) => allowed(identity, boundary, action, resource, context);

    test('its own queue is allowed; another service\'s prefix is refused', () => {
      expect(can('sqs:CreateQueue', sqs('northwind-dev-api-orders'))).toBe(true);
      expect(can('sqs:CreateQueue', sqs('northwind-dev-web-orders'))).toBe(false);
      expect(can('sqs:CreateQueue', sqs('northwind-prod-api-orders').replace(NONPROD, MGMT))).toBe(false);
    });

    test('buckets, topics and tables only with the prefix', () => {
      expect(can('s3:CreateBucket', 'arn:aws:s3:::northwind-dev-api-uploads')).toBe(true);
      expect(can('s3:CreateBucket', 'arn:aws:s3:::uploads')).toBe(false);
      expect(can('s3:CreateBucket', 'arn:aws:s3:::northwind-dev-apiary-uploads')).toBe(false);
      expect(can('sns:CreateTopic', `arn:aws:sns:${REGION}:${NONPROD}:northwind-dev-api-events`)).toBe(true);
      expect(can('dynamodb:CreateTable', `arn:aws:dynamodb:${REGION}:${NONPROD}:table/northwind-dev-api-carts`)).toBe(true);
      expect(can('dynamodb:CreateTable', `arn:aws:dynamodb:${REGION}:${NONPROD}:table/northwind-dev-web-carts`)).toBe(false);
    });

    test('no roles: CreateRole and PassRole refused; inline policies only on the service\'s own Pod Identity role', () => {
      expect(can('iam:CreateRole', `arn:aws:iam::${NONPROD}:role/northwind-dev-api-anything`)).toBe(false);
      expect(can('iam:PassRole', `arn:aws:iam::${NONPROD}:role/northwind-dev-service-api`)).toBe(false);
      // Planted bug this catches: PutRolePolicy on the service's own Pod Identity role (capped only by the account-wide
      // boundary, so a CDK app could grant its pods other services' resources).
      expect(can('iam:PutRolePolicy', `arn:aws:iam::${NONPROD}:role/northwind-dev-service-api`)).toBe(false);
      expect(can('iam:PutRolePolicy', `arn:aws:iam::${NONPROD}:role/northwind-dev-service-web`)).toBe(false);
      expect(can('iam:PutRolePolicy', execArn)).toBe(false);
    });

    test('KMS keys only with the service tag, and only its own keys are managed', () => {
      expect(can('kms:CreateKey', '*', { 'aws:RequestTag/paved:service': 'api' })).toBe(true);
      expect(can('kms:CreateKey', '*', { 'aws:RequestTag/paved:service': 'web' })).toBe(false);
      expect(can('kms:CreateKey', '*')).toBe(false);
      const key = `arn:aws:kms:${REGION}:${NONPROD}:key/1234`;
      expect(can('kms:PutKeyPolicy', key, { 'aws:ResourceTag/paved:service': 'api' })).toBe(true);
      expect(can('kms:PutKeyPolicy', key, { 'aws:ResourceTag/paved:service': 'web' })).toBe(false);
      expect(can('kms:TagResource', key, { 'aws:ResourceTag/paved:service': 'web', 'aws:RequestTag/paved:service': 'api' })).toBe(false);
    });

    test('table resource policies (how the constructs grant pods access) and KMS grants for AWS services on its own keys only', () => {
      // Without these a PavedTable with a grant cannot deploy (issue 18: DynamoDB creates a grant on the customer key).
      expect(can('dynamodb:PutResourcePolicy', `arn:aws:dynamodb:${REGION}:${NONPROD}:table/northwind-dev-api-carts`)).toBe(true);
      expect(can('dynamodb:PutResourcePolicy', `arn:aws:dynamodb:${REGION}:${NONPROD}:table/northwind-dev-web-carts`)).toBe(false);
      const key = `arn:aws:kms:${REGION}:${NONPROD}:key/1234`;
      const own = { 'aws:ResourceTag/paved:service': 'api' };
      expect(can('kms:CreateGrant', key, { ...own, 'kms:GrantIsForAWSResource': 'true' })).toBe(true);
      // A grant to a principal of the caller's choosing, or on another service's key: refused.
      expect(can('kms:CreateGrant', key, own)).toBe(false);
      expect(can('kms:CreateGrant', key, { 'aws:ResourceTag/paved:service': 'web', 'kms:GrantIsForAWSResource': 'true' })).toBe(false);
    });

    test('the boundary caps a widened identity policy: an allow-everything inline policy still gets only the prefix', () => {
      const everything: Statement[] = [{ Sid: 'All', Effect: 'Allow', Action: ['*'], Resource: ['*'] }];
      expect(allowed(everything, boundary, 'sqs:CreateQueue', sqs('northwind-dev-api-orders'))).toBe(true);
      expect(allowed(everything, boundary, 'sqs:CreateQueue', sqs('northwind-dev-web-orders'))).toBe(false);
      expect(allowed(everything, boundary, 'iam:CreateRole', `arn:aws:iam::${NONPROD}:role/x`)).toBe(false);
      expect(allowed(everything, boundary, 'ec2:RunInstances', '*')).toBe(false);
    });
  });

  describe('the deploy role (identity policy AND boundary)', () => {
    const identity = inlinePolicy(deploy);
    const boundary = boundaryOf(deploy).statements;
    const can = (action: string, resource: string, context: Context = {}) => allowed(identity, boundary, action, resource, context);
    const stack = (name: string) => `arn:aws:cloudformation:${REGION}:${NONPROD}:stack/${name}/0a1b2c3d`;

    test('CloudFormation on the service\'s stacks with the execution role only', () => {
      expect(can('cloudformation:CreateChangeSet', stack('northwind-dev-api-queues'), { 'cloudformation:RoleArn': execArn })).toBe(true);
      expect(can('cloudformation:CreateChangeSet', stack('northwind-dev-api-queues'))).toBe(false);
      expect(can('cloudformation:CreateChangeSet', stack('northwind-dev-web-queues'), { 'cloudformation:RoleArn': execArn })).toBe(false);
      expect(can('cloudformation:ExecuteChangeSet', stack('northwind-dev-api-queues'))).toBe(true);
    });

    test('passes the execution role to CloudFormation, and nothing else', () => {
      expect(can('iam:PassRole', execArn, { 'iam:PassedToService': 'cloudformation.amazonaws.com' })).toBe(true);
      expect(can('iam:PassRole', execArn, { 'iam:PassedToService': 'lambda.amazonaws.com' })).toBe(false);
      expect(can('iam:PassRole', `arn:aws:iam::${NONPROD}:role/northwind-ci-deploy`, { 'iam:PassedToService': 'cloudformation.amazonaws.com' })).toBe(false);
      expect(can('sqs:CreateQueue', sqs('northwind-dev-api-orders'))).toBe(false);
    });
  });

  test('a service with awsResources has its Pod Identity role even without a data store (its resource policies name it)', () => {
    // Planted: creating the role only for data-store users leaves the constructs' grants naming a missing role, which
    // AWS refuses at deploy time. `web` of the example uses no data store; give it awsResources.
    const webOnly = synthesize({ ...example, services: withResources(example.services!, 'web', ['queue']) });
    try {
      const named = (n: string) => webOnly.stacks.flatMap((s) => webOnly.resources(s.name, 'aws_iam_role')).filter((r) => r.body.name === n);
      expect(named('northwind-dev-service-web').map((r) => r.stack)).toEqual(['dev-data']);
      expect(named('northwind-dev-service-web')[0].body.permissions_boundary).toBeDefined();
      // Where `web` has no awsResources (the config of this file: only `api` has them) it gets no role.
      expect(everywhere('aws_iam_role').filter((r) => r.body.name === 'northwind-dev-service-web')).toEqual([]);
    } finally {
      fs.rmSync(webOnly.outdir, { recursive: true, force: true });
    }
  });

  test('the root example (no awsResources) gets none of these roles', () => {
    const plain = synthesize();
    try {
      const names = plain.stacks.flatMap((s) => plain.resources(s.name, 'aws_iam_role')).map((r) => r.body.name as string);
      expect(names.filter((n) => n.includes('-cfn-'))).toEqual([]);
    } finally {
      fs.rmSync(plain.outdir, { recursive: true, force: true });
    }
  });
});

describe('awsResources validation', () => {
  const errors = (services: readonly ServiceConfig[]) =>
    validatePlatform({ ...example, services }).problems.filter((p) => p.severity === 'error').map((p) => `${p.path}: ${p.message}`);

  test('needs ci.repository', () => {
    const services = example.services!.map((s) => (s.name === 'api' ? { ...s, ci: undefined, awsResources: { types: ['queue' as const] } } : s));
    expect(errors(services)).toEqual([expect.stringMatching(/^services\[0\]\.awsResources: needs services\[\]\.ci\.repository/)]);
  });

  test('refuses a name prefix that leaves too little room within the tightest limit', () => {
    const long = 'web-frontend-with-a-long-name';
    const services = example.services!.map((s) => (s.name === 'web' ? { ...s, name: long, awsResources: { types: ['queue' as const, 'bucket' as const] } } : s));
    expect(errors(services)).toEqual([
      `services[1].awsResources.types: 'northwind-staging-${long}-' leaves 15 characters for a bucket name (S3 bucket names are at most 63)`,
    ]);
    // Queues alone (80) leave room for the same name.
    expect(errors(services.map((s) => (s.name === long ? { ...s, awsResources: { types: ['queue' as const] } } : s)))).toEqual([]);
  });

  test('refuses an unknown type', () => {
    const services = withResources(example.services!, 'api', ['queue', 'lambda' as never]);
    expect(errors(services)).toEqual([expect.stringMatching(/^services\[0\]\.awsResources\.types\[1\]: 'lambda' is not a known value/)]);
  });
});

// `terraform validate` of the stacks holding the roles (both bootstrap stacks) runs in terraform-validate.test.ts, in the
// same validate as the examples (support/feature-examples.ts).
