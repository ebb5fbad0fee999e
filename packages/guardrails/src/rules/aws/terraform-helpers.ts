import type { TfResource } from '../../model/terraform';
import { blocks, bool, isExpression, isObj, type Obj, show } from '../../model/values';
import type { RuleContext } from '../../rule';

/** `attr` must be literally true; the violation says what it is instead. */
export function requireTrue(resource: TfResource, attr: string): string | undefined {
  const value = resource.attrs[attr];
  if (bool(value) === true) return undefined;
  return isExpression(value) ? `${attr} is an expression (${show(value)}), not literally true` : `${attr} is ${show(value)}`;
}

/** A non-empty literal or reference (a key id, an ARN, a name). */
export function isSet(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() !== '') || (Array.isArray(value) && value.length > 0) || isObj(value);
}

/** Resources of `type` in the same stack whose `attr` refers to `target`. */
export function companions(context: RuleContext, target: TfResource, type: string, attr: string): TfResource[] {
  return context.terraform.ofType(type, target.stack).filter((r) => context.terraform.refersTo(target.stack, r.attrs[attr], target));
}

/** A role's inline policy attributes: of the `aws_iam_role_policy` resources naming it and of its `inline_policy` blocks. */
export function inlinePolicies(context: RuleContext, role: TfResource): unknown[] {
  return [
    ...companions(context, role, 'aws_iam_role_policy', 'role').map((p) => p.attrs.policy),
    ...blocks(role.attrs, 'inline_policy').map((b) => b.policy),
  ];
}

/** Resources of `type` in the stacks of the same environment (platform-wide stacks count for every environment). */
export function inEnvironment(context: RuleContext, type: string): TfResource[] {
  return context.terraform.ofType(type).filter((r) => {
    const env = context.terraform.stack(r.stack)?.environment;
    return env === context.environment || env === undefined;
  });
}

/** Tags a resource ends up with: its stack's AWS provider default tags, then its own `tags`. */
export function effectiveTags(context: RuleContext, resource: TfResource): Record<string, string> {
  const tags: Record<string, string> = {};
  const provider = context.terraform.stack(resource.stack)?.json.provider;
  const aws = isObj(provider) ? provider.aws : undefined;
  for (const p of Array.isArray(aws) ? aws : [aws]) {
    for (const d of Array.isArray(p?.default_tags) ? p.default_tags : [p?.default_tags]) {
      if (isObj(d) && isObj(d.tags)) Object.assign(tags, stringValues(d.tags));
    }
  }
  if (isObj(resource.attrs.tags)) Object.assign(tags, stringValues(resource.attrs.tags));
  return tags;
}

function stringValues(o: Obj): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

/** Glob where `*` matches any text (ECR repository filters, backup selections). */
export function globMatch(pattern: string, value: string): boolean {
  const re = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${re}$`).test(value);
}
