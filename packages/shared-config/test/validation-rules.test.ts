import { type Problem, VALIDATION_RULES, validatePlatform, PlatformConfig } from '../src';
import { type Mutable, mutableConfig } from './fixtures';

type Config = Mutable<PlatformConfig>;

interface RuleCase {
  /** Breaks the valid fixture so that the rule fires. */
  readonly fail: (c: Config) => void;
  readonly path: string;
  readonly message: RegExp;
  readonly severity?: 'error' | 'warning';
  /** A variant near the failing one that the rule accepts. */
  readonly pass: (c: Config) => void;
}

const env = (c: Config, name: string) => c.environments.find((e) => e.name === name)!;
const svc = (c: Config, name: string) => c.services!.find((s) => s.name === name)!;
/** Adds a stage of dev (same account and region) with extra fields. */
const stage = (c: Config, name: string, fields: Record<string, unknown> = {}): void =>
  void c.environments.push({ name, profile: 'development', account: '111111111111', region: 'eu-west-1', runsOn: 'dev', ...fields } as Config['environments'][number]);

/** One failing and one passing case per semantic rule. */
const CASES: Record<string, RuleCase> = {
  'environment-names-unique': {
    fail: (c) => void (env(c, 'prod').name = 'dev'),
    path: 'environments[1].name',
    message: /'dev' is already used by environments\[0\]/,
    pass: (c) => void (env(c, 'prod').name = 'production'),
  },
  'environment-domain': {
    fail: (c) => void (env(c, 'dev').domain = 'dev.other.io'),
    path: 'environments[0].domain',
    message: /'dev.other.io' is outside the root domain 'acme.io'/,
    pass: (c) => void (env(c, 'dev').domain = 'sandbox.acme.io'),
  },
  'root-zone-account': {
    fail: (c) => {
      env(c, 'dev').domain = 'acme.io';
      env(c, 'prod').domain = 'prod.acme.io';
      c.management = { account: '222222222222', region: 'eu-west-1' };
    },
    path: 'environments[0].domain',
    message: /uses the root domain 'acme.io', whose zone lives in the management account 222222222222, but runs in 111111111111/,
    pass: (c) => void (c.management = { account: '222222222222', region: 'eu-west-1' }),
  },
  'gitops-credentials': {
    fail: (c) => void (c.gitops = { repoUrl: 'git@github.com:acme/platform-gitops.git' }),
    path: 'gitops.credentialsSecret',
    message: /repoUrl 'git@github.com:acme\/platform-gitops.git' is an SSH URL and no credentials secret is named/,
    pass: (c) => void (c.gitops = { repoUrl: 'git@github.com:acme/platform-gitops.git', credentialsSecret: 'acme/gitops-deploy-key' }),
  },
  'argocd-capability-identity-center': {
    fail: (c) => void (c.gitops = { repoUrl: 'https://github.com/acme/platform-gitops.git', argocd: 'eks-capability' }),
    path: 'gitops.identityCenter',
    message: /argocd is 'eks-capability' and no IAM Identity Center instance is named/,
    pass: (c) => void (c.gitops = {
      repoUrl: 'https://github.com/acme/platform-gitops.git',
      argocd: 'eks-capability',
      identityCenter: { instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef' },
    }),
  },
  'access-role-environments': {
    fail: (c) => void (c.access!.roles![0].environments = ['qa']),
    path: 'access.roles[0].environments[0]',
    message: /'qa' is not an environment/,
    pass: (c) => void (c.access!.roles![0].environments = ['dev', 'prod']),
  },
  'access-principals': {
    fail: (c) => void c.access!.roles!.push({ roleArn: 'arn:aws:iam::222222222222:role/Admin', access: 'view' }),
    path: 'access.roles[1].roleArn',
    message: /has the role name 'Admin' of access.roles\[0\] in 'dev'/,
    pass: (c) => void c.access!.roles!.push({ roleArn: 'arn:aws:iam::222222222222:role/Admin', access: 'view', environments: ['prod'] }),
  },
  'deployer-cluster-access': {
    fail: (c) => void (c.access!.deployerClusterAdmin = false),
    path: 'access.deployerClusterAdmin',
    message: /is false, and no admin role of access.roles covers 'prod': nobody can reach its cluster/,
    severity: 'warning',
    pass: (c) => {
      c.access!.deployerClusterAdmin = false;
      c.access!.roles![0].environments = undefined;
    },
  },
  'vpc-cidr': {
    fail: (c) => void (env(c, 'dev').network = { vpcCidr: '100.64.0.0/16' }),
    path: 'environments[0].network.vpcCidr',
    message: /'100.64.0.0\/16' is not a private range/,
    pass: (c) => void (env(c, 'dev').network = { vpcCidr: '172.16.0.0/16' }),
  },
  'subnets-fit': {
    fail: (c) => void (env(c, 'dev').network = { vpcCidr: '10.2.0.0/24', azCount: 3 }),
    path: 'environments[0].network.vpcCidr',
    message: /leaves \/29 public and data subnets, smaller than AWS allows/,
    pass: (c) => void (env(c, 'dev').network = { vpcCidr: '10.2.0.0/23', azCount: 3 }),
  },
  'vpc-cidr-overlap': {
    fail: (c) => {
      env(c, 'prod').account = '111111111111';
      env(c, 'prod').network = { vpcCidr: '10.0.128.0/17' };
      c.management = { account: '111111111111', region: 'eu-west-1' };
    },
    path: 'environments[1].network.vpcCidr',
    message: /10.0.128.0\/17 overlaps the VPC of 'dev' \(10.0.0.0\/16\) in the same account and region/,
    pass: (c) => {
      env(c, 'prod').account = '111111111111';
      c.management = { account: '111111111111', region: 'eu-west-1' };
    },
  },
  'nat-per-az-in-production': {
    fail: (c) => void (env(c, 'prod').network = { vpcCidr: '10.1.0.0/16', natGateways: 'single' }),
    path: 'environments[1].network.natGateways',
    message: /a single NAT gateway/,
    severity: 'warning',
    pass: (c) => void (env(c, 'dev').network = { natGateways: 'single' }),
  },
  'existing-vpc-exclusive': {
    fail: (c) =>
      void (env(c, 'dev').network = {
        vpcCidr: '10.9.0.0/16',
        existingVpc: { vpcId: 'vpc-0123456789abcdef0', publicSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'], privateSubnetIds: ['subnet-0123456789abcdef2', 'subnet-0123456789abcdef3'] },
      }),
    path: 'environments[0].network.vpcCidr',
    message: /has no effect with network.existingVpc/,
    pass: (c) =>
      void (env(c, 'dev').network = {
        existingVpc: { vpcId: 'vpc-0123456789abcdef0', publicSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'], privateSubnetIds: ['subnet-0123456789abcdef2', 'subnet-0123456789abcdef3'] },
      }),
  },
  'kubernetes-version': {
    fail: (c) => void (env(c, 'dev').cluster = { kubernetesVersion: '1.27' }),
    path: 'environments[0].cluster.kubernetesVersion',
    message: /Kubernetes 1.27 is not supported/,
    pass: (c) => void (env(c, 'dev').cluster = { kubernetesVersion: '1.36' }),
  },
  'node-group-sizes': {
    fail: (c) => void (env(c, 'dev').cluster = { nodeGroups: [{ name: 'general', instanceTypes: ['m6i.large'], minSize: 4, maxSize: 2 }] }),
    path: 'environments[0].cluster.nodeGroups[0].minSize',
    message: /4 is greater than maxSize 2/,
    pass: (c) => void (env(c, 'dev').cluster = { nodeGroups: [{ name: 'general', instanceTypes: ['m6i.large'], minSize: 2, maxSize: 4, desiredSize: 3 }] }),
  },
  'auto-mode-exclusive': {
    fail: (c) => void (env(c, 'dev').cluster = { compute: 'auto-mode', nodeGroups: [{ name: 'general', instanceTypes: ['m6i.large'], minSize: 2, maxSize: 4 }] }),
    path: 'environments[0].cluster.nodeGroups',
    message: /is set, but cluster.compute is 'auto-mode'/,
    pass: (c) => void (env(c, 'dev').cluster = { compute: 'auto-mode' }),
  },
  'endpoint-access': {
    fail: (c) => void (env(c, 'prod').cluster = { publicAccessCidrs: ['0.0.0.0/0'] }),
    path: 'environments[1].cluster.publicAccessCidrs',
    message: /opens the production API endpoint to the whole internet/,
    pass: (c) => void (env(c, 'prod').cluster = { endpointPublicAccess: false }),
  },
  'data-engine-versions': {
    fail: (c) => void (env(c, 'dev').data = { postgres: { engineVersion: '12.22' } }),
    path: 'environments[0].data.postgres.engineVersion',
    message: /PostgreSQL 12.22 is not supported/,
    pass: (c) => void (env(c, 'dev').data = { postgres: { engineVersion: '17.2' } }),
  },
  'postgres-storage': {
    fail: (c) => void (env(c, 'dev').data = { postgres: { allocatedStorageGiB: 100, maxAllocatedStorageGiB: 50 } }),
    path: 'environments[0].data.postgres.maxAllocatedStorageGiB',
    message: /50 GiB is below the allocated 100 GiB/,
    pass: (c) => void (env(c, 'dev').data = { postgres: { allocatedStorageGiB: 100, maxAllocatedStorageGiB: 100 } }),
  },
  'redis-failover-replica': {
    fail: (c) => void (env(c, 'dev').data = { redis: { automaticFailover: true } }),
    path: 'environments[0].data.redis.automaticFailover',
    message: /is on, but the replication group has no replica/,
    pass: (c) => void (env(c, 'dev').data = { redis: { automaticFailover: true, replicas: 1 } }),
  },
  'production-data-safety': {
    fail: (c) => void (env(c, 'prod').data = { postgres: { deletionProtection: false } }),
    path: 'environments[1].data.postgres.deletionProtection',
    message: /is off in production/,
    severity: 'warning',
    pass: (c) => void (env(c, 'dev').data = { postgres: { deletionProtection: false } }),
  },
  'service-dependencies': {
    fail: (c) => void (env(c, 'dev').data = { postgres: { enabled: false } }),
    path: 'services[0].dependsOn',
    message: /'api' needs postgres, which environments\[0\].data.postgres.enabled turns off in 'dev'/,
    pass: (c) => {
      env(c, 'dev').data = { postgres: { enabled: false } };
      svc(c, 'api').environments = { ...svc(c, 'api').environments, dev: { enabled: false } };
    },
  },
  'kafka-cluster-settings': {
    fail: (c) => void (env(c, 'dev').data = { kafka: { mode: 'serverless', instanceType: 'kafka.m7g.large' } }),
    path: 'environments[0].data.kafka.instanceType',
    message: /applies to provisioned clusters only/,
    pass: (c) => void (env(c, 'dev').data = { kafka: { mode: 'provisioned', instanceType: 'kafka.m7g.large', brokers: 4 } }),
  },
  'kafka-dependencies': {
    fail: (c) => void Object.assign(svc(c, 'worker'), { dependsOn: ['redis', 'kafka'], kafka: { topics: ['orders'] } }),
    path: 'services[1].dependsOn',
    message: /'worker' needs kafka, which environment 'dev' does not have/,
    pass: (c) => {
      Object.assign(svc(c, 'worker'), { dependsOn: ['redis', 'kafka'], kafka: { topics: ['orders'] } });
      env(c, 'dev').data = { kafka: { mode: 'serverless' } };
      env(c, 'prod').data = { kafka: { mode: 'provisioned' } };
    },
  },
  'kafka-topics': {
    fail: (c) => void Object.assign(svc(c, 'worker'), { dependsOn: ['redis', 'kafka'], kafka: { topics: ['orders', '__consumer_offsets'] } }),
    path: 'services[1].kafka.topics[1]',
    message: /'__consumer_offsets' is an internal topic of Kafka/,
    pass: (c) => void Object.assign(svc(c, 'worker'), { dependsOn: ['redis', 'kafka'], kafka: { topics: ['orders', 'orders.dlq'] } }),
  },
  'service-names-unique': {
    fail: (c) => void (svc(c, 'worker').name = 'api'),
    path: 'services[1].name',
    message: /'api' is already used by services\[0\]/,
    pass: (c) => void (svc(c, 'worker').name = 'api-worker'),
  },
  // Planted bug this catches: the old catalog-wide rule (two services on 8080 refused), and no check inside the pod.
  'service-ports-unique': {
    fail: (c) => void Object.assign(svc(c, 'worker'), { port: undefined, ports: [{ name: 'http', port: 8080, http: true }, { name: 'admin', port: 8080 }] }),
    path: 'services[1].ports[1].port',
    message: /8080\/TCP is already a port of the same pod \(services\[1\]\.ports\[0\]\)/,
    pass: (c) => void Object.assign(svc(c, 'worker'), { port: 8080 }),
  },
  'ingress-host-in-domain': {
    fail: (c) => void (svc(c, 'api').ingress = { host: 'api.example.com' }),
    path: 'services[0].ingress.host',
    message: /'api.example.com' is outside the domain 'acme.io'/,
    pass: (c) => void (svc(c, 'api').ingress = { host: 'api.acme.io' }),
  },
  'ingress-hosts-unique': {
    fail: (c) => void (svc(c, 'worker').ingress = { host: 'api' }),
    path: 'services[1].ingress',
    message: /api.dev.acme.io\/ in 'dev', api.acme.io\/ in 'prod' are already served by services\[0\]/,
    pass: (c) => void (svc(c, 'worker').ingress = { host: 'api', path: '/jobs' }),
  },
  'sso-platform-hosts-reserved': {
    fail: (c) => {
      c.sso = { provider: 'github', clientId: 'Iv1.abc', clientSecret: 'sso/github', allowedGroups: ['acme/platform'] };
      svc(c, 'api').ingress = { host: 'grafana' };
    },
    path: 'services[0].ingress.host',
    message: /'grafana.dev.acme.io' in 'dev', 'grafana.acme.io' in 'prod' is reserved for the platform's Grafana or Argo CD while sso is set/,
    pass: (c) => void (svc(c, 'api').ingress = { host: 'grafana' }),
  },
  'scaling-bounds': {
    fail: (c) => void (svc(c, 'api').autoscaling = { minReplicas: 5, maxReplicas: 3 }),
    path: 'services[0].autoscaling.minReplicas',
    message: /5 is greater than maxReplicas 3/,
    pass: (c) => void (svc(c, 'api').autoscaling = { minReplicas: 3, maxReplicas: 3 }),
  },
  'production-replicas': {
    fail: (c) => void (svc(c, 'worker').replicas = 1),
    path: 'services[1].replicas',
    message: /runs 1 replica in production 'prod'/,
    severity: 'warning',
    pass: (c) => {
      svc(c, 'worker').replicas = 1;
      svc(c, 'worker').environments = { prod: { replicas: 2 } };
    },
  },
  'service-environment-names': {
    fail: (c) => void (svc(c, 'worker').environments = { qa: { replicas: 1 } }),
    path: 'services[1].environments.qa',
    message: /'qa' is not an environment/,
    pass: (c) => void (svc(c, 'worker').environments = { dev: { replicas: 1 } }),
  },
  'service-ci-environments': {
    fail: (c) => void (svc(c, 'api').ci = { repository: 'acme/api', promoteTo: ['prod', 'qa'] }),
    path: 'services[0].ci.promoteTo[1]',
    message: /'qa' is not an environment/,
    pass: (c) => void (svc(c, 'api').ci = { repository: 'acme/api', promoteTo: ['prod'] }),
  },
  'service-aws-resources': {
    fail: (c) => void Object.assign(svc(c, 'api'), { ci: undefined, awsResources: { types: ['queue'] } }),
    path: 'services[0].awsResources',
    message: /needs services\[\]\.ci\.repository/,
    pass: (c) => void Object.assign(svc(c, 'api'), { ci: { repository: 'acme/api' }, awsResources: { types: ['queue'] } }),
  },
  'service-aws-resource-declarations': {
    fail: (c) => void (svc(c, 'api').awsResources = { types: ['queue'], resources: [{ type: 'bucket', name: 'uploads' }] }),
    path: 'services[0].awsResources.resources[0].type',
    message: /'bucket' is not one of the service's awsResources.types \(queue\)/,
    pass: (c) => void (svc(c, 'api').awsResources = { types: ['queue', 'bucket'], resources: [{ type: 'bucket', name: 'uploads' }] }),
  },
  'no-secret-literals': {
    fail: (c) => void (svc(c, 'api').env = { DB_PASSWORD: 'hunter2' }),
    path: 'services[0].env.DB_PASSWORD',
    message: /looks like a secret \(a literal password\)/,
    pass: (c) => void (svc(c, 'api').env = { DB_HOST: 'db.internal', PASSWORD_MIN_LENGTH: '' }),
  },
  'addon-requirements': {
    // Issue 14: an ingress no longer needs cert-manager (the ALB's TLS comes from ACM); secrets still need ESO.
    fail: (c) => void (c.addons = { 'external-secrets': { enabled: false } }),
    path: 'addons.external-secrets',
    message: /'external-secrets' is off in 'dev', but services read secrets from AWS Secrets Manager/,
    pass: (c) => {
      c.addons = { 'external-secrets': { enabled: false }, 'cert-manager': { enabled: false } };
      for (const s of c.services!) {
        s.dependsOn = undefined;
        s.secrets = undefined;
      }
    },
  },
  'ingress-needs-controller': {
    fail: (c) => void (env(c, 'dev').addons = { 'aws-load-balancer-controller': { enabled: false } }),
    path: 'services[0].ingress',
    message: /asks for an ingress in 'dev', which has no ingress controller \('aws-load-balancer-controller' is off\)/,
    pass: (c) => {
      env(c, 'dev').addons = { 'aws-load-balancer-controller': { enabled: false } };
      svc(c, 'api').environments = { ...svc(c, 'api').environments, dev: { enabled: false } };
    },
  },
  'gateway-ingress-scope': {
    fail: (c) => {
      env(c, 'prod').ingress = { api: 'gateway' };
      svc(c, 'api').ingress = { host: 'api', visibility: 'internal' };
    },
    path: 'services[0].ingress.visibility',
    message: /'internal' is not served by the Gateway of 'prod'/,
    pass: (c) => {
      env(c, 'prod').ingress = { api: 'gateway' };
      svc(c, 'api').ingress = { host: 'api', visibility: 'public' };
    },
  },
  'service-ports-exclusive': {
    fail: (c) => void (svc(c, 'api').ports = [{ name: 'http', port: 8080, http: true }]),
    path: 'services[0].ports',
    message: /is set together with port/,
    pass: (c) => {
      delete svc(c, 'api').port;
      svc(c, 'api').ports = [{ name: 'http', port: 8080, http: true }];
    },
  },
  'workload-kind-fields': {
    fail: (c) => void (svc(c, 'worker').volumes = [{ name: 'data', mountPath: '/data', size: '10Gi' }]),
    path: 'services[1].volumes',
    message: /is set on a 'web' service/,
    pass: (c) => {
      svc(c, 'worker').kind = 'stateful';
      svc(c, 'worker').volumes = [{ name: 'data', mountPath: '/data', size: '10Gi' }];
    },
  },
  'service-port-names-unique': {
    fail: (c) => void (svc(c, 'worker').sidecars = [{ name: 'proxy', image: 'envoyproxy/envoy:v1.34.1', ports: [{ name: 'http', port: 9901 }] }]),
    path: 'services[1].sidecars[0].ports[0].name',
    message: /'http' is already the name of services\[1\]\.port/,
    pass: (c) => void (svc(c, 'worker').sidecars = [{ name: 'proxy', image: 'envoyproxy/envoy:v1.34.1', ports: [{ name: 'admin', port: 9901 }] }]),
  },
  'service-public-ports': {
    fail: (c) => void (svc(c, 'worker').sidecars = [{ name: 'node', image: 'ethereum/client-go:v1.15.11', ports: [{ name: 'p2p', port: 30303, http: true, public: true }] }]),
    path: 'services[1].sidecars[0].ports[0].public',
    message: /^is set on an HTTP port$/,
    pass: (c) => void (svc(c, 'worker').sidecars = [{ name: 'node', image: 'ethereum/client-go:v1.15.11', ports: [{ name: 'p2p', port: 30303, public: true }] }]),
  },
  'service-node-group-known': {
    fail: (c) => void (svc(c, 'worker').nodeGroup = 'gpu'),
    path: 'services[1].nodeGroup',
    message: /'gpu' is not a node group of 'dev' \(general\), 'prod' \(general\)/,
    pass: (c) => void (svc(c, 'worker').nodeGroup = 'general'),
  },
  'sidecar-images-pinned': {
    fail: (c) => void (svc(c, 'worker').sidecars = [{ name: 'proxy', image: 'envoyproxy/envoy:latest' }]),
    path: 'services[1].sidecars[0].image',
    message: /'envoyproxy\/envoy:latest' is tagged latest/,
    pass: (c) => void (svc(c, 'worker').sidecars = [{ name: 'proxy', image: 'envoyproxy/envoy:v1.34.1' }]),
  },
  'service-chart-or-image': {
    fail: (c) => void (svc(c, 'worker').chart = { repoUrl: 'https://charts.example.com', name: 'worker', version: '1.0.0' }),
    path: 'services[1].image',
    message: /is set together with chart/,
    pass: (c) => {
      const worker = svc(c, 'worker') as { image?: unknown; port?: unknown; chart?: unknown };
      worker.chart = { repoUrl: 'https://charts.example.com', name: 'worker', version: '1.0.0' };
      delete worker.image;
      delete worker.port;
    },
  },
  'service-calls-known': {
    fail: (c) => void (svc(c, 'api').calls = ['ledger']),
    path: 'services[0].calls[0]',
    message: /'ledger' is not a service/,
    pass: (c) => void (svc(c, 'api').calls = ['worker']),
  },
  'sso-configured': {
    fail: (c) => void (svc(c, 'api').ingress = { host: 'api', auth: 'sso' }),
    path: 'services[0].ingress.auth',
    message: /is 'sso' but the platform names no sso provider/,
    pass: (c) => {
      svc(c, 'api').ingress = { host: 'api', auth: 'sso' };
      c.sso = { provider: 'github', clientId: 'Iv1.abc', clientSecret: 'sso/github', allowedGroups: ['acme/platform'] };
    },
  },
  'chart-values-no-secrets': {
    fail: (c) => void c.services!.push({ name: 'db', chart: { repoUrl: 'https://charts.example.com', name: 'db', version: '1.0.0', values: { auth: { password: 'hunter2' } } } }),
    path: 'services[2].chart.values.auth.password',
    message: /looks like a literal password/,
    pass: (c) => void c.services!.push({ name: 'db', chart: { repoUrl: 'https://charts.example.com', name: 'db', version: '1.0.0', values: { auth: { existingSecret: 'db-auth' } } } }),
  },
  // Stages (docs/stages.md): `stage(c, name, fields)` adds a stage of dev.
  'stage-host-known': {
    fail: (c) => stage(c, 'preview', { runsOn: 'qa' }),
    path: 'environments[2].runsOn',
    message: /'qa' is not an environment/,
    pass: (c) => stage(c, 'preview'),
  },
  'stage-fields': {
    fail: (c) => stage(c, 'preview', { network: { vpcCidr: '10.2.0.0/16' } }),
    path: 'environments[2].network',
    message: /is set on a stage, which shares the network of 'dev'/,
    pass: (c) => stage(c, 'preview', { quota: { cpu: '1' } }),
  },
  'stage-domain-in-host': {
    fail: (c) => stage(c, 'preview', { domain: 'preview.acme.io' }),
    path: 'environments[2].domain',
    message: /'preview.acme.io' is outside the domain 'dev.acme.io' of 'dev'/,
    pass: (c) => stage(c, 'preview', { domain: 'preview.dev.acme.io' }),
  },
  'stage-hosts-unique': {
    fail: (c) => {
      stage(c, 'a');
      stage(c, 'b');
      svc(c, 'api').environments = { a: { ingressHost: 'api.x.dev.acme.io' }, b: { ingressHost: 'api.x.dev.acme.io' } };
    },
    path: 'environments[3].name',
    message: /serves api.x.dev.acme.io\/ \(api\), already served by 'a' on the cluster of 'dev'/,
    pass: (c) => {
      stage(c, 'a');
      stage(c, 'b');
      svc(c, 'api').environments = { a: { ingressHost: 'api.x.dev.acme.io' }, b: { ingressHost: 'api.y.dev.acme.io' } };
    },
  },
  'stage-quota-capacity': {
    fail: (c) => stage(c, 'preview', { quota: { cpu: '8' } }),
    path: 'environments[2].quota',
    severity: 'warning',
    message: /may request 16 vCPU \(preview 2 × 8\), above the 8 vCPU of its node groups at maxSize/,
    pass: (c) => stage(c, 'preview', { quota: { cpu: '2' } }),
  },
  'stage-namespaces-unique': {
    fail: (c) => {
      stage(c, 'preview');
      c.services!.push({ name: 'preview-api', image: { tag: '1.0.0' }, port: 8082 });
    },
    path: 'environments[2].name',
    message: /gives service 'api' the namespace 'preview-api', already that of service 'preview-api' of 'dev' on the cluster of 'dev'/,
    pass: (c) => {
      stage(c, 'preview');
      c.services!.push({ name: 'preview-api', image: { tag: '1.0.0' }, port: 8082, environments: { dev: { enabled: false } } });
    },
  },
  'stage-deployers-distinct': {
    fail: (c) => stage(c, 'preview', { deployers: ['arn:aws:iam::111111111111:role/Admin'] }),
    path: 'environments[2].deployers[0]',
    message: /'arn:aws:iam::111111111111:role\/Admin' is also access.roles\[0\].roleArn for 'dev', and a cluster has one access entry per role/,
    pass: (c) => stage(c, 'preview', { deployers: ['arn:aws:iam::111111111111:role/PreviewDeployers'] }),
  },
  'stage-access-roles': {
    fail: (c) => {
      stage(c, 'preview');
      c.access!.roles![0].environments = ['dev', 'preview'];
    },
    path: 'access.roles[0].environments[1]',
    message: /'preview' is a stage, which has no cluster of its own: the role would get no access/,
    pass: (c) => stage(c, 'preview'),
  },
  'stage-services-supported': {
    fail: (c) => {
      stage(c, 'preview');
      Object.assign(svc(c, 'api'), { kafka: { topics: ['orders'] } });
    },
    path: 'services[0].kafka',
    message: /runs in stage 'preview', which does not support Kafka topics yet/,
    pass: (c) => {
      stage(c, 'preview');
      const api = svc(c, 'api');
      Object.assign(api, { kafka: { topics: ['orders'] }, environments: { ...api.environments, preview: { enabled: false } } });
    },
  },
  'waiver-dates': {
    fail: (c) => void (c.waivers = [{ rule: 'PAVED-AWS-RDS-001', resource: '*', reason: 'accepted for the demo', expires: '2027-02-30' }]),
    path: 'waivers[0].expires',
    message: /'2027-02-30' is not a calendar date/,
    pass: (c) => void (c.waivers = [{ rule: 'PAVED-AWS-RDS-001', resource: '*', reason: 'accepted for the demo', expires: '2027-02-28' }]),
  },
};

function problemsOf(mutate: (c: Config) => void, rule: string): Problem[] {
  const config = mutableConfig();
  mutate(config);
  return validatePlatform(config).problems.filter((p) => p.rule === rule);
}

describe('the valid fixture', () => {
  test('has no problem at all', () => {
    expect(validatePlatform(mutableConfig()).problems).toEqual([]);
  });
});

describe.each(VALIDATION_RULES.map((r) => [r.id]))('rule %s', (id) => {
  const c = CASES[id];

  test('has a failing and a passing case', () => {
    expect(c).toBeDefined();
  });

  test('reports the broken field', () => {
    const problems = problemsOf(c.fail, id);
    expect(problems).toContainEqual(
      expect.objectContaining({ path: c.path, severity: c.severity ?? 'error', message: expect.stringMatching(c.message) }),
    );
  });

  test('accepts the nearby valid variant', () => {
    expect(problemsOf(c.pass, id)).toEqual([]);
  });
});

// Planted bug this catches: an environment named `catalog`, whose GitOps folder would be the Backstage catalog's.
test("environment-names-unique: 'catalog' is reserved for the GitOps branch's catalog folder", () => {
  const problems = problemsOf((c) => void (env(c, 'prod').name = 'catalog'), 'environment-names-unique');
  expect(problems).toEqual([expect.objectContaining({ path: 'environments[1].name', severity: 'error', message: expect.stringMatching(/'catalog' is reserved \(a folder of the GitOps branch\)/) })]);
  expect(problemsOf((c) => void (env(c, 'prod').name = 'catalogs'), 'environment-names-unique')).toEqual([]);
});

// Planted bug this catches: a public port on a run-to-completion service (no Service would ever carry it).
test('service-public-ports: a job or cron service, or an init container, has no public port', () => {
  const jobWith = (c: Config) => {
    const worker = svc(c, 'worker') as { kind?: string; port?: number; ports?: unknown };
    worker.kind = 'job';
    delete worker.port;
    worker.ports = [{ name: 'p2p', port: 30303, protocol: 'UDP', public: true }];
  };
  expect(problemsOf(jobWith, 'service-public-ports')).toEqual([
    expect.objectContaining({ path: 'services[1].ports[0].public', severity: 'error', message: "is set on a 'job' service", allowed: "public ports only with kind: 'web', 'worker' or 'stateful'" }),
  ]);
  const initWith = (c: Config) => void (svc(c, 'worker').initContainers = [{ name: 'seed', image: 'busybox:1.37.0', ports: [{ name: 'seed', port: 30304, public: true }] }]);
  expect(problemsOf(initWith, 'service-public-ports')).toEqual([
    expect.objectContaining({ path: 'services[1].initContainers[0].ports[0].public', message: expect.stringMatching(/is set on an init container/) }),
  ]);
});
