import { show } from './problem';
import { array, boolean, type Check, type Field, integer, object, oneOf, optional, record, required, string, type StringOptions } from './schema';

/** Patterns of the workload fields, each with the words used when a value does not match. */
export const WORKLOAD_PATTERNS = {
  // IANA_SVC_NAME: what Kubernetes accepts as a port name (probes and Services refer to ports by it).
  portName: {
    pattern: /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$/,
    allowed: 'a port name: up to 15 lowercase letters, digits and single hyphens, with at least one letter',
  },
  dnsLabel: {
    pattern: /^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/,
    maxLength: 40,
    allowed: 'a DNS label: lowercase letters, digits and single hyphens, starting with a letter, at most 40 characters',
  },
  mountPath: {
    pattern: /^\/(?!.*(?:^|\/)\.\.?(?:\/|$))[\w./-]*$/,
    allowed: "an absolute path such as /data, without '.' or '..' segments",
  },
  volumeSize: { pattern: /^[1-9]\d*(?:Gi|Ti)$/, allowed: 'a size in Gi or Ti such as 300Gi' },
  sizeLimit: { pattern: /^[1-9]\d*(?:Mi|Gi)$/, allowed: 'a size such as 64Mi or 1Gi' },
  // The tag check is a rule (`sidecar-images-pinned`), so a tag-less or `latest` image gets its own message.
  containerImage: {
    pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})?$/,
    allowed: 'an image reference with a pinned tag or digest, such as ghcr.io/acme/proxy:1.2.3',
  },
  commandPart: { pattern: /^[^\0]*$/, allowed: 'a string' },
  storageClass: { pattern: /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/, allowed: 'a StorageClass name such as paved-gp3-encrypted' },
} as const;

const s = (p: StringOptions) => string(p);

const PROBE_TYPES = ['http', 'tcp', 'exec', 'grpc'] as const;

/** A probe: exactly one of `http` (with an optional `port` name), `tcp`, `exec` or `grpc`. */
const probe = (httpPath: StringOptions): Check => (value, path, out) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    out.error(path, `${show(value)} is not a probe`, "one of { http: '/health' }, { tcp: 'p2p' }, { exec: ['cmd'] }, { grpc: 9090 }");
    return;
  }
  const given = PROBE_TYPES.filter((t) => Object.hasOwn(value, t));
  if (given.length !== 1) {
    out.error(path, given.length === 0 ? 'names no probe type' : `names ${given.join(' and ')}`, 'exactly one of http, tcp, exec, grpc');
    return;
  }
  const fields: Record<string, Field> = {
    http: { check: object({ http: required(s(httpPath)), port: optional(s(WORKLOAD_PATTERNS.portName)) }), required: false },
    tcp: { check: object({ tcp: required(s(WORKLOAD_PATTERNS.portName)) }), required: false },
    exec: { check: object({ exec: required(array(s(WORKLOAD_PATTERNS.commandPart), { min: 1 })) }), required: false },
    grpc: { check: object({ grpc: required(integer({ min: 1, max: 65535 })) }), required: false },
  };
  fields[given[0]].check(value, path, out);
};

/** One named port. */
const port = object({
  name: required(s(WORKLOAD_PATTERNS.portName)),
  port: required(integer({ min: 1024, max: 65535, unit: '(unprivileged ports only)' })),
  protocol: optional(oneOf(['TCP', 'UDP'])),
  http: optional(boolean),
  // checked against `http` and the service's kind by the `service-public-ports` rule
  public: optional(boolean),
});

const commandList = array(s(WORKLOAD_PATTERNS.commandPart), { min: 1 });

export interface WorkloadSchemaPatterns {
  readonly cpu: StringOptions;
  readonly memory: StringOptions;
  readonly cron: StringOptions;
  readonly httpPath: StringOptions;
  readonly envVarName: StringOptions;
  readonly serviceName: StringOptions;
}

/** The schema of a service's workload fields, merged into the service schema (patterns passed in to avoid a cycle). */
export function workloadFields(p: WorkloadSchemaPatterns): Record<string, Field> {
  const probeCheck = probe(p.httpPath);
  const probes = object({ liveness: optional(probeCheck), readiness: optional(probeCheck), startup: optional(probeCheck) });
  const containerFields: Record<string, Field> = {
    name: required(s(WORKLOAD_PATTERNS.dnsLabel)),
    image: required(s(WORKLOAD_PATTERNS.containerImage)),
    command: optional(commandList),
    args: optional(array(s(WORKLOAD_PATTERNS.commandPart))),
    ports: optional(array(port)),
    resources: optional(object({ cpu: optional(s(p.cpu)), memory: optional(s(p.memory)) })),
    env: optional(record({ key: (key, path, out) => void s(p.envVarName)(key, path, out), value: string({ allowed: 'a string value' }) })),
  };
  // Init containers run to completion: no probes.
  const sidecar = object({ ...containerFields, probes: optional(probes) });
  const initContainer = object(containerFields);
  return {
    kind: optional(oneOf(['web', 'worker', 'stateful', 'job', 'cron'])),
    // checked together with `ports` by the `service-ports-exclusive` rule
    port: optional(integer({ min: 1024, max: 65535, unit: '(unprivileged ports only)' })),
    ports: optional(array(port, { min: 1 })),
    probes: optional(probes),
    command: optional(commandList),
    args: optional(array(s(WORKLOAD_PATTERNS.commandPart))),
    sidecars: optional(array(sidecar)),
    initContainers: optional(array(initContainer)),
    volumes: optional(
      array(
        object({
          name: required(s(WORKLOAD_PATTERNS.dnsLabel)),
          mountPath: required(s(WORKLOAD_PATTERNS.mountPath)),
          size: required(s(WORKLOAD_PATTERNS.volumeSize)),
          storageClass: optional(s(WORKLOAD_PATTERNS.storageClass)),
        }),
        { min: 1 },
      ),
    ),
    sharedVolumes: optional(
      array(
        object({
          name: required(s(WORKLOAD_PATTERNS.dnsLabel)),
          mountPath: required(s(WORKLOAD_PATTERNS.mountPath)),
          sizeLimit: optional(s(WORKLOAD_PATTERNS.sizeLimit)),
        }),
        { min: 1 },
      ),
    ),
    // checked against the environments' node groups by the `service-node-group-known` rule
    nodeGroup: optional(s(p.serviceName)),
    schedule: optional(s(p.cron)),
    concurrencyPolicy: optional(oneOf(['Forbid', 'Allow', 'Replace'])),
    activeDeadlineSeconds: optional(integer({ min: 1, max: 604800, unit: 'seconds' })),
    backoffLimit: optional(integer({ min: 0, max: 20, unit: 'retries' })),
    successfulJobsHistoryLimit: optional(integer({ min: 0, max: 100, unit: 'runs' })),
    failedJobsHistoryLimit: optional(integer({ min: 0, max: 100, unit: 'runs' })),
    migrate: optional(
      object({
        command: required(commandList),
        activeDeadlineSeconds: optional(integer({ min: 1, max: 86400, unit: 'seconds' })),
      }),
    ),
    securityContext: optional(
      object({
        writableRootFilesystem: optional(
          object({ reason: required(s({ pattern: /\S.{9,}/, allowed: 'a reason of at least 10 characters' })) }),
        ),
      }),
    ),
  };
}
