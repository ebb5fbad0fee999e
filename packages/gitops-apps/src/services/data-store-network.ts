import type { ResolvedEnvironment, ServiceDependency } from '@paved/shared-config';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';

/** Ports of the managed data stores (RDS PostgreSQL and ElastiCache Redis defaults, which Paved keeps; MSK's SASL/IAM listener). */
export const DATA_STORE_PORTS: Readonly<Record<ServiceDependency, number>> = { postgres: 5432, redis: 6379, kafka: 9098 };

/**
 * Egress from a service to a managed data store: the data subnets when Paved carves them, else the private ranges
 * (a brought VPC's CIDRs are not in the config), on the store's port only.
 */
export function dataStoreEgress(env: ResolvedEnvironment, store: ServiceDependency): k8s.NetworkPolicyEgressRule {
  const cidrs =
    env.network.mode === 'create' ? [...env.network.subnets.data] : ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
  return {
    to: cidrs.map((cidr) => ({ ipBlock: { cidr } })),
    ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(DATA_STORE_PORTS[store]) }],
  };
}

/** Link-local address and port of the EKS Pod Identity agent, which serves a pod's role credentials. */
export const POD_IDENTITY_AGENT = { cidr: '169.254.170.23/32', port: 80 } as const;

/** Egress to the node's EKS Pod Identity agent, for pods that get AWS credentials through Pod Identity. */
export function podIdentityAgentEgress(): k8s.NetworkPolicyEgressRule {
  return {
    to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT.cidr } }],
    ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(POD_IDENTITY_AGENT.port) }],
  };
}

/** Name resolution: CoreDNS in kube-system, UDP and TCP 53 (every default-deny namespace needs it). */
export function dnsEgress(): k8s.NetworkPolicyEgressRule {
  return {
    to: [{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
      podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    }],
    ports: [
      { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
      { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
    ],
  };
}
