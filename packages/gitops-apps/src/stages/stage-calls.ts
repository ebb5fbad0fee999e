import { stageNamespace, type ResolvedCall, type ResolvedService, type ResolvedStage } from '@paved/shared-config';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import { selectorLabels } from '../labels';
import { portsOf } from '../services/service-calls';

/** Label the API server puts on every namespace. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** One end of a call between services on a cluster with stages: the service and the stage that runs it. */
export interface StageEndpoint {
  readonly stage: ResolvedStage;
  readonly service: ResolvedService;
}

/**
 * Where a call of a stage's service goes: the callee in the same stage, else the callee in a shared stage of the same
 * host (validation, `service-calls-known`, accepts nothing else). Undefined when neither runs it.
 */
export function resolveStageCallee(stages: readonly ResolvedStage[], from: ResolvedStage, callee: string): StageEndpoint | undefined {
  const own = from.services.find((s) => s.name === callee);
  if (own) return { stage: from, service: own };
  for (const stage of stages) {
    if (stage === from || !stage.shared) continue;
    const service = stage.services.find((s) => s.name === callee);
    if (service) return { stage, service };
  }
  return undefined;
}

/** Every call edge between stage services of one host, each with its calls (ports). */
export function stageCallEdges(stages: readonly ResolvedStage[]): StageCallEdge[] {
  const edges: StageCallEdge[] = [];
  for (const stage of stages) {
    for (const service of stage.services) {
      const byCallee = new Map<string, ResolvedCall[]>();
      for (const call of service.calls) byCallee.set(call.service, [...(byCallee.get(call.service) ?? []), call]);
      for (const [callee, calls] of byCallee) {
        const to = resolveStageCallee(stages, stage, callee);
        if (to) edges.push({ from: { stage, service }, to, calls });
      }
    }
  }
  return edges;
}

function peer(end: StageEndpoint): k8s.NetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: stageNamespace(end.stage.name, end.service.name) } },
    podSelector: { matchLabels: selectorLabels(end.service.name) },
  };
}

/** Policy name of the peer: the service's name inside its own stage, `<stage>-<service>` across stages. */
function peerName(self: StageEndpoint, other: StageEndpoint): string {
  return other.stage === self.stage ? other.service.name : stageNamespace(other.stage.name, other.service.name);
}

/** A call edge between two stage services, with its calls (ports). */
export interface StageCallEdge {
  readonly from: StageEndpoint;
  readonly to: StageEndpoint;
  readonly calls: ResolvedCall[];
}

export interface StageCallPoliciesProps {
  /** The edges that touch `self` (computed once per host with `stageCallEdges`, then grouped by endpoint). */
  readonly edges: readonly StageCallEdge[];
  /** The service whose namespace receives the policies. */
  readonly self: StageEndpoint;
  readonly metadata: (name: string) => { name: string; namespace: string; labels: Record<string, string> };
}

/**
 * The `calls` NetworkPolicies of one stage service, on top of its default-deny: egress to each callee (same stage, or
 * a shared stage of the host) and ingress from each caller. Like services/service-calls.ts, with the namespaces of a
 * stage: both ends of an edge are needed, and a namespace of another stage is never admitted otherwise.
 */
export function stageCallPolicies(scope: Construct, props: StageCallPoliciesProps): void {
  const { edges, self, metadata } = props;
  const own = selectorLabels(self.service.name);
  for (const edge of edges) {
    if (edge.from.stage === self.stage && edge.from.service === self.service) {
      const name = peerName(self, edge.to);
      new k8s.KubeNetworkPolicy(scope, `Calls-${name}`, {
        metadata: metadata(`calls-${name}`),
        spec: { podSelector: { matchLabels: own }, policyTypes: ['Egress'], egress: [{ to: [peer(edge.to)], ...portsOf(edge.calls, { service: edge.to.service }) }] },
      });
    }
    if (edge.to.stage === self.stage && edge.to.service === self.service) {
      const name = peerName(self, edge.from);
      new k8s.KubeNetworkPolicy(scope, `CalledBy-${name}`, {
        metadata: metadata(`called-by-${name}`),
        spec: { podSelector: { matchLabels: own }, policyTypes: ['Ingress'], ingress: [{ from: [peer(edge.from)], ...portsOf(edge.calls, { service: self.service }) }] },
      });
    }
  }
}
