import {
  autoScalingServiceRoleArn,
  EnvironmentNaming,
  type PlatformConfig,
  resolvePlatform,
  type ResolvedEnvironment,
  type ServiceConfig,
  validatePlatform,
} from '../src';

// The parts of resolvePlatform added with workload kinds, MSK, charts, SSO and service-owned AWS resources, asserted
// exactly. Written to kill the mutants Stryker found alive or uncovered in resolve-platform.ts (each test names the
// planted mutants it kills as `line: mutation`) and in naming.ts. Everything is resolved inside the tests: Stryker
// attributes code run while a file loads to no test.

const SSO = {
  provider: 'oidc',
  issuerUrl: 'https://login.acme.io',
  clientId: 'paved',
  clientSecret: 'sso/oauth2-proxy',
  allowedGroups: ['platform'],
} as const;

/** One development environment, with `over` merged into it, and the given services. */
function platform(env: Partial<PlatformConfig['environments'][number]>, services: ServiceConfig[] = [], extra: Partial<PlatformConfig> = {}): PlatformConfig {
  return {
    organization: 'acme',
    domain: 'acme.io',
    gitops: { repoUrl: 'https://github.com/acme/gitops.git' },
    environments: [{ name: 'dev', profile: 'development', account: '111111111111', region: 'eu-west-1', ...env }],
    services,
    ...extra,
  };
}

const only = (config: PlatformConfig): ResolvedEnvironment => {
  const [env] = resolvePlatform(config).environments;
  return env;
};

describe('naming of MSK and of the Auto Scaling service-linked role', () => {
  // naming.ts 123: block emptied, 124: 'msk-cluster' -> '' (no rule: TypeError), 'kafka' -> ''.
  test('kafkaClusterName is <org>-<env>-kafka, checked as an MSK cluster name', () => {
    expect(new EnvironmentNaming('acme', 'dev').kafkaClusterName()).toBe('acme-dev-kafka');
    // 64 characters at most (MSK): a longer prefix is refused as an msk-cluster name.
    expect(() => new EnvironmentNaming('a'.repeat(60), 'dev').kafkaClusterName()).toThrow(/^msk-cluster name /);
  });

  // naming.ts 210: block emptied, 211: the ARN template -> ''.
  test('autoScalingServiceRoleArn is the AWS-named service-linked role of the account', () => {
    expect(autoScalingServiceRoleArn('123456789012')).toBe(
      'arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
    );
  });
});

describe('data.kafka resolves to MSK settings', () => {
  // 152: { kafka } -> {}; 271: the serverless branch always/never taken, !==, 'serverless' -> "", { } and mode "".
  test('serverless: the cluster name only', () => {
    const config = platform({ data: { kafka: { mode: 'serverless' } } });
    expect(validatePlatform(config).errors).toEqual([]);
    expect(only(config).kafka).toStrictEqual({ mode: 'serverless', clusterName: 'acme-dev-kafka' });
  });

  test('no data.kafka: no kafka key at all', () => {
    expect('kafka' in only(platform({}))).toBe(false);
  });

  // 271: serverless branch always taken; 273: created/existing branch swapped (true/false/!==/"create" -> "");
  // 274-275: the provisioned object and its mode; 277-280: each `??` turned into `&&` (the default case).
  test('provisioned with defaults in a created network: one broker per data subnet, the profile\'s broker type', () => {
    const config = platform({ network: { azCount: 3 }, logs: { retentionDays: 14 }, data: { kafka: { mode: 'provisioned' } } });
    expect(validatePlatform(config).errors).toEqual([]);
    expect(only(config).kafka).toStrictEqual({
      mode: 'provisioned',
      clusterName: 'acme-dev-kafka',
      brokers: 3,
      instanceType: 'kafka.t3.small',
      version: '3.8.x',
      storageGiB: 100,
      logRetentionDays: 14,
    });
  });

  // 273: the existing-VPC side counts dataSubnetIds (not the private subnets, of which there are three).
  test('provisioned in an existing VPC: one broker per data subnet id', () => {
    const config = platform({
      network: {
        existingVpc: {
          vpcId: 'vpc-1',
          publicSubnetIds: ['subnet-p1', 'subnet-p2', 'subnet-p3'],
          privateSubnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
          dataSubnetIds: ['subnet-d1', 'subnet-d2'],
        },
      },
      data: { kafka: { mode: 'provisioned' } },
    });
    expect(only(config).kafka).toMatchObject({ mode: 'provisioned', brokers: 2 });
  });

  // 277-280: each `??` turned into `&&` (the explicit case: `&&` would pick the default instead).
  test('provisioned with every setting given: each is kept', () => {
    const config = platform({
      profile: 'production',
      data: { kafka: { mode: 'provisioned', brokers: 6, instanceType: 'kafka.m5.large', version: '3.6.0', storageGiB: 500 } },
    });
    expect(only(config).kafka).toStrictEqual({
      mode: 'provisioned',
      clusterName: 'acme-dev-kafka',
      brokers: 6,
      instanceType: 'kafka.m5.large',
      version: '3.6.0',
      storageGiB: 500,
      logRetentionDays: 365,
    });
  });

  test('the production profile\'s broker type is the default there', () => {
    const config = platform({ profile: 'production', data: { kafka: { mode: 'provisioned' } } });
    expect(only(config).kafka).toMatchObject({ brokers: 3, instanceType: 'kafka.m7g.large' });
  });
});

