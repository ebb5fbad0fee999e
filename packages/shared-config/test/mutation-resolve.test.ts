import {
  ADDON_CATALOG,
  ADDON_NAMES,
  carveSubnets,
  DEFAULT_KUBERNETES_VERSION,
  Ipv4Cidr,
  type PlatformConfig,
  resolvePlatform,
  type ResolvedEnvironment,
} from '../src';

// Every default and every override of resolvePlatform, asserted exactly: a resolved value that silently changes
// (a `??` that picks the wrong side, a default that moves) changes what Terraform builds. Written to kill the
// mutants Stryker found alive in resolve-platform.ts. Everything is resolved inside the tests, not at describe time:
// Stryker attributes code run while a file loads to no test, so its mutants would only be tested by other files.

const MINIMAL: PlatformConfig = {
  organization: 'acme',
  domain: 'acme.io',
  gitops: { repoUrl: 'https://github.com/acme/gitops.git' },
  environments: [{ name: 'dev', profile: 'development', account: '111111111111', region: 'eu-west-1' }],
};

const ROLE_ADMIN = 'arn:aws:iam::111111111111:role/Admin';
const ROLE_VIEW = 'arn:aws:iam::222222222222:role/View';
const MGMT_DEPLOYER = 'arn:aws:iam::222222222222:role/Deployer';

/** Three environments that between them set every optional field the resolver reads. */
const FULL: PlatformConfig = {
  organization: 'acme',
  domain: 'acme.io',
  dns: { existingZoneId: 'Z0123' },
  gitops: { repoUrl: 'https://github.com/acme/gitops.git', branch: 'main', path: 'envs', credentialsSecret: 'gitops/creds' },
  ci: { platformRepository: 'acme/infra', managementEnvironment: 'mgmt' },
  alerting: { slack: { channel: '#alerts', webhookSecret: 'ops/slack' } },
  access: {
    roles: [
      { roleArn: ROLE_ADMIN, access: 'admin', environments: ['prod'] },
      { roleArn: ROLE_VIEW, access: 'view' },
    ],
    managementDeployerRoleArn: MGMT_DEPLOYER,
  },
  addons: { keycloak: { enabled: true, version: '9.9.9' } },
  waivers: [{ rule: 'PAVED-AWS-RDS-007', resource: '*', reason: 'test', expires: '2030-01-01' }],
  environments: [
    {
      name: 'dev',
      profile: 'development',
      account: '111111111111',
      region: 'eu-west-1',
      network: { existingVpc: { vpcId: 'vpc-1', publicSubnetIds: ['subnet-pub'], privateSubnetIds: ['subnet-priv'] } },
      addons: { keycloak: { enabled: false } },
    },
    {
      name: 'stage',
      profile: 'production',
      account: '333333333333',
      region: 'eu-central-1',
      network: { vpcCidr: '10.2.0.0/16', azCount: 2 },
      data: { postgres: { allocatedStorageGiB: 30 }, redis: { enabled: false } },
      logs: { retentionDays: 14 },
    },
    {
      name: 'prod',
      profile: 'production',
      account: '222222222222',
      region: 'eu-west-1',
      domain: 'acme.io',
      network: {
        vpcCidr: '10.1.0.0/16',
        subnets: {
          public: ['10.1.0.0/24', '10.1.1.0/24'],
          private: ['10.1.16.0/20', '10.1.32.0/20'],
          data: ['10.1.2.0/24', '10.1.3.0/24'],
        },
        natGateways: 'single',
        flowLogRetentionDays: 90,
      },
      cluster: {
        kubernetesVersion: '1.31',
        endpointPublicAccess: false,
        publicAccessCidrs: ['203.0.113.0/24'],
        logRetentionDays: 60,
        nodeGroups: [
          { name: 'big', instanceTypes: ['m7i.xlarge'], minSize: 3, maxSize: 9, desiredSize: 4, capacityType: 'spot', diskSizeGiB: 100, labels: { tier: 'big' } },
          { name: 'small', instanceTypes: ['m7i.large'], minSize: 1, maxSize: 2 },
        ],
      },
      data: {
        postgres: {
          engineVersion: '17.2',
          instanceClass: 'db.r6g.large',
          allocatedStorageGiB: 200,
          maxAllocatedStorageGiB: 1000,
          multiAz: false,
          backupRetentionDays: 14,
          deletionProtection: false,
          databaseName: 'orders',
        },
        redis: { enabled: true, engineVersion: '7.2', nodeType: 'cache.r6g.large', replicas: 1, automaticFailover: false, snapshotRetentionDays: 3 },
      },
      registry: { imagesToKeep: 10, untaggedExpiryDays: 3 },
      backups: { retentionDays: 90, veleroSchedule: '0 1 * * *', veleroTtlHours: 48 },
      logs: { retentionDays: 90 },
      addons: { keycloak: { version: '9.9.10' }, loki: { enabled: false } },
      ingress: { api: 'gateway', wafAclArn: 'arn:aws:wafv2:eu-west-1:222222222222:regional/webacl/x/1' },
    },
  ],
  services: [
    {
      name: 'api',
      team: 'core',
      image: { tag: '1.0.0' },
      port: 8080,
      ingress: { host: 'api' },
      dependsOn: ['redis', 'postgres'],
      env: { B: '2', A: '1' },
      secrets: { Z: { secret: 'api/z', key: 'k' }, A: { secret: 'api/a' } },
      resources: { cpu: '200m' },
      autoscaling: { minReplicas: 2, maxReplicas: 4 },
      environments: {
        prod: { imageTag: 'sha256:abc', replicas: 3, resources: { memory: '1Gi' }, env: { A: 'override' }, ingressHost: 'api.example.com' },
        stage: { enabled: false },
      },
      ci: { repository: 'acme/api', branch: 'trunk', promoteTo: ['prod', 'stage'] },
    },
    {
      name: 'site',
      runtime: 'static-site',
      image: { repository: 'public.ecr.aws/acme/site', tag: '2' },
      port: 80,
      ingress: { host: 'www', path: '/app', visibility: 'internal' },
    },
    {
      name: 'worker',
      image: { tag: '3' },
      port: 9000,
      replicas: 5,
      health: { liveness: '/l', readiness: '/r' },
      environments: { prod: { autoscaling: { minReplicas: 2, maxReplicas: 6, targetCpuUtilization: 50 } } },
      ci: { repository: 'acme/worker' },
    },
    { name: 'ghost', image: { tag: '1' }, port: 1, ci: { repository: 'acme/ghost' }, environments: { dev: { enabled: false }, stage: { enabled: false }, prod: { enabled: false } } },
  ],
};

