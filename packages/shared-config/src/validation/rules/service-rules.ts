import { environmentDomain, serviceHost } from '../../resolve/resolve-platform';
import { SSO_PLATFORM_HOST_LABELS } from '../../resolve/sso-platform-tools';
import { at } from '../problem';
import { entriesOf, environmentsOf, isObject, reportDuplicates, servicesOf, type ValidationRule } from './rule';
import { podPorts } from './workload-rules';

export const serviceNamesUnique: ValidationRule = {
  id: 'service-names-unique',
  description: 'Service names are unique: they name namespaces, registries and Applications.',
  check(config, out) {
    reportDuplicates(
      servicesOf(config),
      ({ service }) => (typeof service.name === 'string' ? service.name : undefined),
      ({ service, path }, first) => out.error(at(path, 'name'), `'${service.name}' is already used by services[${first}]`, 'unique service names'),
    );
  },
};

/**
 * A port number only has to be unique where two listeners would collide: inside one pod (the main container, its
 * sidecars and init containers share the network namespace), per protocol. Services live in namespaces of their own,
 * so two services (say the same image run twice) may listen on the same port.
 */
export const servicePortsUnique: ValidationRule = {
  id: 'service-ports-unique',
  description: 'Port numbers are unique per protocol within a pod (its containers share one network namespace); services may share port numbers.',
  check(config, out) {
    for (const { service, path } of servicesOf(config)) {
      const ports = podPorts(service, path);
      reportDuplicates(
        ports,
        ({ port }) => (typeof port.port === 'number' ? `${port.port}/${port.protocol ?? 'TCP'}` : undefined),
        ({ port, path: p }, first) => out.error(
          p.endsWith('.port') ? p : at(p, 'port'),
          `${port.port}/${port.protocol ?? 'TCP'} is already a port of the same pod (${ports[first].path})`,
          'a distinct port number per protocol within one pod',
        ),
      );
    }
  },
};

export const ingressHostInDomain: ValidationRule = {
  id: 'ingress-host-in-domain',
  description: "Ingress hosts live under the root domain, where the platform's DNS and certificates reach.",
  check(config, out) {
    if (typeof config.domain !== 'string') return;
    const inDomain = (host: string) => !host.includes('.') || host === config.domain || host.endsWith(`.${config.domain}`);
    for (const { service, path } of servicesOf(config)) {
      const host = service.ingress?.host;
      if (typeof host === 'string' && !inDomain(host)) {
        out.error(at(at(path, 'ingress'), 'host'), `'${host}' is outside the domain '${config.domain}'`, `a label such as 'api', or a name ending in .${config.domain}`);
      }
      for (const [envName, override] of entriesOf(service.environments)) {
        const h = override?.ingressHost;
        if (typeof h === 'string' && !inDomain(h)) {
          out.error(at(at(at(path, 'environments'), envName), 'ingressHost'), `'${h}' is outside the domain '${config.domain}'`, `a label, or a name ending in .${config.domain}`);
        }
      }
    }
  },
};

export const ingressHostsUnique: ValidationRule = {
  id: 'ingress-hosts-unique',
  description: 'No two services claim the same host and path in an environment.',
  check(config, out) {
    if (typeof config.domain !== 'string') return;
    // One problem per clashing pair of services, listing every environment where they clash.
    const clashes = new Map<string, { path: string; first: number; where: string[] }>();
    for (const { env } of environmentsOf(config)) {
      if (typeof env.name !== 'string') continue;
      const routes = servicesOf(config)
        .map((s, index) => ({ ...s, index }))
        .filter(({ service }) => typeof service.ingress?.host === 'string' && service.environments?.[env.name]?.enabled !== false);
      reportDuplicates(
        routes,
        ({ service }) => `${serviceHost(config, env, service)}${service.ingress?.path ?? '/'}`,
        ({ service, path, index }, first) => {
          const key = `${index}/${first}`;
          const clash = clashes.get(key) ?? { path, first: routes[first].index, where: [] };
          clash.where.push(`${serviceHost(config, env, service)}${service.ingress?.path ?? '/'} in '${env.name}'`);
          clashes.set(key, clash);
        },
      );
    }
    for (const { path, first, where } of clashes.values()) {
      out.error(at(path, 'ingress'), `${where.join(', ')} ${where.length > 1 ? 'are' : 'is'} already served by services[${first}]`, 'a distinct host or path per service');
    }
  },
};

