import type { EnvironmentConfig, PlatformConfig, ServiceAwsResourceConfig, ServiceConfig, SsoConfig } from '@paved/shared-config';
import example from '../../../../platform.config';

/**
 * The root example with one feature turned on, as the feature's own test file synthesizes it. terraform-validate.test.ts
 * validates each variant's stacks that differ from the example's, in the same `terraform validate` as the examples
 * (one provider schema load instead of one per feature file).
 */

/** kafka.test.ts: MSK Serverless in dev, a provisioned cluster in prod, and `worker` consuming two topics. */
export function withKafka(base: PlatformConfig): PlatformConfig {
  const kafka: Record<string, EnvironmentConfig['data']> = {
    dev: { kafka: { mode: 'serverless' } },
    prod: { kafka: { mode: 'provisioned', version: '3.9.x' } },
    staging: { kafka: { mode: 'provisioned', instanceType: 'kafka.m5.large', brokers: 4, storageGiB: 200 } },
  };
  const environments = base.environments.map((e) => ({ ...e, data: { ...e.data, ...kafka[e.name] } }));
  const services = (base.services ?? []).map((s): ServiceConfig =>
    s.name === 'worker' ? { ...s, dependsOn: [...(s.dependsOn ?? []), 'kafka'], kafka: { topics: ['orders', 'payments.v1'] } } : s);
  return { ...base, environments, services };
}
export const kafkaExample = withKafka(example);
/** The environments kafka.test.ts synthesizes. */
export const KAFKA_ENVIRONMENTS = ['dev', 'prod'];

/** argocd-sso.test.ts: Google through Dex, and an OIDC issuer no validation would let through unchanged. */
export const GOOGLE: SsoConfig = { provider: 'google', clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'sso/google', allowedDomains: ['northwind.dev'] };
export const HOSTILE_OIDC: SsoConfig = {
  provider: 'oidc',
  issuerUrl: 'https://login.northwind.dev/realms/a"${b}%{c}{{d}}',
  clientId: 'platform',
  clientSecret: 'sso/oidc',
  allowedGroups: ['platform-team'],
};
export const withSso = (sso: SsoConfig): PlatformConfig => ({ ...example, sso });
/** The environments argocd-sso.test.ts synthesizes. */
export const SSO_ENVIRONMENTS = ['dev'];

/** service-resources-roles.test.ts: `api` with every kind of `awsResources`. */
export const withResources = (services: readonly ServiceConfig[], name: string, types: NonNullable<ServiceConfig['awsResources']>['types']) =>
  services.map((s) => (s.name === name ? { ...s, awsResources: { types } } : s));
export const awsResourcesExample: PlatformConfig = { ...example, services: withResources(example.services!, 'api', ['queue', 'bucket', 'topic', 'table']) };

/** A service change: these types, and these resources declared. */
const declaring = (types: NonNullable<ServiceConfig['awsResources']>['types'], resources: readonly ServiceAwsResourceConfig[]) =>
  (s: ServiceConfig): ServiceConfig => ({ ...s, awsResources: { types, resources } });
const changes: Record<string, (s: ServiceConfig) => ServiceConfig> = {
  api: declaring(['queue', 'bucket', 'topic', 'table'], [
    { type: 'queue', name: 'jobs' }, { type: 'bucket', name: 'uploads' }, { type: 'topic', name: 'events' }, { type: 'table', name: 'carts' },
  ]),
  web: declaring(['queue', 'bucket'], [{ type: 'queue', name: 'clicks' }]),
};
/**
 * service-resources-declared-arns.test.ts: `api` with all four types and one of each declared; `web` with queue and
 * bucket chosen and only a queue declared.
 */
export const declaredResourcesExample: PlatformConfig = { ...example, services: example.services!.map((s) => changes[s.name]?.(s) ?? s) };
