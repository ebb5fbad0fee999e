import { SUPPORTED_KUBERNETES_VERSIONS } from '@paved/shared-config';
import { blocks, show, strings } from '../../../model/values';
import { ALWAYS, checkov, DEV_WARNING } from '../../../rule';
import { terraformRule } from '../../define';
import { isSet } from '../terraform-helpers';

const CONTROL_PLANE_LOGS = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
const ANYWHERE = ['0.0.0.0/0', '::/0'];

export const EKS_RULES = [
  terraformRule({
    id: 'PAVED-AWS-EKS-001',
    title: 'EKS control-plane logging is on for every log type',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_37')],
    resourceTypes: ['aws_eks_cluster'],
    rationale: 'Audit and authenticator logs are the only record of who did what through the Kubernetes API.',
    fix: `enable ${CONTROL_PLANE_LOGS.join(', ')} in enabled_cluster_log_types (Paved enables all five; remove the override)`,
    check(r) {
      const enabled = strings(r.attrs.enabled_cluster_log_types);
      const missing = CONTROL_PLANE_LOGS.filter((t) => !enabled.includes(t));
      return missing.length ? `control-plane log types ${missing.join(', ')} are not enabled` : undefined;
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-EKS-002',
    title: 'EKS public endpoint is disabled or limited to known CIDRs',
    severity: DEV_WARNING,
    mirrors: [checkov('CKV_AWS_38'), checkov('CKV_AWS_39')],
    resourceTypes: ['aws_eks_cluster'],
    rationale: 'An API endpoint open to the internet is one leaked credential away from the cluster.',
    fix: "set cluster.publicAccessCidrs to your VPN and CI ranges, or cluster.endpointPublicAccess: false (development's preset opens it to 0.0.0.0/0 on purpose)",
    check(r) {
      const vpc = blocks(r.attrs, 'vpc_config')[0];
      if (!vpc) return 'vpc_config is missing';
      if (vpc.endpoint_public_access === false) return undefined;
      const cidrs = strings(vpc.public_access_cidrs);
      if (cidrs.length === 0) return 'the public endpoint is on and public_access_cidrs is unset, which means 0.0.0.0/0';
      const open = cidrs.filter((c) => ANYWHERE.includes(c));
      return open.length ? `the public endpoint is open to ${open.join(', ')}` : undefined;
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-EKS-003',
    title: 'EKS secrets are envelope-encrypted with a KMS key',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_58')],
    resourceTypes: ['aws_eks_cluster'],
    rationale: 'Envelope encryption with a customer managed key keeps Kubernetes Secrets unreadable in etcd backups and lets you revoke access.',
    fix: 'add encryption_config { resources = ["secrets"], provider { key_arn = <KMS key ARN> } } (Paved creates a key per cluster)',
    check(r) {
      const configs = blocks(r.attrs, 'encryption_config');
      const secrets = configs.find((c) => strings(c.resources).includes('secrets'));
      if (!secrets) return 'no encryption_config covers "secrets"';
      const key = blocks(secrets, 'provider')[0]?.key_arn;
      return isSet(key) ? undefined : 'encryption_config has no provider.key_arn';
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-EKS-004',
    title: 'EKS node groups allow no SSH from anywhere',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_100')],
    resourceTypes: ['aws_eks_node_group'],
    rationale: 'A remote_access block with an SSH key and no source security group opens port 22 of every node to 0.0.0.0/0.',
    fix: 'remove remote_access (use SSM Session Manager), or set remote_access.source_security_group_ids',
    check(r) {
      const access = blocks(r.attrs, 'remote_access')[0];
      if (!access || !isSet(access.ec2_ssh_key)) return undefined;
      return isSet(access.source_security_group_ids) ? undefined : `remote_access allows SSH with key ${show(access.ec2_ssh_key)} from anywhere`;
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-EKS-005',
    title: 'EKS runs a supported Kubernetes version',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_339')],
    resourceTypes: ['aws_eks_cluster'],
    rationale: 'Versions past standard support cost six times as much in extended support and miss security fixes; an unpinned version drifts on re-create.',
    fix: `set cluster.kubernetesVersion to one of ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')}`,
    check(r) {
      const version = r.attrs.version;
      if (typeof version !== 'string') return 'version is not pinned';
      return (SUPPORTED_KUBERNETES_VERSIONS as readonly string[]).includes(version) ? undefined : `version ${version} is not supported (${SUPPORTED_KUBERNETES_VERSIONS.join(', ')})`;
    },
  }),
];
