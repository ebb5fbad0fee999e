import { Testing } from 'projen';
import * as YAML from 'yaml';
import { PavedPythonService, PavedService, PavedStaticSite, type PavedServiceOptions } from '../src';
import { useTempOutdirs } from './temp-outdirs';

/** `--aws-resources`: the CDK app under infra/, its tasks, CI jobs and descriptor fields, for every project type. */
const outdir = useTempOutdirs('paved-aws-resources-test-');
const REQUIRED = { name: 'orders', organization: 'northwind', team: 'core', awsAccount: '345678901234', awsRegion: 'eu-west-1', defaultReleaseBranch: 'main' };
const synth = (options: Partial<PavedServiceOptions> = {}) =>
  Testing.synth(new PavedService({ ...REQUIRED, outdir: outdir(), awsResources: true, ...options }));

describe('a Node service with awsResources', () => {
  const files = synth({
    environmentAccounts: { prod: '456789012345' },
    serviceConstructsVersion: '^1.4.0',
    awsResourceEnv: { JOBS_QUEUE_URL: 'queue-url:jobs', EVENTS_TOPIC_ARN: 'topic-arn:events', UPLOADS_BUCKET: 'bucket:uploads' },
  });
  const wf = YAML.parse(files['.github/workflows/ci.yml']);
  const tasks = files['.projen/tasks.json'].tasks;

  test('adds an AWS CDK app under infra/ with aws-cdk-lib, constructs and the Paved constructs', () => {
    const pkg = files['infra/package.json'];
    expect(pkg.dependencies).toMatchObject({ 'aws-cdk-lib': '2.276.0', 'constructs': '^10.5.1', '@paved/service-constructs': '^1.4.0' });
    expect(pkg.devDependencies['aws-cdk']).toBe('^2.1148.0');
    expect(pkg.private).toBe(true);
    expect(files['infra/cdk.json'].app).toMatch(/src\/main\.ts/);
    expect(files['infra/cdk.json'].requireApproval).toBe('never');
    expect(files['infra/src/main.ts']).toMatch(/new PavedServiceStack\(app, env\.name/);
    // The app's settings come from the blueprint: one stack per environment, the last one production.
    expect(files['infra/src/service.generated.ts']).toContain([
      "  organization: 'northwind',",
      "  service: 'orders',",
      "  region: 'eu-west-1',",
      '  environments: [',
      "    { name: 'dev', account: '345678901234', production: false },",
      "    { name: 'staging', account: '345678901234', production: false },",
      "    { name: 'prod', account: '456789012345', production: true },",
      '  ],',
    ].join('\n'));
    // The resources awsResourceEnv names, which the stack compares with the app's.
    expect(files['infra/src/service.generated.ts']).toContain([
      '  resources: [',
      "    { type: 'topic', name: 'events' },",
      "    { type: 'queue', name: 'jobs' },",
      "    { type: 'bucket', name: 'uploads' },",
      '  ],',
    ].join('\n'));
    expect(files['infra/src/main.ts']).toContain('declaredResources: SERVICE.resources,');
    // The service itself does not depend on the CDK: its image stays small.
    expect(files['package.json'].dependencies?.['aws-cdk-lib']).toBeUndefined();
  });

  test('adds the tasks infra:synth, infra:diff and infra:deploy, run in infra/', () => {
    expect(tasks['infra:synth']).toMatchObject({ cwd: 'infra', steps: [{ exec: 'npx cdk synth --quiet --no-notices' }] });
    expect(tasks['infra:diff']).toMatchObject({ cwd: 'infra', steps: [{ exec: 'npx cdk diff', receiveArgs: true }] });
    expect(tasks['infra:deploy']).toMatchObject({ cwd: 'infra', steps: [{ exec: 'npx cdk deploy --require-approval never', receiveArgs: true }] });
  });

  test('declares its resources and repository in the descriptor', () => {
    expect(files['paved.service.json']).toMatchObject({
      ci: { repository: 'northwind/orders', branch: 'main' },
      awsResources: {
        types: ['bucket', 'queue', 'table', 'topic'],
        resources: [{ type: 'topic', name: 'events' }, { type: 'queue', name: 'jobs' }, { type: 'bucket', name: 'uploads' }],
      },
    });
  });

  test('writes the resources\' names, URLs and ARNs per environment into the descriptor', () => {
    const environments = files['paved.service.json'].environments;
    expect(environments.dev.env).toEqual({
      JOBS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/345678901234/northwind-dev-orders-jobs',
      EVENTS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:345678901234:northwind-dev-orders-events',
      UPLOADS_BUCKET: 'northwind-dev-orders-uploads',
    });
    expect(environments.prod.env.JOBS_QUEUE_URL).toBe('https://sqs.eu-west-1.amazonaws.com/456789012345/northwind-prod-orders-jobs');
  });

  test.each([['dev', '345678901234'], ['staging', '345678901234'], ['prod', '456789012345']])(
    'diffs %s on pull requests and deploys it after its promotion, with the roles of account %s',
    (env, account) => {
      const diff = wf.jobs[`infra-diff-${env}`];
      expect(diff).toMatchObject({ if: "github.event_name == 'pull_request'", environment: env, permissions: { 'contents': 'read', 'id-token': 'write' } });
      const assume = (job: any) => job.steps.find((s: any) => s.uses?.startsWith('aws-actions/configure-aws-credentials'));
      expect(assume(diff).with).toMatchObject({ 'role-to-assume': `arn:aws:iam::${account}:role/northwind-${env}-orders-cfn-deploy`, 'allowed-account-ids': account });
      expect(diff.steps.at(-1)).toMatchObject({ 'run': `npx cdk diff ${env}`, 'working-directory': 'infra' });

      const deploy = wf.jobs[`infra-deploy-${env}`];
      expect(deploy).toMatchObject({ needs: `promote-${env}`, environment: env, permissions: { 'contents': 'read', 'id-token': 'write' } });
      expect(deploy.if).toMatch(/github\.event_name == 'push' && github\.ref == 'refs\/heads\/main'/);
      expect(assume(deploy).with['role-to-assume']).toBe(`arn:aws:iam::${account}:role/northwind-${env}-orders-cfn-deploy`);
      expect(deploy.steps.at(-1).run).toBe(`npx cdk deploy ${env} --require-approval never --role-arn arn:aws:iam::${account}:role/northwind-${env}-orders-cfn-exec`);
      // The descriptor pin (which rolls the new version out) waits for the resources.
      expect(wf.jobs[`propose-${env}`].needs).toContain(`infra-deploy-${env}`);
    },
  );
});

describe('awsResources in other project types and its errors', () => {
  test('the Python service and the static site get the same app, tasks and jobs', () => {
    for (const files of [
      Testing.synth(new PavedPythonService({ ...REQUIRED, outdir: outdir(), awsResources: true, awsResourceTypes: ['queue'] })),
      Testing.synth(new PavedStaticSite({ ...REQUIRED, name: 'frontend', outdir: outdir(), awsResources: true, awsResourceTypes: ['bucket'] })),
    ]) {
      expect(files['infra/cdk.json']).toBeDefined();
      expect(files['.projen/tasks.json'].tasks['infra:synth']).toBeDefined();
      expect(Object.keys(YAML.parse(files['.github/workflows/ci.yml']).jobs)).toEqual(expect.arrayContaining(['infra-diff-dev', 'infra-deploy-prod']));
      expect(files['paved.service.json'].awsResources.types).toHaveLength(1);
    }
  });

  test('declaredAwsResources adds resources no variable points at; without any, none are declared or compared', () => {
    const files = synth({
      awsResourceTypes: ['bucket', 'queue'],
      awsResourceEnv: { JOBS_QUEUE_NAME: 'queue-name:jobs', JOBS_QUEUE_URL: 'queue-url:jobs' },
      declaredAwsResources: ['bucket:archive'],
      awsResourceUsage: { jobs: { requestsPerMonthMillions: 2.5 } },
    });
    expect(files['paved.service.json'].awsResources).toEqual({
      types: ['bucket', 'queue'],
      resources: [{ type: 'bucket', name: 'archive' }, { type: 'queue', name: 'jobs', usage: { requestsPerMonthMillions: 2.5 } }],
    });
    // Usage is the platform's business: the CDK app gets types and names only.
    expect(files['infra/src/service.generated.ts']).toContain("  resources: [\n    { type: 'bucket', name: 'archive' },\n    { type: 'queue', name: 'jobs' },\n  ],\n");
    const none = synth({});
    expect(none['paved.service.json'].awsResources).toEqual({ types: ['bucket', 'queue', 'table', 'topic'] });
    expect(none['infra/src/service.generated.ts']).toContain('  resources: undefined,\n');
  });

  test('refuses a resource of a type not in awsResourceTypes, one name for two types, and a malformed declaration', () => {
    expect(() => synth({ awsResourceTypes: ['queue'], declaredAwsResources: ['bucket:archive'] }))
      .toThrow("option 'declaredAwsResources[0]' is \"bucket:archive\"; expected a resource of a type in 'awsResourceTypes' (queue), or add 'bucket' to it");
    expect(() => synth({ awsResourceTypes: ['queue'], awsResourceEnv: { ORDERS_TABLE: 'table:orders' } }))
      .toThrow(/option 'awsResourceEnv.ORDERS_TABLE' .*expected a resource of a type in 'awsResourceTypes' \(queue\)/);
    expect(() => synth({ awsResourceEnv: { JOBS_QUEUE_URL: 'queue-url:jobs' }, declaredAwsResources: ['topic:jobs'] }))
      .toThrow("option 'declaredAwsResources[0]' is \"topic:jobs\"; expected another name: 'jobs' is the queue of awsResourceEnv.JOBS_QUEUE_URL");
    expect(() => synth({ declaredAwsResources: ['lambda:fn'] })).toThrow(/declaredAwsResources\[0\].*'<type>:<name>'/);
    expect(() => synth({ declaredAwsResources: ['queue:jobs'], awsResourceUsage: { orders: { storageGb: 1 } } }))
      .toThrow("option 'awsResourceUsage.orders' is {\"storageGb\":1}; expected the name of a resource in 'awsResourceEnv' or 'declaredAwsResources' (jobs)");
    expect(() => synth({ declaredAwsResources: ['queue:jobs'], awsResourceUsage: { jobs: { storageGb: 1 } } }))
      .toThrow("option 'awsResourceUsage.jobs.storageGb' is 1; expected a usage field of a queue: requestsPerMonthMillions");
    expect(() => synth({ declaredAwsResources: ['queue:jobs'], awsResourceUsage: { jobs: { requestsPerMonthMillions: -2 } } }))
      .toThrow("option 'awsResourceUsage.jobs.requestsPerMonthMillions' is -2; expected a number of zero or more");
    expect(() => synth({ declaredAwsResources: ['queue:Jobs'] })).toThrow(/declaredAwsResources\[0\]/);
  });

  test('without awsResources nothing is added', () => {
    const files = Testing.synth(new PavedService({ ...REQUIRED, outdir: outdir() }));
    expect(Object.keys(files).filter((f) => f.startsWith('infra/'))).toEqual([]);
    expect(files['paved.service.json'].awsResources).toBeUndefined();
    expect(files['paved.service.json'].ci).toBeUndefined();
  });

  test('refuses unknown types, an account for an environment the service does not run in, and a bad repository', () => {
    expect(() => synth({ awsResourceTypes: ['lambda'] })).toThrow(/awsResourceTypes\[0\].*one of bucket, queue, topic, table/);
    expect(() => synth({ environmentAccounts: { qa: '111111111111' } })).toThrow(/environmentAccounts\.qa.*an environment of 'environments' \(dev, staging, prod\)/);
    expect(() => synth({ serviceRepository: 'not a repo' })).toThrow(/serviceRepository/);
    expect(() => synth({ awsResourceEnv: { JOBS: 'lambda:jobs' } })).toThrow(/awsResourceEnv\.JOBS.*'<kind>:<name>'/);
    expect(() => synth({ env: { JOBS: 'x' }, awsResourceEnv: { JOBS: 'queue-url:jobs' } })).toThrow(/awsResourceEnv\.JOBS.*a name not already in 'env'/);
  });
});
