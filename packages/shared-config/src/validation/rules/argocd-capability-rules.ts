import { isObject, type ValidationRule } from './rule';

/**
 * The EKS Capability for Argo CD signs users in through IAM Identity Center only (local users and other SSO providers
 * are not supported), so the capability cannot be created without an instance.
 */
export const argocdCapabilityIdentityCenter: ValidationRule = {
  id: 'argocd-capability-identity-center',
  description: "gitops.argocd 'eks-capability' names gitops.identityCenter (the capability signs in through IAM Identity Center only); identityCenter is unused otherwise.",
  check(config, out) {
    const gitops = config.gitops;
    if (!isObject(gitops)) return;
    const capability = gitops.argocd === 'eks-capability';
    if (capability && gitops.identityCenter === undefined) {
      out.error(
        'gitops.identityCenter',
        "argocd is 'eks-capability' and no IAM Identity Center instance is named",
        "{ instanceArn: 'arn:aws:sso:::instance/ssoins-…' }, or argocd: 'self-managed'",
      );
    }
    if (!capability && gitops.identityCenter !== undefined) {
      out.warning(
        'gitops.identityCenter',
        'is ignored: a self-managed ArgoCD keeps its own sign-in (admin off in production, no SSO configured)',
        "remove it, or set argocd: 'eks-capability'",
      );
    }
  },
};