const envOf = (name: string): ResolvedEnvironment => resolvePlatform(FULL).environments.find((e) => e.name === name)!;

describe('resolvePlatform with nothing but the required fields', () => {
  const minimalDev = () => resolvePlatform(MINIMAL).environments[0];

  test('platform-wide defaults', () => {
    const resolved = resolvePlatform(MINIMAL);
    expect(resolved.management).toEqual({ account: '111111111111', region: 'eu-west-1', deployRoleName: 'OrganizationAccountAccessRole' });
    expect(resolved.dns).toEqual({ existingZoneId: undefined });
    expect(resolved.gitops).toEqual({ repoUrl: 'https://github.com/acme/gitops.git', branch: 'gitops', path: 'environments', credentialsSecret: undefined, argocd: 'self-managed', identityCenter: undefined });
    expect(resolved.ci).toEqual({ platformRepository: 'acme/platform', managementEnvironment: 'management', services: [] });
    expect(resolved.alerting).toEqual({});
    expect(resolved.accounts).toEqual(['111111111111']);
    expect(resolved.waivers).toEqual([]);
    expect(resolved.naming.organization).toBe('acme');
    expect(resolved.source).toBe(MINIMAL);
  });

  test('development profile defaults of an environment', () => {
    const dev = minimalDev();
    expect(dev).toMatchObject({ name: 'dev', profile: 'development', account: '111111111111', region: 'eu-west-1', domain: 'dev.acme.io', usesRootZone: false });
    expect(dev.network).toEqual({
      mode: 'create',
      vpcCidr: '10.0.0.0/16',
      azCount: 2,
      natGateways: 'single',
      subnets: carveSubnets(Ipv4Cidr.parse('10.0.0.0/16')!, 2),
      flowLogRetentionDays: 30,
    });
    expect(dev.cluster).toEqual({
      name: 'acme-dev-eks',
      kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
      endpointPublicAccess: true,
      publicAccessCidrs: ['0.0.0.0/0'],
      compute: 'managed-node-groups',
      logRetentionDays: 30,
      nodeGroups: [
        { name: 'general', instanceTypes: ['t3a.large', 't3.large'], minSize: 2, maxSize: 4, desiredSize: 2, capacityType: 'spot', diskSizeGiB: 50, labels: {} },
      ],
    });
    expect(dev.postgres).toBeUndefined();
    expect(dev.redis).toBeUndefined();
    expect(dev.registry).toEqual({ imagesToKeep: 1, untaggedExpiryDays: 1 });
    expect(dev.backups).toEqual({ retentionDays: 7, veleroSchedule: '0 3 * * *', veleroTtlHours: 168 });
    expect(dev.logs).toEqual({ retentionDays: 30 });
    expect(dev.ingress).toEqual({ api: 'ingress' });
    expect(dev.services).toEqual([]);
    expect(dev.accessRoles).toEqual([]);
    expect(dev.deployerAccessArn).toBeUndefined();
    expect(dev.tags).toEqual({ 'paved:environment': 'dev', 'paved:managed-by': 'paved', 'paved:organization': 'acme', 'paved:profile': 'development' });
  });

  test('add-ons: the profile default of each, at the catalog version', () => {
    const dev = minimalDev();
    const expected = ADDON_NAMES.filter((n) => ADDON_CATALOG[n].defaultEnabled.development);
    expect(dev.addons.map((a) => a.name)).toEqual(expected.map((n) => ADDON_CATALOG[n].name));
    for (const addon of dev.addons) expect(addon).toEqual(Object.values(ADDON_CATALOG).find((d) => d.name === addon.name));
  });
});

