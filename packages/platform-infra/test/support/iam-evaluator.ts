import type { Synthesized, TfResource } from './synthesized';

/**
 * A small IAM evaluator over synthesized policies (service-resources-*.test.ts): wildcards as IAM matches them,
 * conditions of the operators these policies use, explicit deny wins, and a role's request needs both its identity
 * policy and its boundary. What a role may do is shown with it, not by reading statements one by one.
 */

export interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Principal?: any;
  Condition?: Record<string, Record<string, string[]>>;
}
export const statements = (json: string): Statement[] => (JSON.parse(json) as { Statement: Statement[] }).Statement;

export type Context = Readonly<Record<string, string>>;

const globToRegExp = (pattern: string, flags = '') =>
  new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, flags);
const matches = (patterns: readonly string[] | undefined, value: string, flags = '') => (patterns ?? []).some((p) => globToRegExp(p, flags).test(value));

function conditionHolds(condition: Statement['Condition'], context: Context): boolean {
  return Object.entries(condition ?? {}).every(([operator, byKey]) => Object.entries(byKey).every(([key, values]) => {
    const value = context[key];
    switch (operator) {
      case 'StringEquals': case 'ArnEquals': return value !== undefined && values.includes(value);
      case 'StringNotEquals': return value === undefined || !values.includes(value);
      case 'Null': return values.includes(value === undefined ? 'true' : 'false');
      case 'Bool': return value !== undefined && values.includes(value);
      default: throw new Error(`evaluator: condition operator ${operator} not implemented`);
    }
  }));
}

function applies(s: Statement, action: string, resource: string, context: Context): boolean {
  const actionMatches = s.NotAction ? !matches(s.NotAction, action, 'i') : matches(s.Action, action, 'i');
  const resourceMatches = s.NotResource ? !matches(s.NotResource, resource) : matches(s.Resource, resource);
  return actionMatches && resourceMatches && conditionHolds(s.Condition, context);
}

/** One policy's verdict: `deny` (explicit), `allow`, or `none` (implicitly denied). */
export function verdict(policy: readonly Statement[], action: string, resource: string, context: Context = {}): 'deny' | 'allow' | 'none' {
  const hits = policy.filter((s) => applies(s, action, resource, context));
  if (hits.some((s) => s.Effect === 'Deny')) return 'deny';
  return hits.some((s) => s.Effect === 'Allow') ? 'allow' : 'none';
}

/** A same-account request by a role: allowed only when its identity policy allows it and its boundary does too. */
export function allowed(
  identity: readonly Statement[], boundary: readonly Statement[], action: string, resource: string, context: Context = {},
): boolean {
  return verdict(identity, action, resource, context) === 'allow' && verdict(boundary, action, resource, context) === 'allow';
}

/** Roles of one synthesized output, by name, with their inline policy and their boundary. */
export function rolesOf(out: Synthesized) {
  /** Every resource of `type` in every stack, with its stack. */
  const everywhere = (type: string): TfResource[] => out.stacks.flatMap((s) => out.resources(s.name, type));
  const roleNamed = (name: string): TfResource => {
    const found = everywhere('aws_iam_role').filter((r) => r.body.name === name);
    if (found.length !== 1) throw new Error(`${found.length} roles named ${name}`);
    return found[0];
  };
  const inlinePolicy = (role: TfResource): Statement[] => {
    const policy = out.resources(role.stack, 'aws_iam_role_policy').find((p) => p.body.role === `\${aws_iam_role.${role.name}.id}`);
    return statements(policy!.body.policy);
  };
  /** The boundary a role names: a reference to a policy of its stack (`${aws_iam_policy.<name>.arn}`). */
  const boundaryOf = (role: TfResource): { name: string; statements: Statement[] } => {
    const ref = /^\$\{aws_iam_policy\.([^.]+)\.arn\}$/.exec(role.body.permissions_boundary)?.[1];
    const policy = out.resources(role.stack, 'aws_iam_policy').find((p) => p.name === ref);
    if (!policy) throw new Error(`${role.body.name}: boundary ${role.body.permissions_boundary} is not a policy of ${role.stack}`);
    return { name: policy.body.name, statements: statements(policy.body.policy) };
  };
  return { everywhere, roleNamed, inlinePolicy, boundaryOf };
}
