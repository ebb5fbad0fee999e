import type { ResolvedEnvironment } from '@paved/shared-config';

/**
 * The CSI driver name a StorageClass must name for EBS volumes in this environment. Managed node groups run the
 * aws-ebs-csi-driver add-on (`ebs.csi.aws.com`); EKS Auto Mode runs its own EBS controller outside the cluster and only
 * provisions for `ebs.csi.eks.amazonaws.com` (AWS docs, "Create a storage class", EKS user guide, read 2026-12-03), so
 * a class naming the add-on's driver would leave every claim Pending there.
 */
export function ebsCsiProvisioner(env: ResolvedEnvironment): string {
  return env.cluster.compute === 'auto-mode' ? 'ebs.csi.eks.amazonaws.com' : 'ebs.csi.aws.com';
}
