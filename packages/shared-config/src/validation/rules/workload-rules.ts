import type { ServiceConfig } from '../../config/service-config';
import type { ProbesConfig, ServicePortConfig, WorkloadKind } from '../../config/workload-config';
import { nodeGroupNamesOf } from '../../resolve/resolve-workload';
import { at, type ProblemCollector } from '../problem';
import { environmentsOf, isObject, reportDuplicates, servicesOf, type ValidationRule } from './rule';
import { clusterEnvironmentOf } from './stage-rules';

const kindOf = (service: ServiceConfig): WorkloadKind => service.kind ?? 'web';
const list = <T>(value: readonly T[] | undefined): readonly T[] => (Array.isArray(value) ? value : []);

export const servicePortsExclusive: ValidationRule = {
  id: 'service-ports-exclusive',
  description: 'A service sets `port` or `ports`, not both; web and stateful services have one, and a web service has an HTTP port.',
  check(config, out) {
    for (const { service, path } of servicesOf(config)) {
      const kind = kindOf(service);
      if (service.port !== undefined && service.ports !== undefined) {
        out.error(at(path, 'ports'), 'is set together with port', 'either port (one HTTP port) or ports (named ports), not both');
      } else if (service.port === undefined && service.ports === undefined && service.chart === undefined && (kind === 'web' || kind === 'stateful')) {
        out.error(at(path, 'port'), `is missing for a '${kind}' service`, 'port (the HTTP port) or ports (named ports)');
      } else if (kind === 'web' && service.ports !== undefined && !list(service.ports).some((p) => isObject(p) && p.http === true)) {
        out.error(at(path, 'ports'), "has no HTTP port for a 'web' service", 'mark the port the ingress and probes use with http: true');
      }
    }
  },
};

export const workloadKindFields: ValidationRule = {
  id: 'workload-kind-fields',
  description:
    'Fields belong to the kinds that use them: volumes to stateful, schedule to cron (where it is required), run settings to job and cron, ingress to web, probes and scaling not to job or cron.',
  check(config, out) {
    for (const { service, path } of servicesOf(config)) {
      const kind = kindOf(service);
      const refuse = (field: keyof ServiceConfig, allowed: string) => {
        if (service[field] !== undefined) out.error(at(path, field), `is set on a '${kind}' service`, allowed);
      };
      if (kind !== 'stateful') refuse('volumes', "volumes only with kind: 'stateful' (sharedVolumes for scratch space)");
      if (kind === 'cron' && service.schedule === undefined) {
        out.error(at(path, 'schedule'), "is missing for a 'cron' service", "a 5-field cron expression such as '0 3 * * *'");
      }
      if (kind !== 'cron') {
        refuse('schedule', "schedule only with kind: 'cron'");
        refuse('concurrencyPolicy', "concurrencyPolicy only with kind: 'cron'");
        refuse('successfulJobsHistoryLimit', "successfulJobsHistoryLimit only with kind: 'cron'");
        refuse('failedJobsHistoryLimit', "failedJobsHistoryLimit only with kind: 'cron'");
      }
      if (kind !== 'job' && kind !== 'cron') {
        refuse('activeDeadlineSeconds', "activeDeadlineSeconds only with kind: 'job' or 'cron'");
        refuse('backoffLimit', "backoffLimit only with kind: 'job' or 'cron'");
      }
      if (kind !== 'web') refuse('ingress', "ingress only with kind: 'web'");
      if (kind === 'job' || kind === 'cron') {
        refuse('probes', "probes only with kind: 'web', 'worker' or 'stateful'");
        refuse('replicas', "replicas only with kind: 'web', 'worker' or 'stateful' (a run is one pod)");
        refuse('autoscaling', "autoscaling only with kind: 'web', 'worker' or 'stateful'");
      }
    }
  },
};

/** Every port of the pod with its field path: the main container's, then each sidecar's and init container's. */
export function podPorts(service: ServiceConfig, path: string): { port: ServicePortConfig; path: string }[] {
  const ports = list(service.ports).map((port, i) => ({ port, path: at(at(path, 'ports'), i) }));
  // `port` is one port named `http`.
  if (service.ports === undefined && typeof service.port === 'number') ports.push({ port: { name: 'http', port: service.port }, path: at(path, 'port') });
  for (const field of ['sidecars', 'initContainers'] as const) {
    list(service[field]).forEach((c, i) => {
      if (!isObject(c)) return;
      list(c.ports).forEach((port, j) => ports.push({ port, path: at(at(at(at(path, field), i), 'ports'), j) }));
    });
  }
  return ports.filter(({ port }) => isObject(port));
}

export const servicePortNamesUnique: ValidationRule = {
  id: 'service-port-names-unique',
  description: 'Port names are unique within a pod, and the probes name ports that exist.',
  check(config, out) {
    for (const { service, path } of servicesOf(config)) {
      const ports = podPorts(service, path);
      reportDuplicates(
        ports,
        ({ port }) => (typeof port.name === 'string' ? port.name : undefined),
        ({ port, path: p }, first) => out.error(at(p, 'name'), `'${port.name}' is already the name of ${ports[first].path}`, 'a distinct name per port of the pod'),
      );
      const names = service.ports ? list(service.ports).filter(isObject).map((p) => p.name) : service.port !== undefined ? ['http'] : [];
      const httpPort = service.ports ? list(service.ports).find((p) => isObject(p) && p.http === true)?.name : service.port !== undefined ? 'http' : undefined;
      probePortsKnown(service.probes, names, httpPort, at(path, 'probes'), 'the service', out);
      list(service.sidecars).forEach((c, i) => {
        if (!isObject(c)) return;
        const own = list(c.ports).filter(isObject);
        probePortsKnown(c.probes, own.map((p) => p.name), own.find((p) => p.http === true)?.name, at(at(at(path, 'sidecars'), i), 'probes'), `sidecar '${c.name}'`, out);
      });
    }
  },
};

