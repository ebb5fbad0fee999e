import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';

/**
 * The ConfigMap that turns on the network policy controller of an EKS Auto Mode cluster. Until it exists, Auto Mode
 * accepts NetworkPolicies and enforces none; nodes then enforce them through their NodeClass's `networkPolicy`
 * (`DefaultAllow` or `DefaultDeny`). Paved keeps the built-in NodeClass, taken to be `DefaultAllow` (pods no policy
 * selects stay reachable; Paved's default-deny policies do the denying): verify on a live cluster. Source: "Use Network Policies with EKS Auto Mode",
 * docs.aws.amazon.com/eks/latest/userguide/auto-net-pol.html (read 2026-12-03).
 */
export const AUTO_MODE_NETWORK_POLICY_CONFIGMAP = { name: 'amazon-vpc-cni', namespace: 'kube-system', key: 'enable-network-policy-controller' } as const;

export function renderAutoModeNetworkPolicy(scope: Construct, labels: Readonly<Record<string, string>>): void {
  const cm = AUTO_MODE_NETWORK_POLICY_CONFIGMAP;
  new k8s.KubeConfigMap(scope, 'network-policy-controller', {
    metadata: { name: cm.name, namespace: cm.namespace, labels: { ...labels } },
    data: { [cm.key]: 'true' },
  });
}
