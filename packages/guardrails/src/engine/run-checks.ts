import type { Profile, WaiverConfig } from '@paved/shared-config';
import type { CheckInput } from './check-input';
import { isExpired, waiverMatches, type WaiverOutcome } from './waivers';
import { ManifestModel, type ManifestProblem } from '../model/manifests';
import { TerraformModel } from '../model/terraform';
import { formatMirror, type Level, type ManifestRule, type Rule, ruleDomain, type RuleContext, type Severity, type TerraformRule, type Violations } from '../rule';

/** One problem of one resource or document. */
export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  /** `<stack>:<type>.<name>` or `gitops/<env>/<file>#<kind>/<namespace>/<name>`. */
  readonly address: string;
  /** File relative to the output root. */
  readonly file: string;
  /** 1-based line of the resource or document in `file`, when known. */
  readonly line?: number;
  readonly environment?: string;
  readonly profile: Profile;
  /** What is wrong. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
  /** Public checks the rule mirrors (`CKV_AWS_293`, `kl latest-tag`). */
  readonly mirrors: readonly string[];
  /** The waiver that accepts this finding; a waived finding neither fails nor warns. */
  readonly waiver?: WaiverConfig;
}

export interface CheckSummary {
  /** Rules that ran (enabled for at least one profile of the checked environments). */
  readonly rules: number;
  readonly awsRules: number;
  readonly kubernetesRules: number;
  readonly stacks: number;
  /** Managed Terraform resources (data sources are looked at but not counted). */
  readonly resources: number;
  readonly documents: number;
  readonly manifestFiles: number;
  /** Rule × resource (or document) pairs evaluated. */
  readonly evaluations: number;
  readonly errors: number;
  readonly warnings: number;
  readonly waived: number;
}

export interface CheckReport {
  readonly summary: CheckSummary;
  /** Every finding, waived ones included, sorted by severity, rule id, address. */
  readonly findings: readonly Finding[];
  /** Every waiver of the config, in config order, with what became of it. */
  readonly waivers: readonly WaiverOutcome[];
  /** Output files that could not be read. */
  readonly problems: readonly ManifestProblem[];
  /** False when any unwaived error, expired or unknown waiver, or unreadable file remains. */
  readonly ok: boolean;
  /** Date the waivers were judged against. */
  readonly today: string;
}

export interface RunChecksOptions {
  readonly rules: readonly Rule[];
  /** @default - none */
  readonly waivers?: readonly WaiverConfig[];
  /** `YYYY-MM-DD`; waivers whose `expires` is before it are expired. Injected so tests control the clock. */
  readonly today: string;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 };

function violationsOf(result: Violations): readonly string[] {
  if (result === undefined) return [];
  return typeof result === 'string' ? [result] : result;
}

