import type { Profile } from '@paved/shared-config';
import type { ManifestDocument, ManifestModel } from './model/manifests';
import type { TerraformModel, TfResource } from './model/terraform';

/** How a finding counts: errors fail `paved check` and `paved synth`; warnings are reported only. */
export type Severity = 'error' | 'warning';
/** `off`: the rule does not apply to resources of that profile (for example a production-only availability rule). */
export type Level = Severity | 'off';

/** Severity per profile: production is strict; development may relax what its preset turns off on purpose. */
export interface SeverityByProfile {
  readonly production: Level;
  readonly development: Level;
}

/** Error everywhere. */
export const ALWAYS: SeverityByProfile = { production: 'error', development: 'error' };
/** Error in production; a warning in development, whose preset turns the setting off on purpose (cost). */
export const DEV_WARNING: SeverityByProfile = { production: 'error', development: 'warning' };
/** Error in production; not checked in development (the rule is about production availability). */
export const PROD_ONLY: SeverityByProfile = { production: 'error', development: 'off' };

export type PublicTool = 'checkov' | 'kube-linter' | 'polaris' | 'kube-score';

/** A check of a public scanner that a rule mirrors, so findings map to tools security teams know. */
export interface PublicCheck {
  readonly tool: PublicTool;
  readonly id: string;
}

/** What a predicate returns: nothing when the subject passes, otherwise what is wrong (one entry per problem). */
export type Violations = string | readonly string[] | undefined;

/** What a predicate can look at besides its subject. */
export interface RuleContext {
  /** Profile of the environment the subject belongs to (production for platform-wide stacks). */
  readonly profile: Profile;
  /** Environment of the subject; undefined for platform-wide stacks. */
  readonly environment?: string;
  readonly terraform: TerraformModel;
  readonly manifests: ManifestModel;
}

interface RuleBase {
  /** Stable id, `PAVED-<AREA>-<TOPIC>-NNN`. Waivers and SARIF results refer to it: never renumber. */
  readonly id: string;
  /** What a passing resource looks like, in a few words ("RDS deletion protection is on"). */
  readonly title: string;
  readonly severity: SeverityByProfile;
  /** Public checks this rule mirrors; empty when no public scanner has one. */
  readonly mirrors: readonly PublicCheck[];
  /** How to fix a finding: the Paved config setting first where one exists, then the raw attribute. */
  readonly fix: string;
  /** Why the rule exists (one or two sentences, shown in SARIF and the README). */
  readonly rationale: string;
}

/** A rule over the resources of the synthesized Terraform JSON. */
export interface TerraformRule extends RuleBase {
  readonly target: 'terraform';
  /** Managed resource types the predicate inspects. */
  readonly resourceTypes: readonly string[];
  check(resource: TfResource, context: RuleContext): Violations;
}

/** A rule over the rendered Kubernetes (and ArgoCD) objects. */
export interface ManifestRule extends RuleBase {
  readonly target: 'manifest';
  /** Kinds the predicate inspects. */
  readonly kinds: readonly string[];
  check(document: ManifestDocument, context: RuleContext): Violations;
}

export type Rule = TerraformRule | ManifestRule;

/** The family a rule belongs to, from its id: AWS (Terraform), Kubernetes, or ArgoCD. */
export function ruleDomain(rule: Pick<Rule, 'id'>): 'aws' | 'kubernetes' | 'argocd' {
  if (rule.id.startsWith('PAVED-AWS-')) return 'aws';
  if (rule.id.startsWith('PAVED-ARGO-')) return 'argocd';
  return 'kubernetes';
}

export const checkov = (id: string): PublicCheck => ({ tool: 'checkov', id });
export const kubeLinter = (id: string): PublicCheck => ({ tool: 'kube-linter', id });
export const polaris = (id: string): PublicCheck => ({ tool: 'polaris', id });
export const kubeScore = (id: string): PublicCheck => ({ tool: 'kube-score', id });

const POLARIS_CATEGORY: Readonly<Record<string, string>> = {
  readinessProbeMissing: 'reliability',
  livenessProbeMissing: 'reliability',
  tagNotSpecified: 'reliability',
  pullPolicyNotAlways: 'reliability',
  deploymentMissingReplicas: 'reliability',
  missingPodDisruptionBudget: 'reliability',
  pdbDisruptionsIsZero: 'reliability',
  topologySpreadConstraint: 'reliability',
  metadataAndNameMismatched: 'reliability',
  hpaMaxAvailability: 'reliability',
  hpaMinAvailability: 'reliability',
  cpuRequestsMissing: 'efficiency',
  cpuLimitsMissing: 'efficiency',
  memoryRequestsMissing: 'efficiency',
  memoryLimitsMissing: 'efficiency',
};

/** Documentation page of a public check. */
export function helpUri(check: PublicCheck): string {
  switch (check.tool) {
    case 'checkov':
      return 'https://www.checkov.io/5.Policy%20Index/terraform.html';
    case 'kube-linter':
      return `https://docs.kubelinter.io/#/generated/checks?id=${check.id}`;
    case 'polaris':
      return `https://polaris.docs.fairwinds.com/checks/${POLARIS_CATEGORY[check.id] ?? 'security'}/`;
    case 'kube-score':
      return 'https://github.com/zegl/kube-score/blob/master/README_CHECKS.md';
  }
}

/** `CKV_AWS_16`, `kl latest-tag`, `pol tagNotSpecified`, `ks container-image-tag`. */
export function formatMirror(check: PublicCheck): string {
  const prefix = { 'checkov': '', 'kube-linter': 'kl ', 'polaris': 'pol ', 'kube-score': 'ks ' }[check.tool];
  return `${prefix}${check.id}`;
}
