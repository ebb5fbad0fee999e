import { resolvePlatform, type PlatformConfig, type ServiceConfig } from '@paved/shared-config';
import { Testing } from 'cdktf';
import example from '../../../platform.config';
import { BootstrapStack } from '../src/stacks/bootstrap-stack';
import { SharedStack } from '../src/stacks/shared-stack';

/**
 * Images not built by the platform (a vendor's image on another registry, a Helm chart entry) get no ECR repository
 * and no CI push or promote role: nothing would ever push to them. Before issue 16 every service got both.
 */
const withServices = (services: readonly ServiceConfig[]): PlatformConfig => ({ ...example, services });
const repositoryNames = (config: PlatformConfig): string[] => {
  const stack = new SharedStack(Testing.app(), 'shared', { platform: resolvePlatform(config) });
  const json = JSON.parse(Testing.synth(stack));
  return Object.values<any>(json.resource.aws_ecr_repository ?? {}).map((r) => r.name).sort();
};
const ciRoleNames = (config: PlatformConfig): string[] => {
  const platform = resolvePlatform(config);
  const stack = new BootstrapStack(Testing.app(), 'bootstrap', { platform, account: platform.management.account });
  const json = JSON.parse(Testing.synth(stack));
  return Object.values<any>(json.resource.aws_iam_role ?? {}).map((r) => r.name).filter((n: string) => /-ci-(push|promote)$/.test(n)).sort();
};

const services = example.services!;
const vendor = (s: ServiceConfig, repository: string): ServiceConfig => ({ ...s, image: { ...s.image!, repository } });

describe('third-party images', () => {
  test('GIVEN the example THEN one repository per service and environment, and CI roles for every service', () => {
    expect(repositoryNames(example)).toHaveLength(services.length * example.environments.length);
    expect(ciRoleNames(example)).toEqual(expect.arrayContaining(['northwind-worker-ci-push']));
  });

  test('GIVEN worker runs an image from ghcr.io THEN no repository and no push role for it; the others keep theirs', () => {
    const config = withServices(services.map((s) => (s.name === 'worker' ? vendor(s, 'ghcr.io/vendor/worker') : s)));
    const names = repositoryNames(config);
    expect(names.filter((n) => n.endsWith('-worker'))).toEqual([]);
    expect(names).toHaveLength((services.length - 1) * example.environments.length);
    const roles = ciRoleNames(config);
    expect(roles).not.toContain('northwind-worker-ci-push');
    expect(roles).toContain('northwind-api-ci-push');
    expect(resolvePlatform(config).ci.services.map((s) => s.service)).toEqual(['api', 'web']);
  });

  test('an explicit repository in the platform registry is still the platform registry', () => {
    const platform = resolvePlatform(example);
    const image = platform.environments[0].services.find((s) => s.name === 'worker')!.image;
    const repository = image.slice(0, image.lastIndexOf(':'));
    const config = withServices(services.map((s) => (s.name === 'worker' ? vendor(s, repository) : s)));
    expect(repositoryNames(config)).toEqual(repositoryNames(example));
  });

  test('a chart entry gets no repository either', () => {
    const config = withServices([...services, { name: 'node', chart: { repoUrl: 'https://charts.example.com', name: 'node', version: '1.0.0' } }]);
    expect(repositoryNames(config)).toEqual(repositoryNames(example));
  });
});
