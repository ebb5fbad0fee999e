import { addonEnabledLabel, ADDON_CATALOG, bridgeKeys, resolvePlatform, standardTags, TAG_KEYS } from '../src';
import { mutableConfig, validConfig } from './fixtures';

describe('resolvePlatform', () => {
  const platform = resolvePlatform(validConfig());
  const dev = platform.environments[0];
  const prod = platform.environments[1];

  test('applies the development profile for cost', () => {
    expect(dev.network).toMatchObject({ mode: 'create', vpcCidr: '10.0.0.0/16', azCount: 2, natGateways: 'single' });
    expect(dev.postgres).toMatchObject({ multiAz: false, deletionProtection: false, backupRetentionDays: 7 });
    expect(dev.cluster.nodeGroups[0]).toMatchObject({ capacityType: 'spot', desiredSize: 2 });
    expect(dev.registry.imagesToKeep).toBe(1);
  });

  test('applies the production profile for safety', () => {
    expect(prod.network).toMatchObject({ azCount: 3, natGateways: 'per-az' });
    expect(prod.postgres).toMatchObject({ multiAz: true, deletionProtection: true, backupRetentionDays: 30 });
    expect(prod.redis).toMatchObject({ automaticFailover: true, replicas: 2 });
    expect(prod.registry.imagesToKeep).toBe(4);
  });

  test('lets the config override a profile value', () => {
    const c = mutableConfig();
    c.environments[1].data = { postgres: { multiAz: false } };
    expect(resolvePlatform(c).environments[1].postgres?.multiAz).toBe(false);
  });

  test('creates data stores only where a service depends on them', () => {
    const c = mutableConfig();
    c.services = [c.services![1]]; // only the worker (redis)
    const env = resolvePlatform(c).environments[0];
    expect(env.postgres).toBeUndefined();
    expect(env.redis).toBeDefined();
  });

  test('expands ingress hosts per environment domain', () => {
    expect(dev.domain).toBe('dev.acme.io');
    expect(dev.services[0].ingress?.host).toBe('api.dev.acme.io');
    expect(prod.services[0].ingress?.host).toBe('api.acme.io');
    expect(prod.usesRootZone).toBe(true);
  });

  test('pins images to the environment ECR repository in the management account', () => {
    expect(platform.management).toEqual({ account: '222222222222', region: 'eu-west-1', deployRoleName: 'OrganizationAccountAccessRole' });
    expect(dev.services[0].image).toBe('222222222222.dkr.ecr.eu-west-1.amazonaws.com/acme-dev-api:1.0.0');
  });

  test('per-environment scaling overrides the service default', () => {
    expect(dev.services[0].scaling).toEqual({ kind: 'fixed', replicas: 1 });
    expect(prod.services[0].scaling).toEqual({ kind: 'autoscaling', minReplicas: 2, maxReplicas: 5, targetCpuUtilization: 70 });
  });

  test('resolves secret references under the environment prefix', () => {
    expect(prod.services[0].secrets).toEqual([{ envVar: 'JWT_KEY', secretName: 'acme/prod/api/jwt', key: undefined }]);
  });

  test('lists every account once, management first', () => {
    expect(platform.accounts).toEqual(['222222222222', '111111111111']);
  });
});

describe('tags and the GitOps bridge contract', () => {
  test('standard tags carry organization, environment and the managed-by marker', () => {
    expect(standardTags({ organization: 'acme', environment: 'dev', profile: 'development' })).toEqual({
      [TAG_KEYS.environment]: 'dev',
      [TAG_KEYS.managedBy]: 'paved',
      [TAG_KEYS.organization]: 'acme',
      [TAG_KEYS.profile]: 'development',
    });
  });

  test('bridge keys include a switch per add-on and role annotations only for add-ons with AWS access', () => {
    const keys = bridgeKeys(['external-dns', 'metrics-server']);
    expect(keys.labels).toEqual(expect.arrayContaining([addonEnabledLabel('external-dns'), 'enable_metrics_server']));
    expect(keys.annotations).toContain('external_dns_iam_role_arn');
    expect(keys.annotations).not.toContain('metrics_server_iam_role_arn');
    expect(ADDON_CATALOG['metrics-server'].awsServiceAccount).toBeUndefined();
  });
});
