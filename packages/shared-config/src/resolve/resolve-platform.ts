import { isStage, resolveStages, stageDomain } from './resolve-stages';
import { platformRegistryHost, resolveCalls, resolveChart, resolveSso, usesPlatformRegistry } from './resolve-traffic';
import { resolveWorkload } from './resolve-workload';
import type {
  ResolvedAddon,
  ResolvedCi,
  ResolvedCluster,
  ResolvedEnvironment,
  ResolvedKafka,
  ResolvedNetwork,
  ResolvedNodeGroup,
  ResolvedPlatform,
  ResolvedPostgres,
  ResolvedRedis,
  ResolvedService,
  ResolvedServiceCi,
} from './resolved-platform';
import { ADDON_CATALOG, ADDON_NAMES, type AddonName } from '../addons/catalog';
import type { AddonSettings } from '../config/addon-config';
import type { EnvironmentConfig, NodeGroupConfig } from '../config/environment-config';
import type { PlatformConfig } from '../config/platform-config';
import type { ServiceConfig } from '../config/service-config';
import { DEFAULT_DEPLOY_ROLE_NAME, deployRoleArn, EnvironmentNaming, PlatformNaming } from '../naming/naming';
import { Ipv4Cidr } from '../net/ipv4-cidr';
import { carveSubnets } from '../net/subnet-layout';
import { COMMON_DEFAULTS, PROFILES } from '../profiles/profiles';
import { standardTags } from '../tags/tags';
import { DEFAULT_KAFKA_VERSION, DEFAULT_KUBERNETES_VERSION } from '../versions/supported-versions';

/**
 * The management account: explicit, else that of the environment serving the root domain (it needs the root zone),
 * else the first production environment's, else the first environment's.
 */
export function managementOf(config: PlatformConfig): { account: string; region: string } {
  if (config.management) return { account: config.management.account, region: config.management.region };
  const env =
    config.environments.find((e) => e.domain === config.domain) ??
    config.environments.find((e) => e.profile === 'production') ??
    config.environments[0];
  return { account: env.account, region: env.region };
}

/** The DNS suffix of an environment's hosts; a stage's is under its host's (resolve-stages.ts). */
export function environmentDomain(config: PlatformConfig, env: EnvironmentConfig): string {
  const host = isStage(env) ? config.environments.find((e) => e.name === env.runsOn && !isStage(e)) : undefined;
  if (host) return stageDomain(env, environmentDomain(config, host));
  return env.domain ?? `${env.name}.${config.domain}`;
}

function withStages(config: PlatformConfig, hostConfig: EnvironmentConfig, host: ResolvedEnvironment): ResolvedEnvironment {
  const stages = resolveStages({ config, hostConfig, host, resolveService, servicesIn: (name) => servicesIn(config, name) });
  return stages.length > 0 ? { ...host, stages } : host;
}

/** Services that run in an environment (not disabled by an override). */
export function servicesIn(config: PlatformConfig, envName: string): ServiceConfig[] {
  return (config.services ?? []).filter((s) => s.environments?.[envName]?.enabled !== false);
}

/** Whether an environment gets a data store: explicit `enabled`, else whether one of its services depends on it. */
export function dataStoreEnabled(config: PlatformConfig, env: EnvironmentConfig, store: 'postgres' | 'redis'): boolean {
  // A stage uses its host's stores; a host's are implied by its stages' services too.
  const host = isStage(env) ? config.environments.find((e) => e.name === env.runsOn && !isStage(e)) : undefined;
  if (host) return dataStoreEnabled(config, host, store);
  const explicit = env.data?.[store]?.enabled;
  if (explicit !== undefined) return explicit;
  const onCluster = [env.name, ...config.environments.filter((e) => e.runsOn === env.name).map((e) => e.name)];
  return onCluster.some((name) => servicesIn(config, name).some((s) => s.dependsOn?.includes(store)));
}