describe('cluster compute', () => {
  // 214: auto-mode branch never taken ("auto-mode" -> ""), [] -> ["Stryker was here"];
  // 233: autoModeCapacity never/always added, "auto-mode" -> "", { } emptied, the capacity object emptied.
  test('auto-mode: no node groups, and the default group\'s sizes as Auto Mode capacity, always on demand', () => {
    const env = only(platform({ cluster: { compute: 'auto-mode' } }));
    expect(env.cluster.compute).toBe('auto-mode');
    expect(env.cluster.nodeGroups).toEqual([]);
    expect(env.cluster.autoModeCapacity).toStrictEqual({
      name: 'general',
      instanceTypes: ['t3a.large', 't3.large'],
      minSize: 2,
      maxSize: 4,
      desiredSize: 2,
      capacityType: 'on-demand',
      diskSizeGiB: 50,
      labels: {},
    });
  });

  test('managed node groups: the default group (spot in development) and no Auto Mode capacity key', () => {
    const env = only(platform({}));
    expect(env.cluster.nodeGroups.map((g) => [g.name, g.capacityType])).toEqual([['general', 'spot']]);
    expect('autoModeCapacity' in env.cluster).toBe(false);
  });
});

describe('chart entries and image services', () => {
  const services: ServiceConfig[] = [
    { name: 'api', image: { tag: '1.0.0' }, port: 8080 },
    { name: 'grafana', team: 'obs', chart: { repoUrl: 'https://grafana.github.io/helm-charts', name: 'grafana', version: '8.5.1' } },
  ];

  // 165: the chart filter removed (a chart entry has no image: resolving it as a service throws);
  // 166: both arrows -> () => undefined (no charts, or [undefined]).
  test('a chart entry is resolved as a chart, never as a service; an image service never as a chart', () => {
    const config = platform({}, services);
    expect(validatePlatform(config).errors).toEqual([]);
    const env = only(config);
    expect(env.services.map((s) => s.name)).toEqual(['api']);
    expect(env.charts).toStrictEqual([{
      name: 'grafana',
      team: 'obs',
      namespace: 'grafana',
      repoUrl: 'https://grafana.github.io/helm-charts',
      chart: 'grafana',
      version: '8.5.1',
      values: {},
      calls: [],
    }]);
  });
});

