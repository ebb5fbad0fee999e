import { hasScopingCondition, isPublicPrincipal, readPolicy } from '../../../model/iam-policy';
import { ALWAYS, checkov } from '../../../rule';
import { terraformRule } from '../../define';

export const S3_PUBLIC_POLICY_RULES = [
  terraformRule({
    id: 'PAVED-AWS-S3-012',
    title: 'Bucket and registry policies allow nothing to everyone',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_70'), checkov('CKV_AWS_32')],
    resourceTypes: ['aws_s3_bucket_policy', 'aws_ecr_repository_policy'],
    rationale:
      'An Allow for "Principal": "*" publishes the state files, backups, logs or images behind it (the public access '
      + 'block stops it only when block_public_policy is on). Paved\'s policies only Deny to "*" (TLS-only) and Allow named roles.',
    fix: 'name the roles or services that need access, or add an aws:PrincipalAccount / aws:SourceArn condition',
    check: (r, c) => {
      const policy = readPolicy(c.terraform, r.stack, r.attrs.policy);
      if (!policy.readable) return `the policy cannot be read statically (${policy.reason})`;
      return policy.statements
        .filter((s) => s.effect === 'Allow' && isPublicPrincipal(s.principals) && !hasScopingCondition(s))
        .map((s) => `a statement allows ${s.actions.join(', ') || 'NotAction'} to every principal ("*")`);
    },
  }),
];
