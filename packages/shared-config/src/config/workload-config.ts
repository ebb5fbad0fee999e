/**
 * What a service runs as, beyond today's stateless HTTP Deployment: the workload kind and the pod-level settings that
 * go with it (ports, probes, command, sidecars, volumes, placement, schedules, migrations). Every field is optional
 * and defaults to what a `web` service renders.
 */

/**
 * - `web`: a Deployment behind a ClusterIP Service (and the ingress, when set). Needs an HTTP port.
 * - `worker`: a Deployment without Service or ingress (a queue consumer, an indexer); exec, TCP or no probes.
 * - `stateful`: a StatefulSet with a headless Service and one PersistentVolumeClaim per `volumes` entry and replica.
 * - `job`: a Job that runs once per sync of a new version.
 * - `cron`: a CronJob on `schedule`.
 */
export type WorkloadKind = 'web' | 'worker' | 'stateful' | 'job' | 'cron';

export type PortProtocol = 'TCP' | 'UDP';

/** One named port of the service's container. */
export interface ServicePortConfig {
  /** Port name (an IANA_SVC_NAME: lowercase letters, digits and hyphens, at most 15 characters), such as `p2p`. */
  readonly name: string;
  /** Container port, unprivileged (1024-65535). */
  readonly port: number;
  /** Transport of the port: `TCP` or `UDP` (peer discovery, DNS-like protocols). @default 'TCP' */
  readonly protocol?: PortProtocol;
  /**
   * Whether the port serves HTTP: the first HTTP port is the one the ingress, the HTTP probes and the metrics scrape
   * use, exposed on port 80 of a `web` service's ClusterIP Service.
   * @default false
   */
  readonly http?: boolean;
  /**
   * Whether the port faces the internet (a peer-to-peer port, a game server): Paved renders one Service of type
   * LoadBalancer per service for its public ports (an internet-facing NLB with IP targets) and a NetworkPolicy rule that
   * admits any source on exactly those ports. TCP or UDP, not an HTTP port (HTTP goes through the ingress); `web`,
   * `worker` and `stateful` services only. `paved check` reports every public port (PAVED-K8S-NET-006).
   * @default false
   */
  readonly public?: boolean;
}

/**
 * One probe: an HTTP GET of a path (on `port`, by default the first HTTP port), a TCP connect to a named port, a
 * command run in the container (exit 0 = healthy), or a gRPC health check on a port number.
 */
export type ProbeConfig =
  | { readonly http: string; readonly port?: string }
  | { readonly tcp: string }
  | { readonly exec: readonly string[] }
  | { readonly grpc: number };

/**
 * Probes of the main container. Unset probes of a `web` service (and of a `stateful` service with an HTTP port) are
 * HTTP probes on `health`; a `worker` gets only the probes it names. The startup probe defaults to the liveness probe.
 */
export interface ProbesConfig {
  /** Failing restarts the container. @default - see above */
  readonly liveness?: ProbeConfig;
  /** Failing takes the pod out of its Service. @default - see above */
  readonly readiness?: ProbeConfig;
  /** Holds the other probes back until it succeeds once (slow starts). @default - the liveness probe */
  readonly startup?: ProbeConfig;
}

/** A persistent volume of a `stateful` service: one EBS volume per replica, kept when the service is deleted. */
export interface VolumeConfig {
  /** Volume name (a DNS label), such as `data`. */
  readonly name: string;
  /** Absolute path where the container mounts it, such as `/data`. */
  readonly mountPath: string;
  /** Size, such as `300Gi` (expandable later: the StorageClass allows expansion). */
  readonly size: string;
  /**
   * StorageClass of the claim.
   * @default 'paved-gp3-encrypted' (gp3, encrypted, tagged for the environment's AWS Backup plan)
   */
  readonly storageClass?: string;
}

/** A writable scratch directory (emptyDir) mounted at the same path in the main container, sidecars and init containers. */
export interface SharedVolumeConfig {
  /** Volume name (a DNS label), such as `socket`. */
  readonly name: string;
  /** Absolute path where every container mounts it. */
  readonly mountPath: string;
  /** Size limit, such as `64Mi`. @default '64Mi' */
  readonly sizeLimit?: string;
}

/** A container beside the main one (a sidecar) or before it (an init container). Same restricted security context. */
export interface ContainerConfig {
  /** Container name (a DNS label), distinct from the service's name and the other containers. */
  readonly name: string;
  /** Full image reference with a pinned tag or digest, such as `ghcr.io/acme/proxy:1.2.3` (never `latest`). */
  readonly image: string;
  /** Entrypoint. @default - the image's */
  readonly command?: readonly string[];
  /** Arguments. @default - the image's */
  readonly args?: readonly string[];
  /** Ports the container listens on (names unique across the pod). @default - none */
  readonly ports?: readonly ServicePortConfig[];
  /** Requests; the memory request is also the limit. @default - cpu '50m', memory '64Mi' */
  readonly resources?: { readonly cpu?: string; readonly memory?: string };
  /** Plain environment variables. @default - none */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Probes of a sidecar (an HTTP probe without `port` uses the sidecar's first HTTP port); `paved check` wants a
   * liveness and a readiness probe on every long-running container. Init containers take none.
   * @default - none
   */
  readonly probes?: ProbesConfig;
}

export type ConcurrencyPolicy = 'Forbid' | 'Allow' | 'Replace';

/** A database (or other) migration run before the new version serves. */
export interface MigrateConfig {
  /**
   * Command run with the service's image, environment and secrets, as an Argo CD Sync hook Job in the wave before the
   * workload: the sync (and so the rollout) stops when it fails. It must be idempotent: a sync that changes nothing
   * runs it again.
   */
  readonly command: readonly string[];
  /** Longest run before the Job is failed. @default 600 */
  readonly activeDeadlineSeconds?: number;
}

/** A restricted-security setting relaxed for the main container, with the reason `paved check` reports. */
export interface SecurityContextConfig {
  /**
   * Let the main container write to its root file system (software that writes beside its binary). Prefer
   * `sharedVolumes` or `volumes` for the paths it writes. Reported by `paved check` (PAVED-K8S-POD-012) as a warning.
   * @default - the root file system is read-only
   */
  readonly writableRootFilesystem?: { readonly reason: string };
}
