import type { ResolvedContainer, ResolvedEnvironment, ResolvedService } from '@paved/shared-config';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { containerPorts } from './ports';
import { renderProbe } from './probes';

/** UID and GID the service images run as (the service blueprint's Dockerfile sets `USER 1000:1000`). */
export const RUNTIME_UID = 1000;

/** Pod Security "restricted" at the pod level: non-root as the image's user, RuntimeDefault seccomp. */
export const POD_SECURITY_CONTEXT: k8s.PodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: RUNTIME_UID,
  runAsGroup: RUNTIME_UID,
  fsGroup: RUNTIME_UID,
  seccompProfile: { type: 'RuntimeDefault' },
};

/** Pod Security "restricted" per container; the root file system is writable only when the config says why. */
export function containerSecurityContext(writableRootFilesystem = false): k8s.SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: !writableRootFilesystem,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Annotation on the pod template that records a relaxed security setting and its reason (read by `paved check`). */
export const WRITABLE_ROOT_REASON_ANNOTATION = 'paved.dev/writable-root-filesystem-reason';

/** The 64Mi `/tmp` every container gets: a read-only root still lets runtimes write their temporary files. */
const TMP_VOLUME = 'tmp';

export function resources(cpu: string, memory: string): k8s.ResourceRequirements {
  return {
    requests: { cpu: k8s.Quantity.fromString(cpu), memory: k8s.Quantity.fromString(memory) },
    // The memory request is also the limit: a pod never gets OOM-killed for memory it was promised.
    limits: { memory: k8s.Quantity.fromString(memory) },
  };
}

export interface PodSpecProps {
  readonly env: ResolvedEnvironment;
  readonly service: ResolvedService;
  /** Environment of the main container (plain variables and secret references). */
  readonly envVars: readonly k8s.EnvVar[];
  /** Labels the topology spread constraints select; undefined for run-to-completion pods (no spreading). */
  readonly spreadSelector?: Record<string, string>;
  /** Label whose value differs per rollout (`pod-template-hash` for Deployments); spreads count only the new pods. */
  readonly rolloutLabel?: string;
  /** `Never` for Jobs; the pod default (`Always`) otherwise. */
  readonly restartPolicy?: 'Never' | 'OnFailure';
  /** The main container only: no sidecars or init containers (a migration runs the service's image alone). */
  readonly mainOnly?: boolean;
  /** Command replacing the main container's (a migration). @default - the service's command and args */
  readonly command?: readonly string[];
}

/** The pod spec of a service: restricted security, the main container, sidecars, init containers, volumes, placement. */
export function servicePodSpec(props: PodSpecProps): k8s.PodSpec {
  const { env, service: svc, spreadSelector, rolloutLabel } = props;
  const shared = props.mainOnly ? [] : svc.sharedVolumes;
  const mounts = (extra: k8s.VolumeMount[] = []): k8s.VolumeMount[] => [
    { name: TMP_VOLUME, mountPath: '/tmp' },
    ...shared.map((v) => ({ name: v.name, mountPath: v.mountPath })),
    ...extra,
  ];
  const claims = props.mainOnly ? [] : svc.volumes.map((v) => ({ name: v.name, mountPath: v.mountPath }));
  const running = props.restartPolicy === undefined;
  const main: k8s.Container = {
    name: svc.name,
    image: svc.image,
    imagePullPolicy: 'IfNotPresent',
    command: props.command ? [...props.command] : svc.command ? [...svc.command] : undefined,
    args: props.command ? undefined : svc.args ? [...svc.args] : undefined,
    ports: props.command ? undefined : containerPorts(svc.ports),
    env: props.envVars.length > 0 ? [...props.envVars] : undefined,
    resources: resources(svc.resources.cpu, svc.resources.memory),
    startupProbe: running ? renderProbe(svc.probes.startup, 'startup') : undefined,
    livenessProbe: running ? renderProbe(svc.probes.liveness, 'liveness') : undefined,
    readinessProbe: running ? renderProbe(svc.probes.readiness, 'readiness') : undefined,
    securityContext: containerSecurityContext(svc.writableRootFilesystem !== undefined),
    volumeMounts: mounts(claims),
  };
  const extra = (c: ResolvedContainer, init = false): k8s.Container => ({
    name: c.name,
    image: c.image,
    imagePullPolicy: 'IfNotPresent',
    command: c.command ? [...c.command] : undefined,
    args: c.args ? [...c.args] : undefined,
    ports: containerPorts(c.ports),
    env: Object.keys(c.env).length > 0 ? Object.entries(c.env).map(([name, value]) => ({ name, value })) : undefined,
    resources: resources(c.resources.cpu, c.resources.memory),
    startupProbe: init ? undefined : renderProbe(c.probes.startup, 'startup'),
    livenessProbe: init ? undefined : renderProbe(c.probes.liveness, 'liveness'),
    readinessProbe: init ? undefined : renderProbe(c.probes.readiness, 'readiness'),
    securityContext: containerSecurityContext(),
    volumeMounts: mounts(),
  });
  const spread = (topologyKey: string, whenUnsatisfiable: string): k8s.TopologySpreadConstraint => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable,
    labelSelector: { matchLabels: spreadSelector },
    matchLabelKeys: rolloutLabel ? [rolloutLabel] : undefined,
  });
  const initContainers = props.mainOnly ? [] : svc.initContainers.map((c) => extra(c, true));
  return {
    serviceAccountName: svc.name,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    restartPolicy: props.restartPolicy,
    securityContext: POD_SECURITY_CONTEXT,
    nodeSelector: svc.nodeGroup ? { ...svc.nodeGroup.nodeSelector } : undefined,
    topologySpreadConstraints: spreadSelector
      ? [
        spread('topology.kubernetes.io/zone', env.profile === 'production' ? 'DoNotSchedule' : 'ScheduleAnyway'),
        spread('kubernetes.io/hostname', 'ScheduleAnyway'),
      ]
      : undefined,
    terminationGracePeriodSeconds: 30,
    initContainers: initContainers.length > 0 ? initContainers : undefined,
    containers: [main, ...(props.mainOnly ? [] : svc.sidecars.map((c) => extra(c)))],
    volumes: [
      { name: TMP_VOLUME, emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } },
      ...shared.map((v) => ({ name: v.name, emptyDir: { sizeLimit: k8s.Quantity.fromString(v.sizeLimit) } })),
    ],
  };
}

/** Annotations of a pod template: the reason of a relaxed security setting, when there is one. */
export function podAnnotations(svc: ResolvedService): Record<string, string> | undefined {
  return svc.writableRootFilesystem ? { [WRITABLE_ROOT_REASON_ANNOTATION]: svc.writableRootFilesystem.reason } : undefined;
}
