import { mutableConfig } from './fixtures';
import { formatProblem, validatePlatform } from '../src';
import { AWS_REGIONS_BY_PARTITION, partitionOf, SUPPORTED_REGIONS } from '../src/validation/aws-regions';

type Config = ReturnType<typeof mutableConfig> & Record<string, any>;
const errorsOf = (change: (c: Config) => void, today = '2026-12-03') => {
  const c = mutableConfig() as Config;
  change(c);
  return validatePlatform(c, { today }).errors.map((p) => `${p.path}: ${p.message} (${p.allowed})`);
};

describe('regions come from the AWS region list', () => {
  test.each(SUPPORTED_REGIONS)('%s is accepted', (region) => {
    expect(errorsOf((c) => void (c.environments[0].region = region))).toEqual([]);
  });

  test.each(['xx-word-1', 'eu-west-9', 'us-east-10', 'mars-north-1'])('%s, well-formed but not a region, is rejected', (region) => {
    expect(errorsOf((c) => void (c.environments[0].region = region))).toEqual([
      expect.stringMatching(new RegExp(`^environments\\[0\\]\\.region: '${region}' is not an AWS region \\(`)),
    ]);
  });

  test('a typo gets a hint', () => {
    expect(errorsOf((c) => void (c.environments[0].region = 'eu-wset-1'))[0]).toMatch(/did you mean 'eu-west-1'\?/);
  });

  test.each(Object.entries(AWS_REGIONS_BY_PARTITION).filter(([p]) => p !== 'aws').flatMap(([p, regions]) => regions.map((r) => [r, p])))(
    '%s (partition %s) is named as a partition Paved does not deploy to',
    (region, partition) => {
      expect(partitionOf(region)).toBe(partition);
      expect(errorsOf((c) => void (c.environments[1].region = region))).toEqual([
        expect.stringContaining(`environments[1].region: '${region}' is a region of the ${partition} partition, which Paved does not deploy to`),
      ]);
    },
  );

  test('the management region is checked the same way', () => {
    expect(errorsOf((c) => void (c.management = { account: '222222222222', region: 'eu-west-9' }))).toEqual([
      expect.stringMatching(/^management\.region: 'eu-west-9' is not an AWS region/),
    ]);
  });
});

describe('gitops.path stays inside the repository', () => {
  test.each(['environments', 'gitops/envs', 'a.b/c-d_e', '..x', 'x..'])('%s is accepted', (p) => {
    expect(errorsOf((c) => void (c.gitops.path = p))).toEqual([]);
  });

  test.each([
    ['..', /climbs out of the repository with '\.\.'/],
    ['../..', /climbs out/],
    ['envs/../..', /climbs out/],
    ['envs/..', /climbs out/],
    ['envs\\..\\..', /climbs out/],
    ['/etc', /is an absolute path/],
    ['/', /is an absolute path/],
    ['C:\\gitops', /is an absolute path/],
    ['.', /is not valid/],
    ['envs/./x', /is not valid/],
    ['envs/', /is not valid/],
    ['', /is not valid/],
  ])('%s is rejected', (p, says) => {
    const errors = errorsOf((c) => void (c.gitops.path = p));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^gitops\.path: /);
    expect(errors[0]).toMatch(says);
  });
});

describe('waivers expire', () => {
  const waiver = (expires: string) => (c: Config) =>
    void (c.waivers = [{ rule: 'PAVED-AWS-RDS-007', resource: '*', reason: 'migration window OPS-42', expires }]);

  test('a waiver that expired yesterday is an error at its field', () => {
    expect(errorsOf(waiver('2026-12-02'), '2026-12-03')).toEqual([
      'waivers[0].expires: expired on 2026-12-02 (fix the finding PAVED-AWS-RDS-007 on *, or extend the waiver with a new reason)',
    ]);
  });

  test('expires is the last day the waiver holds', () => {
    expect(errorsOf(waiver('2026-12-03'), '2026-12-03')).toEqual([]);
  });
});

describe('overlapping VPCs in one account and region', () => {
  test('are an error, not a warning', () => {
    const result = (() => {
      const c = mutableConfig() as Config;
      c.environments.push({ name: 'qa', profile: 'development', account: '111111111111', region: 'eu-west-1', network: { vpcCidr: '10.0.0.0/20' } });
      return validatePlatform(c);
    })();
    expect(result.errors.map((p) => p.path)).toContain('environments[2].network.vpcCidr');
  });

  test('in another region they are fine', () => {
    expect(
      errorsOf((c) => void c.environments.push({ name: 'qa', profile: 'development', account: '111111111111', region: 'eu-central-1', network: { vpcCidr: '10.0.0.0/20' } })),
    ).toEqual([]);
  });
});

describe('formatted problems are one line', () => {
  test('line breaks and terminal escapes from the config are escaped', () => {
    const line = formatProblem({ severity: 'error', path: 'organization', message: "'a\nb\u001b[2J\u2028'", allowed: 'x\r', rule: 'schema' }, 'p.ts');
    expect(line).toBe("error: p.ts: organization: 'a\\nb\\u001b[2J\\u2028' (x\\r)");
  });
});
