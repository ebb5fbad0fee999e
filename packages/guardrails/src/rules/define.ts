import type { ManifestRule, TerraformRule } from '../rule';

/** Declares a rule over Terraform resources (the object literal stays plain data plus one predicate). */
export function terraformRule(rule: Omit<TerraformRule, 'target'>): TerraformRule {
  return { target: 'terraform', ...rule };
}

/** Declares a rule over rendered Kubernetes objects. */
export function manifestRule(rule: Omit<ManifestRule, 'target'>): ManifestRule {
  return { target: 'manifest', ...rule };
}
