import type { PlatformConfig } from '../config/platform-config';
import type { ServiceConfig } from '../config/service-config';
import type { SsoProvider } from '../config/service-traffic-config';
import type { EnvironmentNaming } from '../naming/naming';

/** One `calls` edge, as written: the callee and, when given, the port on its pods. */
export interface ResolvedCall {
  readonly service: string;
  /** A port number or a container port name; undefined means the callee's own ports. */
  readonly port?: number | string;
}

/** A third-party Helm chart of the catalog, in one environment. */
export interface ResolvedChart {
  readonly name: string;
  readonly team?: string;
  /** The namespace the chart is installed into, named after the entry (as a service's). */
  readonly namespace: string;
  readonly repoUrl: string;
  readonly chart: string;
  /** Exact version (validated: no ranges). */
  readonly version: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** Full Secrets Manager name of the registry credentials; undefined for a public repository. */
  readonly credentialsSecret?: string;
  readonly calls: readonly ResolvedCall[];
}

/** The platform's single sign-on provider, with the secret name of one environment left to `EnvironmentNaming`. */
export interface ResolvedSso {
  readonly provider: SsoProvider;
  readonly issuerUrl?: string;
  readonly clientId: string;
  /** Secrets Manager name relative to `<org>/<env>/`. */
  readonly clientSecret: string;
  readonly allowedDomains: readonly string[];
  readonly allowedGroups: readonly string[];
}

/** A service's `calls`, objects throughout, in config order without duplicates. */
export function resolveCalls(service: Pick<ServiceConfig, 'calls'>): ResolvedCall[] {
  const seen = new Set<string>();
  return (service.calls ?? []).flatMap((call) => {
    const resolved: ResolvedCall = typeof call === 'string' ? { service: call } : { service: call.service, ...(call.port !== undefined ? { port: call.port } : {}) };
    const key = `${resolved.service}/${resolved.port ?? ''}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [resolved];
  });
}

/** Whether a service's image comes from the platform's registry (ECR of the management account): only then is it built and pushed by the platform. */
export function usesPlatformRegistry(service: Pick<ServiceConfig, 'image' | 'chart'>, registryHost: string): boolean {
  if (service.chart || !service.image) return false;
  const repository = service.image.repository;
  return repository === undefined || repository.startsWith(`${registryHost}/`);
}

/** The ECR host of the platform's registry: `<management account>.dkr.ecr.<region>.amazonaws.com`. */
export function platformRegistryHost(management: { readonly account: string; readonly region: string }): string {
  return `${management.account}.dkr.ecr.${management.region}.amazonaws.com`;
}

/** A `chart` entry in one environment. */
export function resolveChart(service: ServiceConfig, naming: EnvironmentNaming): ResolvedChart {
  const chart = service.chart!;
  return {
    name: service.name,
    ...(service.team ? { team: service.team } : {}),
    namespace: service.name,
    repoUrl: chart.repoUrl,
    chart: chart.name,
    version: chart.version,
    values: chart.values ?? {},
    ...(chart.credentialsSecret ? { credentialsSecret: naming.secretName(chart.credentialsSecret) } : {}),
    calls: resolveCalls(service),
  };
}

export function resolveSso(config: PlatformConfig): ResolvedSso | undefined {
  const sso = config.sso;
  if (!sso) return undefined;
  return {
    provider: sso.provider,
    ...(sso.issuerUrl ? { issuerUrl: sso.issuerUrl } : {}),
    clientId: sso.clientId,
    clientSecret: sso.clientSecret,
    allowedDomains: [...(sso.allowedDomains ?? [])],
    allowedGroups: [...(sso.allowedGroups ?? [])],
  };
}
