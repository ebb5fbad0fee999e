import { dataStoreEnabled, environmentDomain, type PlatformConfig, resolvePlatform, type ServiceConfig } from '../src';

// How resolve-platform.ts treats stages (`runsOn`): not environments of their own, listed on their host, with the
// host's domain and data stores. Written to kill the mutants Stryker found alive or uncovered in resolve-platform.ts
// (each test names the planted mutants it kills as `line: mutation`); what a stage itself resolves to is in the stage
// tests. Everything is resolved inside the tests: Stryker attributes code run while a file loads to no test.

const ACCOUNT = '111111111111';

/**
 * `prod` first (serving the root domain, no data stores), then the host `dev` and its stage `qa`: a lookup of the
 * host that takes the wrong environment finds `prod`, whose answers differ from `dev`'s.
 */
function platform(services: ServiceConfig[] = [], dev: Partial<PlatformConfig['environments'][number]> = {}): PlatformConfig {
  return {
    organization: 'acme',
    domain: 'acme.io',
    gitops: { repoUrl: 'https://github.com/acme/gitops.git' },
    environments: [
      { name: 'prod', profile: 'production', account: '222222222222', region: 'eu-west-1', domain: 'acme.io', data: { postgres: { enabled: false } } },
      { name: 'dev', profile: 'development', account: ACCOUNT, region: 'eu-west-1', ...dev },
      { name: 'qa', profile: 'development', account: ACCOUNT, region: 'eu-west-1', runsOn: 'dev' },
    ],
    services,
  };
}

const stage = (config: PlatformConfig) => config.environments.find((e) => e.name === 'qa')!;

describe('stages in resolvePlatform', () => {
  // 97: the stage filter removed (the stage would be resolved as an environment with a cluster of its own);
  // 51: servicesIn -> () => undefined; 52: the stages kept never/always (`true`, `false`, `>=`, `<=`), { } emptied.
  test('a stage is no environment of its own: its host lists it, and an environment without stages has no stages key', () => {
    const resolved = resolvePlatform(platform([{ name: 'api', image: { tag: '1.0.0' }, port: 8080 }]));
    expect(resolved.environments.map((e) => e.name)).toEqual(['prod', 'dev']);
    const [prod, dev] = resolved.environments;
    expect(dev.stages?.map((s) => [s.name, s.host, s.services.map((svc) => svc.name)])).toEqual([['qa', 'dev', ['api']]]);
    expect(dev.cluster.name).toBe('acme-dev-eks');
    expect('stages' in prod).toBe(false);
  });
});

describe('environmentDomain of a stage', () => {
  // 45: the host lookup -> () => undefined, always/never matching, `||`, `!==`, !isStage(e) -> isStage(e);
  // 46: the stage branch never taken.
  test('is <stage>.<host domain>, under the host found by name (not the first environment)', () => {
    const config = platform();
    expect(environmentDomain(config, stage(config))).toBe('qa.dev.acme.io');
    expect(environmentDomain(config, config.environments[1])).toBe('dev.acme.io');
  });
});

describe('dataStoreEnabled with stages', () => {
  // 63: the host lookup -> () => undefined, always/never matching, `||`, `!==`, !isStage(e) -> isStage(e);
  // 64: the stage branch never taken (the stage would answer for itself: no explicit setting, no service).
  test('a stage answers with its host\'s store, found by name', () => {
    const config = platform([], { data: { postgres: { enabled: true } } });
    expect(dataStoreEnabled(config, stage(config), 'postgres')).toBe(true);
  });

  // 67: the stages of the host not counted (filter -> () => undefined or false); 68: some -> every.
  test('a host gets a store when only a service of one of its stages depends on it', () => {
    const config = platform([{ name: 'cache', image: { tag: '1.0.0' }, port: 8080, dependsOn: ['redis'], environments: { dev: { enabled: false } } }]);
    expect(dataStoreEnabled(config, config.environments[1], 'redis')).toBe(true);
    expect(resolvePlatform(config).environments[1].redis).toBeDefined();
  });

  // 67: the stage names mapped to undefined (servicesIn(config, undefined) would count a service disabled in both).
  test('a service disabled in the host and in its stage implies nothing', () => {
    const config = platform([{ name: 'cache', image: { tag: '1.0.0' }, port: 8080, dependsOn: ['redis'], environments: { dev: { enabled: false }, qa: { enabled: false } } }]);
    expect(dataStoreEnabled(config, config.environments[1], 'redis')).toBe(false);
  });
});
