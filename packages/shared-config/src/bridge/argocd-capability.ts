import { ARGOCD_NAMESPACE } from '../addons/catalog';
import type { ResolvedEnvironment, ResolvedPlatform } from '../resolve/resolved-platform';

/*
 * Facts about the EKS Capability for Argo CD (AWS-managed Argo CD, GA November 30, 2025), each with where it was read:
 * - Terraform: `aws_eks_capability` since hashicorp/aws 6.25.0 (CHANGELOG, "6.25.0 (December 4, 2025)", GH-45326).
 *   @cdktf/provider-aws 21.22.1 binds 6.25.0 and ships `lib/eks-capability`.
 * - Capability role: trusted by the service principal `capabilities.eks.amazonaws.com` for `sts:AssumeRole` and
 *   `sts:TagSession`; same account as the cluster (EKS User Guide, "Amazon EKS capability IAM role", read 2026-12-03).
 * - EKS creates the capability role's access entry on the local cluster itself but grants no Kubernetes permission:
 *   an access policy must be associated (EKS User Guide, "Register target clusters", awsdocs/amazon-eks-user-guide
 *   latest/ug/capabilities/argocd-register-clusters.adoc, read 2026-12-03).
 * - Destinations are EKS cluster ARNs: `server: <cluster ARN>` in cluster Secrets and Applications; the local cluster
 *   is not registered automatically and `kubernetes.default.svc` is not supported (same page).
 * - Applications, ApplicationSets and AppProjects live in the one namespace given at creation; every AppProject must
 *   list it in `spec.sourceNamespaces`. Not available: Config Management Plugins, custom Lua health checks, the
 *   Notifications controller, SSO other than IAM Identity Center, UI extensions, direct access to argocd-cm and
 *   argocd-cmd-params-cm (EKS User Guide, "Comparing EKS Capability for Argo CD to self-managed Argo CD",
 *   latest/ug/capabilities/argocd-comparison.adoc, read 2026-12-03).
 */

/** The service principal that assumes a capability role. */
export const EKS_CAPABILITIES_PRINCIPAL = 'capabilities.eks.amazonaws.com';
/** The `type` of an Argo CD capability (`aws_eks_capability.type`). */
export const ARGOCD_CAPABILITY_TYPE = 'ARGOCD';
/** Name of the capability resource on each cluster. */
export const ARGOCD_CAPABILITY_NAME = 'argocd';
/** The one namespace the capability watches: the same as the Helm install's, so rendered paths do not change. */
export const ARGOCD_CAPABILITY_NAMESPACE = ARGOCD_NAMESPACE;
/** Hashicorp/aws version that added `aws_eks_capability`. */
export const EKS_CAPABILITY_PROVIDER_VERSION = '6.25.0';

/** Argo CD features Paved can use self-managed that the capability lacks, with what to do instead. */
export const ARGOCD_CAPABILITY_GAPS = {
  luaHealthChecks: {
    feature: 'custom Lua health checks (resource.customizations.health.*)',
    fix: 'drop the customization; order add-ons with retries (Paved does this in capability mode), or stay self-managed',
  },
  configManagementPlugins: {
    feature: 'Config Management Plugins (ConfigManagementPlugin sidecars, spec.source.plugin)',
    fix: 'render the manifests before publishing (Paved publishes hydrated YAML) or use a Helm/Kustomize/directory source',
  },
  notifications: {
    feature: 'the Notifications controller (argocd-notifications-cm, notifications.argoproj.io annotations)',
    fix: 'alert from Alertmanager or EventBridge on the capability instead, or stay self-managed',
  },
  resourceCustomizations: {
    feature: 'resource customizations in argocd-cm (ignoreDifferences, actions, known types)',
    fix: 'move ignoreDifferences into each Application spec; drop custom actions',
  },
} as const;

export type ArgoCdCapabilityGap = keyof typeof ARGOCD_CAPABILITY_GAPS;

/** True when the platform runs ArgoCD as the EKS capability. */
export function usesArgoCdCapability(platform: Pick<ResolvedPlatform, 'gitops'>): boolean {
  return platform.gitops.argocd === 'eks-capability';
}

/**
 * ARN of an environment's EKS cluster, built from what the config already fixes (account, region, cluster name), so
 * gitops-apps renders the same string Terraform's `aws_eks_cluster.arn` returns. Paved supports the `aws` partition
 * only (validation/aws-regions.ts).
 */
export function eksClusterArn(env: Pick<ResolvedEnvironment, 'account' | 'region' | 'cluster'>): string {
  return `arn:aws:eks:${env.region}:${env.account}:cluster/${env.cluster.name}`;
}