/** A service's ingress host in an environment, as a full name. */
export function serviceHost(config: PlatformConfig, env: EnvironmentConfig, service: ServiceConfig): string | undefined {
  if (!service.ingress) return undefined;
  const host = service.environments?.[env.name]?.ingressHost ?? service.ingress.host;
  return host.includes('.') ? host : `${host}.${environmentDomain(config, env)}`;
}

/** Enabled add-ons of an environment with their versions, in catalog order. */
export function resolveAddons(config: PlatformConfig, env: EnvironmentConfig): ResolvedAddon[] {
  const platform: AddonSettings = config.addons ?? {};
  const local: AddonSettings = env.addons ?? {};
  return ADDON_NAMES.flatMap((name: AddonName) => {
    const def = ADDON_CATALOG[name];
    const enabled = local[name]?.enabled ?? platform[name]?.enabled ?? def.defaultEnabled[env.profile];
    if (!enabled) return [];
    const version = local[name]?.version ?? platform[name]?.version ?? def.version;
    return [{ ...def, version }];
  });
}

/**
 * Applies profiles and defaults. Expects a config that passed `validatePlatform`; an invalid one may throw.
 */
export function resolvePlatform(config: PlatformConfig): ResolvedPlatform {
  const management = managementOf(config);
  // Stages (`runsOn`) are no environments of their own: each host lists the stages its cluster runs (resolve-stages.ts).
  const environments = config.environments.filter((env) => !isStage(env)).map((env) => withStages(config, env, resolveEnvironment(config, env)));
  const accounts = [...new Set([management.account, ...environments.map((e) => e.account)])];
  return {
    organization: config.organization,
    domain: config.domain,
    naming: new PlatformNaming(config.organization),
    management: { ...management, deployRoleName: config.management?.deployRoleName ?? DEFAULT_DEPLOY_ROLE_NAME },
    dns: { existingZoneId: config.dns?.existingZoneId },
    gitops: {
      repoUrl: config.gitops.repoUrl,
      branch: config.gitops.branch ?? COMMON_DEFAULTS.gitopsBranch,
      path: config.gitops.path ?? COMMON_DEFAULTS.gitopsPath,
      credentialsSecret: config.gitops.credentialsSecret,
      argocd: config.gitops.argocd ?? 'self-managed',
      identityCenter: config.gitops.identityCenter,
    },
    ci: resolveCi(config, environments),
    alerting: config.alerting?.slack
      ? {
        slack: {
          channel: config.alerting.slack.channel,
          webhookSecret: config.alerting.slack.webhookSecret ?? COMMON_DEFAULTS.slackWebhookSecret,
        },
      }
      : {},
    environments,
    accounts,
    waivers: config.waivers ?? [],
    ...(config.sso ? { sso: resolveSso(config) } : {}),
    source: config,
  };
}

/** CI identities: the platform repository, and per service with `ci` its repository and where it may push and promote. */
function resolveCi(config: PlatformConfig, environments: readonly ResolvedEnvironment[]): ResolvedCi {
  const services = (config.services ?? []).flatMap((service): ResolvedServiceCi[] => {
    // A third-party image (or chart) is not built here: no push or promote role trusts its repository.
    if (!service.ci || !usesPlatformRegistry(service, platformRegistryHost(managementOf(config)))) return [];
    const runsIn = environments.filter((e) => e.services.some((s) => s.name === service.name)).map((e) => e.name);
    if (runsIn.length === 0) return [];
    const promoteTo = service.ci.promoteTo ? runsIn.filter((e) => service.ci!.promoteTo!.includes(e)) : runsIn;
    return [{ service: service.name, repository: service.ci.repository, branch: service.ci.branch ?? 'main', pushEnvironment: runsIn[0], promoteTo }];
  });
  return {
    platformRepository: config.ci?.platformRepository ?? `${config.organization}/platform`,
    managementEnvironment: config.ci?.managementEnvironment ?? 'management',
    services,
  };
}

