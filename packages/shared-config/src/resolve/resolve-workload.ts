import type { EnvironmentConfig } from '../config/environment-config';
import type { ServiceConfig } from '../config/service-config';
import type { ConcurrencyPolicy, ContainerConfig, PortProtocol, ProbeConfig, WorkloadKind } from '../config/workload-config';
import type { EnvironmentNaming } from '../naming/naming';

/** StorageClass the platform installs for service volumes: gp3, encrypted, tagged for the environment's backup plan. */
export const SERVICE_STORAGE_CLASS = 'paved-gp3-encrypted';

/** Label EKS puts on the nodes of a managed node group, valued with the node group's (physical) name. */
export const NODE_GROUP_LABEL = 'eks.amazonaws.com/nodegroup';

/** Name of the single port of a service configured with `port`. */
export const DEFAULT_PORT_NAME = 'http';

export interface ResolvedPort {
  readonly name: string;
  readonly port: number;
  readonly protocol: PortProtocol;
  readonly http: boolean;
  /** Faces the internet through the service's NLB. */
  readonly public: boolean;
}

/** A probe with its port resolved to a name (HTTP, TCP) or number (gRPC). */
export type ResolvedProbe =
  | { readonly type: 'http'; readonly path: string; readonly port: string }
  | { readonly type: 'tcp'; readonly port: string }
  | { readonly type: 'exec'; readonly command: readonly string[] }
  | { readonly type: 'grpc'; readonly port: number };

export interface ResolvedContainer {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly ports: readonly ResolvedPort[];
  readonly resources: { readonly cpu: string; readonly memory: string };
  /** Sorted by name. */
  readonly env: Readonly<Record<string, string>>;
  /** A sidecar's probes (the startup probe defaults to the liveness probe); none for init containers. */
  readonly probes: { readonly liveness?: ResolvedProbe; readonly readiness?: ResolvedProbe; readonly startup?: ResolvedProbe };
}

/** The workload part of a resolved service: what it runs as and how its pods are shaped. */
export interface ResolvedWorkload {
  readonly kind: WorkloadKind;
  /** Container ports; `port` becomes one TCP port named `http`. */
  readonly ports: readonly ResolvedPort[];
  /** The first HTTP port (ingress, HTTP probes, metrics), if any. */
  readonly httpPort?: ResolvedPort;
  readonly probes: { readonly liveness?: ResolvedProbe; readonly readiness?: ResolvedProbe; readonly startup?: ResolvedProbe };
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly sidecars: readonly ResolvedContainer[];
  readonly initContainers: readonly ResolvedContainer[];
  readonly volumes: readonly { readonly name: string; readonly mountPath: string; readonly size: string; readonly storageClass: string }[];
  readonly sharedVolumes: readonly { readonly name: string; readonly mountPath: string; readonly sizeLimit: string }[];
  /** Node placement: the node group's labels to select (taints are not part of node group configs, so no tolerations). */
  readonly nodeGroup?: { readonly name: string; readonly nodeSelector: Readonly<Record<string, string>> };
  /** Run settings of a `job` or `cron` service. */
  readonly run?: {
    readonly schedule?: string;
    readonly concurrencyPolicy: ConcurrencyPolicy;
    readonly activeDeadlineSeconds: number;
    readonly backoffLimit: number;
    readonly successfulJobsHistoryLimit: number;
    readonly failedJobsHistoryLimit: number;
  };
  readonly migrate?: { readonly command: readonly string[]; readonly activeDeadlineSeconds: number };
  /** Set when the main container may write to its root file system, with the reason the config gives. */
  readonly writableRootFilesystem?: { readonly reason: string };
}

/** Names of an environment's managed node groups (`general` when none is configured; none in Auto Mode). */
export function nodeGroupNamesOf(env: EnvironmentConfig): string[] {
  if (env.cluster?.compute === 'auto-mode') return [];
  const groups = Array.isArray(env.cluster?.nodeGroups) ? env.cluster.nodeGroups : undefined;
  // 'general' is the name resolveCluster gives the profile's default group.
  return groups ? groups.map((g) => g.name) : ['general'];
}

const SIDECAR_DEFAULTS = { cpu: '50m', memory: '64Mi' } as const;
const RUN_DEFAULTS = { activeDeadlineSeconds: 3600, backoffLimit: 2, historyLimit: 3 } as const;
const MIGRATE_DEADLINE_SECONDS = 600;

function resolvePorts(ports: ServiceConfig['ports'] | undefined): ResolvedPort[] {
  return (ports ?? []).map((p) => ({ name: p.name, port: p.port, protocol: p.protocol ?? 'TCP', http: p.http ?? false, public: p.public ?? false }));
}

function resolveProbe(probe: ProbeConfig, httpPort: ResolvedPort | undefined): ResolvedProbe {
  if ('http' in probe) return { type: 'http', path: probe.http, port: probe.port ?? httpPort?.name ?? DEFAULT_PORT_NAME };
  if ('tcp' in probe) return { type: 'tcp', port: probe.tcp };
  if ('exec' in probe) return { type: 'exec', command: [...probe.exec] };
  return { type: 'grpc', port: probe.grpc };
}

