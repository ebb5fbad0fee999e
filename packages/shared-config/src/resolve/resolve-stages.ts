import type { ResolvedEnvironment, ResolvedService } from './resolved-platform';
import type { EnvironmentConfig, Profile } from '../config/environment-config';
import type { PlatformConfig } from '../config/platform-config';
import type { ServiceConfig } from '../config/service-config';
import { EnvironmentNaming } from '../naming/naming';

/**
 * Stages: environments that run on another environment's cluster (`runsOn`). A stage has its own namespaces, domain,
 * secrets path (`<org>/<stage>/`), image tags and replicas, database and Redis key prefix, and shares everything else
 * with its host. See docs/stages.md.
 */

/** ResourceQuota and LimitRange of each namespace of a stage. */
export interface ResolvedStageQuota {
  /** `requests.cpu` of the ResourceQuota. */
  readonly cpu: string;
  /** `requests.memory` of the ResourceQuota. */
  readonly memory: string;
  readonly pods: number;
  /** LimitRange `defaultRequest` and `default` (limits) of containers that set none. */
  readonly defaultRequest: { readonly cpu: string; readonly memory: string };
  readonly defaultLimit: { readonly memory: string };
}

export interface ResolvedStage {
  readonly name: string;
  /** Name of the environment whose cluster runs the stage. */
  readonly host: string;
  readonly profile: Profile;
  /** DNS suffix of the stage's hosts: `<stage>.<host domain>` unless set, inside the host's zone. */
  readonly domain: string;
  /** Other stages of the host may call this stage's services (declared `calls`). */
  readonly shared: boolean;
  /** Naming of the stage's own secrets (`<org>/<stage>/…`). */
  readonly naming: EnvironmentNaming;
  readonly quota: ResolvedStageQuota;
  /** IAM roles given namespace-scoped `edit` access entries on the host cluster. */
  readonly deployers: readonly string[];
  /** Services of the stage, with the stage's overrides; their namespaces are `stageNamespace(stage, service)`. */
  readonly services: readonly ResolvedService[];
}

/** Quota of a stage namespace when the config sets none, by profile. */
export const STAGE_QUOTA_DEFAULTS: Readonly<Record<Profile, ResolvedStageQuota>> = {
  development: { cpu: '2', memory: '4Gi', pods: 20, defaultRequest: { cpu: '100m', memory: '128Mi' }, defaultLimit: { memory: '512Mi' } },
  production: { cpu: '8', memory: '16Gi', pods: 50, defaultRequest: { cpu: '250m', memory: '256Mi' }, defaultLimit: { memory: '1Gi' } },
};

/** Label of every namespace of a stage, naming the stage. */
export const STAGE_LABEL = 'paved.dev/stage';

/** Variable holding the Redis key prefix of a stage's services (stages share the host's cache). */
export const REDIS_KEY_PREFIX_ENV = 'REDIS_KEY_PREFIX';

/** The namespace of a service in a stage: `<stage>-<service>`, unique on the shared cluster. */
export function stageNamespace(stage: string, service: string): string {
  return `${stage}-${service}`;
}

/** Whether an environment of the config is a stage. */
export function isStage(env: EnvironmentConfig): boolean {
  return typeof env.runsOn === 'string';
}

/**
 * The DNS suffix of a stage: `<stage>.<host domain>`, a name in the host's zone, so that the host's external-dns and
 * cert-manager serve it without a zone of its own.
 */
export function stageDomain(stage: EnvironmentConfig, hostDomain: string): string {
  return stage.domain ?? `${stage.name}.${hostDomain}`;
}

/** Resolves one service for an environment, as resolve-platform does (injected to keep the modules acyclic). */
export type ServiceResolver = (config: PlatformConfig, env: EnvironmentConfig, naming: EnvironmentNaming, service: ServiceConfig) => ResolvedService;