function resolveEnvironment(config: PlatformConfig, env: EnvironmentConfig): ResolvedEnvironment {
  const profile = PROFILES[env.profile];
  const naming = new EnvironmentNaming(config.organization, env.name);
  const domain = environmentDomain(config, env);
  const logRetention = env.logs?.retentionDays ?? profile.logs.retentionDays;
  return {
    name: env.name,
    profile: env.profile,
    account: env.account,
    region: env.region,
    domain,
    usesRootZone: domain === config.domain,
    naming,
    tags: standardTags({ organization: config.organization, environment: env.name, profile: env.profile }),
    network: resolveNetwork(env),
    cluster: resolveCluster(env, naming, logRetention),
    postgres: dataStoreEnabled(config, env, 'postgres') ? resolvePostgres(env, naming) : undefined,
    redis: dataStoreEnabled(config, env, 'redis') ? resolveRedis(env, naming) : undefined,
    ...(env.data?.kafka ? { kafka: resolveKafka(env, naming, logRetention) } : {}),
    registry: {
      imagesToKeep: env.registry?.imagesToKeep ?? profile.registry.imagesToKeep,
      untaggedExpiryDays: env.registry?.untaggedExpiryDays ?? COMMON_DEFAULTS.untaggedExpiryDays,
    },
    backups: {
      retentionDays: env.backups?.retentionDays ?? profile.backups.retentionDays,
      veleroSchedule: env.backups?.veleroSchedule ?? COMMON_DEFAULTS.veleroSchedule,
      veleroTtlHours: env.backups?.veleroTtlHours ?? profile.backups.veleroTtlHours,
    },
    logs: { retentionDays: logRetention },
    addons: resolveAddons(config, env),
    ingress: { api: env.ingress?.api ?? 'ingress', ...(env.ingress?.wafAclArn ? { wafAclArn: env.ingress.wafAclArn } : {}) },
    services: servicesIn(config, env.name).filter((s) => !s.chart).map((s) => resolveService(config, env, naming, s)),
    charts: servicesIn(config, env.name).filter((s) => s.chart).map((s) => resolveChart(s, naming)),
    accessRoles: (config.access?.roles ?? [])
      .filter((r) => !r.environments || r.environments.includes(env.name))
      .map((r) => ({ roleArn: r.roleArn, access: r.access })),
    deployerAccessArn: deployerAccessArn(config, env),
  };
}

/**
 * The principal Terraform runs as in an environment's account, if it gets cluster admin: the deploy role assumed from
 * the management account, or the role the config names for the management account itself.
 */
export function deployerAccessArn(config: PlatformConfig, env: EnvironmentConfig): string | undefined {
  if (config.access?.deployerClusterAdmin === false) return undefined;
  const management = managementOf(config);
  const deployRoleName = config.management?.deployRoleName ?? DEFAULT_DEPLOY_ROLE_NAME;
  return deployRoleArn({ account: management.account, deployRoleName }, env.account) ?? config.access?.managementDeployerRoleArn;
}

function resolveNetwork(env: EnvironmentConfig): ResolvedNetwork {
  const profile = PROFILES[env.profile].network;
  const net = env.network ?? {};
  if (net.existingVpc) {
    return {
      mode: 'existing',
      vpcId: net.existingVpc.vpcId,
      publicSubnetIds: net.existingVpc.publicSubnetIds,
      privateSubnetIds: net.existingVpc.privateSubnetIds,
      dataSubnetIds: net.existingVpc.dataSubnetIds ?? net.existingVpc.privateSubnetIds,
    };
  }
  const vpcCidr = net.vpcCidr ?? COMMON_DEFAULTS.vpcCidr;
  const azCount = net.azCount ?? net.subnets?.private.length ?? profile.azCount;
  return {
    mode: 'create',
    vpcCidr,
    azCount,
    natGateways: net.natGateways ?? profile.natGateways,
    subnets: net.subnets ?? carveSubnets(Ipv4Cidr.parse(vpcCidr)!, azCount),
    flowLogRetentionDays: net.flowLogRetentionDays ?? profile.flowLogRetentionDays,
  };
}

