import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IAspect } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import { policyDocument } from './policy-document';

/** AWS-managed policies no role the platform creates may get: each one is IAM administration. */
export const ADMIN_POLICY_ARNS = ['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/IAMFullAccess'];

/** IAM users, groups, keys and passwords: long-lived credentials that nothing the platform runs may create. */
export const IAM_USER_ACTIONS = [
  'iam:CreateUser', 'iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile',
  'iam:AttachUserPolicy', 'iam:PutUserPolicy', 'iam:AddUserToGroup', 'iam:CreateGroup', 'iam:AttachGroupPolicy', 'iam:PutGroupPolicy',
];

/** ARN of the account's permissions boundary (`<org>-boundary`, created by the account's bootstrap stack). */
export function permissionsBoundaryArn(account: string, policyName: string): string {
  return `arn:aws:iam::${account}:policy/${policyName}`;
}

export interface PermissionsBoundaryProps {
  readonly account: string;
  /** Name of the policy, `<org>-boundary`. */
  readonly policyName: string;
  /** Roles nothing bounded may change: the CI roles (which create every other role). */
  readonly protectedRoleArns: readonly string[];
}

/**
 * The ceiling of every role the platform creates: anything except escalation. A bounded role cannot create IAM
 * users or keys, create or re-bound a role without this same boundary, drop a boundary, edit this policy, touch the
 * CI roles, or attach an administrator policy; so the deploy role (itself bounded) cannot create a role stronger than
 * the boundary, and neither can any role it creates.
 */
export class PermissionsBoundary extends Construct {
  readonly policy: IamPolicy;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: PermissionsBoundaryProps) {
    super(scope, id);
    const arn = permissionsBoundaryArn(props.account, props.policyName);
    const document = policyDocument([
      // The ceiling: everything but long-lived credentials (written as NotAction, so no statement allows "*").
      { sid: 'Ceiling', actions: [], notActions: IAM_USER_ACTIONS, resources: ['*'] },
      { sid: 'NoIamUsersOrKeys', effect: 'Deny', actions: IAM_USER_ACTIONS, resources: ['*'] },
      {
        sid: 'NoRolesWithoutThisBoundary',
        effect: 'Deny',
        actions: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
        resources: ['*'],
        conditions: [{ test: 'StringNotEquals', variable: 'iam:PermissionsBoundary', values: [arn] }],
      },
      { sid: 'NoBoundaryRemoval', effect: 'Deny', actions: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'], resources: ['*'] },
      {
        sid: 'NoBoundaryChanges',
        effect: 'Deny',
        actions: ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion'],
        resources: [arn],
      },
      // Nothing the platform deploys needs a managed policy of its own; inline policies stay capped by this boundary.
      { sid: 'NoNewManagedPolicies', effect: 'Deny', actions: ['iam:CreatePolicy', 'iam:CreatePolicyVersion'], resources: ['*'] },
      {
        sid: 'NoAdminPolicies',
        effect: 'Deny',
        actions: ['iam:AttachRolePolicy'],
        resources: ['*'],
        conditions: [{ test: 'ArnEquals', variable: 'iam:PolicyARN', values: ADMIN_POLICY_ARNS }],
      },
      { sid: 'NoCiRoleChanges', effect: 'Deny', actions: ['iam:*', 'sts:AssumeRole'], resources: [...props.protectedRoleArns] },
    ]);
    this.policy = new IamPolicy(this, 'Resource', {
      name: props.policyName,
      description: 'Ceiling of every role the platform creates: no IAM users or keys, no unbounded roles, no changes to the CI roles',
      policy: document.json,
    });
    this.arn = arn;
  }
}

/**
 * Gives every `aws_iam_role` of the scope that names no boundary the account's boundary: the one place that decides
 * it, so a role added later cannot forget it. Attach to each stack (cdktf ignores aspects on the app).
 */
export class PermissionsBoundaryAspect implements IAspect {
  constructor(private readonly boundaryArn: string) {}

  visit(node: IConstruct): void {
    if (node instanceof IamRole && node.permissionsBoundaryInput === undefined) node.permissionsBoundary = this.boundaryArn;
  }
}
