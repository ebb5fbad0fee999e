import { definePlatform } from '@paved/shared-config';

/**
 * Seed 003: IMS 2.0, a Python FastAPI backend and a React frontend in us-east-1. VPC 10.0.0.0/16 over two zones,
 * RDS PostgreSQL 15 (db.t3.micro in development, db.t3.small in production, 7 and 30 days of backups, Multi-AZ in
 * production) and Redis 7 (one cache.t3.micro node in development, three cache.t3.small nodes with failover in
 * production), KMS and Secrets Manager, health endpoints. The seed prices development at $80-100 and production at
 * $180-250 a month: see docs/cost-model.md for how Paved's estimate compares.
 */
export default definePlatform({
  organization: 'ims',
  domain: 'ims-2.com',
  gitops: { repoUrl: 'https://github.com/brashakg/ims-gitops.git' },
  // One repository holds the platform config and both services.
  ci: { platformRepository: 'brashakg/ims-2.0-railway' },
  alerting: { slack: { channel: '#ims-deploys' } },
  // prod runs in the management account, where Terraform runs as these credentials: they get cluster admin there.
  access: { managementDeployerRoleArn: 'arn:aws:iam::911122223333:role/AWSReservedSSO_PlatformAdmin_3c4d5e6f7a8b9c0d' },
  environments: [
    {
      name: 'dev',
      profile: 'development',
      account: '811122223333',
      region: 'us-east-1',
      // The seed's development total counts one NAT gateway.
      network: { vpcCidr: '10.0.0.0/16', azCount: 2, natGateways: 'single' },
      cluster: { nodeGroups: [{ name: 'general', instanceTypes: ['t3.medium'], minSize: 1, maxSize: 3, desiredSize: 2, capacityType: 'spot' }] },
      data: {
        postgres: { engineVersion: '15.10', instanceClass: 'db.t3.micro', allocatedStorageGiB: 100, backupRetentionDays: 7 },
        redis: { engineVersion: '7.1', nodeType: 'cache.t3.micro', replicas: 0 },
      },
    },
    {
      name: 'prod',
      profile: 'production',
      account: '911122223333',
      region: 'us-east-1',
      domain: 'ims-2.com',
      // "NAT Gateways (2) - One per AZ for HA"
      network: { vpcCidr: '10.0.0.0/16', azCount: 2, natGateways: 'per-az' },
      cluster: {
        publicAccessCidrs: ['198.51.100.0/24'],
        nodeGroups: [{ name: 'general', instanceTypes: ['t3.large'], minSize: 2, maxSize: 4, desiredSize: 2 }],
      },
      data: {
        postgres: { engineVersion: '15.10', instanceClass: 'db.t3.small', allocatedStorageGiB: 100, backupRetentionDays: 30, multiAz: true },
        // "3-node cluster (prod)", "Automatic failover: Enabled in production"
        redis: { engineVersion: '7.1', nodeType: 'cache.t3.small', replicas: 2, automaticFailover: true },
      },
    },
  ],
  services: [
    {
      name: 'backend',
      team: 'ims',
      ci: { repository: 'brashakg/ims-2.0-railway' },
      runtime: 'python',
      image: { tag: '2.0.0' },
      port: 8000,
      // `/health` for liveness; `/health/db` checks PostgreSQL (the seed also has `/health/cache` for Redis).
      health: { liveness: '/health', readiness: '/health/db' },
      resources: { cpu: '250m', memory: '512Mi' },
      ingress: { host: 'api' },
      dependsOn: ['postgres', 'redis'],
      secrets: { JWT_SECRET_KEY: { secret: 'backend/jwt', key: 'secret' } },
      env: { ENVIRONMENT: 'production', DEBUG: 'false' },
      environments: {
        dev: { replicas: 1, env: { ENVIRONMENT: 'development', DEBUG: 'true' } },
        prod: { autoscaling: { minReplicas: 2, maxReplicas: 6 } },
      },
    },
    {
      name: 'frontend',
      team: 'ims',
      ci: { repository: 'brashakg/ims-2.0-railway' },
      runtime: 'static-site',
      image: { tag: '2.0.0' },
      port: 8080,
      resources: { cpu: '50m', memory: '64Mi' },
      ingress: { host: 'app' },
      environments: { dev: { replicas: 1 }, prod: { replicas: 2 } },
    },
  ],
});
