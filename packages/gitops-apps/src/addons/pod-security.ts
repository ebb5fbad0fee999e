import type { AddonName } from '@paved/shared-config';

/** Pod Security Standards level (https://kubernetes.io/docs/concepts/security/pod-security-standards/). */
export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

export interface NamespacePodSecurity {
  /** Level the admission controller enforces in the add-on's namespace. */
  readonly enforce: PodSecurityLevel;
  /** Why the level is below `restricted` (shown as an annotation on the namespace); absent for restricted. */
  readonly reason?: string;
}

/**
 * The Pod Security level of each add-on's namespace, written on the namespace ArgoCD creates for the Application
 * (`syncPolicy.managedNamespaceMetadata`). `restricted` where the chart's pods are known to comply at the pinned version
 * (their default security contexts set runAsNonRoot, drop ALL, seccomp RuntimeDefault); `baseline` where the chart
 * does not set every restricted field (charts cannot be rendered here to prove more), which still forbids host
 * namespaces, host paths, privileged containers and added capabilities; `privileged` only for host agents, with the
 * reason. Every namespace also warns and audits against `restricted`, so the gap stays visible. kube-system is never
 * relabelled: the EKS add-ons (VPC CNI, kube-proxy) run privileged there by design.
 */
export const ADDON_POD_SECURITY: Readonly<Record<AddonName, NamespacePodSecurity | undefined>> = {
  'aws-load-balancer-controller': undefined, // kube-system
  'metrics-server': undefined, // kube-system
  'cert-manager': { enforce: 'restricted' },
  'external-secrets': { enforce: 'restricted' },
  // Chart 1.21.1 defaults: runAsNonRoot, seccomp RuntimeDefault, no privilege escalation, drop ALL (values.yaml).
  'external-dns': { enforce: 'restricted' },
  'kube-prometheus-stack': { enforce: 'privileged', reason: 'prometheus-node-exporter needs hostNetwork, hostPID and hostPath to read node metrics' },
  'loki': { enforce: 'baseline', reason: 'the chart does not set a seccomp profile on every component (gateway, canary)' },
  'alloy': { enforce: 'baseline', reason: 'the alloy chart sets no seccomp profile by default (logs are tailed through the Kubernetes API: no hostPath)' },
  'velero': { enforce: 'baseline', reason: 'the chart sets no seccomp profile by default' },
  'keycloak': { enforce: 'baseline', reason: 'the keycloakx chart sets no seccomp profile by default' },
  'kong': { enforce: 'baseline', reason: 'the chart sets no seccomp profile by default' },
  'oauth2-proxy': { enforce: 'baseline', reason: 'the chart sets no seccomp profile by default' },
};

/** Annotation on an add-on namespace that says why it enforces less than `restricted`. */
/** Labels of a namespace Paved creates itself (services, the db-provisioner): Pod Security `restricted`, enforced. */
export const RESTRICTED_NAMESPACE_LABELS: Readonly<Record<string, string>> = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/audit': 'restricted',
};

export const POD_SECURITY_REASON_ANNOTATION = 'paved.dev/pod-security-reason';

/** Labels and annotations of an add-on's namespace; undefined for namespaces Paved must not relabel (kube-system). */
export function namespaceMetadata(addon: AddonName): { labels: Record<string, string>; annotations: Record<string, string> } | undefined {
  const level = ADDON_POD_SECURITY[addon];
  if (!level) return undefined;
  return {
    labels: {
      'pod-security.kubernetes.io/enforce': level.enforce,
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    },
    annotations: level.reason ? { [POD_SECURITY_REASON_ANNOTATION]: level.reason } : {},
  };
}
