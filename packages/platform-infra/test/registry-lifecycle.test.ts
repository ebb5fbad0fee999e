import { resolvePlatform, type PlatformConfig } from '@paved/shared-config';
import { Testing } from 'cdktf';
import example from '../../../platform.config';
import { SharedStack } from '../src/stacks/shared-stack';

/**
 * The ECR lifecycle policy of every repository, exactly. What must hold: no rule can expire an image an environment
 * runs. Service CI pushes each build once as `build-<sha>` and promotes it by digest as `release-<sha>`; environments
 * pin promoted digests. So: untagged images expire, the newest builds are kept per the profile, and every `release-*`
 * image is matched by a rule of higher priority than the build rule (ECR never lets a lower-priority rule expire it).
 * The shared stack is synthesized on its own: the registries depend on nothing else.
 */
function lifecyclePolicies(config: PlatformConfig = example): Record<string, any> {
  const stack = new SharedStack(Testing.app(), 'shared', { platform: resolvePlatform(config) });
  const json = JSON.parse(Testing.synth(stack));
  const byPath: Record<string, any> = {};
  // Logical ids are `<construct id>_lifecycle_<hash>`, such as `ecr-dev-api_lifecycle_F82D6DC6`.
  for (const [name, body] of Object.entries<any>(json.resource.aws_ecr_lifecycle_policy)) {
    byPath[name.replace(/_lifecycle_[0-9A-F]+$/, '')] = JSON.parse(body.policy);
  }
  return byPath;
}

const policies = lifecyclePolicies();

const policy = (env: string, service = 'api') => policies[`ecr-${env}-${service}`];

const expected = (buildsToKeep: number, untaggedDays = 1) => ({
  rules: [
    {
      rulePriority: 1,
      description: `Expire untagged images after ${untaggedDays} day(s)`,
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: untaggedDays },
      action: { type: 'expire' },
    },
    {
      rulePriority: 2,
      description: 'Shield released images (release-*) from the rules below',
      selection: { tagStatus: 'tagged', tagPatternList: ['release-*'], countType: 'imageCountMoreThan', countNumber: 10000 },
      action: { type: 'expire' },
    },
    {
      rulePriority: 3,
      description: `Keep the ${buildsToKeep} newest builds (build-*); older unreleased builds expire`,
      selection: { tagStatus: 'tagged', tagPatternList: ['build-*'], countType: 'imageCountMoreThan', countNumber: buildsToKeep },
      action: { type: 'expire' },
    },
  ],
});

describe('ECR lifecycle policy per profile', () => {
  test('development (dev): untagged after a day, the newest build kept, releases shielded', () => {
    expect(policy('dev')).toEqual(expected(1));
  });

  test.each(['staging', 'prod'])('production (%s): untagged after a day, the 4 newest builds kept, releases shielded', (env) => {
    expect(policy(env)).toEqual(expected(4));
  });

  test('every repository of the example has exactly its profile\'s policy', () => {
    expect(Object.keys(policies)).toHaveLength(9);
    for (const [path, p] of Object.entries(policies)) {
      const env = /^ecr-(\w+)-/.exec(path)![1];
      expect(p).toEqual(expected(env === 'dev' ? 1 : 4));
    }
  });

  test('registry.imagesToKeep and registry.untaggedExpiryDays set the build count and the untagged age', () => {
    const custom = lifecyclePolicies({
      ...example,
      environments: example.environments.map((e) => (e.name === 'dev' ? { ...e, registry: { imagesToKeep: 7, untaggedExpiryDays: 3 } } : e)),
    });
    expect(custom['ecr-dev-api']).toEqual(expected(7, 3));
    expect(custom['ecr-prod-api']).toEqual(expected(4));
  });
});

describe('no rule can expire a deployed image', () => {
  const rules: any[] = policy('prod').rules;

  test('no rule selects every image (tagStatus any), and every tagged rule names its tags with a tagPatternList', () => {
    expect(rules.filter((r) => r.selection.tagStatus === 'any')).toEqual([]);
    for (const r of rules.filter((x) => x.selection.tagStatus === 'tagged')) {
      expect(r.selection.tagPatternList.length).toBeGreaterThan(0);
      expect(r.selection.tagPatternList.every((p: string) => /[^*]/.test(p))).toBe(true);
      expect(r.selection.tagPrefixList).toBeUndefined();
    }
  });

  test('the release rule has a higher priority (lower number) than the build rule', () => {
    const priorityOf = (pattern: string) => rules.find((r) => r.selection.tagPatternList?.includes(pattern)).rulePriority;
    expect(priorityOf('release-*')).toBeLessThan(priorityOf('build-*'));
    // ECR requires unique priorities and evaluates them in ascending order; the provider re-plans unsorted lists.
    expect(rules.map((r) => r.rulePriority)).toEqual([1, 2, 3]);
  });

  test('a tag from earlier Paved CI (the plain commit SHA) matches no tagged rule', () => {
    const glob = (p: string) => new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\-]/g, '\\$&')).join('.*')}$`);
    const patterns: string[] = rules.flatMap((r) => r.selection.tagPatternList ?? []);
    const sha = '0123456789abcdef0123456789abcdef01234567';
    expect(patterns.filter((p) => glob(p).test(sha))).toEqual([]);
    expect(patterns.filter((p) => glob(p).test(`build-${sha}`))).toEqual(['build-*']);
    expect(patterns.filter((p) => glob(p).test(`release-${sha}`))).toEqual(['release-*']);
  });
});
