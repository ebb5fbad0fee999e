import { readPolicy } from '../../../model/iam-policy';
import { bool, isExpression, isObj, listAt, num, show, strAt, strings } from '../../../model/values';
import { ALWAYS, checkov, DEV_WARNING } from '../../../rule';
import { terraformRule } from '../../define';
import { companions, isSet, requireTrue } from '../terraform-helpers';

/** IAM, KMS, network, registry, logs, secrets and backup rules. */
export const PLATFORM_RULES = [
  terraformRule({
    id: 'PAVED-AWS-IAM-001',
    title: 'IAM policies grant no action on every resource with a wildcard action',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_63'), checkov('CKV_AWS_62')],
    resourceTypes: ['aws_iam_role_policy', 'aws_iam_policy'],
    rationale: '"Action": "*" grants administrator rights; scope actions to what the workload calls.',
    fix: 'list the actions the role needs instead of "*" (service:*) and scope Resource to the ARNs involved',
    check: (r, c) => {
      const policy = readPolicy(c.terraform, r.stack, r.attrs.policy);
      if (!policy.readable) return `the policy cannot be read statically (${policy.reason})`;
      return policy.statements
        .filter((s) => s.effect === 'Allow' && s.actions.some((a) => a === '*' || a === '*:*'))
        .map(() => 'a statement allows Action "*"');
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-IAM-002',
    title: 'No IAM users or long-lived access keys',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_273')],
    resourceTypes: ['aws_iam_user', 'aws_iam_access_key'],
    rationale: 'Long-lived keys leak; CI and workloads get short-lived credentials through OIDC and Pod Identity.',
    fix: 'remove the user or key: CI assumes <org>-ci-* roles through GitHub OIDC, add-ons get Pod Identity roles',
    check: (r) => `${r.type} creates long-lived credentials`,
  }),
  terraformRule({
    id: 'PAVED-AWS-IAM-003',
    title: 'Roles trusted by GitHub OIDC are limited by audience and subject',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_358')],
    resourceTypes: ['aws_iam_role'],
    rationale: 'Without a `sub` condition any GitHub repository can assume the role.',
    fix: 'add StringEquals token.actions.githubusercontent.com:aud = sts.amazonaws.com and a StringEquals :sub condition naming exact subjects',
    check: (r, c) => {
      const trust = readPolicy(c.terraform, r.stack, r.attrs.assume_role_policy);
      if (!trust.readable) return undefined;
      const problems: string[] = [];
      for (const s of trust.statements) {
        if (!s.actions.includes('sts:AssumeRoleWithWebIdentity')) continue;
        const vars = s.conditions.map((x) => x.variable);
        if (!vars.some((v) => v.endsWith(':sub'))) problems.push('the web-identity trust has no subject (:sub) condition');
        if (!vars.some((v) => v.endsWith(':aud'))) problems.push('the web-identity trust has no audience (:aud) condition');
      }
      return problems;
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-KMS-001',
    title: 'KMS keys rotate yearly',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_7')],
    resourceTypes: ['aws_kms_key'],
    rationale: 'Rotation limits how much data one key version protects.',
    fix: 'set enable_key_rotation = true',
    check: (r) => requireTrue(r, 'enable_key_rotation'),
  }),
  terraformRule({
    id: 'PAVED-AWS-VPC-001',
    title: 'Every VPC has flow logs',
    severity: ALWAYS,
    mirrors: [checkov('CKV2_AWS_11')],
    resourceTypes: ['aws_vpc'],
    rationale: 'Flow logs are the record of who talked to what during an incident.',
    fix: 'keep the aws_flow_log of the network stack (traffic_type ALL)',
    check: (r, c) => (companions(c, r, 'aws_flow_log', 'vpc_id').length > 0 ? undefined : 'no aws_flow_log refers to this VPC'),
  }),
  terraformRule({
    id: 'PAVED-AWS-VPC-002',
    title: 'The default security group allows no traffic',
    severity: ALWAYS,
    mirrors: [checkov('CKV2_AWS_12')],
    resourceTypes: ['aws_default_security_group'],
    rationale: 'Resources launched without a group land in the default one; it must deny everything.',
    fix: 'manage the default security group with ingress = [] and egress = []',
    check: (r) => {
      const problems: string[] = [];
      if (strings(r.attrs.ingress).length > 0 || (Array.isArray(r.attrs.ingress) && r.attrs.ingress.length > 0)) problems.push('ingress rules are present');
      if (Array.isArray(r.attrs.egress) && r.attrs.egress.length > 0) problems.push('egress rules are present');
      return problems;
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-VPC-003',
    title: 'Subnets do not assign public IPs on launch',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_130')],
    resourceTypes: ['aws_subnet'],
    rationale: 'Nodes and databases must not get internet-reachable addresses by accident; load balancers get theirs explicitly.',
    fix: 'set map_public_ip_on_launch = false',
    check: (r) => (bool(r.attrs.map_public_ip_on_launch) === true ? 'map_public_ip_on_launch is true' : undefined),
  }),
  terraformRule({
    id: 'PAVED-AWS-ECR-001',
    title: 'ECR image tags are immutable',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_51')],
    resourceTypes: ['aws_ecr_repository'],
    rationale: 'A mutable tag lets a push silently change what a deployed tag runs; rollbacks stop being reproducible.',
    fix: 'set image_tag_mutability = "IMMUTABLE"',
    check: (r) => (r.attrs.image_tag_mutability === 'IMMUTABLE' ? undefined : `image_tag_mutability is ${String(r.attrs.image_tag_mutability ?? 'MUTABLE (default)')}`),
  }),
  terraformRule({
    id: 'PAVED-AWS-ECR-002',
    title: 'ECR scans images on push',
    severity: DEV_WARNING,
    mirrors: [checkov('CKV_AWS_163')],
    resourceTypes: ['aws_ecr_repository'],
    rationale: 'Known vulnerabilities should be visible before an image reaches production.',
    fix: 'set image_scanning_configuration.scan_on_push = true',
    check: (r) => {
      const scanning = r.attrs.image_scanning_configuration;
      const block = Array.isArray(scanning) ? scanning[0] : scanning;
      return bool(strAt(block, 'scan_on_push') ?? (block as any)?.scan_on_push) === true ? undefined : 'scan_on_push is not true';
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-ECR-003',
    title: 'ECR repositories are encrypted with a KMS key',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_136')],
    resourceTypes: ['aws_ecr_repository'],
    rationale: 'A customer-managed key lets you audit and revoke access to the images.',
    fix: 'set encryption_configuration { encryption_type = "KMS", kms_key = <key> }',
    check: (r) => {
      const enc = Array.isArray(r.attrs.encryption_configuration) ? r.attrs.encryption_configuration[0] : r.attrs.encryption_configuration;
      return (enc as any)?.encryption_type === 'KMS' ? undefined : 'encryption_type is not KMS';
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-ECR-004',
    title: 'ECR repositories have a lifecycle policy that cannot expire a deployed image',
    severity: DEV_WARNING,
    mirrors: [],
    resourceTypes: ['aws_ecr_repository'],
    rationale:
      'Without one, images pile up (storage cost) and old vulnerable images stay pullable. A rule that expires tagged '
      + 'images by count or age without naming the tags (tagStatus any, or tagged without a tagPatternList) also deletes '
      + 'the image an environment runs, and the next pod that starts cannot pull it.',
    fix: 'add an aws_ecr_lifecycle_policy whose rules expire untagged images or tags matched by a tagPatternList of build '
      + 'tags only (Paved: build-* beyond registry.imagesToKeep, release-* shielded)',
    check: (r, c) => {
      const policies = companions(c, r, 'aws_ecr_lifecycle_policy', 'repository');
      if (policies.length === 0) return 'no aws_ecr_lifecycle_policy refers to this repository';
      return policies.flatMap((p) => unsafeLifecycleRules(p.attrs.policy));
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-LOG-001',
    title: 'CloudWatch log groups have a retention period',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_66')],
    resourceTypes: ['aws_cloudwatch_log_group'],
    rationale: 'Never-expiring logs grow cost forever; a set retention is also an explicit compliance decision.',
    fix: 'set retention_in_days (Paved: logs.retentionDays per environment)',
    check: (r) => ((num(r.attrs.retention_in_days) ?? 0) > 0 ? undefined : 'retention_in_days is not set'),
  }),
  terraformRule({
    id: 'PAVED-AWS-LOG-002',
    title: 'CloudWatch log groups are encrypted with a KMS key',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_158')],
    resourceTypes: ['aws_cloudwatch_log_group'],
    rationale: 'Flow and audit logs reveal the platform\'s structure; encrypt them with a key you control.',
    fix: 'set kms_key_id to a key whose policy admits logs.<region>.amazonaws.com',
    check: (r) => (isSet(r.attrs.kms_key_id) ? undefined : 'kms_key_id is not set'),
  }),
  terraformRule({
    id: 'PAVED-AWS-SM-001',
    title: 'Secrets Manager secrets use a customer-managed KMS key',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_149')],
    resourceTypes: ['aws_secretsmanager_secret'],
    rationale: 'With the environment key, only roles allowed on that key (external-secrets of the environment) can read them.',
    fix: 'set kms_key_id to the environment secrets key',
    check: (r) => (isSet(r.attrs.kms_key_id) ? undefined : 'kms_key_id is not set (aws/secretsmanager default key)'),
  }),
  terraformRule({
    id: 'PAVED-AWS-BKP-001',
    title: 'AWS Backup vaults are encrypted with a customer-managed key',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_166')],
    resourceTypes: ['aws_backup_vault'],
    rationale: 'Recovery points hold copies of production data.',
    fix: 'set kms_key_arn',
    check: (r) => (isSet(r.attrs.kms_key_arn) ? undefined : 'kms_key_arn is not set'),
  }),
];

/**
 * Rules of an ECR lifecycle policy that could remove an image an environment runs: every rule that selects tagged
 * images without a tagPatternList of its own (tagStatus any; tagged with only a tagPrefixList; patterns that are only
 * wildcards). Both actions count: `expire` deletes, `transition` archives (an archived image cannot be pulled).
 */
function unsafeLifecycleRules(policy: unknown): string[] {
  if (typeof policy !== 'string' || isExpression(policy)) return [`the lifecycle policy cannot be read statically (${show(policy)})`];
  let rules: unknown;
  try {
    rules = (JSON.parse(policy) as { rules?: unknown }).rules;
  } catch {
    return ['the lifecycle policy is not valid JSON'];
  }
  return listAt({ rules }, 'rules').flatMap((rule) => {
    const selection = isObj(rule) && isObj(rule.selection) ? rule.selection : {};
    const status = selection.tagStatus;
    if (status === 'untagged') return [];
    const patterns = strings(selection.tagPatternList).filter((p) => /[^*]/.test(p));
    if (status === 'tagged' && patterns.length > 0) return [];
    const name = `rule ${show(isObj(rule) ? rule.rulePriority : undefined)}${isObj(rule) && typeof rule.description === 'string' ? ` (${rule.description})` : ''}`;
    const what = status === 'tagged' ? 'selects tagged images without a tagPatternList' : `selects ${status === 'any' ? 'every image (tagStatus any)' : `tagStatus ${show(status)}`}`;
    return [`${name} ${what}: it can expire an image an environment runs`];
  });
}