function resolveCluster(env: EnvironmentConfig, naming: EnvironmentNaming, logRetentionDays: number): ResolvedCluster {
  const profile = PROFILES[env.profile].cluster;
  const cluster = env.cluster ?? {};
  const compute = cluster.compute ?? 'managed-node-groups';
  const defaultGroup = { name: 'general', ...profile.nodeGroup };
  const groups = compute === 'auto-mode' ? [] : (cluster.nodeGroups ?? [defaultGroup]);
  const resolveGroup = (g: NodeGroupConfig): ResolvedNodeGroup => ({
    name: g.name,
    instanceTypes: g.instanceTypes,
    minSize: g.minSize,
    maxSize: g.maxSize,
    desiredSize: g.desiredSize ?? g.minSize,
    capacityType: g.capacityType ?? profile.nodeGroup.capacityType,
    diskSizeGiB: g.diskSizeGiB ?? COMMON_DEFAULTS.nodeDiskSizeGiB,
    labels: g.labels ?? {},
  });
  return {
    name: naming.clusterName(),
    kubernetesVersion: cluster.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
    endpointPublicAccess: cluster.endpointPublicAccess ?? profile.endpointPublicAccess,
    publicAccessCidrs: cluster.publicAccessCidrs ?? profile.publicAccessCidrs,
    logRetentionDays: cluster.logRetentionDays ?? logRetentionDays,
    compute,
    nodeGroups: groups.map(resolveGroup),
    ...(compute === 'auto-mode' ? { autoModeCapacity: { ...resolveGroup(defaultGroup), capacityType: 'on-demand' as const } } : {}),
  };
}

function resolvePostgres(env: EnvironmentConfig, naming: EnvironmentNaming): ResolvedPostgres {
  const profile = PROFILES[env.profile].postgres;
  const pg = env.data?.postgres ?? {};
  const allocated = pg.allocatedStorageGiB ?? profile.allocatedStorageGiB;
  return {
    identifier: naming.postgresIdentifier(),
    engineVersion: pg.engineVersion ?? COMMON_DEFAULTS.postgresEngineVersion,
    instanceClass: pg.instanceClass ?? profile.instanceClass,
    allocatedStorageGiB: allocated,
    maxAllocatedStorageGiB: pg.maxAllocatedStorageGiB ?? allocated * COMMON_DEFAULTS.postgresMaxStorageFactor,
    multiAz: pg.multiAz ?? profile.multiAz,
    backupRetentionDays: pg.backupRetentionDays ?? profile.backupRetentionDays,
    deletionProtection: pg.deletionProtection ?? profile.deletionProtection,
    databaseName: pg.databaseName ?? COMMON_DEFAULTS.postgresDatabaseName,
  };
}

function resolveRedis(env: EnvironmentConfig, naming: EnvironmentNaming): ResolvedRedis {
  const profile = PROFILES[env.profile].redis;
  const redis = env.data?.redis ?? {};
  return {
    replicationGroupId: naming.redisReplicationGroupId(),
    engineVersion: redis.engineVersion ?? COMMON_DEFAULTS.redisEngineVersion,
    nodeType: redis.nodeType ?? profile.nodeType,
    replicas: redis.replicas ?? profile.replicas,
    automaticFailover: redis.automaticFailover ?? profile.automaticFailover,
    snapshotRetentionDays: redis.snapshotRetentionDays ?? profile.snapshotRetentionDays,
  };
}

/** MSK when `data.kafka` is set (never implied by services: validation rejects `dependsOn: ['kafka']` without it). */
function resolveKafka(env: EnvironmentConfig, naming: EnvironmentNaming, logRetentionDays: number): ResolvedKafka {
  const kafka = env.data!.kafka!;
  const clusterName = naming.kafkaClusterName();
  if (kafka.mode === 'serverless') return { mode: 'serverless', clusterName };
  const network = resolveNetwork(env);
  const zones = network.mode === 'create' ? network.subnets.data.length : network.dataSubnetIds.length;
  return {
    mode: 'provisioned',
    clusterName,
    brokers: kafka.brokers ?? zones,
    instanceType: kafka.instanceType ?? PROFILES[env.profile].kafka.instanceType,
    version: kafka.version ?? DEFAULT_KAFKA_VERSION,
    storageGiB: kafka.storageGiB ?? COMMON_DEFAULTS.kafkaStorageGiB,
    logRetentionDays,
  };
}