function resolveContainer(c: ContainerConfig): ResolvedContainer {
  const ports = resolvePorts(c.ports);
  const httpPort = ports.find((p) => p.http);
  const liveness = c.probes?.liveness ? resolveProbe(c.probes.liveness, httpPort) : undefined;
  return {
    name: c.name,
    image: c.image,
    command: c.command ? [...c.command] : undefined,
    args: c.args ? [...c.args] : undefined,
    ports,
    resources: { cpu: c.resources?.cpu ?? SIDECAR_DEFAULTS.cpu, memory: c.resources?.memory ?? SIDECAR_DEFAULTS.memory },
    env: Object.fromEntries(Object.entries(c.env ?? {}).sort(([a], [b]) => a.localeCompare(b))),
    probes: {
      liveness,
      readiness: c.probes?.readiness ? resolveProbe(c.probes.readiness, httpPort) : undefined,
      startup: c.probes?.startup ? resolveProbe(c.probes.startup, httpPort) : liveness,
    },
  };
}

/**
 * The workload of a service in an environment. `health` gives the HTTP probes of a `web` service (and of a `stateful`
 * one with an HTTP port) that `probes` does not name.
 */
export function resolveWorkload(
  env: EnvironmentConfig,
  naming: EnvironmentNaming,
  service: ServiceConfig,
  health: { readonly liveness: string; readonly readiness: string },
): ResolvedWorkload {
  const kind = service.kind ?? 'web';
  const ports = service.ports
    ? resolvePorts(service.ports)
    : service.port !== undefined
      ? [{ name: DEFAULT_PORT_NAME, port: service.port, protocol: 'TCP' as const, http: true, public: false }]
      : [];
  const httpPort = ports.find((p) => p.http);
  const configured = service.probes ?? {};
  const httpDefaults = kind === 'web' || (kind === 'stateful' && httpPort !== undefined);
  const probe = (which: 'liveness' | 'readiness', path: string): ResolvedProbe | undefined => {
    const given = configured[which];
    if (given) return resolveProbe(given, httpPort);
    return httpDefaults ? { type: 'http', path, port: httpPort?.name ?? DEFAULT_PORT_NAME } : undefined;
  };
  const runs = kind === 'job' || kind === 'cron';
  const liveness = runs ? undefined : probe('liveness', health.liveness);
  const readiness = runs ? undefined : probe('readiness', health.readiness);
  const startup = runs ? undefined : configured.startup ? resolveProbe(configured.startup, httpPort) : liveness;
  const group = service.nodeGroup;
  return {
    kind,
    ports,
    httpPort,
    probes: { liveness, readiness, startup },
    command: service.command ? [...service.command] : undefined,
    args: service.args ? [...service.args] : undefined,
    sidecars: (service.sidecars ?? []).map(resolveContainer),
    initContainers: (service.initContainers ?? []).map(resolveContainer),
    volumes: (service.volumes ?? []).map((v) => ({
      name: v.name,
      mountPath: v.mountPath,
      size: v.size,
      storageClass: v.storageClass ?? SERVICE_STORAGE_CLASS,
    })),
    sharedVolumes: (service.sharedVolumes ?? []).map((v) => ({ name: v.name, mountPath: v.mountPath, sizeLimit: v.sizeLimit ?? '64Mi' })),
    // Managed node groups label their nodes with the node group's physical name; a group's own labels narrow nothing
    // further, so the one label is enough (validation checks that the group exists in the environment).
    nodeGroup: group !== undefined && nodeGroupNamesOf(env).includes(group)
      ? { name: group, nodeSelector: { [NODE_GROUP_LABEL]: naming.nodeGroupName(group) } }
      : undefined,
    run: runs
      ? {
        schedule: service.schedule,
        concurrencyPolicy: service.concurrencyPolicy ?? 'Forbid',
        activeDeadlineSeconds: service.activeDeadlineSeconds ?? RUN_DEFAULTS.activeDeadlineSeconds,
        backoffLimit: service.backoffLimit ?? RUN_DEFAULTS.backoffLimit,
        successfulJobsHistoryLimit: service.successfulJobsHistoryLimit ?? RUN_DEFAULTS.historyLimit,
        failedJobsHistoryLimit: service.failedJobsHistoryLimit ?? RUN_DEFAULTS.historyLimit,
      }
      : undefined,
    migrate: service.migrate
      ? { command: [...service.migrate.command], activeDeadlineSeconds: service.migrate.activeDeadlineSeconds ?? MIGRATE_DEADLINE_SECONDS }
      : undefined,
    writableRootFilesystem: service.securityContext?.writableRootFilesystem
      ? { reason: service.securityContext.writableRootFilesystem.reason }
      : undefined,
  };
}
