import type { TfResource } from '../../../model/terraform';
import { blocks } from '../../../model/values';
import { ALWAYS, type RuleContext } from '../../../rule';
import { terraformRule } from '../../define';

/**
 * EKS Auto Mode's switch for its network policy controller: this ConfigMap in kube-system (gitops-apps renders it for
 * Auto Mode environments). Nodes then enforce policies through their NodeClass's `networkPolicy` (the built-in
 * NodeClass's, as Paved writes none). docs.aws.amazon.com/eks/latest/userguide/auto-net-pol.html (read 2026-12-03).
 */
const AUTO_MODE_SWITCH = { name: 'amazon-vpc-cni', namespace: 'kube-system', key: 'enable-network-policy-controller' } as const;

/** Whether the cluster runs in EKS Auto Mode (`compute_config.enabled`). */
function isAutoMode(cluster: TfResource): boolean {
  return blocks(cluster.attrs, 'compute_config')[0]?.enabled === true;
}

/** `configuration_values` of an `aws_eks_addon`, parsed; undefined when unset or not a JSON object literal. */
function configurationValues(addon: TfResource): Record<string, unknown> | undefined {
  const raw = addon.attrs.configuration_values;
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** How many NetworkPolicies the subject's environment renders (0 for platform-wide stacks). */
function renderedPolicies(context: RuleContext): number {
  return context.environment ? context.manifests.ofKind(context.environment, 'NetworkPolicy').length : 0;
}

/** NetworkPolicies only mean something where a policy engine enforces them. */
export const NETWORK_POLICY_ENGINE_RULES = [
  terraformRule({
    id: 'PAVED-AWS-CNI-001',
    title: 'The VPC CNI (or, in EKS Auto Mode, its network policy controller) enforces the NetworkPolicies the environment renders',
    severity: ALWAYS,
    mirrors: [],
    resourceTypes: ['aws_eks_cluster', 'aws_eks_addon'],
    rationale:
      'Without an enforcing engine the API server accepts every NetworkPolicy and nothing applies it: the default-deny '
      + 'policies of every service namespace are decoration, and any pod can reach any other pod and the databases.',
    fix: 'keep the vpc-cni add-on with configuration_values {"enableNetworkPolicy": "true"} (Paved sets it in the cluster stack); '
      + `in Auto Mode keep the ${AUTO_MODE_SWITCH.namespace}/${AUTO_MODE_SWITCH.name} ConfigMap with ${AUTO_MODE_SWITCH.key}: "true" (Paved renders it)`,
    check(r, c) {
      const policies = renderedPolicies(c);
      if (policies === 0) return undefined;
      if (r.type === 'aws_eks_cluster' && isAutoMode(r)) {
        // Auto Mode runs the CNI itself (no add-on): the switch is a ConfigMap of the environment's manifests.
        const cm = c.manifests.find(c.environment!, 'ConfigMap', AUTO_MODE_SWITCH.name, AUTO_MODE_SWITCH.namespace);
        const value = (cm?.object.data as Record<string, unknown> | undefined)?.[AUTO_MODE_SWITCH.key];
        return value === 'true'
          ? undefined
          : `the cluster runs in Auto Mode and ${cm ? `${AUTO_MODE_SWITCH.key} is ${JSON.stringify(value ?? null)}` : `no ${AUTO_MODE_SWITCH.namespace}/${AUTO_MODE_SWITCH.name} ConfigMap is rendered`}, so the ${policies} NetworkPolicies of ${c.environment} are not enforced`;
      }
      if (r.type === 'aws_eks_cluster') {
        const cni = c.terraform.ofType('aws_eks_addon', r.stack).some((a) => a.attrs.addon_name === 'vpc-cni');
        return cni ? undefined : `no vpc-cni add-on in ${r.stack}, so the ${policies} NetworkPolicies of ${c.environment} are not enforced`;
      }
      if (r.attrs.addon_name !== 'vpc-cni') return undefined;
      const enabled = configurationValues(r)?.enableNetworkPolicy;
      return enabled === 'true'
        ? undefined
        : `configuration_values does not set enableNetworkPolicy to "true" (${enabled === undefined ? 'unset' : JSON.stringify(enabled)}), so the ${policies} NetworkPolicies of ${c.environment} are not enforced`;
    },
  }),
];
