import { ACCESS_LEVEL_TAG } from '@paved/shared-config';
import { strAt } from '../../../model/values';
import { ALWAYS } from '../../../rule';
import { terraformRule } from '../../define';

/**
 * Cluster-wide EKS access policies by the power they give, and the strongest one each access level of the config may
 * hold. AmazonEKSAdminPolicy scoped to namespaces is an `edit`-level grant.
 */
const POLICY_RANK: Record<string, number> = {
  AmazonEKSViewPolicy: 1,
  AmazonEKSEditPolicy: 2,
  AmazonEKSAdminPolicy: 3,
  AmazonEKSClusterAdminPolicy: 4,
};
const LEVEL_RANK: Record<string, number> = { view: 1, edit: 2, admin: 4 };

export const EKS_ACCESS_RULES = [
  terraformRule({
    id: 'PAVED-AWS-EKS-006',
    title: 'No principal holds more cluster access than the config grants it',
    severity: ALWAYS,
    mirrors: [],
    resourceTypes: ['aws_eks_access_policy_association'],
    rationale:
      'A cluster admin reads every Secret of every namespace. Paved tags every access entry with the level the config '
      + `grants (${ACCESS_LEVEL_TAG}: admin, edit or view; the deployer is admin); an access policy stronger than that `
      + 'level (a view role promoted to AmazonEKSClusterAdminPolicy), or an admin policy on an entry without the tag, '
      + 'is a grant nobody configured.',
    fix: 'grant the level in access.roles of the config (admin, edit or view) and re-synthesize instead of editing the policy',
    check: (r, c) => {
      const policyArn = String(r.attrs.policy_arn ?? '');
      const policy = policyArn.slice(policyArn.lastIndexOf('/') + 1);
      let rank = POLICY_RANK[policy];
      if (rank === undefined) return undefined;
      if (policy === 'AmazonEKSAdminPolicy' && strAt(r.attrs, 'access_scope.type') === 'namespace') rank = LEVEL_RANK.edit;
      const entry = c.terraform.resolve(r.stack, r.attrs.principal_arn).find((x) => x.type === 'aws_eks_access_entry');
      const tags = (entry?.attrs.tags ?? {}) as Record<string, unknown>;
      const level = typeof tags[ACCESS_LEVEL_TAG] === 'string' ? String(tags[ACCESS_LEVEL_TAG]) : undefined;
      // An entry Paved did not write has no level: it may hold view access at most.
      const allowed = LEVEL_RANK[level ?? 'view'] ?? LEVEL_RANK.view;
      if (rank <= allowed) return undefined;
      const principal = String(entry?.attrs.principal_arn ?? r.attrs.principal_arn ?? '');
      return `${policy} is granted to ${principal}, whose configured access level is ${level ?? 'unset (no ' + ACCESS_LEVEL_TAG + ' tag)'}`;
    },
  }),
];
