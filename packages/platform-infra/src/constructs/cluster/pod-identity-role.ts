import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';

export interface PodIdentityRoleProps {
  readonly cluster: EksCluster;
  readonly roleName: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** Inline least-privilege statements. */
  readonly statements?: readonly PolicyStatement[];
  /** AWS-managed policies, only where AWS maintains the exact permission set (EBS CSI, VPC CNI). */
  readonly managedPolicyArns?: readonly string[];
}

/**
 * An IAM role that exactly one Kubernetes service account of one cluster assumes through EKS Pod Identity: the trust
 * matches the session tags Pod Identity sets (`eks-cluster-arn`, `kubernetes-namespace`, `kubernetes-service-account`).
 */
export class PodIdentityRole extends Construct {
  readonly role: IamRole;
  readonly association: EksPodIdentityAssociation;

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id);
    const trust = policyDocument([
      {
        sid: 'EksPodIdentity',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        principals: [{ type: 'Service', identifiers: ['pods.eks.amazonaws.com'] }],
        // Tied to one cluster: EKS Pod Identity tags every session with the cluster's ARN, so the same namespace and
        // service account in another cluster of the account (another environment, a test cluster) cannot assume it.
        conditions: [
          { test: 'StringEquals', variable: 'aws:RequestTag/eks-cluster-arn', values: [props.cluster.arn] },
          { test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-namespace', values: [props.namespace] },
          { test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-service-account', values: [props.serviceAccount] },
        ],
      },
    ]);
    this.role = new IamRole(this, 'role', { name: props.roleName, assumeRolePolicy: trust.json });
    if (props.statements?.length) {
      const permissions = policyDocument(props.statements);
      new IamRolePolicy(this, 'policy', { role: this.role.id, name: 'least-privilege', policy: permissions.json });
    }
    props.managedPolicyArns?.forEach(
      (arn, i) => new IamRolePolicyAttachment(this, `managed-${i}`, { role: this.role.name, policyArn: arn }),
    );
    this.association = new EksPodIdentityAssociation(this, 'association', {
      clusterName: props.cluster.name,
      namespace: props.namespace,
      serviceAccount: props.serviceAccount,
      roleArn: this.role.arn,
    });
  }
}