/** Runs every rule over every resource and document of `input` and applies the waivers. Pure: same input, same report. */
export function runChecks(input: CheckInput, options: RunChecksOptions): CheckReport {
  const terraform = new TerraformModel(input.stacks);
  const manifests = new ManifestModel(input.documents);
  const profiles = new Map(input.environments.map((e) => [e.name, e.profile] as const));
  const profileOf = (environment?: string): Profile => (environment && profiles.get(environment)) || 'production';
  const presentProfiles = new Set<Profile>([
    ...input.stacks.map((s) => profileOf(s.environment)),
    ...input.documents.map((d) => profileOf(d.environment)),
  ]);
  const enabled = options.rules.filter((r) => [...presentProfiles].some((p) => r.severity[p] !== 'off'));

  const tfRules = new Map<string, TerraformRule[]>();
  const k8sRules = new Map<string, ManifestRule[]>();
  for (const rule of enabled) {
    if (rule.target === 'terraform') for (const t of rule.resourceTypes) push(tfRules, t, rule);
    else for (const k of rule.kinds) push(k8sRules, k, rule);
  }

  const raw: Omit<Finding, 'waiver'>[] = [];
  let evaluations = 0;
  type Subject = { address: string; file: string; line?: number; environment?: string; profile: Profile };
  const emit = (rule: Rule, level: Level, result: Violations, subject: Subject) => {
    for (const problem of violationsOf(result)) {
      raw.push({
        ruleId: rule.id,
        title: rule.title,
        severity: level as Severity,
        address: subject.address,
        file: subject.file,
        line: subject.line,
        environment: subject.environment,
        profile: subject.profile,
        problem,
        fix: rule.fix,
        mirrors: rule.mirrors.map(formatMirror),
      });
    }
  };

  const stackEnv = new Map(input.stacks.map((s) => [s.name, s] as const));
  for (const resource of terraform.resources) {
    if (resource.mode !== 'managed') continue;
    const rules = tfRules.get(resource.type);
    if (!rules) continue;
    const stack = stackEnv.get(resource.stack)!;
    const profile = profileOf(stack.environment);
    const context: RuleContext = { profile, environment: stack.environment, terraform, manifests };
    for (const rule of rules) {
      const level = rule.severity[profile];
      if (level === 'off') continue;
      evaluations++;
      const result = rule.check(resource, context);
      if (result === undefined || result.length === 0) continue;
      const line = terraform.lineOf(resource);
      emit(rule, level, result, { address: resource.address, file: stack.file, line, environment: stack.environment, profile });
    }
  }
  for (const doc of input.documents) {
    const rules = k8sRules.get(doc.kind);
    if (!rules) continue;
    const profile = profileOf(doc.environment);
    const context: RuleContext = { profile, environment: doc.environment, terraform, manifests };
    for (const rule of rules) {
      const level = rule.severity[profile];
      if (level === 'off') continue;
      evaluations++;
      const result = rule.check(doc, context);
      if (result === undefined || result.length === 0) continue;
      emit(rule, level, result, { address: doc.address, file: doc.file, line: doc.line, environment: doc.environment, profile });
    }
  }

  const waivers = options.waivers ?? [];
  const known = new Set(options.rules.map((r) => r.id));
  const matched = waivers.map(() => [] as string[]);
  const findings: Finding[] = raw.map((finding) => {
    let waiver: WaiverConfig | undefined;
    waivers.forEach((w, i) => {
      if (!waiverMatches(w, finding.ruleId, finding.address)) return;
      matched[i].push(finding.address);
      if (!waiver && !isExpired(w, options.today)) waiver = w;
    });
    return waiver ? { ...finding, waiver } : finding;
  });
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.address, b.address) ||
      compare(a.problem, b.problem),
  );
  const outcomes: WaiverOutcome[] = waivers.map((waiver, i) => ({
    waiver,
    state: !known.has(waiver.rule) ? 'unknown-rule' : isExpired(waiver, options.today) ? 'expired' : matched[i].length > 0 ? 'applied' : 'unused',
    addresses: [...new Set(matched[i])].sort(compare),
  }));

  const active = findings.filter((f) => !f.waiver);
  const errors = active.filter((f) => f.severity === 'error').length;
  const badWaivers = outcomes.filter((o) => o.state === 'expired' || o.state === 'unknown-rule').length;
  const problems = [...(input.problems ?? [])].sort((a, b) => compare(a.file, b.file) || a.line - b.line);
  return {
    summary: {
      rules: enabled.length,
      awsRules: enabled.filter((r) => ruleDomain(r) === 'aws').length,
      kubernetesRules: enabled.filter((r) => ruleDomain(r) !== 'aws').length,
      stacks: input.stacks.length,
      resources: terraform.resources.filter((r) => r.mode === 'managed').length,
      documents: input.documents.length,
      manifestFiles: input.manifestFiles ?? new Set(input.documents.map((d) => d.file)).size,
      evaluations,
      errors,
      warnings: active.length - errors,
      waived: findings.length - active.length,
    },
    findings,
    waivers: outcomes,
    problems,
    ok: errors === 0 && badWaivers === 0 && problems.length === 0,
    today: options.today,
  };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
