import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksCluster, type EksClusterConfig } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { ACCESS_LEVEL_TAG, roleArnKey, type ClusterAccessLevel, type EnvironmentNaming } from '@paved/shared-config';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';

/** EKS access policies granted per access level of the config. */
const ACCESS_POLICIES: Record<ClusterAccessLevel, string> = {
  admin: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
  edit: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy',
  view: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy',
};

/**
 * Managed policies the cluster role needs in EKS Auto Mode besides AmazonEKSClusterPolicy: EKS then launches nodes,
 * volumes, load balancers and network interfaces itself. Names from the EKS user guide, "Amazon EKS Auto Mode cluster
 * IAM role" (docs.aws.amazon.com/eks/latest/userguide/auto-cluster-iam-role.html, read 2026-12-03).
 */
export const AUTO_MODE_CLUSTER_POLICIES = [
  'AmazonEKSComputePolicy',
  'AmazonEKSBlockStoragePolicy',
  'AmazonEKSLoadBalancingPolicy',
  'AmazonEKSNetworkingPolicy',
] as const;

/** The built-in node pools of Auto Mode: `system` for cluster-critical add-ons, `general-purpose` for the rest. */
export const AUTO_MODE_NODE_POOLS = ['general-purpose', 'system'] as const;

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
  /**
   * The principal Terraform runs as, granted cluster admin: the cluster has no implicit admin, and the helm provider
   * that installs ArgoCD authenticates as this principal.
   * @default - no entry for the deployer
   */
  readonly deployerArn?: string;
  /**
   * Runs the cluster in EKS Auto Mode with this role on its nodes: the built-in node pools, Auto Mode's load balancing
   * and block storage, no self-managed add-ons bootstrapped, and the Auto Mode policies on the cluster role.
   * @default - no Auto Mode: nodes come from managed node groups
   */
  readonly autoModeNodeRole?: IamRole;
}

/**
 * An EKS control plane: Kubernetes secrets envelope-encrypted with KMS, every control-plane log type to an encrypted
 * log group, a private endpoint (public only to listed CIDRs), and access entries (API mode, no aws-auth ConfigMap,
 * no implicit admin for whoever created it: the deployer gets an entry of its own, named in the props).
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
    // Ids keyed by policy name: they are Terraform addresses.
    const autoModeAttachments = props.autoModeNodeRole
      ? AUTO_MODE_CLUSTER_POLICIES.map((p) => new IamRolePolicyAttachment(this, `cluster-${p}`, { role: role.name, policyArn: `arn:aws:iam::aws:policy/${p}` }))
      : [];
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
      ...(props.autoModeNodeRole ? autoMode(props.autoModeNodeRole) : {}),
      dependsOn: [attachment, ...autoModeAttachments, logGroup],
    });
    // Ids are Terraform addresses: keyed by role name, not list position, so that removing one role leaves the others
    // in place. The deployer's id is fixed, whatever its role is called.
    const granted = new Set<string>();
    const grant = (accessId: string, principalArn: string, access: ClusterAccessLevel) => {
      if (granted.has(principalArn)) throw new Error(`${props.clusterName}: ${principalArn} is granted access twice`);
      granted.add(principalArn);
      new ClusterAccess(this, accessId, { cluster: this.cluster, principalArn, access });
    };
    if (props.deployerArn) grant('deployer-access', props.deployerArn, 'admin');
    for (const access of props.accessRoles) grant(`access-${roleArnKey(access.roleArn)}`, access.roleArn, access.access);
  }
}

/**
 * The Auto Mode arguments of aws_eks_cluster: compute, load balancing and block storage are switched on together (EKS
 * rejects a partial set), and `bootstrap_self_managed_addons` is false because Auto Mode runs the VPC CNI, kube-proxy
 * and CoreDNS itself.
 */
function autoMode(nodeRole: IamRole): Pick<EksClusterConfig, 'computeConfig' | 'kubernetesNetworkConfig' | 'storageConfig' | 'bootstrapSelfManagedAddons' | 'lifecycle'> {
  return {
    computeConfig: { enabled: true, nodePools: [...AUTO_MODE_NODE_POOLS], nodeRoleArn: nodeRole.arn },
    kubernetesNetworkConfig: { elasticLoadBalancing: { enabled: true } },
    storageConfig: { blockStorage: { enabled: true } },
    bootstrapSelfManagedAddons: false,
    // The provider replaces the cluster when this argument changes (ForceNew): a cluster switched to Auto Mode keeps
    // the value it was created with instead of being destroyed.
    lifecycle: { ignoreChanges: ['bootstrap_self_managed_addons'] },
  };
}

interface ClusterAccessProps {
  readonly cluster: EksCluster;
  readonly principalArn: string;
  readonly access: ClusterAccessLevel;
}

/** One principal's access entry and its access policy, cluster-wide. */
class ClusterAccess extends Construct {
  constructor(scope: Construct, id: string, props: ClusterAccessProps) {
    super(scope, id);
    const entry = new EksAccessEntry(this, 'entry', {
      clusterName: props.cluster.name,
      principalArn: props.principalArn,
      type: 'STANDARD',
      tags: { [ACCESS_LEVEL_TAG]: props.access },
    });
    new EksAccessPolicyAssociation(this, 'policy', {
      clusterName: props.cluster.name,
      principalArn: entry.principalArn,
      policyArn: ACCESS_POLICIES[props.access],
      accessScope: { type: 'cluster' },
    });
  }
}
