import * as fs from 'node:fs';
import * as path from 'node:path';
import { AWS_RESOURCE_USAGE_FIELDS, type PlatformConfig, resolvePlatform, type ServiceAwsResourceType, type ServiceConfig, validatePlatform } from '@paved/shared-config';
import { DESCRIPTOR_FILE, PavedService, resolveServiceSettings, ServiceRuntime } from '../packages/service-blueprint/src';
import example from '../platform.config';
import { tempDir } from './support/run-paved';
import { resolveAssumptions } from '../src/cost/assumptions';
import { estimateCost } from '../src/cost/estimate-cost';
import { formatCostTable } from '../src/cost/format-cost';
import { AWS_PRICES } from '../src/cost/prices/aws-prices';
import { REGION_MULTIPLIERS } from '../src/cost/prices/region-multipliers';
import { TerraformCounts } from '../src/cost/terraform-counts';
import { awsResourcesSection } from '../src/platform-docs/aws-resources-section';
import { environmentPage } from '../src/platform-docs/environment-page';

// Issue 18: a service's declared AWS resources (`awsResources.resources`) on the environment pages and in `paved cost`.
// No Terraform is synthesized: the lines come from the resolved config alone (empty counts keep the test in-process).
const config: PlatformConfig = {
  ...example,
  environments: example.environments.map((e) => (e.name === 'dev' ? { ...e, region: 'us-east-1' } : e)),
  services: (example.services ?? []).map((s) => (s.name !== 'api' ? s : {
    ...s,
    env: { ...s.env, JOBS_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/210987654321/northwind-dev-api-jobs' },
    environments: { ...s.environments, prod: { ...s.environments?.prod, env: { UPLOADS_BUCKET: 'northwind-prod-api-uploads' } } },
    awsResources: {
      types: ['bucket', 'queue', 'topic', 'table'],
      resources: [
        { type: 'bucket', name: 'uploads', usage: { storageGb: 100 } },
        { type: 'queue', name: 'jobs', usage: { requestsPerMonthMillions: 5 } },
        { type: 'topic', name: 'events', usage: { publishesPerMonthMillions: 2 } },
        { type: 'table', name: 'carts', usage: { storageGb: 10, readRequestUnitsPerMonthMillions: 40, writeRequestUnitsPerMonthMillions: 8 } },
        { type: 'queue', name: 'audit' },
      ],
    },
  })),
};
const platform = resolvePlatform(config);
const counts = new TerraformCounts(tempDir('paved-service-resources-cost-'));
const report = estimateCost({ platform, counts, prices: AWS_PRICES, assumptions: resolveAssumptions() });
const scope = (env: string) => report.environments.find((e) => e.name === env)!;
const lines = (env: string) => scope(env).lines.filter((l) => l.component === 'service-resources');

describe('paved cost: service-owned AWS resources', () => {
  test('the us-east-1 prices of SQS, SNS and DynamoDB name their sources; other regions derive them', () => {
    expect(AWS_PRICES.regional('sqs.standard.requests', 'us-east-1')).toMatchObject({ usd: 0.4, basis: 'published', unit: 'million-requests', sources: ['sqs-cloudburn', 'sqs-factualminds'] });
    expect(AWS_PRICES.regional('sns.standard.publishes', 'us-east-1')).toMatchObject({ usd: 0.5, basis: 'published', sources: ['sns-factualminds'] });
    expect(AWS_PRICES.regional('dynamodb.on-demand.read', 'us-east-1')).toMatchObject({ usd: 0.125, basis: 'published', sources: ['dynamodb-airbyte'] });
    expect(AWS_PRICES.regional('dynamodb.on-demand.write', 'us-east-1')).toMatchObject({ usd: 0.625, basis: 'published', sources: ['dynamodb-airbyte'] });
    expect(AWS_PRICES.regional('dynamodb.storage', 'us-east-1')).toMatchObject({ usd: 0.25, basis: 'published', sources: ['dynamodb-aws-pricing'], unit: 'GiB-month' });
    const m = REGION_MULTIPLIERS['eu-west-1'].compute;
    expect(AWS_PRICES.regional('sqs.standard.requests', 'eu-west-1')).toMatchObject({ usd: Math.round(0.4 * m * 1e6) / 1e6, basis: 'derived', derivedFrom: expect.stringMatching(/^us-east-1 x 1\.115 /) });
    for (const region of Object.keys(REGION_MULTIPLIERS)) expect(() => AWS_PRICES.regional('dynamodb.on-demand.write', region)).not.toThrow();
  });

  test('one KMS key per service and environment, and one line per usage figure, with its unit price', () => {
    expect(lines('dev').map((l) => [l.item, l.quantity, l.unit, l.unitPriceUsd, l.monthlyUsd, l.priceId])).toEqual([
      ['api: 1 KMS key shared by its 5 AWS resources; usage not estimated for queue audit (no usage in the descriptor)', 1, 'key-month', 1, 1, 'kms.key'],
      ['api: bucket northwind-dev-api-uploads, 100 GB S3 Standard (versions included)', 100, 'GiB-month', 0.023, 2.3, 's3.standard.storage'],
      ['api: queue northwind-dev-api-jobs, SQS requests', 5, 'million requests', 0.4, 2, 'sqs.standard.requests'],
      ['api: table northwind-dev-api-carts, 10 GB stored', 10, 'GiB-month', 0.25, 2.5, 'dynamodb.storage'],
      ['api: table northwind-dev-api-carts, on-demand read request units', 40, 'million requests', 0.125, 5, 'dynamodb.on-demand.read'],
      ['api: table northwind-dev-api-carts, on-demand write request units', 8, 'million requests', 0.625, 5, 'dynamodb.on-demand.write'],
      ['api: topic northwind-dev-api-events, SNS publishes (deliveries not included)', 2, 'million requests', 0.5, 1, 'sns.standard.publishes'],
    ]);
    expect(scope('dev').components.find((c) => c.component === 'service-resources')).toEqual({ component: 'service-resources', label: 'Service-owned AWS resources', monthlyUsd: 18.8 });
    // eu-west-1: the same lines at derived prices, under the environment's own names.
    expect(lines('prod').find((l) => l.priceId === 'sqs.standard.requests')).toMatchObject({ item: 'api: queue northwind-prod-api-jobs, SQS requests', priceBasis: 'derived' });
  });

  test('a resource without usage is named, not unpriced: the total stays exact and the sources are listed', () => {
    expect(report.partial).toBe(false);
    expect(scope('dev').unpriced).toEqual([]);
    expect(report.priceTable.sources.map((s) => s.id)).toEqual(expect.arrayContaining(['sqs-cloudburn', 'sns-factualminds', 'dynamodb-airbyte', 'kms-aws']));
    expect(formatCostTable(report).join('\n')).toMatch(/ {2}Service-owned AWS resources +\$18\.80\n/);
  });

  test('a service without declared resources adds no line', () => {
    const plain = estimateCost({ platform: resolvePlatform(example), counts, prices: AWS_PRICES, assumptions: resolveAssumptions() });
    expect(plain.environments.flatMap((e) => e.lines).filter((l) => l.component === 'service-resources')).toEqual([]);
  });
});

describe('paved docs: the environment page lists each service\'s AWS resources', () => {
  test('type, physical name in the environment, and the variables that point at it', () => {
    const dev = platform.environments.find((e) => e.name === 'dev')!;
    const page = environmentPage(platform, dev, counts, scope('dev'));
    expect(page).toContain([
      '## AWS resources of services',
      '',
      'Created by each service\'s own AWS CDK app (`docs/service-resources.md` in the Paved repository), in the stack `northwind-dev-<service>-resources` '
        + 'of account 210987654321, region us-east-1; not by the platform\'s Terraform. Declared in the service\'s `awsResources.resources`, which '
        + '`PavedServiceStack` compares with the app at synth time.',
      '',
      '| service | type | physical name | environment variables |',
      '| --- | --- | --- | --- |',
      '| api | bucket | `northwind-dev-api-uploads` | - |',
      '| api | queue | `northwind-dev-api-jobs` | `JOBS_QUEUE_URL` |',
      '| api | topic | `northwind-dev-api-events` | - |',
      '| api | table | `northwind-dev-api-carts` | - |',
      '| api | queue | `northwind-dev-api-audit` | - |',
      '',
    ].join('\n'));
    const prod = platform.environments.find((e) => e.name === 'prod')!;
    expect(awsResourcesSection(prod)).toContain('| api | bucket | `northwind-prod-api-uploads` | `UPLOADS_BUCKET` |');
  });

  test('no section when no service of the environment declares resources', () => {
    expect(resolvePlatform(example).environments.map((e) => awsResourcesSection(e))).toEqual(resolvePlatform(example).environments.map(() => []));
  });
});

describe('the blueprint\'s declared resources join the platform', () => {
  const REQUIRED = { organization: 'northwind', team: 'core', awsAccount: '210987654321', awsRegion: 'eu-west-1' };
  const outdir = tempDir('paved-service-resources-blueprint-');

  test('a descriptor with resources and usage validates, and its usage is priced', () => {
    // Synthesized to a fresh directory without projen's post-synth install (as test/catalog-blueprint.test.ts does).
    const previous = process.env.PROJEN_DISABLE_POST;
    process.env.PROJEN_DISABLE_POST = 'true';
    new PavedService({
      ...REQUIRED,
      name: 'orders',
      defaultReleaseBranch: 'main',
      outdir,
      awsResources: true,
      awsResourceEnv: { JOBS_QUEUE_URL: 'queue-url:jobs' },
      declaredAwsResources: ['table:carts'],
      awsResourceUsage: { jobs: { requestsPerMonthMillions: 5 }, carts: { writeRequestUnitsPerMonthMillions: 1 } },
    }).synth();
    if (previous === undefined) delete process.env.PROJEN_DISABLE_POST;
    else process.env.PROJEN_DISABLE_POST = previous;
    const descriptor = JSON.parse(fs.readFileSync(path.join(outdir, DESCRIPTOR_FILE), 'utf8')) as ServiceConfig;
    const joined: PlatformConfig = { ...example, services: [...(example.services ?? []), { ...descriptor, image: { tag: '1.0.0' } }] };
    expect(validatePlatform(joined).errors).toEqual([]);
    const estimate = estimateCost({ platform: resolvePlatform(joined), counts, prices: AWS_PRICES, assumptions: resolveAssumptions() });
    const dev = estimate.environments.find((e) => e.name === 'dev')!.lines.filter((l) => l.component === 'service-resources');
    expect(dev.map((l) => l.item)).toEqual([
      'orders: 1 KMS key shared by its 2 AWS resources',
      'orders: queue northwind-dev-orders-jobs, SQS requests',
      'orders: table northwind-dev-orders-carts, on-demand write request units',
    ]);
    // The variable the blueprint wrote points at the queue on the environment page.
    const env = resolvePlatform(joined).environments.find((e) => e.name === 'dev')!;
    expect(awsResourcesSection(env)).toContain('| orders | queue | `northwind-dev-orders-jobs` | `JOBS_QUEUE_URL` |');
  });

  test('the blueprint accepts exactly the usage fields the platform prices for each type', () => {
    const fields = ['storageGb', 'requestsPerMonthMillions', 'publishesPerMonthMillions', 'readRequestUnitsPerMonthMillions', 'writeRequestUnitsPerMonthMillions'];
    for (const type of ['bucket', 'queue', 'topic', 'table'] as ServiceAwsResourceType[]) {
      for (const field of fields) {
        const accepts = () => resolveServiceSettings(
          { ...REQUIRED, awsResources: true, declaredAwsResources: [`${type}:r`], awsResourceUsage: { r: { [field]: 1 } } },
          { runtime: ServiceRuntime.NODE, name: 'orders' },
        );
        if ((AWS_RESOURCE_USAGE_FIELDS[type] as readonly string[]).includes(field)) expect(accepts).not.toThrow();
        else expect(accepts).toThrow(/expected a usage field of a/);
      }
    }
  });
});
