import { ADDON_CATALOG, ARGOCD_NAMESPACE } from '../../addons/catalog';
import type { EnvironmentConfig } from '../../config/environment-config';
import type { PlatformConfig } from '../../config/platform-config';
import type { ServiceConfig } from '../../config/service-config';
import { NamingError } from '../../naming/naming';
import { PROFILES } from '../../profiles/profiles';
import { deployerAccessArn, environmentDomain, serviceHost } from '../../resolve/resolve-platform';
import { STAGE_QUOTA_DEFAULTS, isStage, stageNamespace } from '../../resolve/resolve-stages';
import { at } from '../problem';
import { environmentsOf, servicesOf, type ValidationRule } from './rule';

/** Fields a stage takes from its host and must not set. */
export const HOST_ONLY_FIELDS = ['network', 'cluster', 'data', 'addons', 'ingress', 'registry', 'backups', 'logs'] as const;
/** Fields that only a stage may set. */
export const STAGE_ONLY_FIELDS = ['shared', 'quota', 'deployers'] as const;

function hostOf(config: PlatformConfig, stage: EnvironmentConfig): EnvironmentConfig | undefined {
  return environmentsOf(config).map(({ env }) => env).find((e) => e.name === stage.runsOn && e !== stage);
}

/**
 * The environment whose cluster `env` runs on, with its path: the host for a stage (undefined when the host is
 * unknown or itself a stage, which `stage-host-known` reports), else `env` itself. Rules about the cluster (node
 * groups, add-ons) judge a stage by its host's settings, never by its own profile's defaults.
 */
export function clusterEnvironmentOf(
  config: PlatformConfig,
  env: EnvironmentConfig,
  path: string,
): { readonly env: EnvironmentConfig; readonly path: string } | undefined {
  if (!isStage(env)) return { env, path };
  const host = environmentsOf(config).find((e) => e.env.name === env.runsOn && e.env !== env);
  return host && !isStage(host.env) ? host : undefined;
}

function runsIn(service: ServiceConfig, envName: string): boolean {
  return service.environments?.[envName]?.enabled !== false;
}

/**
 * Whether a call from `stageName` to `callee` is served by a shared stage of the same host (docs/stages.md): the
 * caller's stage does not run the callee, and a `shared: true` stage of the same host does.
 */
export function sharedStageServes(config: PlatformConfig, stageName: string, callee: ServiceConfig): boolean {
  const envs = environmentsOf(config).map(({ env }) => env);
  const stage = envs.find((e) => e.name === stageName);
  if (!stage || !isStage(stage)) return false;
  return envs.some((e) => e !== stage && e.shared === true && e.runsOn === stage.runsOn && typeof e.name === 'string' && runsIn(callee, e.name));
}

export const stageHostKnown: ValidationRule = {
  id: 'stage-host-known',
  description: 'A stage runs on an environment that exists, is not itself a stage, and is in the same account and region.',
  check(config, out) {
    const envs = environmentsOf(config);
    const full = envs.filter(({ env }) => !isStage(env) && typeof env.name === 'string').map(({ env }) => env.name);
    for (const { env, path } of envs) {
      if (!isStage(env)) continue;
      const host = hostOf(config, env);
      if (!host) {
        out.error(at(path, 'runsOn'), `'${env.runsOn}' is not an environment`, full.length > 0 ? `one of ${full.join(', ')}` : 'an environment with a cluster');
      } else if (isStage(host)) {
        out.error(at(path, 'runsOn'), `'${host.name}' is itself a stage (runs on '${host.runsOn}')`, `an environment with its own cluster: ${full.join(', ')}`);
      } else if (host.account !== env.account || host.region !== env.region) {
        out.error(
          at(path, 'runsOn'),
          `'${host.name}' runs in ${host.account} ${host.region}, the stage in ${env.account} ${env.region}`,
          `the account and region of '${host.name}'`,
        );
      }
    }
  },
};

