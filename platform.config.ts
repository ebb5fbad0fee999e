import { definePlatform } from '@paved/shared-config';

/**
 * Northwind: a startup with an API, a web front end and a background worker on PostgreSQL and Redis. Development and
 * staging share a non-production account; production has its own, which also holds the Terraform state, the root
 * zone and the container registries. This is the embedded default: `pnpm synth` runs it with no AWS account.
 */
export default definePlatform({
  organization: 'northwind',
  domain: 'northwind.dev',
  gitops: { repoUrl: 'https://github.com/northwind/platform-gitops.git' },
  ci: { platformRepository: 'northwind/platform' },
  alerting: { slack: { channel: '#platform-alerts' } },
  access: {
    roles: [
      {
        roleArn: 'arn:aws:iam::210987654321:role/AWSReservedSSO_PlatformAdmin_7a1c2e3f4b5d6a7c',
        access: 'admin',
        environments: ['dev', 'staging'],
      },
      {
        roleArn: 'arn:aws:iam::345678901234:role/AWSReservedSSO_PlatformAdmin_9f8e7d6c5b4a3f2e',
        access: 'admin',
        environments: ['prod'],
      },
      {
        roleArn: 'arn:aws:iam::345678901234:role/AWSReservedSSO_Developer_1a2b3c4d5e6f7a8b',
        access: 'view',
        environments: ['prod'],
      },
    ],
  },
  environments: [
    {
      name: 'dev',
      profile: 'development',
      account: '210987654321',
      region: 'eu-west-1',
      network: { vpcCidr: '10.10.0.0/16' },
    },
    {
      name: 'staging',
      profile: 'production',
      account: '210987654321',
      region: 'eu-west-1',
      network: { vpcCidr: '10.20.0.0/16', azCount: 2 },
      cluster: {
        // Office VPN and the CI runners' egress.
        publicAccessCidrs: ['203.0.113.0/24', '198.51.100.16/28'],
        nodeGroups: [{ name: 'general', instanceTypes: ['t3a.large', 't3.large'], minSize: 2, maxSize: 4 }],
      },
      data: {
        postgres: { instanceClass: 'db.t4g.medium', allocatedStorageGiB: 50 },
        redis: { nodeType: 'cache.t4g.small', replicas: 1 },
      },
    },
    {
      name: 'prod',
      profile: 'production',
      account: '345678901234',
      region: 'eu-west-1',
      domain: 'northwind.dev',
      network: { vpcCidr: '10.30.0.0/16' },
      cluster: {
        publicAccessCidrs: ['203.0.113.0/24', '198.51.100.16/28'],
        nodeGroups: [
          { name: 'general', instanceTypes: ['m6i.large', 'm5.large'], minSize: 3, maxSize: 9, desiredSize: 3 },
        ],
      },
      data: { postgres: { allocatedStorageGiB: 100, maxAllocatedStorageGiB: 500 } },
    },
  ],
  services: [
    {
      name: 'api',
      team: 'core',
      ci: { repository: 'northwind/api' },
      image: { tag: '1.14.2' },
      port: 8080,
      resources: { cpu: '250m', memory: '512Mi' },
      env: { LOG_LEVEL: 'info', NODE_ENV: 'production' },
      secrets: { JWT_SIGNING_KEY: { secret: 'api/jwt', key: 'signingKey' } },
      ingress: { host: 'api' },
      dependsOn: ['postgres', 'redis'],
      environments: {
        dev: { env: { LOG_LEVEL: 'debug' } },
        staging: { autoscaling: { minReplicas: 2, maxReplicas: 4 } },
        prod: { autoscaling: { minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 65 } },
      },
    },
    {
      name: 'web',
      team: 'frontend',
      ci: { repository: 'northwind/web' },
      image: { tag: '2.3.0' },
      port: 8081,
      resources: { cpu: '100m', memory: '128Mi' },
      env: { API_URL: 'https://api.northwind.dev' },
      ingress: { host: 'app' },
      environments: {
        dev: { env: { API_URL: 'https://api.dev.northwind.dev' } },
        staging: { replicas: 2, env: { API_URL: 'https://api.staging.northwind.dev' } },
        prod: { autoscaling: { minReplicas: 2, maxReplicas: 6 } },
      },
    },
    {
      name: 'worker',
      team: 'core',
      ci: { repository: 'northwind/worker' },
      image: { tag: '1.14.2' },
      port: 8082,
      health: { liveness: '/health', readiness: '/ready' },
      resources: { cpu: '200m', memory: '256Mi' },
      env: { QUEUE_CONCURRENCY: '8' },
      dependsOn: ['postgres', 'redis'],
      environments: { staging: { replicas: 2 }, prod: { replicas: 3 } },
    },
  ],
});
