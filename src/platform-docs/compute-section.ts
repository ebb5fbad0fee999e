import type { ResolvedEnvironment } from '@paved/shared-config';
import { AUTO_MODE_FEE_FRACTION } from '../cost/auto-mode';

/**
 * Auto Mode's built-in node pools and its load balancing controller, as platform-infra and gitops-apps render them
 * (`AUTO_MODE_NODE_POOLS` in eks-cluster.ts, `AUTO_MODE_ALB_CONTROLLER` in auto-mode-ingress.ts; neither package
 * exports them).
 */
const NODE_POOLS = ['general-purpose', 'system'];
const ALB_CONTROLLER = 'eks.amazonaws.com/alb';

/** Whether EKS Auto Mode, not managed node groups, runs the environment's nodes. */
export function usesAutoMode(env: ResolvedEnvironment): boolean {
  return env.cluster.compute === 'auto-mode';
}

/** The one box that stands for the nodes of an Auto Mode cluster in the architecture diagram. */
export function autoModeNodesLabel(): string {
  return `compute: EKS Auto Mode, node pools ${NODE_POOLS.join(' + ')} (EKS launches, scales and patches the nodes)`;
}

/**
 * The page's Compute section: which mode runs the nodes and what that means. Only for Auto Mode environments: the
 * managed node groups of the default mode are in the diagram, and their pages stay as they were.
 */
export function computeSection(env: ResolvedEnvironment): string[] {
  if (!usesAutoMode(env)) return [];
  const capacity = env.cluster.autoModeCapacity;
  const fee = `~${Math.round(AUTO_MODE_FEE_FRACTION * 100)}%`;
  return [
    '## Compute',
    '',
    "**EKS Auto Mode** (`cluster.compute: 'auto-mode'`): no managed node groups. EKS launches, scales, patches and replaces",
    'the nodes from its built-in node pools and runs their networking, DNS, storage and load balancing itself.',
    '',
    '| | |',
    '| --- | --- |',
    `| nodes | Auto Mode node pools ${NODE_POOLS.map((p) => `\`${p}\``).join(', ')}, on demand; instance types and count follow the pods' requests |`,
    '| run by EKS | VPC CNI, CoreDNS, kube-proxy, EBS volumes (provisioner `ebs.csi.eks.amazonaws.com`), Pod Identity agent |',
    `| load balancing | IngressClass \`alb\` with controller \`${ALB_CONTROLLER}\` (no AWS Load Balancer Controller chart) |`,
    '| network policy | Auto Mode\'s controller, switched on by the ConfigMap `kube-system/amazon-vpc-cni` (`enable-network-policy-controller`) |',
    ...(capacity
      ? [`| cost estimate | ${capacity.desiredSize} x ${capacity.instanceTypes[0]} on demand (assumed from the profile) plus the Auto Mode management fee (${fee} of the EC2 price) |`]
      : []),
    '',
    'What changes against managed node groups, the fee, and how to switch an environment: `docs/auto-mode.md` in the Paved repository.',
    '',
  ];
}