describe('resolvePlatform with every override', () => {
  test('platform-wide overrides; the management account is that of the environment serving the root domain', () => {
    const resolved = resolvePlatform(FULL);
    expect(resolved.management).toEqual({ account: '222222222222', region: 'eu-west-1', deployRoleName: 'OrganizationAccountAccessRole' });
    expect(resolved.dns).toEqual({ existingZoneId: 'Z0123' });
    expect(resolved.gitops).toEqual({ repoUrl: 'https://github.com/acme/gitops.git', branch: 'main', path: 'envs', credentialsSecret: 'gitops/creds', argocd: 'self-managed', identityCenter: undefined });
    expect(resolved.alerting).toEqual({ slack: { channel: '#alerts', webhookSecret: 'ops/slack' } });
    expect(resolved.accounts).toEqual(['222222222222', '111111111111', '333333333333']);
    expect(resolved.waivers).toBe(FULL.waivers);
  });

  test('an explicit management account and deploy role win', () => {
    const explicit = resolvePlatform({ ...FULL, management: { account: '999999999999', region: 'us-east-1', deployRoleName: 'Deployer' } });
    expect(explicit.management).toEqual({ account: '999999999999', region: 'us-east-1', deployRoleName: 'Deployer' });
    expect(explicit.accounts).toEqual(['999999999999', '111111111111', '333333333333', '222222222222']);
    expect(explicit.environments[2].deployerAccessArn).toBe('arn:aws:iam::222222222222:role/Deployer');
  });

  test('without a root-domain environment the first production environment is the management account', () => {
    const noRoot = resolvePlatform({ ...FULL, environments: FULL.environments.map((e) => ({ ...e, domain: undefined })) });
    expect(noRoot.management.account).toBe('333333333333');
  });

  test('the Slack webhook secret has a default', () => {
    expect(resolvePlatform({ ...MINIMAL, alerting: { slack: { channel: '#a' } } }).alerting).toEqual({
      slack: { channel: '#a', webhookSecret: 'alerting/slack-webhook' },
    });
  });

  test('CI: services with `ci` that run somewhere, pushing from the first environment they run in', () => {
    expect(resolvePlatform(FULL).ci).toEqual({
      platformRepository: 'acme/infra',
      managementEnvironment: 'mgmt',
      services: [
        { service: 'api', repository: 'acme/api', branch: 'trunk', pushEnvironment: 'dev', promoteTo: ['prod'] },
        { service: 'worker', repository: 'acme/worker', branch: 'main', pushEnvironment: 'dev', promoteTo: ['dev', 'stage', 'prod'] },
      ],
    });
  });

  test('an existing VPC: data subnets default to the private ones', () => {
    expect(envOf('dev').network).toEqual({
      mode: 'existing',
      vpcId: 'vpc-1',
      publicSubnetIds: ['subnet-pub'],
      privateSubnetIds: ['subnet-priv'],
      dataSubnetIds: ['subnet-priv'],
    });
  });

  test('a created VPC: explicit subnets decide the AZ count; an AZ count carves the CIDR', () => {
    expect(envOf('prod').network).toEqual({
      mode: 'create',
      vpcCidr: '10.1.0.0/16',
      azCount: 2,
      natGateways: 'single',
      subnets: FULL.environments[2].network!.subnets,
      flowLogRetentionDays: 90,
    });
    expect(envOf('stage').network).toEqual({
      mode: 'create',
      vpcCidr: '10.2.0.0/16',
      azCount: 2,
      natGateways: 'per-az',
      subnets: carveSubnets(Ipv4Cidr.parse('10.2.0.0/16')!, 2),
      flowLogRetentionDays: 365,
    });
  });

  test('cluster overrides, node group defaults per group, and log retention inherited from the environment', () => {
    expect(envOf('prod').cluster).toEqual({
      name: 'acme-prod-eks',
      kubernetesVersion: '1.31',
      endpointPublicAccess: false,
      publicAccessCidrs: ['203.0.113.0/24'],
      compute: 'managed-node-groups',
      logRetentionDays: 60,
      nodeGroups: [
        { name: 'big', instanceTypes: ['m7i.xlarge'], minSize: 3, maxSize: 9, desiredSize: 4, capacityType: 'spot', diskSizeGiB: 100, labels: { tier: 'big' } },
        { name: 'small', instanceTypes: ['m7i.large'], minSize: 1, maxSize: 2, desiredSize: 1, capacityType: 'on-demand', diskSizeGiB: 50, labels: {} },
      ],
    });
    expect(envOf('stage').cluster).toMatchObject({ endpointPublicAccess: true, publicAccessCidrs: [], logRetentionDays: 14 });
    expect(envOf('stage').cluster.nodeGroups).toEqual([
      { name: 'general', instanceTypes: ['m6i.large', 'm5.large'], minSize: 3, maxSize: 6, desiredSize: 3, capacityType: 'on-demand', diskSizeGiB: 50, labels: {} },
    ]);
  });

  test('data stores: every override, production defaults, and an explicit `enabled: false` beating a dependency', () => {
    expect(envOf('prod').postgres).toEqual({
      identifier: 'acme-prod-postgres',
      engineVersion: '17.2',
      instanceClass: 'db.r6g.large',
      allocatedStorageGiB: 200,
      maxAllocatedStorageGiB: 1000,
      multiAz: false,
      backupRetentionDays: 14,
      deletionProtection: false,
      databaseName: 'orders',
    });
    expect(envOf('prod').redis).toEqual({
      replicationGroupId: 'acme-prod-redis',
      engineVersion: '7.2',
      nodeType: 'cache.r6g.large',
      replicas: 1,
      automaticFailover: false,
      snapshotRetentionDays: 3,
    });
    // stage: api (the only service using redis and postgres) is disabled there, but postgres has settings, not `enabled`.
    expect(envOf('stage').postgres).toBeUndefined();
    expect(envOf('stage').redis).toBeUndefined();
    const withPostgres = resolvePlatform({
      ...FULL,
      services: [{ name: 'db-user', image: { tag: '1' }, port: 1, dependsOn: ['postgres', 'redis'] }],
    }).environments[1];
    expect(withPostgres.postgres).toEqual({
      identifier: 'acme-stage-postgres',
      engineVersion: '16.6',
      instanceClass: 'db.m6g.large',
      allocatedStorageGiB: 30,
      maxAllocatedStorageGiB: 150,
      multiAz: true,
      backupRetentionDays: 30,
      deletionProtection: true,
      databaseName: 'app',
    });
    expect(withPostgres.redis).toBeUndefined();
    expect(resolvePlatform({ ...FULL, services: [] }).environments[0].redis).toBeUndefined();
    expect(envOf('dev').redis).toEqual({
      replicationGroupId: 'acme-dev-redis',
      engineVersion: '7.1',
      nodeType: 'cache.t4g.micro',
      replicas: 0,
      automaticFailover: false,
      snapshotRetentionDays: 1,
    });
  });

  test('registry, backups, logs and ingress overrides', () => {
    const prod = envOf('prod');
    expect(prod.registry).toEqual({ imagesToKeep: 10, untaggedExpiryDays: 3 });
    expect(prod.backups).toEqual({ retentionDays: 90, veleroSchedule: '0 1 * * *', veleroTtlHours: 48 });
    expect(prod.logs).toEqual({ retentionDays: 90 });
    expect(prod.ingress).toEqual({ api: 'gateway', wafAclArn: 'arn:aws:wafv2:eu-west-1:222222222222:regional/webacl/x/1' });
    expect(prod.usesRootZone).toBe(true);
    expect(prod.domain).toBe('acme.io');
    expect(envOf('stage').registry).toEqual({ imagesToKeep: 4, untaggedExpiryDays: 1 });
    expect(envOf('stage').backups).toEqual({ retentionDays: 35, veleroSchedule: '0 3 * * *', veleroTtlHours: 720 });
  });

  test('add-ons: environment settings beat platform settings, which beat the profile and the catalog version', () => {
    const versions = (env: string) => Object.fromEntries(envOf(env).addons.map((a) => [a.name, a.version]));
    expect(versions('dev').keycloak).toBeUndefined();
    expect(versions('stage').keycloak).toBe('9.9.9');
    expect(versions('prod').keycloak).toBe('9.9.10');
    expect(versions('prod').loki).toBeUndefined();
    expect(versions('stage').loki).toBe(ADDON_CATALOG.loki.version);
  });

  test('access roles are filtered per environment; the deployer is the deploy role, or the management deployer at home', () => {
    expect(envOf('prod').accessRoles).toEqual([
      { roleArn: ROLE_ADMIN, access: 'admin' },
      { roleArn: ROLE_VIEW, access: 'view' },
    ]);
    expect(envOf('dev').accessRoles).toEqual([{ roleArn: ROLE_VIEW, access: 'view' }]);
    expect(envOf('dev').deployerAccessArn).toBe('arn:aws:iam::111111111111:role/OrganizationAccountAccessRole');
    expect(envOf('prod').deployerAccessArn).toBe(MGMT_DEPLOYER);
    const noAdmin = resolvePlatform({ ...FULL, access: { ...FULL.access, deployerClusterAdmin: false } });
    expect(noAdmin.environments.map((e) => e.deployerAccessArn)).toEqual([undefined, undefined, undefined]);
  });

  test('services: per-environment overrides, sorted env and secrets, hosts, health and scaling', () => {
    const prod = envOf('prod');
    expect(prod.services.map((s) => s.name)).toEqual(['api', 'site', 'worker']);
    expect(envOf('stage').services.map((s) => s.name)).toEqual(['site', 'worker']);
    const api = prod.services[0];
    expect(api).toEqual({
      name: 'api',
      team: 'core',
      image: '222222222222.dkr.ecr.eu-west-1.amazonaws.com/acme-prod-api@sha256:abc',
      port: 8080,
      runtime: 'node',
      health: { liveness: '/health', readiness: '/ready' },
      scaling: { kind: 'fixed', replicas: 3 },
      resources: { cpu: '200m', memory: '1Gi' },
      env: { A: 'override', B: '2' },
      secrets: [
        { envVar: 'A', secretName: 'acme/prod/api/a', key: undefined },
        { envVar: 'Z', secretName: 'acme/prod/api/z', key: 'k' },
      ],
      ingress: { host: 'api.example.com', path: '/', visibility: 'public' },
      dependsOn: ['postgres', 'redis'],
      // The workload (issue 16): a web service with `port` is one HTTP port named http, probed on its health paths.
      kind: 'web',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP', http: true, public: false }],
      httpPort: { name: 'http', port: 8080, protocol: 'TCP', http: true, public: false },
      probes: {
        liveness: { type: 'http', path: '/health', port: 'http' },
        readiness: { type: 'http', path: '/ready', port: 'http' },
        startup: { type: 'http', path: '/health', port: 'http' },
      },
      command: undefined,
      args: undefined,
      sidecars: [],
      initContainers: [],
      volumes: [],
      sharedVolumes: [],
      nodeGroup: undefined,
      run: undefined,
      migrate: undefined,
      writableRootFilesystem: undefined,
      // Traffic (issue 16): no calls edges; the image is the platform's own (its ECR repository is created).
      calls: [],
      platformImage: true,
    });
    expect(Object.keys(envOf('dev').services[0].env)).toEqual(['A', 'B']);
    expect(envOf('dev').services[0]).toMatchObject({
      image: '222222222222.dkr.ecr.eu-west-1.amazonaws.com/acme-dev-api:1.0.0',
      scaling: { kind: 'autoscaling', minReplicas: 2, maxReplicas: 4, targetCpuUtilization: 70 },
      resources: { cpu: '200m', memory: '128Mi' },
      ingress: { host: 'api.dev.acme.io', path: '/', visibility: 'public' },
    });
    expect(prod.services[1]).toMatchObject({
      image: 'public.ecr.aws/acme/site:2',
      platformImage: false,
      runtime: 'static-site',
      health: { liveness: '/', readiness: '/' },
      scaling: { kind: 'fixed', replicas: 2 },
      ingress: { host: 'www.acme.io', path: '/app', visibility: 'internal' },
      dependsOn: [],
      env: {},
      secrets: [],
    });
    expect(envOf('dev').services[1].scaling).toEqual({ kind: 'fixed', replicas: 1 });
    expect(prod.services[2]).toMatchObject({
      health: { liveness: '/l', readiness: '/r' },
      scaling: { kind: 'autoscaling', minReplicas: 2, maxReplicas: 6, targetCpuUtilization: 50 },
      ingress: undefined,
    });
    expect(envOf('dev').services[2].scaling).toEqual({ kind: 'fixed', replicas: 5 });
  });
});
