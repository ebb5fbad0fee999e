import type { TerraformModel, TfResource } from './terraform';
import { blocks, isObj, type Obj, strings } from './values';

export interface PolicyPrincipal {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for `"Principal": "*"`. */
  readonly type: string;
  readonly identifiers: readonly string[];
}

export interface PolicyCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

/** One statement, normalized from a JSON policy or an `aws_iam_policy_document` data source. */
export interface PolicyStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** Undefined for identity policies, which have no principal. */
  readonly principals?: readonly PolicyPrincipal[];
  readonly conditions: readonly PolicyCondition[];
}

export type PolicyReading =
  | { readonly readable: true; readonly statements: readonly PolicyStatement[] }
  | { readonly readable: false; readonly reason: string };

/**
 * Reads a policy attribute statically: a JSON string, or a reference to an `aws_iam_policy_document` data source
 * (with its source and override documents). Anything else (a `jsonencode(...)` expression, a variable) is unreadable.
 */
export function readPolicy(terraform: TerraformModel, stack: string, value: unknown, depth = 0): PolicyReading {
  if (value === undefined || value === null || value === '') return { readable: true, statements: [] };
  if (typeof value !== 'string') return { readable: false, reason: 'the policy is not a string' };
  const trimmed = value.trim();
  const whole = /^\$\{(data\.aws_iam_policy_document\.[A-Za-z0-9_-]+)\.(json|minified_json)\}$/.exec(trimmed);
  if (whole) {
    const doc = terraform.get(stack, whole[1]);
    if (!doc) return { readable: false, reason: `${whole[1]} is not in stack ${stack}` };
    return readPolicyDocument(terraform, doc, depth);
  }
  // JSON with references inside its strings (`"Resource": ["${aws_s3_bucket.b.arn}/*"]`) reads as JSON; a whole
  // expression (`${jsonencode(...)}`) does not.
  if (trimmed.includes('${') && !trimmed.startsWith('{')) {
    return { readable: false, reason: `the policy is an expression (${trimmed.slice(0, 40)}...)` };
  }
  try {
    return { readable: true, statements: statementsOfJson(JSON.parse(trimmed)) };
  } catch (e) {
    return { readable: false, reason: `the policy is not valid JSON (${(e as Error).message})` };
  }
}

function readPolicyDocument(terraform: TerraformModel, doc: TfResource, depth: number): PolicyReading {
  if (depth > 5) return { readable: false, reason: 'policy documents nest too deeply' };
  const statements: PolicyStatement[] = [];
  for (const source of [...strings(doc.attrs.source_policy_documents), ...strings(doc.attrs.override_policy_documents)]) {
    const nested = readPolicy(terraform, doc.stack, source, depth + 1);
    if (!nested.readable) return nested;
    statements.push(...nested.statements);
  }
  for (const s of blocks(doc.attrs, 'statement')) {
    statements.push({
      effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
      actions: strings(s.actions),
      notActions: strings(s.not_actions),
      resources: strings(s.resources),
      notResources: strings(s.not_resources),
      principals: principalsOfBlocks(s.principals),
      conditions: blocks(s, 'condition').map((c) => ({ test: String(c.test ?? ''), variable: String(c.variable ?? ''), values: strings(c.values) })),
    });
  }
  return { readable: true, statements };
}

function principalsOfBlocks(value: unknown): PolicyPrincipal[] | undefined {
  const list = blocks({ value }, 'value');
  if (list.length === 0) return undefined;
  return list.map((p) => ({ type: String(p.type ?? ''), identifiers: strings(p.identifiers) }));
}

function statementsOfJson(policy: unknown): PolicyStatement[] {
  if (!isObj(policy)) throw new Error('not an object');
  const raw = policy.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter(isObj).map((s) => ({
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: strings(s.Action),
    notActions: strings(s.NotAction),
    resources: strings(s.Resource),
    notResources: strings(s.NotResource),
    principals: principalsOfJson(s.Principal),
    conditions: conditionsOfJson(s.Condition),
  }));
}

function principalsOfJson(value: unknown): PolicyPrincipal[] | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return [{ type: '*', identifiers: ['*'] }];
  if (!isObj(value)) return [];
  return Object.entries(value).map(([type, ids]) => ({ type, identifiers: strings(ids) }));
}

function conditionsOfJson(value: unknown): PolicyCondition[] {
  if (!isObj(value)) return [];
  const out: PolicyCondition[] = [];
  for (const [test, vars] of Object.entries(value)) {
    if (!isObj(vars)) continue;
    for (const [variable, values] of Object.entries(vars as Obj)) out.push({ test, variable, values: strings(values).concat(typeof values === 'boolean' ? [String(values)] : []) });
  }
  return out;
}

/** True when a principal list lets anyone in: `*`, or an `AWS`/`Service`/`Federated` identifier of `*`. */
export function isPublicPrincipal(principals: readonly PolicyPrincipal[] | undefined): boolean {
  return (principals ?? []).some((p) => p.type === '*' || p.identifiers.includes('*'));
}

/** Condition keys that pin a wildcard principal to the account or organization, making it non-public. */
const SCOPING_CONDITION_KEYS = ['aws:sourceaccount', 'aws:sourcearn', 'aws:principalaccount', 'aws:principalorgid', 'aws:sourceorgid', 'aws:principalarn', 'kms:calleraccount', 'aws:sourcevpc', 'aws:sourcevpce'];

export function hasScopingCondition(statement: PolicyStatement): boolean {
  return statement.conditions.some((c) => SCOPING_CONDITION_KEYS.includes(c.variable.toLowerCase()));
}
