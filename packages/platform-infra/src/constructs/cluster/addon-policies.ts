import type { AddonName } from '@paved/shared-config';
import type { PolicyStatement } from '../iam/policy-document';

/** What the least-privilege policies of the add-ons are scoped to. */
export interface AddonPolicyScope {
  readonly account: string;
  readonly region: string;
  readonly clusterName: string;
  /** ARN of the environment's hosted zone: the only zone external-dns and cert-manager may change. */
  readonly hostedZoneArn: string;
  /** The environment's domain (the zone's name): external-dns changes only names below it. */
  readonly domain: string;
  readonly veleroBucketArn: string;
  readonly lokiBucketArn: string;
  readonly storageKeyArn: string;
  /** Name prefix of the per-namespace secret reader roles (`<org>-<env>-secrets-`). */
  readonly secretsReaderRolePrefix: string;
}

const objectActions = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];
const keyUse = (arn: string): PolicyStatement => ({
  sid: 'UseStorageKey',
  actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:DescribeKey'],
  resources: [arn],
});
const clusterTag = (cluster: string) => ({ test: 'StringEquals', variable: 'aws:ResourceTag/elbv2.k8s.aws/cluster', values: [cluster] });

/**
 * The IAM statements of each add-on that runs with an AWS role, scoped to this environment's zone, buckets, secrets
 * and cluster. `Resource: "*"` appears only for actions AWS does not scope (List/Describe calls).
 */
