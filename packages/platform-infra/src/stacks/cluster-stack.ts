import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import {
  addonServiceAccount,
  EKS_MANAGED_ADDONS,
  releaseTrain,
  secretReaders,
  secretsReaderRoleName,
  type ResolvedEnvironment,
  type ResolvedPlatform,
} from '@paved/shared-config';
import type { Construct } from 'constructs';
import type { NetworkRefs, ZoneRef } from './network-stack';
import { PavedStack } from './paved-stack';
import { StageDeployerAccess, stageReaders } from './stage-access';
import { addonPolicyStatements } from '../constructs/cluster/addon-policies';
import { KubernetesCluster } from '../constructs/cluster/eks-cluster';
import { ManagedNodeGroup } from '../constructs/cluster/managed-node-group';
import { PodIdentityRole } from '../constructs/cluster/pod-identity-role';
import { SecretsReaderRole } from '../constructs/cluster/secrets-reader-role';
import { policyDocument } from '../constructs/iam/policy-document';
import { EncryptionKey } from '../constructs/kms/encryption-key';
import { SecureBucket } from '../constructs/storage/secure-bucket';

export interface ClusterStackProps {
  readonly platform: ResolvedPlatform;
  readonly environment: ResolvedEnvironment;
  readonly network: NetworkRefs;
  readonly zone: ZoneRef;
}

/**
 * Core EKS add-ons (the release train's list); the EBS CSI driver and VPC CNI get their AWS rights through Pod Identity.
 * An Auto Mode cluster gets none of them: Auto Mode runs the VPC CNI, CoreDNS, kube-proxy, the EBS CSI driver and the
 * Pod Identity agent itself.
 */
const CORE_ADDONS = EKS_MANAGED_ADDONS;

/**
 * `configuration_values` of core add-ons. The VPC CNI enforces NetworkPolicies only with `enableNetworkPolicy` (a
 * string, as in the EKS user guide's `--configuration-values '{"enableNetworkPolicy": "true"}'`): without it every
 * default-deny policy that gitops-apps renders is accepted and ignored.
 */
export const CORE_ADDON_CONFIGURATION: Readonly<Partial<Record<(typeof CORE_ADDONS)[number], string>>> = {
  'vpc-cni': JSON.stringify({ enableNetworkPolicy: 'true' }),
};

/**
 * Managed policies of the Auto Mode node role, from the EKS user guide, "Amazon EKS Auto Mode node IAM role"
 * (docs.aws.amazon.com/eks/latest/userguide/auto-create-node-role.html, read 2026-12-03).
 */
export const AUTO_MODE_NODE_POLICIES = ['AmazonEKSWorkerNodeMinimalPolicy', 'AmazonEC2ContainerRegistryPullOnly'] as const;

/**
 * `<env>-cluster`: the EKS cluster, its managed node groups and core add-ons (in Auto Mode: the Auto Mode node role, no
 * node groups, no core add-ons, no load balancer controller role), the Pod Identity roles of every enabled
 * platform add-on that calls AWS, and the buckets those add-ons write (Velero backups, Loki chunks, access logs).
 */
export class ClusterStack extends PavedStack {
  readonly cluster: KubernetesCluster;
  readonly secretsKey: EncryptionKey;
  readonly veleroBucket: SecureBucket;
  readonly lokiBucket: SecureBucket;
  /** Pod Identity role ARN per add-on with AWS access. */
  readonly addonRoleArns: Readonly<Record<string, string>> = {};

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    const env = props.environment;
    super(scope, id, { platform: props.platform, account: env.account, region: env.region, tags: env.tags, environment: env.name });
    const { naming, cluster: spec } = env;
    const key = (name: string, description: string, use: { logs?: boolean; nodeVolumes?: boolean } = {}) =>
      new EncryptionKey(this, `${name}-key`, {
        alias: naming.kmsAlias(name),
        description: `${naming.prefix} ${description}`,
        account: env.account,
        region: env.region,
        servicePrincipals: use.logs ? ['logs'] : undefined,
        autoScalingVolumes: use.nodeVolumes,
      });
    // Secrets Manager secrets of the environment use this key too, so external-secrets can decrypt exactly them.
    this.secretsKey = key('secrets', 'Kubernetes and Secrets Manager secrets');
    const logsKey = key('cluster-logs', 'EKS control-plane logs', { logs: true });
    // Node groups launch through Auto Scaling, whose service-linked role must be able to use the key of their volumes.
    const storageKey = key('storage', 'node volumes and add-on buckets', { nodeVolumes: true });

