import type { PlatformConfig } from '@paved/shared-config';
import example from '../../../../platform.config';

/** Identity Center instance of the capability variant (a made-up id of the documented shape). */
export const IDENTITY_CENTER_ARN = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';

/** The root example with ArgoCD run as the EKS Capability for Argo CD instead of the Helm chart. */
export const capabilityExample: PlatformConfig = {
  ...example,
  gitops: {
    ...example.gitops,
    argocd: 'eks-capability',
    identityCenter: { instanceArn: IDENTITY_CENTER_ARN, adminGroupIds: ['38414300-1041-708a-01af-5422d6091e34'] },
  },
};
