import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksCapability } from '@cdktf/provider-aws/lib/eks-capability';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { ARGOCD_CAPABILITY_NAME, ARGOCD_CAPABILITY_TYPE, EKS_CAPABILITIES_PRINCIPAL, type IdentityCenterConfig } from '@paved/shared-config';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';

/**
 * The EKS access policy the capability role gets on its own cluster. The platform project installs CRDs, webhooks and
 * other cluster-scoped kinds (cert-manager, the load balancer controller, kube-prometheus-stack), which only a
 * cluster-wide admin scope allows; ArgoCD's AppProjects (bootstrap, platform, services) are what narrows each
 * Application. EKS creates the role's access entry itself, with no Kubernetes permission (EKS User Guide, "Register
 * target clusters", Access Entry RBAC requirements).
 */
export const CAPABILITY_ACCESS_POLICY_ARN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

export interface ArgoCdCapabilityProps {
  /** Name of the EKS cluster (a reference to `aws_eks_cluster.name`). */
  readonly clusterName: string;
  /** Account of the cluster: the role is assumed for capabilities of this account only. */
  readonly account: string;
  /** Region of the cluster, the default region of the Identity Center instance. */
  readonly region: string;
  readonly roleName: string;
  /** The namespace whose Applications, ApplicationSets and AppProjects the capability reconciles. */
  readonly namespace: string;
  readonly identityCenter: IdentityCenterConfig;
}

/**
 * The EKS Capability for Argo CD on one cluster: its IAM capability role, the capability (`aws_eks_capability`,
 * hashicorp/aws >= 6.25.0) and the access policy that lets it deploy into the cluster.
 *
 * The role has no permission policy: the capability reads the GitOps repository with the credentials Secret Terraform
 * writes (or anonymously), not through Secrets Manager or CodeConnections, and Paved gives it no AWS access.
 */
export class ArgoCdCapability extends Construct {
  readonly role: IamRole;
  readonly capability: EksCapability;
  readonly clusterAccess: EksAccessPolicyAssociation;

  constructor(scope: Construct, id: string, props: ArgoCdCapabilityProps) {
    super(scope, id);
    const trust = policyDocument([
      {
        sid: 'EksCapabilities',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        principals: [{ type: 'Service', identifiers: [EKS_CAPABILITIES_PRINCIPAL] }],
        // Confused-deputy guard: only on behalf of this account. AWS's documented trust policy has no condition, and
        // no aws:SourceArn format for capabilities is documented yet, so the trust is not narrowed further.
        conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.account] }],
      },
    ]);
    this.role = new IamRole(this, 'role', { name: props.roleName, assumeRolePolicy: trust.json });

    const idc = props.identityCenter;
    const mapping = (role: 'ADMIN' | 'VIEWER', ids: readonly string[] | undefined) =>
      ids?.length ? [{ role, identity: ids.map((groupId) => ({ id: groupId, type: 'SSO_GROUP' })) }] : [];
    this.capability = new EksCapability(this, 'capability', {
      clusterName: props.clusterName,
      capabilityName: ARGOCD_CAPABILITY_NAME,
      type: ARGOCD_CAPABILITY_TYPE,
      roleArn: this.role.arn,
      // Deleting the capability leaves what it deployed (CRDs, volumes) in place, like deleting the root Application.
      deletePropagationPolicy: 'RETAIN',
      configuration: [
        {
          argoCd: [
            {
              namespace: props.namespace,
              awsIdc: [{ idcInstanceArn: idc.instanceArn, idcRegion: idc.region ?? props.region }],
              rbacRoleMapping: [...mapping('ADMIN', idc.adminGroupIds), ...mapping('VIEWER', idc.viewerGroupIds)],
            },
          ],
        },
      ],
    });

    this.clusterAccess = new EksAccessPolicyAssociation(this, 'cluster-access', {
      clusterName: props.clusterName,
      principalArn: this.role.arn,
      policyArn: CAPABILITY_ACCESS_POLICY_ARN,
      accessScope: { type: 'cluster' },
      // The access entry this attaches to is the one the capability creates.
      dependsOn: [this.capability],
    });
  }
}
