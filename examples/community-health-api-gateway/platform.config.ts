import { definePlatform } from '@paved/shared-config';

/**
 * Seed 000: a community-health-worker backend. Node services behind a Kong API gateway, Keycloak for user access
 * management, dev and prod, a GitOps repository with the app-of-apps pattern, per-service values for dev and prod,
 * image scanning and ECR lifecycle rules (dev keeps the latest image, prod keeps the latest plus three for rollback).
 * The team is in India: ap-south-1.
 */
export default definePlatform({
  organization: 'ikure',
  domain: 'chw.ikure.in',
  // The seed's `ikure-chw-devops-pipelines`, turned from a deploy repo into the GitOps repo (app of apps).
  gitops: { repoUrl: 'https://github.com/ikure/ikure-chw-devops-pipelines.git' },
  ci: { platformRepository: 'ikure/ikure-chw-terraform-infra' },
  alerting: { slack: { channel: '#chw-alerts' } },
  access: {
    roles: [
      { roleArn: 'arn:aws:iam::411122223333:role/AWSReservedSSO_Admin_0a1b2c3d4e5f6a7b', access: 'admin', environments: ['dev'] },
      { roleArn: 'arn:aws:iam::511122223333:role/AWSReservedSSO_Admin_1b2c3d4e5f6a7b8c', access: 'admin', environments: ['prod'] },
    ],
  },
  environments: [
    {
      name: 'dev',
      profile: 'development',
      account: '411122223333',
      region: 'ap-south-1',
      network: { vpcCidr: '10.40.0.0/16' },
      // "ikure-chw-acc-be-dev would contain 1 latest image"
      registry: { imagesToKeep: 1 },
      addons: { keycloak: { enabled: true }, kong: { enabled: true } },
    },
    {
      name: 'prod',
      profile: 'production',
      account: '511122223333',
      region: 'ap-south-1',
      domain: 'chw.ikure.in',
      network: { vpcCidr: '10.50.0.0/16' },
      cluster: { publicAccessCidrs: ['198.51.100.0/24'] },
      // "ikure-chw-acc-be-prod would contain 3 rollback images & 1 latest image"
      registry: { imagesToKeep: 4 },
      addons: { keycloak: { enabled: true }, kong: { enabled: true } },
    },
  ],
  services: [
    {
      // Bounded context for user roles in Keycloak.
      name: 'acc-be',
      team: 'chw-backend',
      ci: { repository: 'ikure/ikure-chw-acc-be' },
      runtime: 'node',
      image: { tag: '1.4.0' },
      port: 3000,
      ingress: { host: 'acc' },
      dependsOn: ['postgres'],
      secrets: { KEYCLOAK_CLIENT_SECRET: { secret: 'acc-be/keycloak', key: 'clientSecret' } },
      env: { KEYCLOAK_URL: 'https://auth.chw.ikure.in', LOG_LEVEL: 'info' },
      // The seed's values.dev.yaml / values.prod.yaml, as per-environment overrides.
      environments: {
        dev: { replicas: 1, env: { KEYCLOAK_URL: 'https://auth.dev.chw.ikure.in', LOG_LEVEL: 'debug' }, resources: { cpu: '100m', memory: '256Mi' } },
        prod: { autoscaling: { minReplicas: 2, maxReplicas: 6 }, resources: { cpu: '250m', memory: '512Mi' } },
      },
    },
    {
      name: 'patient-be',
      team: 'chw-backend',
      ci: { repository: 'ikure/ikure-chw-patient-be' },
      runtime: 'node',
      image: { tag: '2.1.3' },
      port: 3001,
      ingress: { host: 'patients' },
      dependsOn: ['postgres', 'redis'],
      env: { LOG_LEVEL: 'info' },
      environments: {
        dev: { replicas: 1, env: { LOG_LEVEL: 'debug' } },
        prod: { autoscaling: { minReplicas: 2, maxReplicas: 8 }, resources: { cpu: '250m', memory: '512Mi' } },
      },
    },
  ],
});
