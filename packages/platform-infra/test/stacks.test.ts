import { synthesize } from './support/synthesized';

const out = synthesize();

describe('stacks', () => {
  test('one stack per state boundary, for every environment', () => {
    expect(out.stacks.map((s) => s.name)).toEqual([
      'bootstrap',
      'bootstrap-210987654321',
      'shared',
      ...['dev', 'staging', 'prod'].flatMap((e) => ['network', 'cluster', 'data', 'platform'].map((s) => `${e}-${s}`)),
    ]);
  });

  test('deploy order follows the cross-stack references', () => {
    const deps = Object.fromEntries(out.stacks.map((s) => [s.name, s.dependencies]));
    expect(deps['dev-network']).toEqual(['shared']); // the NS delegation in the root zone
    expect(deps['dev-cluster']).toEqual(['dev-network']);
    expect(deps['dev-data']).toEqual(['dev-cluster', 'dev-network']);
    expect(deps['dev-platform']).toEqual(['dev-cluster', 'dev-network']);
    expect(deps.bootstrap).toEqual(['bootstrap-210987654321']);
  });

  test('every stack, the bootstrap ones included, uses the S3 backend with native locking', () => {
    // The first deployment runs the bootstrap stacks on local state through an override file (`paved deploy --bootstrap`).
    for (const { name, json } of out.allStacks()) {
      expect(json.terraform.backend).toEqual({
        s3: {
          bucket: 'northwind-tfstate-345678901234',
          key: `northwind/${name}/terraform.tfstate`,
          region: 'eu-west-1',
          encrypt: true,
          use_lockfile: true,
        },
      });
    }
  });

  test('providers are pinned to one account and carry the standard tags', () => {
    const aws = out.stack('staging-cluster').json.provider.aws[0];
    expect(aws.allowed_account_ids).toEqual(['210987654321']);
    expect(aws.default_tags[0].tags).toEqual({
      'paved:environment': 'staging',
      'paved:managed-by': 'paved',
      'paved:organization': 'northwind',
      'paved:profile': 'production',
      'paved:stack': 'staging-cluster',
    });
  });

  test('summaries count resources', () => {
    const data = out.stacks.find((s) => s.name === 'prod-data')!;
    expect(data.environment).toBe('prod');
    expect(data.resources).toBe(Object.values<any>(out.stack('prod-data').json.resource).reduce((n, r) => n + Object.keys(r).length, 0));
  });

  test('only the selected environments are synthesized', () => {
    const dev = synthesize(undefined, ['dev']);
    expect(dev.stacks.map((s) => s.name)).toEqual(['bootstrap', 'bootstrap-210987654321', 'shared', 'dev-network', 'dev-cluster', 'dev-data', 'dev-platform']);
  });
});