export const stageFields: ValidationRule = {
  id: 'stage-fields',
  description: 'A stage leaves the network, cluster, data stores, add-ons and ingress to its host; only stages set `shared`, `quota` and `deployers`.',
  check(config, out) {
    for (const { env, path } of environmentsOf(config)) {
      const fields = env as unknown as Record<string, unknown>;
      if (isStage(env)) {
        for (const field of HOST_ONLY_FIELDS) {
          if (fields[field] !== undefined) {
            out.error(at(path, field), `is set on a stage, which shares the ${field} of '${env.runsOn}'`, `remove it, or set it on '${env.runsOn}'`);
          }
        }
      } else {
        for (const field of STAGE_ONLY_FIELDS) {
          if (fields[field] !== undefined) out.error(at(path, field), 'is set on an environment that is not a stage', 'only with runsOn');
        }
      }
    }
  },
};

export const stageDomainInHost: ValidationRule = {
  id: 'stage-domain-in-host',
  description: "A stage's domain is inside its host's domain, whose zone, external-dns and certificates serve it.",
  check(config, out) {
    if (typeof config.domain !== 'string') return;
    for (const { env, path } of environmentsOf(config)) {
      if (!isStage(env) || typeof env.domain !== 'string') continue;
      const host = hostOf(config, env);
      if (!host || isStage(host)) continue;
      const hostDomain = environmentDomain(config, host);
      if (!env.domain.endsWith(`.${hostDomain}`)) {
        out.error(at(path, 'domain'), `'${env.domain}' is outside the domain '${hostDomain}' of '${host.name}'`, `a subdomain of '${hostDomain}', such as '${env.name}.${hostDomain}'`);
      }
    }
  },
};

export const stageHostsUnique: ValidationRule = {
  id: 'stage-hosts-unique',
  description: 'No two stages (or a stage and its host) on one cluster serve the same ingress host and path.',
  check(config, out) {
    if (typeof config.domain !== 'string') return;
    const envs = environmentsOf(config).filter(({ env }) => typeof env.name === 'string');
    for (const { env: host } of envs.filter(({ env }) => !isStage(env))) {
      const onCluster = envs.filter(({ env }) => env === host || (isStage(env) && env.runsOn === host.name));
      if (onCluster.length < 2) continue;
      const seen = new Map<string, string>();
      for (const { env, path } of onCluster) {
        for (const { service } of servicesOf(config)) {
          if (typeof service.ingress?.host !== 'string' || !runsIn(service, env.name)) continue;
          const route = `${serviceHost(config, env, service)}${service.ingress.path ?? '/'}`;
          const first = seen.get(route);
          if (first !== undefined && first !== env.name) {
            out.error(at(path, 'name'), `serves ${route} (${service.name}), already served by '${first}' on the cluster of '${host.name}'`, 'a distinct host per stage');
          } else {
            seen.set(route, env.name);
          }
        }
      }
    }
  },
};

/** vCPUs of common node instance types, for the quota warning; types not listed are not checked. */
const INSTANCE_VCPUS: Readonly<Record<string, number>> = {
  'medium': 2, 'large': 2, 'xlarge': 4, '2xlarge': 8, '4xlarge': 16, '8xlarge': 32, '12xlarge': 48, '16xlarge': 64,
};

