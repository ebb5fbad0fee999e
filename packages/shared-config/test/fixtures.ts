import type { PlatformConfig } from '../src';

/** A small valid platform: one development and one production environment, two services. */
export function validConfig(): PlatformConfig {
  return structuredClone<PlatformConfig>({
    organization: 'acme',
    domain: 'acme.io',
    gitops: { repoUrl: 'https://github.com/acme/gitops.git' },
    alerting: { slack: { channel: '#alerts' } },
    access: {
      roles: [{ roleArn: 'arn:aws:iam::111111111111:role/Admin', access: 'admin', environments: ['dev'] }],
      // prod runs in the management account, where Terraform runs as this role.
      managementDeployerRoleArn: 'arn:aws:iam::222222222222:role/Deployer',
    },
    environments: [
      { name: 'dev', profile: 'development', account: '111111111111', region: 'eu-west-1' },
      {
        name: 'prod',
        profile: 'production',
        account: '222222222222',
        region: 'eu-west-1',
        domain: 'acme.io',
        network: { vpcCidr: '10.1.0.0/16' },
        cluster: { publicAccessCidrs: ['203.0.113.0/24'] },
      },
    ],
    services: [
      {
        name: 'api',
        ci: { repository: 'acme/api' },
        image: { tag: '1.0.0' },
        port: 8080,
        ingress: { host: 'api' },
        dependsOn: ['postgres'],
        secrets: { JWT_KEY: { secret: 'api/jwt' } },
        environments: { prod: { autoscaling: { minReplicas: 2, maxReplicas: 5 } } },
      },
      { name: 'worker', image: { tag: '1.0.0' }, port: 8081, replicas: 2, dependsOn: ['redis'] },
    ],
  });
}

/** A mutable deep copy for tests that break one field on purpose. */
export type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

export function mutableConfig(): Mutable<PlatformConfig> {
  return validConfig() as Mutable<PlatformConfig>;
}
