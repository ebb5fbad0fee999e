import { type PolicyStatement, readPolicy } from '../../../model/iam-policy';
import type { TerraformModel, TfResource } from '../../../model/terraform';
import { strings } from '../../../model/values';
import { ALWAYS, checkov, type RuleContext } from '../../../rule';
import { terraformRule } from '../../define';
import { companions, inlinePolicies, isSet } from '../terraform-helpers';

const GITHUB = 'token.actions.githubusercontent.com';
const ADMIN_POLICIES = ['AdministratorAccess', 'IAMFullAccess'];
/** IAM actions that only read: anything else can change who may do what. */
const IAM_READ = /^iam:(Get|List|Generate|Simulate)/;

/** Managed policy ARNs attached to a role: its attachments and `managed_policy_arns`. */
function attachedPolicies(c: RuleContext, role: TfResource): string[] {
  const attachments = companions(c, role, 'aws_iam_role_policy_attachment', 'role').map((a) => String(a.attrs.policy_arn ?? ''));
  return [...attachments, ...strings(role.attrs.managed_policy_arns)];
}

/** Allow statements of a role's inline policies (`aws_iam_role_policy` and `inline_policy` blocks). */
function inlineAllows(c: RuleContext, role: TfResource): { statements: PolicyStatement[]; unreadable: string[] } {
  const statements: PolicyStatement[] = [];
  const unreadable: string[] = [];
  for (const policy of inlinePolicies(c, role)) {
    const reading = readPolicy(c.terraform, role.stack, policy);
    if (reading.readable) statements.push(...reading.statements.filter((s) => s.effect === 'Allow'));
    else unreadable.push(reading.reason);
  }
  return { statements, unreadable };
}

const lastSegment = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** Web-identity statements that trust GitHub Actions (by condition key, provider URL or provider reference). */
function githubTrusts(terraform: TerraformModel, role: TfResource): PolicyStatement[] | undefined {
  const trust = readPolicy(terraform, role.stack, role.attrs.assume_role_policy);
  if (!trust.readable) return undefined;
  return trust.statements.filter((s) => {
    if (s.effect !== 'Allow' || !s.actions.some((a) => a === 'sts:AssumeRoleWithWebIdentity' || a === 'sts:*' || a === '*')) return false;
    const federated = (s.principals ?? []).filter((p) => p.type === 'Federated').flatMap((p) => p.identifiers);
    return s.conditions.some((x) => x.variable.startsWith(`${GITHUB}:`))
      || federated.some((f) => f.includes(GITHUB) || f.includes('aws_iam_openid_connect_provider.'));
  });
}

/** Rules on IAM roles as a whole: who may assume them, and how much they may grant themselves or others. */
export const IAM_ROLE_RULES = [
  terraformRule({
    id: 'PAVED-AWS-IAM-004',
    title: 'GitHub OIDC trusts name exact subjects (repository and environment or branch), never a wildcard',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_358')],
    resourceTypes: ['aws_iam_role'],
    rationale:
      'A `sub` of `repo:org/*`, `*:environment:*` or none lets every repository, branch or pull request of the '
      + 'organization (or of GitHub) assume the role.',
    fix: 'test token.actions.githubusercontent.com:sub with StringEquals against exact subjects such as '
      + 'repo:<owner>/<repo>:environment:<env> (Paved: ci.platformRepository, services[].ci.repository)',
    check: (r, c) => {
      const trusts = githubTrusts(c.terraform, r);
      if (!trusts) return undefined;
      return trusts.flatMap((s) => {
        const subs = s.conditions.filter((x) => x.variable === `${GITHUB}:sub`);
        if (subs.length === 0) return ['the GitHub OIDC trust has no token.actions.githubusercontent.com:sub condition'];
        return subs.flatMap((x) => [
          ...x.values.filter((v) => /[*?]/.test(v)).map((v) => `the subject '${v}' (${x.test}) has a wildcard`),
          ...(x.values.length === 0 ? ['the sub condition lists no subject'] : []),
        ]);
      });
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-IAM-005',
    title: 'No role is an administrator: no AdministratorAccess or IAMFullAccess, no "*", "*:*" or "iam:*" on every resource',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_274'), checkov('CKV_AWS_62'), checkov('CKV_AWS_63'), checkov('CKV_AWS_289')],
    resourceTypes: ['aws_iam_role'],
    rationale: 'Whoever can assume an administrator role owns the account, and can hide it (new users, keys, roles).',
    fix: 'attach only the policies the role needs and list its actions (the deploy role: PowerUserAccess plus bounded IAM actions)',
    check: (r, c) => {
      const admin = attachedPolicies(c, r).filter((arn) => ADMIN_POLICIES.includes(lastSegment(arn)) && arn.includes(':aws:policy/'));
      const { statements } = inlineAllows(c, r);
      const wildcards = statements.filter(
        (s) => s.resources.includes('*') && s.actions.some((a) => a === '*' || a === '*:*' || a === 'iam:*'),
      );
      return [
        ...admin.map((arn) => `${lastSegment(arn)} is attached`),
        ...wildcards.map((s) => `an inline policy allows ${s.actions.filter((a) => a.endsWith('*')).join(', ')} on every resource`),
      ];
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-IAM-006',
    title: 'Roles with PowerUserAccess or IAM write actions carry a permissions boundary',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_286')],
    resourceTypes: ['aws_iam_role'],
    rationale:
      'A role that can create roles, attach policies or pass roles can make itself an administrator unless a '
      + 'permissions boundary caps every role it creates (and itself).',
    fix: 'set permissions_boundary to the account boundary (Paved: <org>-boundary, set on every role by the stack)',
    check: (r, c) => {
      if (isSet(r.attrs.permissions_boundary)) return undefined;
      const powerUser = attachedPolicies(c, r).filter((arn) => ['PowerUserAccess', ...ADMIN_POLICIES].includes(lastSegment(arn)));
      const { statements, unreadable } = inlineAllows(c, r);
      const writes = [...new Set(statements.flatMap((s) => s.actions).filter((a) => a === '*' || a === '*:*' || (a.startsWith('iam:') && !IAM_READ.test(a))))];
      const reasons = [...powerUser.map(lastSegment), ...writes];
      if (reasons.length === 0) return unreadable.length > 0 ? `an inline policy cannot be read statically (${unreadable[0]}) and the role has no boundary` : undefined;
      return `the role has ${reasons.join(', ')} and no permissions_boundary`;
    },
  }),
];