/** CPU quantity as cores (`'2'`, `'500m'`). */
export function cpuCores(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

function clusterCores(host: EnvironmentConfig): number | undefined {
  if (host.cluster?.compute === 'auto-mode') return undefined;
  const groups = host.cluster?.nodeGroups ?? (PROFILES[host.profile] ? [{ ...PROFILES[host.profile].cluster.nodeGroup }] : []);
  let total = 0;
  for (const g of groups) {
    const size = g.instanceTypes?.[0]?.split('.')[1];
    const vcpus = size !== undefined ? INSTANCE_VCPUS[size] : undefined;
    if (vcpus === undefined || typeof g.maxSize !== 'number') return undefined;
    total += vcpus * g.maxSize;
  }
  return total;
}

export const stageQuotaCapacity: ValidationRule = {
  id: 'stage-quota-capacity',
  description: "The CPU the stages of a cluster may request (quota × namespaces) fits the host's node groups at their largest (warning).",
  check(config, out) {
    const envs = environmentsOf(config);
    for (const { env: host } of envs.filter(({ env }) => !isStage(env) && typeof env.name === 'string')) {
      const stages = envs.filter(({ env }) => isStage(env) && env.runsOn === host.name && typeof env.name === 'string');
      if (stages.length === 0 || !PROFILES[host.profile]) continue;
      const capacity = clusterCores(host);
      if (capacity === undefined) continue;
      let requested = 0;
      const parts: string[] = [];
      for (const { env } of stages) {
        const namespaces = servicesOf(config).filter(({ service }) => !service.chart && runsIn(service, env.name)).length;
        const cpu = env.quota?.cpu ?? STAGE_QUOTA_DEFAULTS[env.profile]?.cpu ?? '0';
        requested += cpuCores(cpu) * namespaces;
        parts.push(`${env.name} ${namespaces} × ${cpu}`);
      }
      if (requested > capacity) {
        const { path } = stages[stages.length - 1];
        out.warning(
          at(path, 'quota'),
          `the stages on '${host.name}' may request ${requested} vCPU (${parts.join(', ')}), above the ${capacity} vCPU of its node groups at maxSize`,
          `smaller stage quotas, or larger node groups on '${host.name}'`,
        );
      }
    }
  },
};

/** Namespaces Kubernetes and the platform own on every cluster: a stage namespace must not take one. */
const PLATFORM_NAMESPACES: readonly string[] = [
  ...new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease', ARGOCD_NAMESPACE, ...Object.values(ADDON_CATALOG).map((a) => a.namespace)]),
];

export const stageNamespacesUnique: ValidationRule = {
  id: 'stage-namespaces-unique',
  description: "A stage's namespaces (`<stage>-<service>`) are not the namespace of a host service, of another stage's service or of the platform.",
  check(config, out) {
    const envs = environmentsOf(config).filter(({ env }) => typeof env.name === 'string');
    for (const { env: host } of envs.filter(({ env }) => !isStage(env))) {
      const stages = envs.filter(({ env }) => isStage(env) && env.runsOn === host.name);
      if (stages.length === 0) continue;
      const owners = new Map<string, string>(PLATFORM_NAMESPACES.map((ns) => [ns, 'a platform namespace']));
      for (const { service } of servicesOf(config)) {
        if (typeof service.name === 'string' && runsIn(service, host.name)) owners.set(service.name, `service '${service.name}' of '${host.name}'`);
      }
      for (const { env, path } of stages) {
        for (const { service } of servicesOf(config)) {
          if (typeof service.name !== 'string' || service.chart || !runsIn(service, env.name)) continue;
          const namespace = stageNamespace(env.name, service.name);
          const owner = owners.get(namespace);
          if (owner !== undefined) {
            out.error(
              at(path, 'name'),
              `gives service '${service.name}' the namespace '${namespace}', already that of ${owner} on the cluster of '${host.name}'`,
              "a stage name that makes '<stage>-<service>' unique on the cluster",
            );
          } else {
            owners.set(namespace, `service '${service.name}' of stage '${env.name}'`);
          }
        }
      }
    }
  },
};

/** The principal Terraform runs as on a cluster (cluster admin), or undefined (opted out, or unknown). */
function terraformPrincipalOf(config: PlatformConfig, env: EnvironmentConfig): string | undefined {
  try {
    return deployerAccessArn(config, env);
  } catch (e) {
    if (e instanceof NamingError) return undefined;
    throw e;
  }
}

export const stageDeployersDistinct: ValidationRule = {
  id: 'stage-deployers-distinct',
  description: "A stage's deployer is not a role that already has an access entry on the host's cluster (access.roles, or the principal Terraform runs as).",
  check(config, out) {
    const roles = Array.isArray(config.access?.roles) ? config.access.roles : [];
    for (const { env, path } of environmentsOf(config)) {
      if (!isStage(env) || !Array.isArray(env.deployers)) continue;
      const host = hostOf(config, env);
      if (!host || isStage(host) || typeof host.name !== 'string') continue;
      const terraform = typeof host.account === 'string' ? terraformPrincipalOf(config, host) : undefined;
      env.deployers.forEach((arn, k) => {
        const field = `${at(path, 'deployers')}[${k}]`;
        // EKS keeps one access entry per principal and cluster: a second one fails the apply of '<host>-cluster'.
        const i = roles.findIndex((r) => r?.roleArn === arn && (!Array.isArray(r.environments) || r.environments.includes(host.name)));
        if (i >= 0) {
          out.error(
            field,
            `'${arn}' is also access.roles[${i}].roleArn for '${host.name}', and a cluster has one access entry per role`,
            `remove it from ${field} (access.roles[${i}] already gives '${roles[i].access}' on the whole cluster), or leave '${host.name}' out of access.roles[${i}].environments`,
          );
        } else if (arn === terraform) {
          out.error(field, `'${arn}' is the role Terraform runs as on '${host.name}', which already has an access entry as cluster admin`, 'a role of the people or CI that deploy to the stage');
        }
      });
    }
  },
};

export const stageAccessRoles: ValidationRule = {
  id: 'stage-access-roles',
  description: 'access.roles[].environments names clusters, not stages: a stage has no cluster of its own, and its deployers get access to its namespaces.',
  check(config, out) {
    const stages = new Map(environmentsOf(config).filter(({ env }) => isStage(env) && typeof env.name === 'string').map(({ env }) => [env.name, env]));
    if (stages.size === 0 || !Array.isArray(config.access?.roles)) return;
    config.access.roles.forEach((role, i) => {
      const names: readonly string[] | undefined = role?.environments;
      if (!Array.isArray(names)) return;
      names.forEach((name: string, j: number) => {
        const stage = stages.get(name);
        if (!stage) return;
        out.error(
          `access.roles[${i}].environments[${j}]`,
          `'${name}' is a stage, which has no cluster of its own: the role would get no access`,
          `'${stage.runsOn}' (its host's whole cluster), or the role in environments[${config.environments.indexOf(stage)}].deployers ('edit' in the stage's namespaces)`,
        );
      });
    });
  },
};

/** What each refused field is, in the error line. */
const UNSUPPORTED_IN_STAGES = { kafka: 'Kafka topics', chart: 'third-party charts', awsResources: 'service-owned AWS resources' } as const;

/**
 * What a stage cannot run yet (docs/stages.md): MSK grants are made per service name on the host, so a stage's copy
 * of a Kafka service would start without access; a third-party chart runs on the host only; the CloudFormation roles
 * of `awsResources` are made per environment with stacks, so a stage's CDK deploy would find no role to assume. All
 * would fail silently at runtime or in CI, so they are refused here until stages support them.
 */
export const stageServicesSupported: ValidationRule = {
  id: 'stage-services-supported',
  description: 'A service that runs in a stage uses no Kafka topics, is no third-party chart and owns no AWS resources (not supported on stages yet).',
  check(config, out) {
    const stages = environmentsOf(config).map(({ env }) => env).filter((env) => isStage(env) && typeof env.name === 'string');
    for (const { service, path } of servicesOf(config)) {
      const fields = (Object.keys(UNSUPPORTED_IN_STAGES) as (keyof typeof UNSUPPORTED_IN_STAGES)[]).filter((f) => service[f] !== undefined);
      for (const field of fields) {
        for (const stage of stages.filter((s) => runsIn(service, s.name))) {
          out.error(
            at(path, field),
            `runs in stage '${stage.name}', which does not support ${UNSUPPORTED_IN_STAGES[field]} yet`,
            `\`environments.${stage.name}.enabled: false\` on this service, or a service without \`${field}\` in stages`,
          );
        }
      }
    }
  },
};
