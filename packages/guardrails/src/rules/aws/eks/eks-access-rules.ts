import { strAt } from '../../../model/values';
import { ALWAYS } from '../../../rule';
import { terraformRule } from '../../define';

/** Access policies that make a principal administrator of the whole cluster. */
const ADMIN_POLICIES = ['AmazonEKSClusterAdminPolicy', 'AmazonEKSAdminPolicy'];

export const EKS_ACCESS_RULES = [
  terraformRule({
    id: 'PAVED-AWS-EKS-006',
    title: 'Only the deployer and admin roles are cluster administrators',
    severity: ALWAYS,
    mirrors: [],
    resourceTypes: ['aws_eks_access_policy_association'],
    rationale:
      'A cluster admin reads every Secret of every namespace. The Terraform does not record the access level a role has '
      + 'in the config, so the rule judges by what it can see: the deployer\'s own entry (construct id deployer-access) '
      + 'and roles whose name says admin (AWSReservedSSO_PlatformAdmin_...) may hold an admin policy; any other role '
      + '(a Developer role configured as view) may not.',
    fix: 'grant access: \'view\' or \'edit\' in access.roles (AmazonEKSViewPolicy / AmazonEKSEditPolicy), or use a role whose name says admin',
    check: (r, c) => {
      const policy = String(r.attrs.policy_arn ?? '');
      const admin = ADMIN_POLICIES.find((p) => policy.endsWith(`/${p}`));
      if (!admin) return undefined;
      if (admin === 'AmazonEKSAdminPolicy' && strAt(r.attrs, 'access_scope.type') === 'namespace') return undefined;
      const path = strAt(r.attrs, '//.metadata.path') ?? '';
      if (/\/deployer-access\//.test(path)) return undefined;
      const entry = c.terraform.resolve(r.stack, r.attrs.principal_arn).find((x) => x.type === 'aws_eks_access_entry');
      const principal = String(entry?.attrs.principal_arn ?? r.attrs.principal_arn ?? '');
      const role = principal.includes('${') ? undefined : principal.slice(principal.lastIndexOf('/') + 1);
      if (role && /admin/i.test(role)) return undefined;
      return `${admin} is granted to ${role ?? principal}, which is neither the deployer nor an admin role`;
    },
  }),
];
