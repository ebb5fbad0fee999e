import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { ClusterAccessLevel, EnvironmentNaming } from '@paved/shared-config';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';

/** EKS access policies granted per access level of the config. */
const ACCESS_POLICIES: Record<ClusterAccessLevel, string> = {
  admin: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
  edit: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy',
  view: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy',
};

/** Every control-plane log type: audit and authenticator logs are what an incident review needs. */
const CONTROL_PLANE_LOGS = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

export interface KubernetesClusterProps {
  readonly naming: EnvironmentNaming;
  readonly clusterName: string;
  readonly kubernetesVersion: string;
  readonly subnetIds: readonly string[];
  readonly endpointPublicAccess: boolean;
  /** CIDRs allowed to reach a public endpoint; ignored when the endpoint is private. */
  readonly publicAccessCidrs: readonly string[];
  readonly secretsKeyArn: string;
  readonly logsKeyArn: string;
  readonly logRetentionDays: number;
  readonly accessRoles: readonly { readonly roleArn: string; readonly access: ClusterAccessLevel }[];
}

/**
 * An EKS control plane: Kubernetes secrets envelope-encrypted with KMS, every control-plane log type to an encrypted
 * log group, a private endpoint (public only to listed CIDRs), and access entries (API mode, no aws-auth ConfigMap,
 * no implicit admin for whoever ran Terraform).
 */
export class KubernetesCluster extends Construct {
  readonly cluster: EksCluster;

  constructor(scope: Construct, id: string, props: KubernetesClusterProps) {
    super(scope, id);
    const trust = policyDocument([
      { sid: 'EksControlPlane', actions: ['sts:AssumeRole', 'sts:TagSession'], principals: [{ type: 'Service', identifiers: ['eks.amazonaws.com'] }] },
    ]);
    const role = new IamRole(this, 'role', { name: props.naming.name('iam-role', 'eks-cluster'), assumeRolePolicy: trust.json });
    const attachment = new IamRolePolicyAttachment(this, 'cluster-policy', {
      role: role.name,
      policyArn: 'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
    });
    // Created before the cluster so that retention and encryption apply from the first log line.
    const logGroup = new CloudwatchLogGroup(this, 'control-plane-logs', {
      name: `/aws/eks/${props.clusterName}/cluster`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKeyArn,
    });
    this.cluster = new EksCluster(this, 'cluster', {
      name: props.clusterName,
      version: props.kubernetesVersion,
      roleArn: role.arn,
      vpcConfig: {
        subnetIds: [...props.subnetIds],
        endpointPrivateAccess: true,
        endpointPublicAccess: props.endpointPublicAccess,
        publicAccessCidrs: props.endpointPublicAccess ? [...props.publicAccessCidrs] : undefined,
      },
      encryptionConfig: { provider: { keyArn: props.secretsKeyArn }, resources: ['secrets'] },
      enabledClusterLogTypes: CONTROL_PLANE_LOGS,
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      dependsOn: [attachment, logGroup],
    });
    props.accessRoles.forEach((access, i) => {
      const entry = new EksAccessEntry(this, `access-${i}`, { clusterName: this.cluster.name, principalArn: access.roleArn, type: 'STANDARD' });
      new EksAccessPolicyAssociation(this, `access-${i}-policy`, {
        clusterName: this.cluster.name,
        principalArn: entry.principalArn,
        policyArn: ACCESS_POLICIES[access.access],
        accessScope: { type: 'cluster' },
      });
    });
  }
}
