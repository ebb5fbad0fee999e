import { definePlatform } from '@paved/shared-config';

/**
 * Seed 001: DDMS, a Node.js API and a Vite SPA served by hardened nginx, on PostgreSQL 16 (Multi-AZ) and encrypted
 * Redis, behind a shared ALB of the AWS Load Balancer Controller (TLS from ACM), ExternalDNS, cert-manager, the
 * kube-prometheus-stack alerting to Slack, AWS Backup (30 days) and nightly Velero backups; staging and production.
 */
export default definePlatform({
  organization: 'ddms',
  domain: 'ddms.io',
  gitops: { repoUrl: 'https://github.com/ddms/ddms-gitops.git' },
  // One repository holds the platform config and both services.
  ci: { platformRepository: 'ddms/ddms' },
  // "Alertmanager routes Slack notifications when alertmanager_slack_webhook_url is set"
  alerting: { slack: { channel: '#ddms-alerts' } },
  access: {
    roles: [
      { roleArn: 'arn:aws:iam::611122223333:role/AWSReservedSSO_PlatformAdmin_2c3d4e5f6a7b8c9d', access: 'admin', environments: ['staging'] },
      { roleArn: 'arn:aws:iam::711122223333:role/AWSReservedSSO_PlatformAdmin_3d4e5f6a7b8c9d0e', access: 'admin', environments: ['production'] },
    ],
  },
  environments: [
    {
      name: 'staging',
      profile: 'production',
      account: '611122223333',
      region: 'eu-west-1',
      network: { vpcCidr: '10.60.0.0/16', azCount: 2 },
      // The seed ran EKS 1.30, which is out of support; 1.34 is the current default.
      cluster: { publicAccessCidrs: ['203.0.113.0/24'], nodeGroups: [{ name: 'general', instanceTypes: ['t3a.large'], minSize: 2, maxSize: 4 }] },
      data: {
        postgres: { engineVersion: '16.6', instanceClass: 'db.t4g.medium', backupRetentionDays: 30 },
        redis: { nodeType: 'cache.t4g.small', replicas: 1 },
      },
      backups: { retentionDays: 30 },
    },
    {
      name: 'production',
      profile: 'production',
      account: '711122223333',
      region: 'eu-west-1',
      domain: 'ddms.io',
      network: { vpcCidr: '10.70.0.0/16' },
      cluster: { publicAccessCidrs: ['203.0.113.0/24'] },
      data: { postgres: { engineVersion: '16.6', multiAz: true, backupRetentionDays: 30 } },
      // "AWS Backup plan keeps 30 days of encrypted RDS snapshots"
      backups: { retentionDays: 30 },
    },
  ],
  services: [
    {
      name: 'backend',
      team: 'ddms',
      ci: { repository: 'ddms/ddms' },
      runtime: 'node',
      image: { tag: '3.2.0' },
      port: 4000,
      resources: { cpu: '250m', memory: '512Mi' },
      ingress: { host: 'api' },
      dependsOn: ['postgres', 'redis'],
      secrets: { JWT_SECRET: { secret: 'backend/jwt', key: 'secret' } },
      env: { ALLOWED_ORIGINS: 'https://app.ddms.io' },
      autoscaling: { minReplicas: 2, maxReplicas: 6 },
      environments: {
        staging: { env: { ALLOWED_ORIGINS: 'https://app.staging.ddms.io' } },
        production: { autoscaling: { minReplicas: 3, maxReplicas: 10 } },
      },
    },
    {
      // The Vite SPA, built into nginx-unprivileged (port 8080, non-root, read-only root file system).
      name: 'frontend',
      team: 'ddms',
      ci: { repository: 'ddms/ddms' },
      runtime: 'static-site',
      image: { tag: '3.2.0' },
      port: 8080,
      resources: { cpu: '50m', memory: '64Mi' },
      ingress: { host: 'app' },
      autoscaling: { minReplicas: 2, maxReplicas: 4 },
    },
  ],
});
