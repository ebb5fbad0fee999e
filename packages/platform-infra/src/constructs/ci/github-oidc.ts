import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

export interface CiRoleSpec {
  readonly roleName: string;
  /**
   * GitHub OIDC subjects allowed to assume the role, each exact (`repo:acme/api:ref:refs/heads/main`,
   * `repo:acme/platform:environment:prod`, `repo:acme/platform:pull_request`): they are matched with `StringEquals`,
   * so a `*` would only match itself.
   */
  readonly subjects: readonly string[];
  readonly statements: readonly PolicyStatement[];
  /** AWS-managed policies (the deploy role's broad rights, bounded by the statements' denies). */
  readonly managedPolicyArns?: readonly string[];
  /** @default 3600 */
  readonly maxSessionSeconds?: number;
  /**
   * ARN of the role's permissions boundary; passing the policy's attribute orders the role after the policy.
   * @default - the account's boundary, set by the stack (PermissionsBoundaryAspect)
   */
  readonly permissionsBoundary?: string;
}

export interface GithubOidcProps {
  readonly roles: Readonly<Record<string, CiRoleSpec>>;
}

/**
 * GitHub Actions' OIDC identity provider and the roles CI assumes with it: short-lived credentials for exactly the
 * listed repositories and refs, and no long-lived AWS keys anywhere.
 */
export class GithubOidc extends Construct {
  readonly provider: IamOpenidConnectProvider;
  readonly roles: Readonly<Record<string, IamRole>>;

  constructor(scope: Construct, id: string, props: GithubOidcProps) {
    super(scope, id);
    this.provider = new IamOpenidConnectProvider(this, 'provider', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: ['sts.amazonaws.com'],
    });
    const roles: Record<string, IamRole> = {};
    for (const [key, spec] of Object.entries(props.roles)) {
      if (spec.subjects.length === 0) throw new Error(`GithubOidc: role '${spec.roleName}': subjects is empty (name at least one exact subject)`);
      const wildcard = spec.subjects.find((sub) => /[*?]/.test(sub));
      if (wildcard) throw new Error(`GithubOidc: role '${spec.roleName}': subject '${wildcard}' has a wildcard (name exact repositories)`);
      const trust = policyDocument([
        {
          sid: 'GithubActions',
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [{ type: 'Federated', identifiers: [this.provider.arn] }],
          conditions: [
            { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:aud`, values: ['sts.amazonaws.com'] },
            { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:sub`, values: [...spec.subjects] },
          ],
        },
      ]);
      const role = new IamRole(this, `${key}-role`, {
        name: spec.roleName,
        assumeRolePolicy: trust.json,
        maxSessionDuration: spec.maxSessionSeconds ?? 3600,
        permissionsBoundary: spec.permissionsBoundary,
      });
      const permissions = policyDocument(spec.statements);
      new IamRolePolicy(this, `${key}-policy`, { role: role.id, name: 'least-privilege', policy: permissions.json });
      spec.managedPolicyArns?.forEach(
        (arn, i) => new IamRolePolicyAttachment(this, `${key}-managed-${i}`, { role: role.name, policyArn: arn }),
      );
      roles[key] = role;
    }
    this.roles = roles;
  }
}