function resolveService(
  config: PlatformConfig,
  env: EnvironmentConfig,
  naming: EnvironmentNaming,
  service: ServiceConfig,
): ResolvedService {
  const override = service.environments?.[env.name] ?? {};
  const management = managementOf(config);
  // Validation requires `image` on every entry without `chart` (the only ones resolved here).
  const image = service.image!;
  const registryHost = platformRegistryHost(management);
  const repository = image.repository ?? `${registryHost}/${naming.ecrRepository(service.name)}`;
  const tag = override.imageTag ?? image.tag;
  const autoscaling = override.autoscaling ?? (override.replicas === undefined ? service.autoscaling : undefined);
  const resources = { ...service.resources, ...override.resources };
  const env_ = { ...service.env, ...override.env };
  const host = serviceHost(config, env, service);
  const health = {
    liveness: service.health?.liveness ?? (service.runtime === 'static-site' ? '/' : COMMON_DEFAULTS.livenessPath),
    readiness: service.health?.readiness ?? (service.runtime === 'static-site' ? '/' : COMMON_DEFAULTS.readinessPath),
  };
  return {
    ...resolveWorkload(env, naming, service, health),
    name: service.name,
    team: service.team,
    image: tag.startsWith('sha256:') ? `${repository}@${tag}` : `${repository}:${tag}`,
    port: service.port,
    runtime: service.runtime ?? 'node',
    health,
    scaling: autoscaling
      ? {
        kind: 'autoscaling',
        minReplicas: autoscaling.minReplicas,
        maxReplicas: autoscaling.maxReplicas,
        targetCpuUtilization: autoscaling.targetCpuUtilization ?? COMMON_DEFAULTS.targetCpuUtilization,
      }
      : {
        kind: 'fixed',
        replicas: override.replicas ?? service.replicas ?? PROFILES[env.profile].services.replicas,
      },
    resources: { cpu: resources.cpu ?? COMMON_DEFAULTS.cpu, memory: resources.memory ?? COMMON_DEFAULTS.memory },
    env: Object.fromEntries(Object.entries(env_).sort(([a], [b]) => a.localeCompare(b))),
    secrets: Object.entries(service.secrets ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([envVar, ref]) => ({ envVar, secretName: naming.secretName(ref.secret), key: ref.key })),
    ingress:
      service.ingress && host
        ? {
          host,
          path: service.ingress.path ?? COMMON_DEFAULTS.ingressPath,
          visibility: service.ingress.visibility ?? 'public',
          ...(service.ingress.auth ? { auth: service.ingress.auth } : {}),
          ...(service.ingress.auth === 'sso' && config.sso ? { sso: resolveSso(config) } : {}),
        }
        : undefined,
    dependsOn: [...(service.dependsOn ?? [])].sort(),
    calls: resolveCalls(service),
    platformImage: usesPlatformRegistry(service, registryHost),
    ...(service.kafka && service.dependsOn?.includes('kafka') ? { kafka: { topics: [...new Set(service.kafka.topics)].sort() } } : {}),
    ...(service.awsResources && service.ci
      ? {
        awsResources: {
          types: [...new Set(service.awsResources.types)].sort(),
          repository: service.ci.repository,
          ...(service.awsResources.resources
            ? {
              resources: service.awsResources.resources.map((r) => ({
                type: r.type,
                name: r.name,
                physicalName: `${naming.prefix}-${service.name}-${r.name}`,
                ...(r.usage ? { usage: { ...r.usage } } : {}),
              })),
            }
            : {}),
        },
      }
      : {}),
  };
}