/** With `sso`, Grafana and Argo CD are served at `grafana.<env domain>` and `argocd.<env domain>`: no service may take them. */
export const ssoPlatformHostsReserved: ValidationRule = {
  id: 'sso-platform-hosts-reserved',
  description: "With sso set, no service's ingress host is Grafana's or Argo CD's (grafana.<env domain>, argocd.<env domain>).",
  check(config, out) {
    if (!isObject(config.sso) || typeof config.domain !== 'string') return;
    for (const { service, path } of servicesOf(config)) {
      if (typeof service.ingress?.host !== 'string') continue;
      const taken = new Set<string>();
      for (const { env } of environmentsOf(config)) {
        if (typeof env.name !== 'string' || service.environments?.[env.name]?.enabled === false) continue;
        const host = serviceHost(config, env, service);
        const label = SSO_PLATFORM_HOST_LABELS.find((l) => host === `${l}.${environmentDomain(config, env)}`);
        if (label) taken.add(`'${host}' in '${env.name}'`);
      }
      if (taken.size > 0) {
        out.error(at(at(path, 'ingress'), 'host'), `${[...taken].join(', ')} is reserved for the platform's Grafana or Argo CD while sso is set`, `a host other than ${SSO_PLATFORM_HOST_LABELS.join(' or ')}`);
      }
    }
  },
};

export const scalingBounds: ValidationRule = {
  id: 'scaling-bounds',
  description: 'Autoscaling has minReplicas <= maxReplicas, and a service sets either replicas or autoscaling.',
  check(config, out) {
    for (const { service, path } of servicesOf(config)) {
      const targets: [string, typeof service][] = [[path, service]];
      for (const [name, override] of entriesOf(service.environments)) {
        if (isObject(override)) targets.push([at(at(path, 'environments'), name), override as typeof service]);
      }
      for (const [p, s] of targets) {
        const hpa = s.autoscaling;
        if (typeof hpa?.minReplicas === 'number' && typeof hpa.maxReplicas === 'number' && hpa.minReplicas > hpa.maxReplicas) {
          out.error(at(at(p, 'autoscaling'), 'minReplicas'), `${hpa.minReplicas} is greater than maxReplicas ${hpa.maxReplicas}`, 'minReplicas <= maxReplicas');
        }
        if (s.replicas !== undefined && s.autoscaling !== undefined) {
          out.error(at(p, 'replicas'), 'is set together with autoscaling', 'either fixed replicas or autoscaling bounds');
        }
      }
    }
  },
};

export const productionReplicas: ValidationRule = {
  id: 'production-replicas',
  description: 'Services in production run at least two replicas, so a node drain or a crash is not an outage (warning).',
  check(config, out) {
    for (const { env } of environmentsOf(config)) {
      if (env.profile !== 'production' || typeof env.name !== 'string') continue;
      for (const { service, path } of servicesOf(config)) {
        const override = service.environments?.[env.name];
        if (override?.enabled === false) continue;
        const hpa = override?.autoscaling ?? (override?.replicas === undefined ? service.autoscaling : undefined);
        const replicas = override?.replicas ?? (hpa ? undefined : service.replicas);
        const min = hpa?.minReplicas ?? replicas;
        if (typeof min === 'number' && min < 2) {
          const p = override?.autoscaling || override?.replicas !== undefined ? at(at(path, 'environments'), env.name) : path;
          out.warning(at(p, hpa ? 'autoscaling' : 'replicas'), `runs ${min} replica in production '${env.name}'`, 'at least 2 replicas in production');
        }
      }
    }
  },
};

export const serviceEnvironmentNames: ValidationRule = {
  id: 'service-environment-names',
  description: 'Per-environment service overrides name environments that exist.',
  check(config, out) {
    const names = environmentsOf(config).map(({ env }) => env.name);
    for (const { service, path } of servicesOf(config)) {
      for (const key of entriesOf(service.environments).map(([k]) => k)) {
        if (!names.includes(key)) {
          out.error(at(at(path, 'environments'), key), `'${key}' is not an environment`, `one of ${names.join(', ')}`);
        }
      }
    }
  },
};

// no-secret-literals lives in secret-rules.ts (detection by name and by value shape).
