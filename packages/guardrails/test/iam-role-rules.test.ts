import { ALL_RULES, runChecks, type CheckInput } from '../src';

/**
 * The IAM role rules (issue 13) on hand-made roles: each red-team edit fires its rule, the shape Paved writes passes.
 */
const GITHUB = 'token.actions.githubusercontent.com';
const PROVIDER = '${aws_iam_openid_connect_provider.github.arn}';
const BOUNDARY = 'arn:aws:iam::111111111111:policy/acme-boundary';

function trust(condition: Record<string, Record<string, string | string[]>> | undefined): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', ...(condition ? { Condition: condition } : {}) }],
  });
}
const exact = trust({ StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: ['repo:acme/platform:environment:prod'] } });

interface RoleSpec {
  readonly assume?: string;
  readonly boundary?: string;
  readonly managed?: readonly string[];
  readonly inline?: readonly { Action: string | string[]; Resource: string | string[] }[];
}

function input(role: RoleSpec): CheckInput {
  const resource: Record<string, Record<string, unknown>> = {
    aws_iam_role: { ci: { name: 'acme-ci-deploy', assume_role_policy: role.assume ?? exact, ...(role.boundary ? { permissions_boundary: role.boundary } : {}) } },
  };
  if (role.managed) {
    resource.aws_iam_role_policy_attachment = Object.fromEntries(role.managed.map((arn, i) => [`m${i}`, { role: '${aws_iam_role.ci.name}', policy_arn: arn }]));
  }
  if (role.inline) {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: role.inline.map((s) => ({ Effect: 'Allow', ...s })) });
    resource.aws_iam_role_policy = { p: { role: '${aws_iam_role.ci.id}', policy } };
  }
  return {
    environments: [{ name: 'prod', profile: 'production' }],
    stacks: [{ name: 'bootstrap', file: 'terraform/stacks/bootstrap/cdk.tf.json', json: { resource } }],
    documents: [],
  };
}

const findings = (id: string, role: RoleSpec) =>
  runChecks(input(role), { rules: ALL_RULES.filter((r) => r.id === id), today: '2026-12-03' }).findings.map((f) => f.problem);

describe('PAVED-AWS-IAM-004: exact GitHub subjects', () => {
  test('an exact subject with StringEquals passes', () => {
    expect(findings('PAVED-AWS-IAM-004', {})).toEqual([]);
  });
  test.each([
    ['a wildcard repository', { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB}:sub`]: 'repo:acme/*:environment:*' } }, /repo:acme\/\*:environment:\*.*wildcard/],
    ['a sub of "*"', { StringLike: { [`${GITHUB}:sub`]: '*', [`${GITHUB}:aud`]: 'sts.amazonaws.com' } }, /'\*'.*wildcard/],
    ['a "?" in the subject', { StringLike: { [`${GITHUB}:sub`]: ['repo:acme/ap?:ref:refs/heads/main'] } }, /wildcard/],
    ['no sub condition', { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' } }, /no token\.actions\.githubusercontent\.com:sub condition/],
  ])('%s fails', (_name, condition, message) => {
    expect(findings('PAVED-AWS-IAM-004', { assume: trust(condition) })).toEqual([expect.stringMatching(message)]);
  });
  test('a trust of the GitHub provider with no condition at all fails', () => {
    expect(findings('PAVED-AWS-IAM-004', { assume: trust(undefined) })).toEqual([expect.stringMatching(/no .*:sub condition/)]);
  });
});

describe('PAVED-AWS-IAM-005: no administrator roles', () => {
  test('PowerUserAccess and scoped IAM actions pass', () => {
    expect(findings('PAVED-AWS-IAM-005', {
      managed: ['arn:aws:iam::aws:policy/PowerUserAccess'],
      inline: [{ Action: ['iam:CreateRole'], Resource: 'arn:aws:iam::111111111111:role/acme-*' }],
    })).toEqual([]);
  });
  test.each([
    ['AdministratorAccess', { managed: ['arn:aws:iam::aws:policy/AdministratorAccess'] }, /AdministratorAccess is attached/],
    ['IAMFullAccess', { managed: ['arn:aws:iam::aws:policy/IAMFullAccess'] }, /IAMFullAccess is attached/],
    ['iam:* on *', { inline: [{ Action: 'iam:*', Resource: '*' }] }, /allows iam:\* on every resource/],
    ['*:* on *', { inline: [{ Action: '*:*', Resource: '*' }] }, /allows \*:\* on every resource/],
    ['* on *', { inline: [{ Action: ['s3:GetObject', '*'], Resource: ['*'] }] }, /allows \* on every resource/],
  ])('%s fails', (_name, role, message) => {
    expect(findings('PAVED-AWS-IAM-005', role as RoleSpec)).toEqual([expect.stringMatching(message)]);
  });
});

describe('PAVED-AWS-IAM-006: a boundary on roles that can change IAM', () => {
  test('PowerUserAccess with a boundary passes; a read-only role needs none', () => {
    expect(findings('PAVED-AWS-IAM-006', { managed: ['arn:aws:iam::aws:policy/PowerUserAccess'], boundary: BOUNDARY })).toEqual([]);
    expect(findings('PAVED-AWS-IAM-006', { managed: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], inline: [{ Action: ['iam:GetRole', 'iam:ListRoles'], Resource: '*' }] })).toEqual([]);
  });
  test.each([
    ['PowerUserAccess', { managed: ['arn:aws:iam::aws:policy/PowerUserAccess'] }, /PowerUserAccess and no permissions_boundary/],
    ['iam:PassRole and iam:CreateRole', { inline: [{ Action: ['iam:PassRole', 'iam:CreateRole', 'iam:GetRole'], Resource: 'arn:aws:iam::111111111111:role/acme-*' }] }, /iam:PassRole, iam:CreateRole and no/],
    ['iam:*Role*', { inline: [{ Action: 'iam:*Role*', Resource: 'arn:aws:iam::111111111111:role/acme-*' }] }, /iam:\*Role\*/],
  ])('%s without a boundary fails', (_name, role, message) => {
    expect(findings('PAVED-AWS-IAM-006', role as RoleSpec)).toEqual([expect.stringMatching(message)]);
  });
});
