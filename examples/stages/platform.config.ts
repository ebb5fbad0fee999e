import { definePlatform, type ServiceEnvironmentOverride } from '@paved/shared-config';

/**
 * Stages (issue 17): two clusters, `dev` and `prod`, each running several stages in namespaces of their own instead of
 * one VPC and cluster per stage. `dev` runs five stages plus `shared-dev`, a shared-services stage whose `auth` the
 * other dev stages call; `prod` runs three stages, each with its own `auth`. The host environments run no service of
 * their own: they are the clusters. See docs/stages.md.
 */
const DEV_STAGES = ['preprod-dev', 'preview-dev', 'mainnet-dev', 'preprod-nightly', 'preview-nightly'] as const;

const DEV = { account: '111122223333', region: 'eu-west-1' } as const;
const PROD = { account: '444455556666', region: 'eu-west-1' } as const;

/** Overrides that switch a service off in the named environments. */
const off = (...names: readonly string[]): Record<string, ServiceEnvironmentOverride> =>
  Object.fromEntries(names.map((name) => [name, { enabled: false }]));

export default definePlatform({
  organization: 'orbit',
  domain: 'orbit.example',
  gitops: { repoUrl: 'https://github.com/orbit/platform-gitops.git' },
  ci: { platformRepository: 'orbit/platform' },
  management: { account: PROD.account, region: PROD.region },
  access: { managementDeployerRoleArn: 'arn:aws:iam::444455556666:role/platform-admin' },
  environments: [
    {
      name: 'dev',
      profile: 'development',
      ...DEV,
      network: { vpcCidr: '10.10.0.0/16' },
      cluster: { nodeGroups: [{ name: 'general', instanceTypes: ['m6i.xlarge'], minSize: 2, maxSize: 8 }] },
    },
    {
      name: 'prod',
      profile: 'production',
      ...PROD,
      network: { vpcCidr: '10.20.0.0/16' },
      cluster: {
        publicAccessCidrs: ['198.51.100.0/24'],
        nodeGroups: [{ name: 'general', instanceTypes: ['m6i.2xlarge'], minSize: 3, maxSize: 8 }],
      },
    },
    { name: 'shared-dev', profile: 'development', ...DEV, runsOn: 'dev', shared: true },
    {
      name: 'preprod-dev',
      profile: 'development',
      ...DEV,
      runsOn: 'dev',
      quota: { cpu: '3', memory: '6Gi', pods: 30 },
      deployers: ['arn:aws:iam::111122223333:role/preprod-deployers'],
    },
    { name: 'preview-dev', profile: 'development', ...DEV, runsOn: 'dev', deployers: ['arn:aws:iam::111122223333:role/preview-deployers'] },
    { name: 'mainnet-dev', profile: 'development', ...DEV, runsOn: 'dev' },
    { name: 'preprod-nightly', profile: 'development', ...DEV, runsOn: 'dev', quota: { cpu: '1', memory: '2Gi', pods: 10 } },
    { name: 'preview-nightly', profile: 'development', ...DEV, runsOn: 'dev', quota: { cpu: '1', memory: '2Gi', pods: 10 } },
    { name: 'preprod-prod', profile: 'production', ...PROD, runsOn: 'prod', quota: { cpu: '4', memory: '8Gi' } },
    { name: 'preview-prod', profile: 'production', ...PROD, runsOn: 'prod', quota: { cpu: '4', memory: '8Gi' } },
    {
      name: 'mainnet-prod',
      profile: 'production',
      ...PROD,
      runsOn: 'prod',
      domain: 'mainnet.prod.orbit.example',
      quota: { cpu: '8', memory: '16Gi', pods: 60 },
      deployers: ['arn:aws:iam::444455556666:role/mainnet-release'],
    },
  ],
  services: [
    {
      name: 'api',
      team: 'core',
      image: { tag: '1.8.0' },
      port: 8080,
      ingress: { host: 'api' },
      dependsOn: ['postgres', 'redis'],
      calls: ['auth'],
      secrets: { SIGNING_KEY: { secret: 'api/signing', key: 'key' } },
      resources: { cpu: '250m', memory: '512Mi' },
      replicas: 2,
      environments: {
        ...off('dev', 'prod', 'shared-dev'),
        'preview-dev': { imageTag: '1.9.0-rc.2', replicas: 1 },
        'preview-nightly': { imageTag: '1.9.0-nightly.20261203', replicas: 1 },
        'preprod-nightly': { imageTag: '1.8.1-nightly.20261203', replicas: 1 },
        'mainnet-prod': { autoscaling: { minReplicas: 3, maxReplicas: 10 } },
      },
    },
    {
      name: 'web',
      team: 'core',
      runtime: 'static-site',
      image: { tag: '1.8.0' },
      port: 8080,
      ingress: { host: 'app' },
      calls: ['api'],
      resources: { cpu: '50m', memory: '64Mi' },
      replicas: 2,
      environments: { ...off('dev', 'prod', 'shared-dev'), 'preview-dev': { imageTag: '1.9.0-rc.2' } },
    },
    {
      name: 'indexer',
      team: 'core',
      kind: 'worker',
      image: { tag: '1.8.0' },
      command: ['node', 'dist/indexer.js'],
      probes: { liveness: { exec: ['node', 'dist/healthcheck.js'] }, readiness: { exec: ['node', 'dist/healthcheck.js', '--synced'] } },
      dependsOn: ['postgres'],
      resources: { cpu: '500m', memory: '1Gi' },
      replicas: 2,
      environments: off('dev', 'prod', 'shared-dev', 'preview-nightly'),
    },
    {
      name: 'auth',
      team: 'identity',
      image: { tag: '3.2.0' },
      port: 8080,
      dependsOn: ['postgres'],
      resources: { cpu: '100m', memory: '256Mi' },
      replicas: 2,
      // On dev, one shared `auth` (shared-dev) serves every stage; on prod each stage runs its own.
      environments: off('dev', 'prod', ...DEV_STAGES),
    },
  ],
});

