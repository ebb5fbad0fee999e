import { hasScopingCondition, isPublicPrincipal, readPolicy } from '../../../model/iam-policy';
import { ALWAYS, checkov } from '../../../rule';
import { terraformRule } from '../../define';

export const KMS_POLICY_RULES = [
  terraformRule({
    id: 'PAVED-AWS-KMS-002',
    title: 'KMS key policies admit no "*" principal without an account condition',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_33')],
    resourceTypes: ['aws_kms_key', 'aws_kms_key_policy'],
    rationale:
      'A key policy is the only gate of a KMS key: "Principal": "*" lets any AWS account decrypt the state, the '
      + 'secrets or the backups it protects. Paved names its own account root and service principals.',
    fix: 'name the account root or the roles that use the key, or add an aws:PrincipalAccount / kms:CallerAccount condition',
    check: (r, c) => {
      const policy = readPolicy(c.terraform, r.stack, r.attrs.policy);
      if (!policy.readable) return `the key policy cannot be read statically (${policy.reason})`;
      return policy.statements
        .filter((s) => s.effect === 'Allow' && isPublicPrincipal(s.principals) && !hasScopingCondition(s))
        .map((s) => `a statement allows ${s.actions.join(', ') || 'NotAction'} to every principal ("*") without an account condition`);
    },
  }),
];