export function addonPolicyStatements(addon: AddonName, s: AddonPolicyScope): PolicyStatement[] | undefined {
  switch (addon) {
    case 'external-dns':
      return [
        {
          // Only address and registry records below the environment's domain: never the apex, NS delegations of the
          // other environments' zones, MX or CAA records, even where the environment's zone is the root zone (prod).
          sid: 'ChangeHostRecordsInTheEnvironmentZone',
          actions: ['route53:ChangeResourceRecordSets'],
          resources: [s.hostedZoneArn],
          conditions: [
            { test: 'ForAllValues:StringEquals', variable: 'route53:ChangeResourceRecordSetsRecordTypes', values: ['A', 'AAAA', 'CNAME', 'TXT'] },
            { test: 'ForAllValues:StringLike', variable: 'route53:ChangeResourceRecordSetsNormalizedRecordNames', values: [`*.${s.domain}`] },
          ],
        },
        { sid: 'ReadTheEnvironmentZone', actions: ['route53:ListResourceRecordSets', 'route53:ListTagsForResource'], resources: [s.hostedZoneArn] },
        { sid: 'FindZones', actions: ['route53:ListHostedZones'], resources: ['*'] },
      ];
    case 'cert-manager':
      return [
        { sid: 'ReadChanges', actions: ['route53:GetChange'], resources: ['arn:aws:route53:::change/*'] },
        {
          sid: 'Dns01ChallengeRecords',
          actions: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets'],
          resources: [s.hostedZoneArn],
          conditions: [{ test: 'ForAllValues:StringEquals', variable: 'route53:ChangeResourceRecordSetsRecordTypes', values: ['TXT'] }],
        },
        { sid: 'FindZones', actions: ['route53:ListHostedZonesByName'], resources: ['*'] },
      ];
    case 'external-secrets':
      // No secret is readable with the controller's own role: each namespace's SecretStore names that namespace's
      // reader role (SecretsReaderRole), which the controller assumes for the read.
      return [
        { sid: 'AssumeTheNamespaceReaderRoles', actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [`arn:aws:iam::${s.account}:role/${s.secretsReaderRolePrefix}*`] },
      ];
    case 'velero':
      return [
        { sid: 'BackupObjects', actions: objectActions, resources: [`${s.veleroBucketArn}/*`] },
        { sid: 'ListBackups', actions: ['s3:ListBucket'], resources: [s.veleroBucketArn] },
        { sid: 'DescribeVolumes', actions: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots'], resources: ['*'] },
        {
          sid: 'SnapshotClusterVolumes',
          actions: ['ec2:CreateSnapshot', 'ec2:CreateVolume', 'ec2:DeleteSnapshot', 'ec2:CreateTags'],
          resources: [`arn:aws:ec2:${s.region}:${s.account}:volume/*`, `arn:aws:ec2:${s.region}::snapshot/*`],
        },
        keyUse(s.storageKeyArn),
      ];
    case 'loki':
      return [
        { sid: 'LogChunks', actions: objectActions, resources: [`${s.lokiBucketArn}/*`] },
        { sid: 'ListChunks', actions: ['s3:ListBucket'], resources: [s.lokiBucketArn] },
        keyUse(s.storageKeyArn),
      ];
    case 'aws-load-balancer-controller':
      return [
        {
          sid: 'Describe',
          actions: [
            'ec2:DescribeAccountAttributes', 'ec2:DescribeAddresses', 'ec2:DescribeAvailabilityZones', 'ec2:DescribeInternetGateways',
            'ec2:DescribeVpcs', 'ec2:DescribeVpcPeeringConnections', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
            'ec2:DescribeInstances', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeTags', 'ec2:DescribeCoipPools',
            'ec2:GetCoipPoolUsage', 'ec2:DescribeRouteTables', 'ec2:GetSecurityGroupsForVpc', 'ec2:DescribeIpamPools',
            'elasticloadbalancing:Describe*', 'acm:ListCertificates', 'acm:DescribeCertificate', 'iam:ListServerCertificates',
            'iam:GetServerCertificate', 'waf-regional:GetWebACL', 'waf-regional:GetWebACLForResource', 'wafv2:GetWebACL',
            'wafv2:GetWebACLForResource', 'shield:GetSubscriptionState', 'cognito-idp:DescribeUserPoolClient',
          ],
          resources: ['*'],
        },
        {
          sid: 'CreateServiceLinkedRole',
          actions: ['iam:CreateServiceLinkedRole'],
          resources: ['*'],
          conditions: [{ test: 'StringEquals', variable: 'iam:AWSServiceName', values: ['elasticloadbalancing.amazonaws.com'] }],
        },
        {
          sid: 'CreateTaggedResources',
          actions: ['ec2:CreateSecurityGroup', 'elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup', 'ec2:CreateTags', 'elasticloadbalancing:AddTags'],
          resources: ['*'],
          conditions: [{ test: 'StringEquals', variable: 'aws:RequestTag/elbv2.k8s.aws/cluster', values: [s.clusterName] }],
        },
        {
          sid: 'ManageOwnResources',
          actions: [
            'ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup', 'ec2:DeleteTags',
            'elasticloadbalancing:ModifyLoadBalancerAttributes', 'elasticloadbalancing:SetIpAddressType', 'elasticloadbalancing:SetSecurityGroups',
            'elasticloadbalancing:SetSubnets', 'elasticloadbalancing:DeleteLoadBalancer', 'elasticloadbalancing:ModifyTargetGroup',
            'elasticloadbalancing:ModifyTargetGroupAttributes', 'elasticloadbalancing:DeleteTargetGroup', 'elasticloadbalancing:RemoveTags',
            'elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets', 'elasticloadbalancing:ModifyListenerAttributes',
            // Controller 3.x (docs/install/iam_policy.json at v3.5.0): capacity reservations and IPAM pools.
            'elasticloadbalancing:ModifyCapacityReservation', 'elasticloadbalancing:ModifyIpPools',
          ],
          resources: ['*'],
          conditions: [clusterTag(s.clusterName)],
        },
        {
          sid: 'Listeners',
          actions: [
            'elasticloadbalancing:CreateListener', 'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:CreateRule',
            'elasticloadbalancing:DeleteRule', 'elasticloadbalancing:ModifyListener', 'elasticloadbalancing:ModifyRule',
            'elasticloadbalancing:AddListenerCertificates', 'elasticloadbalancing:RemoveListenerCertificates',
            'elasticloadbalancing:SetWebAcl', 'wafv2:AssociateWebACL', 'wafv2:DisassociateWebACL',
            // Rule order of a shared ALB (IngressGroup, Gateway), changed in place since controller 2.12.
            'elasticloadbalancing:SetRulePriorities',
          ],
          resources: [
            `arn:aws:elasticloadbalancing:${s.region}:${s.account}:listener/*`,
            `arn:aws:elasticloadbalancing:${s.region}:${s.account}:listener-rule/*`,
            `arn:aws:elasticloadbalancing:${s.region}:${s.account}:loadbalancer/*`,
          ],
        },
      ];
    default:
      return undefined;
  }
}
