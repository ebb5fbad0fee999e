import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import type { ResolvedNodeGroup } from '@paved/shared-config';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface ManagedNodeGroupProps {
  readonly cluster: EksCluster;
  readonly nodeGroupName: string;
  readonly group: ResolvedNodeGroup;
  readonly nodeRole: IamRole;
  readonly subnetIds: readonly string[];
  /** KMS key encrypting the nodes' root volumes; its policy must admit EC2 Auto Scaling's service-linked role. */
  readonly volumeKeyArn: string;
  /**
   * Resources the node group waits for.
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * A managed node group on a launch template that requires IMDSv2 with a hop limit of 1 (pods cannot borrow the
 * node's role; add-ons get theirs through Pod Identity) and encrypts the root volume with the environment's key.
 */
export class ManagedNodeGroup extends Construct {
  readonly nodeGroup: EksNodeGroup;

  constructor(scope: Construct, id: string, props: ManagedNodeGroupProps) {
    super(scope, id);
    const { group } = props;
    const template = new LaunchTemplate(this, 'launch-template', {
      name: props.nodeGroupName,
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: { volumeSize: group.diskSizeGiB, volumeType: 'gp3', encrypted: 'true', kmsKeyId: props.volumeKeyArn, deleteOnTermination: 'true' },
        },
      ],
      updateDefaultVersion: true,
    });
    this.nodeGroup = new EksNodeGroup(this, 'node-group', {
      clusterName: props.cluster.name,
      nodeGroupName: props.nodeGroupName,
      nodeRoleArn: props.nodeRole.arn,
      subnetIds: [...props.subnetIds],
      instanceTypes: [...group.instanceTypes],
      capacityType: group.capacityType === 'spot' ? 'SPOT' : 'ON_DEMAND',
      scalingConfig: { minSize: group.minSize, maxSize: group.maxSize, desiredSize: group.desiredSize },
      updateConfig: { maxUnavailablePercentage: 33 },
      labels: { ...group.labels },
      launchTemplate: { id: template.id, version: template.latestVersion.toString() },
      // The cluster autoscaler owns the desired size once the group exists.
      lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'] },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
  }
}
