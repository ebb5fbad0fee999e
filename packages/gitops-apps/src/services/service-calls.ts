import type { ResolvedCall, ResolvedChart, ResolvedEnvironment, ResolvedService } from '@paved/shared-config';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import { selectorLabels } from '../labels';

/** Label the API server puts on every namespace: selects a namespace by name without labels of Paved's own. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface ServiceCallPoliciesProps {
  readonly env: ResolvedEnvironment;
  /** The service whose namespace receives the policies (its own namespace is named after it). */
  readonly service: ResolvedService;
  /** Metadata of an object of the service's namespace, with the service's labels. */
  readonly metadata: (name: string) => { name: string; namespace: string; labels: Record<string, string> };
}

/**
 * The NetworkPolicies of the `calls` edges that touch one service, on top of its default-deny: for each service it
 * calls, `calls-<callee>` lets its pods open connections to the callee's pods on the called ports (egress); for each
 * service or chart that calls it, `called-by-<caller>` lets the caller's pods in on those ports (ingress). Both ends
 * of an edge are needed, since each namespace denies by default. Renders nothing for a service without edges.
 *
 * A chart callee is selected by namespace only (Paved does not know its pods' labels), and gets no ingress policy:
 * Paved does not default-deny a chart's namespace, whose traffic the chart itself governs.
 */
export function serviceCallPolicies(scope: Construct, props: ServiceCallPoliciesProps): void {
  const { env, service: svc, metadata } = props;
  const own = selectorLabels(svc.name);
  for (const [callee, calls] of groupBy(svc.calls, (c) => c.service)) {
    const target = findTarget(env, callee);
    if (!target) continue; // validation (service-calls-known) rejects callees that do not run here
    new k8s.KubeNetworkPolicy(scope, `Calls-${callee}`, {
      metadata: metadata(`calls-${callee}`),
      spec: {
        podSelector: { matchLabels: own },
        policyTypes: ['Egress'],
        egress: [{ to: [peer(target)], ...portsOf(calls, target) }],
      },
    });
  }
  const callers = [...env.services, ...env.charts].filter((c) => c.name !== svc.name && c.calls.some((call) => call.service === svc.name));
  for (const caller of callers) {
    const calls = caller.calls.filter((call) => call.service === svc.name);
    new k8s.KubeNetworkPolicy(scope, `CalledBy-${caller.name}`, {
      metadata: metadata(`called-by-${caller.name}`),
      spec: {
        podSelector: { matchLabels: own },
        policyTypes: ['Ingress'],
        ingress: [{ from: [peer(isChart(caller) ? { chart: caller } : { service: caller })], ...portsOf(calls, { service: svc }) }],
      },
    });
  }
}

export type Target = { readonly service: ResolvedService } | { readonly chart: ResolvedChart };

function isChart(entry: ResolvedService | ResolvedChart): entry is ResolvedChart {
  return 'repoUrl' in entry;
}

function findTarget(env: ResolvedEnvironment, name: string): Target | undefined {
  const service = env.services.find((s) => s.name === name);
  if (service) return { service };
  const chart = env.charts.find((c) => c.name === name);
  return chart ? { chart } : undefined;
}

/** The pods of a service (namespace and selector labels), or every pod of a chart's namespace. */
function peer(target: Target): k8s.NetworkPolicyPeer {
  if ('chart' in target) return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: target.chart.namespace } } };
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: target.service.name } },
    podSelector: { matchLabels: selectorLabels(target.service.name) },
  };
}

/**
 * The ports of the calls to one callee: those the calls name, else every container port of the callee (a callee
 * without declared ports leaves `ports` out, which allows every port of the selected pods).
 */
export function portsOf(calls: readonly ResolvedCall[], target: Target): { ports?: k8s.NetworkPolicyPort[] } {
  const declared = 'service' in target ? calleePorts(target.service) : [];
  const ports = new Map<string, k8s.NetworkPolicyPort>();
  for (const call of calls) {
    if (call.port === undefined) {
      for (const p of declared) ports.set(`${p.protocol}/${p.port}`, { protocol: p.protocol, port: k8s.IntOrString.fromNumber(p.port) });
    } else if (typeof call.port === 'number') {
      const protocol = declared.find((p) => p.port === call.port)?.protocol ?? 'TCP';
      ports.set(`${protocol}/${call.port}`, { protocol, port: k8s.IntOrString.fromNumber(call.port) });
    } else {
      const protocol = declared.find((p) => p.name === call.port)?.protocol ?? 'TCP';
      ports.set(`${protocol}/${call.port}`, { protocol, port: k8s.IntOrString.fromString(call.port) });
    }
  }
  return ports.size > 0 ? { ports: [...ports.values()] } : {};
}

/** Container ports of a service: its `ports` (workload kinds), else its HTTP `port`. */
function calleePorts(service: ResolvedService): { name: string; port: number; protocol: string }[] {
  const ports = (service as { ports?: readonly { name: string; port: number; protocol: string }[] }).ports;
  if (ports && ports.length > 0) return ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol }));
  return service.port !== undefined ? [{ name: 'http', port: service.port, protocol: 'TCP' }] : [];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