    const autoMode = spec.compute === 'auto-mode';
    const nodeTrust = policyDocument([
      { sid: 'Ec2Nodes', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }] },
    ]);
    // Auto Mode: the nodes' role is part of the cluster's compute_config, so it and its policies exist before the cluster.
    let autoModeNodeRole: IamRole | undefined;
    if (autoMode) {
      autoModeNodeRole = new IamRole(this, 'auto-node-role', { name: naming.name('iam-role', 'eks-auto-node'), assumeRolePolicy: nodeTrust.json });
      for (const p of AUTO_MODE_NODE_POLICIES) {
        new IamRolePolicyAttachment(this, `auto-node-${p}`, { role: autoModeNodeRole.name, policyArn: `arn:aws:iam::aws:policy/${p}` });
      }
    }

    this.cluster = new KubernetesCluster(this, 'eks', {
      naming,
      clusterName: spec.name,
      kubernetesVersion: spec.kubernetesVersion,
      subnetIds: props.network.privateSubnetIds,
      endpointPublicAccess: spec.endpointPublicAccess,
      publicAccessCidrs: spec.publicAccessCidrs,
      secretsKeyArn: this.secretsKey.arn,
      logsKeyArn: logsKey.arn,
      logRetentionDays: spec.logRetentionDays,
      accessRoles: env.accessRoles,
      deployerArn: env.deployerAccessArn,
      autoModeNodeRole,
    });
    const eks = this.cluster.cluster;
    // Stage deployers: `edit` in their stages' namespaces only (stage-access.ts).
    if (env.stages) new StageDeployerAccess(this, 'stage-deployers', { cluster: eks, host: env });

    if (!autoMode) {
      const nodeRole = new IamRole(this, 'node-role', { name: naming.name('iam-role', 'eks-node'), assumeRolePolicy: nodeTrust.json });
      // The CNI policy is not here: the VPC CNI gets it through Pod Identity, so pods cannot reach it via the node.
      const nodePolicies = ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryReadOnly', 'AmazonSSMManagedInstanceCore'];
      const nodeAttachments = nodePolicies.map(
        (p) => new IamRolePolicyAttachment(this, `node-${p}`, { role: nodeRole.name, policyArn: `arn:aws:iam::aws:policy/${p}` }),
      );

      const cni = new PodIdentityRole(this, 'vpc-cni-identity', {
        cluster: eks,
        roleName: naming.eksAddonRole('vpc-cni'),
        namespace: 'kube-system',
        serviceAccount: 'aws-node',
        managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy'],
      });
      const ebs = new PodIdentityRole(this, 'ebs-csi-identity', {
        cluster: eks,
        roleName: naming.eksAddonRole('ebs-csi'),
        namespace: 'kube-system',
        serviceAccount: 'ebs-csi-controller-sa',
        managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy'],
        statements: [
          { sid: 'EncryptVolumes', actions: ['kms:CreateGrant', 'kms:Decrypt', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey', 'kms:ReEncrypt*'], resources: [storageKey.arn] },
        ],
      });
      const nodeGroups = spec.nodeGroups.map(
        (group) =>
          new ManagedNodeGroup(this, `nodes-${group.name}`, {
            cluster: eks,
            nodeGroupName: naming.nodeGroupName(group.name),
            group,
            nodeRole,
            subnetIds: props.network.privateSubnetIds,
            volumeKeyArn: storageKey.arn,
            // Nodes join only once they have their policies and the CNI can get its role.
            dependsOn: [...nodeAttachments, cni.association, ebs.association],
          }),
      );
      for (const name of CORE_ADDONS) {
        new EksAddon(this, `addon-${name}`, {
          clusterName: eks.name,
          addonName: name,
          // The build the release train pins for this minor (versions/release-train.ts); none: EKS's default build.
          addonVersion: releaseTrain(spec.kubernetesVersion)?.eksAddons[name],
          configurationValues: CORE_ADDON_CONFIGURATION[name],
          resolveConflictsOnCreate: 'OVERWRITE',
          resolveConflictsOnUpdate: 'OVERWRITE',
          // CoreDNS and the EBS CSI controller need nodes to become healthy.
          dependsOn: name === 'coredns' || name === 'aws-ebs-csi-driver' ? nodeGroups.map((g) => g.nodeGroup) : undefined,
        });
      }
    }

    const accessLogs = new SecureBucket(this, 'access-logs', {
      bucketName: naming.accessLogsBucket(env.account),
      expirationDays: 365,
      extraPolicyStatements: [
        {
          sid: 'S3ServerAccessLogs',
          actions: ['s3:PutObject'],
          resources: [`arn:aws:s3:::${naming.accessLogsBucket(env.account)}/*`],
          principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
          conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [env.account] }],
        },
      ],
    });
    this.veleroBucket = new SecureBucket(this, 'velero-bucket', {
      bucketName: naming.veleroBucket(env.account),
      kmsKeyArn: storageKey.arn,
      accessLogs: { bucket: accessLogs.bucket, prefix: 'velero/' },
    });
    this.lokiBucket = new SecureBucket(this, 'loki-bucket', {
      bucketName: naming.lokiBucket(env.account),
      kmsKeyArn: storageKey.arn,
      accessLogs: { bucket: accessLogs.bucket, prefix: 'loki/' },
      expirationDays: env.logs.retentionDays,
    });

    const roleArns: Record<string, string> = {};
    for (const addon of env.addons) {
      const serviceAccount = addonServiceAccount(addon.name);
      // Auto Mode's own load balancing runs under the cluster role: the controller chart and its role are not installed.
      if (!serviceAccount || (autoMode && addon.name === 'aws-load-balancer-controller')) continue;
      const statements = addonPolicyStatements(addon.name, {
        account: env.account,
        region: env.region,
        clusterName: spec.name,
        hostedZoneArn: props.zone.arn,
        domain: env.domain,
        veleroBucketArn: this.veleroBucket.arn,
        lokiBucketArn: this.lokiBucket.arn,
        storageKeyArn: storageKey.arn,
        secretsReaderRolePrefix: secretsReaderRoleName(naming, ''),
      });
      if (!statements) throw new Error(`add-on ${addon.name} has an AWS service account but no policy in addon-policies.ts`);
      const identity = new PodIdentityRole(this, `${addon.name}-identity`, {
        cluster: eks,
        roleName: naming.addonRole(addon.name),
        namespace: addon.namespace,
        serviceAccount,
        statements,
      });
      roleArns[addon.name] = identity.role.arn;
      if (addon.name === 'external-secrets') {
        // One reader role per namespace that reads secrets, limited to exactly the secrets its ExternalSecrets name.
        for (const reader of [...secretReaders(props.platform, env), ...stageReaders(env)]) {
          new SecretsReaderRole(this, `secrets-reader-${reader.namespace}`, {
            cluster: eks,
            roleName: secretsReaderRoleName(naming, reader.namespace),
            account: env.account,
            region: env.region,
            namespace: reader.namespace,
            secretNames: reader.secrets,
            ownedPrefix: reader.ownedPrefix,
            secretsKeyArn: this.secretsKey.arn,
            controllerRoleArn: identity.role.arn,
            controllerNamespace: addon.namespace,
            controllerServiceAccount: serviceAccount,
          });
        }
      }
    }
    this.addonRoleArns = roleArns;
  }
}
