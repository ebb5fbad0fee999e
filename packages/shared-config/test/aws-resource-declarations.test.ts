import { type Problem, PlatformConfig, resolvePlatform, validatePlatform } from '../src';
import { type Mutable, mutableConfig } from './fixtures';

type Config = Mutable<PlatformConfig>;
const RULE = 'service-aws-resource-declarations';

/** The fixture's `api` service (in dev and prod, org `acme`) with `awsResources` set to `aws`. */
function withResources(aws: unknown, mutate: (c: Config) => void = () => undefined): Config {
  const config = mutableConfig();
  (config.services![0] as { awsResources?: unknown }).awsResources = aws;
  mutate(config);
  return config;
}
const problems = (config: Config, rule?: string): Problem[] =>
  validatePlatform(config).problems.filter((p) => rule === undefined || p.rule === rule);
const all = ['bucket', 'queue', 'topic', 'table'];

describe('services[].awsResources.resources', () => {
  test('a list with one resource of each type, usage for each, is accepted and resolved per environment', () => {
    const config = withResources({
      types: all,
      resources: [
        { type: 'bucket', name: 'uploads', usage: { storageGb: 50 } },
        { type: 'queue', name: 'jobs', usage: { requestsPerMonthMillions: 2.5 } },
        { type: 'topic', name: 'events' },
        { type: 'table', name: 'orders', usage: { storageGb: 1, readRequestUnitsPerMonthMillions: 10, writeRequestUnitsPerMonthMillions: 0 } },
      ],
    });
    expect(problems(config)).toEqual([]);
    const platform = resolvePlatform(config);
    const api = (env: string) => platform.environments.find((e) => e.name === env)!.services.find((s) => s.name === 'api')!;
    expect(api('prod').awsResources?.resources).toStrictEqual([
      { type: 'bucket', name: 'uploads', physicalName: 'acme-prod-api-uploads', usage: { storageGb: 50 } },
      { type: 'queue', name: 'jobs', physicalName: 'acme-prod-api-jobs', usage: { requestsPerMonthMillions: 2.5 } },
      { type: 'topic', name: 'events', physicalName: 'acme-prod-api-events' },
      { type: 'table', name: 'orders', physicalName: 'acme-prod-api-orders', usage: { storageGb: 1, readRequestUnitsPerMonthMillions: 10, writeRequestUnitsPerMonthMillions: 0 } },
    ]);
    expect(api('dev').awsResources?.resources?.[0].physicalName).toBe('acme-dev-api-uploads');
  });

  test('without resources the resolved service has no resources key (outputs unchanged)', () => {
    const platform = resolvePlatform(withResources({ types: ['queue'] }));
    expect(platform.environments[0].services[0].awsResources).toStrictEqual({ types: ['queue'], repository: 'acme/api' });
  });

  test('a name used twice in one service is refused at the later entry, whatever the types', () => {
    const config = withResources({ types: all, resources: [{ type: 'queue', name: 'jobs' }, { type: 'topic', name: 'jobs' }] });
    expect(problems(config, RULE)).toEqual([expect.objectContaining({
      path: 'services[0].awsResources.resources[1].name',
      message: "'jobs' is already used by services[0].awsResources.resources[0]",
    })]);
  });

  test('a physical name over the AWS limit of its type in the longest environment is refused, with the room left', () => {
    // acme-staging-api- is 17 characters: a bucket name may have 46, a queue 59 (80 less '-dlq' and the prefix).
    const staging = (c: Config) => void c.environments.push({ name: 'staging', profile: 'development', account: '111111111111', region: 'eu-west-1', network: { vpcCidr: '10.2.0.0/16' } } as Config['environments'][number]);
    const bucket = withResources({ types: all, resources: [{ type: 'bucket', name: 'b'.repeat(47) }] }, staging);
    expect(problems(bucket, RULE)).toEqual([expect.objectContaining({
      path: 'services[0].awsResources.resources[0].name',
      message: `'acme-staging-api-${'b'.repeat(47)}' in 'staging' would have 64 characters (S3 bucket names are at most 63)`,
      allowed: 'a name of at most 46 characters',
    })]);
    expect(problems(withResources({ types: all, resources: [{ type: 'bucket', name: 'b'.repeat(46) }] }, staging), RULE)).toEqual([]);
    const queue = withResources({ types: all, resources: [{ type: 'queue', name: 'q'.repeat(60) }] }, staging);
    expect(problems(queue, RULE)).toEqual([expect.objectContaining({
      message: expect.stringContaining("SQS queue names are at most 80, its dead-letter queue's '-dlq' included"),
      allowed: 'a name of at most 59 characters',
    })]);
    // An environment the service does not run in does not count.
    const off = withResources({ types: all, resources: [{ type: 'bucket', name: 'b'.repeat(47) }] }, (c) => {
      staging(c);
      c.services![0].environments = { ...c.services![0].environments, staging: { enabled: false } };
    });
    expect(problems(off, RULE)).toEqual([]);
  });

  test('a usage field of another type is refused, naming the fields of the type', () => {
    const config = withResources({ types: all, resources: [{ type: 'bucket', name: 'uploads', usage: { storageGb: 5, requestsPerMonthMillions: 1 } }] });
    expect(problems(config, RULE)).toEqual([expect.objectContaining({
      path: 'services[0].awsResources.resources[0].usage.requestsPerMonthMillions',
      message: 'is not priced for a bucket',
      allowed: 'for a bucket: storageGb',
    })]);
  });

  test('the schema refuses a bad name, an unknown type, a negative or non-numeric usage and unknown fields', () => {
    const config = withResources({
      types: all,
      resources: [
        { type: 'bucket', name: 'Uploads_1' },
        { type: 'lambda', name: 'fn' },
        { type: 'queue', name: 'jobs', usage: { requestsPerMonthMillions: -1 } },
        { type: 'topic', name: 'events', usage: { publishesPerMonthMillions: 'many' } },
        { type: 'table', name: 'orders', usage: { iops: 3 } },
      ],
    });
    const schema = problems(config, 'schema').map((p) => `${p.path}: ${p.message} (${p.allowed})`);
    expect(schema).toEqual(expect.arrayContaining([
      expect.stringMatching(/^services\[0\]\.awsResources\.resources\[0\]\.name: 'Uploads_1' is not valid \(lowercase letters, digits and single hyphens/),
      expect.stringMatching(/^services\[0\]\.awsResources\.resources\[1\]\.type: 'lambda' is not a known value/),
      'services[0].awsResources.resources[2].usage.requestsPerMonthMillions: -1 is not a number of zero or more (a non-negative number such as 25 or 0.5)',
      "services[0].awsResources.resources[3].usage.publishesPerMonthMillions: 'many' is not a number of zero or more (a non-negative number such as 25 or 0.5)",
      expect.stringMatching(/^services\[0\]\.awsResources\.resources\[4\]\.usage\.iops: is not a known field/),
    ]));
  });
});

describe('services[].awsResources in stages', () => {
  // A stage has no stacks, so no CloudFormation roles: its CDK deploy would find none to assume. Refused, like Kafka.
  const withStage = (enabled: boolean) => withResources({ types: ['queue'], resources: [{ type: 'queue', name: 'jobs' }] }, (c) => {
    c.environments.push({ name: 'preview', profile: 'development', account: '111111111111', region: 'eu-west-1', runsOn: 'dev' } as Config['environments'][number]);
    if (!enabled) (c.services![0] as { environments?: unknown }).environments = { preview: { enabled: false } };
  });

  test('a service with awsResources that runs in a stage: one error naming the field and the stage', () => {
    expect(problems(withStage(true), 'stage-services-supported').map((p) => `${p.path}: ${p.message} (${p.allowed})`)).toEqual([
      "services[0].awsResources: runs in stage 'preview', which does not support service-owned AWS resources yet (`environments.preview.enabled: false` on this service, or a service without `awsResources` in stages)",
    ]);
  });

  test('switched off in the stage, it is accepted', () => {
    expect(problems(withStage(false))).toEqual([]);
  });
});