export interface ResolveStagesInput {
  readonly config: PlatformConfig;
  /** The host as configured. */
  readonly hostConfig: EnvironmentConfig;
  readonly host: ResolvedEnvironment;
  readonly resolveService: ServiceResolver;
  /** Services that run in an environment (not disabled there). */
  readonly servicesIn: (envName: string) => readonly ServiceConfig[];
}

/** The stages that run on one host, in config order. */
export function resolveStages(input: ResolveStagesInput): ResolvedStage[] {
  const { config, hostConfig, host } = input;
  return config.environments
    .filter((e) => e.runsOn === host.name)
    .map((stage) => {
      const naming = new EnvironmentNaming(config.organization, stage.name);
      const domain = stageDomain(stage, host.domain);
      // The service resolves as in the host (node groups, registry), with the stage's name, profile and domain, so that
      // `services[].environments.<stage>` overrides (image tag, replicas) apply.
      const asEnv: EnvironmentConfig = { ...hostConfig, name: stage.name, profile: stage.profile, domain };
      const services = input.servicesIn(stage.name)
        .filter((s) => !s.chart)
        .map((s) => stageService(input.resolveService(config, asEnv, host.naming, s), s, naming, stage.name));
      const defaults = STAGE_QUOTA_DEFAULTS[stage.profile];
      return {
        name: stage.name,
        host: host.name,
        profile: stage.profile,
        domain,
        shared: stage.shared ?? false,
        naming,
        quota: {
          ...defaults,
          cpu: stage.quota?.cpu ?? defaults.cpu,
          memory: stage.quota?.memory ?? defaults.memory,
          pods: stage.quota?.pods ?? defaults.pods,
        },
        deployers: [...(stage.deployers ?? [])],
        services,
      };
    });
}

/** A service of a stage: secrets under the stage's path, and its own Redis key prefix on the shared cache. */
function stageService(resolved: ResolvedService, service: ServiceConfig, naming: EnvironmentNaming, stage: string): ResolvedService {
  const env: Record<string, string> = { ...resolved.env };
  if (resolved.dependsOn.includes('redis') && !Object.hasOwn(env, REDIS_KEY_PREFIX_ENV)) env[REDIS_KEY_PREFIX_ENV] = `${stage}:`;
  return {
    ...resolved,
    env: Object.fromEntries(Object.entries(env).sort(([a], [b]) => a.localeCompare(b))),
    secrets: Object.entries(service.secrets ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([envVar, ref]) => ({ envVar, secretName: naming.secretName(ref.secret), key: ref.key })),
  };
}

/**
 * The host as one stage sees it: the host's cluster, network, add-ons and data stores (and naming, for the names of
 * shared things: connection secrets, reader roles, node groups), with the stage's name, profile, domain and services.
 * What gitops-apps renders a stage's services against.
 */
export function stageView(host: ResolvedEnvironment, stage: ResolvedStage): ResolvedEnvironment {
  return {
    ...host,
    name: stage.name,
    profile: stage.profile,
    domain: stage.domain,
    usesRootZone: false,
    services: stage.services,
    charts: [],
    stages: undefined,
  };
}

/** The secrets each namespace of a stage reads: its services' own secrets and the host's connection secrets. */
export function stageSecretReaders(host: ResolvedEnvironment, stage: ResolvedStage): { namespace: string; secrets: string[]; ownedPrefix: string }[] {
  if (!host.addons.some((a) => a.name === 'external-secrets')) return [];
  return stage.services
    .map((service) => {
      const namespace = stageNamespace(stage.name, service.name);
      const names = new Set<string>(service.secrets.map((s) => s.secretName));
      for (const store of service.dependsOn) names.add(host.naming.connectionSecret(store));
      if (service.ingress?.sso) names.add(host.naming.secretName(service.ingress.sso.clientSecret));
      return { namespace, secrets: [...names].sort(), ownedPrefix: `${stage.naming.secretsPrefix()}${service.name}/` };
    })
    .filter((r) => r.secrets.length > 0)
    .sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0));
}