export const servicePublicPorts: ValidationRule = {
  id: 'service-public-ports',
  description: 'A public port is a TCP or UDP port of a long-running container (web, worker or stateful; not an init container), never an HTTP port.',
  check(config, out) {
    for (const { service, path } of servicesOf(config)) {
      const kind = kindOf(service);
      for (const { port, path: p } of podPorts(service, path)) {
        if (port.public !== true) continue;
        if (port.http === true) {
          out.error(at(p, 'public'), 'is set on an HTTP port', 'HTTP reaches the internet through ingress; public only on a TCP or UDP port without http: true');
        } else if (kind === 'job' || kind === 'cron') {
          out.error(at(p, 'public'), `is set on a '${kind}' service`, "public ports only with kind: 'web', 'worker' or 'stateful'");
        } else if (p.includes('.initContainers[')) {
          out.error(at(p, 'public'), 'is set on an init container', 'public ports only on the main container or a sidecar');
        }
      }
    }
  },
};

/** Reports each TCP or HTTP probe that names a port its container does not have. */
function probePortsKnown(
  probes: ProbesConfig | undefined,
  names: readonly string[],
  httpPort: string | undefined,
  path: string,
  owner: string,
  out: ProblemCollector,
): void {
  if (!isObject(probes)) return;
  for (const which of ['liveness', 'readiness', 'startup'] as const) {
    const probe = probes?.[which];
    if (!probe || !isObject(probe)) continue;
    // The port an HTTP probe without `port` uses is the first HTTP port (`http` when there is none).
    const [named, field] = 'tcp' in probe ? [probe.tcp, 'tcp'] : 'http' in probe ? [probe.port ?? httpPort ?? 'http', probe.port ? 'port' : 'http'] : [undefined, ''];
    if (named !== undefined && !names.includes(named)) {
      out.error(at(at(path, which), field), `'${named}' is not a port of ${owner}`, names.length > 0 ? `one of ${names.join(', ')}` : 'add the port to ports');
    }
  }
}

export const serviceNodeGroupKnown: ValidationRule = {
  id: 'service-node-group-known',
  description: "A service's nodeGroup names a node group of every environment the service runs in.",
  check(config, out) {
    for (const { service, path } of servicesOf(config)) {
      const group = service.nodeGroup;
      if (typeof group !== 'string') continue;
      // A stage schedules on its host's node groups (its own profile's default group does not exist).
      const missing = environmentsOf(config)
        .filter(({ env }) => typeof env.name === 'string' && service.environments?.[env.name]?.enabled !== false)
        .flatMap(({ env, path: envPath }) => {
          const cluster = clusterEnvironmentOf(config, env, envPath)?.env;
          return cluster && !nodeGroupNamesOf(cluster).includes(group) ? [{ env, cluster }] : [];
        });
      if (missing.length === 0) continue;
      const where = missing.map(({ env, cluster }) => {
        const groups = nodeGroupNamesOf(cluster);
        const on = cluster === env ? '' : ` on the cluster of '${cluster.name}'`;
        return `'${env.name}'${on} (${groups.length > 0 ? groups.join(', ') : 'Auto Mode: no node groups'})`;
      });
      out.error(at(path, 'nodeGroup'), `'${group}' is not a node group of ${where.join(', ')}`, 'the name of a node group in cluster.nodeGroups of each environment the service runs in');
    }
  },
};

export const sidecarImagesPinned: ValidationRule = {
  id: 'sidecar-images-pinned',
  description: "Sidecar and init container images carry a pinned tag or digest, never 'latest'; container names are unique in the pod.",
  check(config, out) {
    for (const { service, path } of servicesOf(config)) {
      const names: { name: unknown; path: string }[] = [{ name: service.name, path: at(path, 'name') }];
      for (const field of ['sidecars', 'initContainers'] as const) {
        list(service[field]).forEach((c, i) => {
          if (!isObject(c)) return;
          const p = at(at(path, field), i);
          names.push({ name: c.name, path: at(p, 'name') });
          if (typeof c.image !== 'string') return;
          const reference = c.image.includes('@') ? c.image : c.image.slice(c.image.lastIndexOf('/') + 1);
          const tag = reference.includes('@') ? 'digest' : reference.includes(':') ? reference.slice(reference.indexOf(':') + 1) : undefined;
          if (tag === undefined) out.error(at(p, 'image'), `'${c.image}' has no tag`, 'a pinned tag such as :1.2.3 or a digest @sha256:<64 hex>');
          else if (tag === 'latest') out.error(at(p, 'image'), `'${c.image}' is tagged latest`, 'a pinned tag such as :1.2.3 or a digest @sha256:<64 hex>');
        });
      }
      reportDuplicates(
        names,
        ({ name }) => (typeof name === 'string' ? name : undefined),
        ({ name, path: p }, first) => out.error(p, `'${String(name)}' is already the name of the container at ${names[first].path}`, 'a distinct name per container (the main container is named after the service)'),
      );
    }
  },
};