describe('single sign-on', () => {
  const services: ServiceConfig[] = [
    { name: 'admin', image: { tag: '1.0.0' }, port: 8080, ingress: { host: 'admin', auth: 'sso' } },
    { name: 'shop', image: { tag: '1.0.0' }, port: 8080, ingress: { host: 'shop' } },
  ];
  const resolvedSso = { provider: 'oidc', issuerUrl: 'https://login.acme.io', clientId: 'paved', clientSecret: 'sso/oauth2-proxy', allowedDomains: [], allowedGroups: ['platform'] };

  // 112: { sso } -> {}; 336: { auth } -> {}; 337: the sso condition never true, 'sso' -> "", { sso } -> {};
  // 337: the condition (or its left side) always true, `||`, `!==`: the ingress without auth gets sso too.
  test('the platform\'s provider is resolved once, and only an ingress with auth: sso carries it', () => {
    const config = platform({}, services, { sso: SSO });
    expect(validatePlatform(config).errors).toEqual([]);
    const resolved = resolvePlatform(config);
    expect(resolved.sso).toStrictEqual(resolvedSso);
    const [admin, shop] = resolved.environments[0].services;
    expect(admin.ingress).toStrictEqual({ host: 'admin.dev.acme.io', path: '/', visibility: 'public', auth: 'sso', sso: resolvedSso });
    expect(shop.ingress).toStrictEqual({ host: 'shop.dev.acme.io', path: '/', visibility: 'public' });
  });

  test('without a provider there is no sso key on the platform or on any ingress', () => {
    const resolved = resolvePlatform(platform({}, [services[1]]));
    expect('sso' in resolved).toBe(false);
    expect(resolved.environments[0].services[0].ingress).toStrictEqual({ host: 'shop.dev.acme.io', path: '/', visibility: 'public' });
  });
});

describe('what a service may do on Kafka and with its own AWS resources', () => {
  // 343: the grant never added, 'kafka' -> "", { kafka } / { topics } emptied, [] in place of the topics, the
  // .sort() dropped.
  test('the service\'s topics are granted, sorted', () => {
    const config = platform({ data: { kafka: { mode: 'serverless' } } }, [
      { name: 'orders', image: { tag: '1.0.0' }, port: 8080, dependsOn: ['kafka'], kafka: { topics: ['payments', 'orders'] } },
    ]);
    expect(validatePlatform(config).errors).toEqual([]);
    expect(only(config).services[0].kafka).toStrictEqual({ topics: ['orders', 'payments'] });
  });

  // 343: `&&` -> `||`, and dependsOn?. -> dependsOn. (a service without dependsOn). Validation refuses a kafka block
  // without dependsOn: ['kafka'], but the grant is least privilege on its own: resolving an unvalidated config must
  // not hand out topic access to a service that does not depend on Kafka.
  test('defence in depth: no topic grant without dependsOn kafka, even for a config that skipped validation', () => {
    const config = platform({ data: { kafka: { mode: 'serverless' } } }, [
      { name: 'audit', image: { tag: '1.0.0' }, port: 8080, kafka: { topics: ['audit'] } },
      { name: 'billing', image: { tag: '1.0.0' }, port: 8080, dependsOn: ['postgres'], kafka: { topics: ['billing'] } },
    ]);
    const [audit, billing] = only(config).services;
    expect('kafka' in audit).toBe(false);
    expect('kafka' in billing).toBe(false);
  });

  // 344: the awsResources grant never added; 345: { awsResources } / { types } emptied, [] in place of the types,
  // the .sort() dropped.
  test('AWS resource types are granted sorted, to the service\'s CI repository', () => {
    const config = platform({}, [
      { name: 'files', image: { tag: '1.0.0' }, port: 8080, ci: { repository: 'acme/files' }, awsResources: { types: ['queue', 'bucket'] } },
    ]);
    expect(validatePlatform(config).errors).toEqual([]);
    expect(only(config).services[0].awsResources).toStrictEqual({ types: ['bucket', 'queue'], repository: 'acme/files' });
  });

  test('without ci there is no repository to trust: no awsResources key', () => {
    const config = platform({}, [{ name: 'files', image: { tag: '1.0.0' }, port: 8080, awsResources: { types: ['bucket'] } }]);
    expect('awsResources' in only(config).services[0]).toBe(false);
  });
});
