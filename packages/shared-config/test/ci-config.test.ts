import { formatProblem, PlatformNaming, resolvePlatform, validatePlatform } from '../src';
import { mutableConfig } from './fixtures';

const errorsOf = (value: unknown) => validatePlatform(value).errors.map((p) => `${p.path}: ${p.message} (${p.allowed})`);

describe('CI identities in the config', () => {
  test('the fixture is valid and resolves to exact repositories', () => {
    const c = mutableConfig();
    expect(errorsOf(c)).toEqual([]);
    const { ci } = resolvePlatform(c);
    expect(ci).toEqual({
      platformRepository: 'acme/platform',
      managementEnvironment: 'management',
      services: [{ service: 'api', repository: 'acme/api', branch: 'main', pushEnvironment: 'dev', promoteTo: ['dev', 'prod'] }],
    });
  });

  test('promoteTo narrows the environments, in platform order, to those the service runs in', () => {
    const c = mutableConfig();
    c.services![0].ci = { repository: 'acme/api', branch: 'release', promoteTo: ['prod'] };
    expect(resolvePlatform(c).ci.services[0]).toMatchObject({ branch: 'release', pushEnvironment: 'dev', promoteTo: ['prod'] });
  });

  test.each([
    ['ci', 'platformRepository', 'acme/*'],
    ['ci', 'platformRepository', 'acme/plat?orm'],
    ['services[0].ci', 'repository', '*/*'],
  ])('a wildcard in %s.%s (%s) is one error naming the field and the fix', (parent, field, value) => {
    const c = mutableConfig() as any;
    if (parent === 'ci') c.ci = { [field]: value };
    else c.services[0].ci = { [field]: value };
    const errors = validatePlatform(c).errors;
    expect(errors).toHaveLength(1);
    expect(formatProblem(errors[0], 'platform.config.ts')).toBe(
      `error: platform.config.ts: ${parent}.${field}: '${value}' is not valid (one exact GitHub repository 'owner/name', no '*' or '?': list each repository that needs access)`,
    );
  });

  test('ci.githubRepositories is rejected with what to write instead', () => {
    const c = mutableConfig() as any;
    c.ci = { githubRepositories: ['acme/*'] };
    const errors = validatePlatform(c).errors;
    expect(errors.map((e) => formatProblem(e, 'platform.config.ts'))).toEqual([
      "error: platform.config.ts: ci.githubRepositories: was removed: a repository list (with wildcards) let every listed repository deploy (write ci.platformRepository: 'owner/platform' and, per service, services[].ci: { repository: 'owner/name' })",
    ]);
  });

  test('promoteTo names environments of the platform', () => {
    const c = mutableConfig();
    c.services![0].ci = { repository: 'acme/api', promoteTo: ['prod', 'qa'] };
    expect(errorsOf(c)).toEqual(["services[0].ci.promoteTo[1]: 'qa' is not an environment (one of dev, prod)"]);
  });

  test('CI role names', () => {
    const naming = new PlatformNaming('acme');
    expect([naming.ciRole('plan'), naming.ciRole('deploy'), naming.ciPushRole('api'), naming.ciPromoteRole('prod'), naming.permissionsBoundary()])
      .toEqual(['acme-ci-plan', 'acme-ci-deploy', 'acme-api-ci-push', 'acme-prod-ci-promote', 'acme-boundary']);
  });
});
