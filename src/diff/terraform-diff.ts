import type { StackJson } from './output-tree';
import { compareText, pairRenames } from './rename-pairing';
import { forceNewRuleFor, HOLDS_DATA, knowsType, META_ARGUMENTS } from './replacement-rules';
import { diffValues, showValue, type ValueChange } from './value-diff';

export type ResourceAction = 'create' | 'update' | 'replace' | 'destroy';

export interface ResourceChange {
  /** `type.name`: the new address, or the old one for a destroy. */
  readonly address: string;
  readonly type: string;
  readonly action: ResourceAction;
  /** For a replace caused by a renamed construct id: the address being destroyed. */
  readonly previousAddress?: string;
  /** Why a replace happens, one short phrase each. */
  readonly reasons: readonly string[];
  /** Attribute paths that differ (update and replace). */
  readonly changed: readonly string[];
  /** False when the type is not in the force-new table: an update might still be a replace. */
  readonly replacementKnown: boolean;
  /** What a destroy or replace of this type loses, for the types that hold data. */
  readonly loses?: string;
}

export interface StackDiff {
  readonly stack: string;
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Changed resources only, ordered by address. */
  readonly resources: readonly ResourceChange[];
  /** Stack-level blocks that changed (backend, providers, outputs). */
  readonly settings: readonly string[];
}

interface Resource {
  readonly address: string;
  readonly type: string;
  readonly body: Record<string, unknown>;
}

/** Every stack of both sides, in name order; unchanged stacks included (the summary lists them). */
export function diffStacks(before: ReadonlyMap<string, StackJson>, after: ReadonlyMap<string, StackJson>): StackDiff[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort(compareText);
  return names.map((stack) => diffStack(stack, before.get(stack), after.get(stack)));
}

export function diffStack(stack: string, before: StackJson | undefined, after: StackJson | undefined): StackDiff {
  const old = resourcesOf(before);
  const now = resourcesOf(after);
  if (!before) return { stack, status: 'added', resources: [...now.values()].map((r) => created(r)), settings: [] };
  if (!after) return { stack, status: 'removed', resources: [...old.values()].map((r) => destroyed(r)), settings: [] };

  const changes = new Map<string, ResourceChange>();
  for (const [address, r] of now) {
    const previous = old.get(address);
    if (!previous) continue;
    const diffs = diffValues(previous.body, r.body, '', META_ARGUMENTS);
    if (diffs.length > 0) changes.set(address, inPlaceOrReplace(r, diffs));
  }
  const renames = pairRenames(
    [...old.values()].filter((r) => !now.has(r.address)).map(candidate),
    [...now.values()].filter((r) => !old.has(r.address)).map(candidate),
  );
  for (const { removed, added } of renames.pairs) {
    const diffs = diffValues(removed.resource.body, added.resource.body, '', META_ARGUMENTS);
    changes.set(added.id, {
      address: added.id,
      type: added.group,
      action: 'replace',
      previousAddress: removed.id,
      reasons: [`address changed: ${removed.id} -> ${added.id}`, ...diffs.filter((d) => forceNewRuleFor(added.group, d.path)).map(describe)],
      changed: diffs.map((d) => d.path),
      replacementKnown: true,
      loses: HOLDS_DATA[added.group],
    });
  }
  for (const r of renames.removed) changes.set(r.id, destroyed(r.resource));
  for (const a of renames.added) changes.set(a.id, created(a.resource));
  cascadeReplacements(old, now, changes);

  const resources = [...changes.values()].sort((a, b) => compareText(a.address, b.address));
  const settings = (['terraform', 'provider', 'output'] as const)
    .filter((block) => diffValues(before[block], after[block]).length > 0)
    .map((block) => ({ terraform: 'backend or required providers', provider: 'provider configuration', output: 'outputs' })[block]);
  return { stack, status: resources.length > 0 || settings.length > 0 ? 'changed' : 'unchanged', resources, settings };
}

function resourcesOf(stack: StackJson | undefined): Map<string, Resource> {
  const resources = new Map<string, Resource>();
  for (const type of Object.keys(stack?.resource ?? {}).sort(compareText)) {
    for (const name of Object.keys(stack!.resource![type]).sort(compareText)) {
      resources.set(`${type}.${name}`, { address: `${type}.${name}`, type, body: stack!.resource![type][name] ?? {} });
    }
  }
  return resources;
}

/** The construct path cdktf records in `//`: it names the construct the way the config does (`shared/ecr-dev-api/repository`). */
function candidate(r: Resource) {
  const meta = (r.body['//'] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
  return { id: r.address, group: r.type, label: typeof meta === 'string' ? meta : r.address, resource: r };
}

const created = (r: Resource): ResourceChange => ({
  address: r.address, type: r.type, action: 'create', reasons: [], changed: [], replacementKnown: true,
});

const destroyed = (r: Resource): ResourceChange => ({
  address: r.address, type: r.type, action: 'destroy', reasons: [], changed: [], replacementKnown: true, loses: HOLDS_DATA[r.type],
});

function inPlaceOrReplace(r: Resource, diffs: readonly ValueChange[]): ResourceChange {
  const forcing = diffs.filter((d) => forceNewRuleFor(r.type, d.path));
  return {
    address: r.address,
    type: r.type,
    action: forcing.length > 0 ? 'replace' : 'update',
    reasons: forcing.map(describe),
    changed: diffs.map((d) => d.path),
    replacementKnown: knowsType(r.type),
    loses: forcing.length > 0 ? HOLDS_DATA[r.type] : undefined,
  };
}

const describe = (d: ValueChange): string => `${d.path}: ${showValue(d.before)} -> ${showValue(d.after)}`;

const REFERENCE = /\b([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_][a-z0-9_]*)/g;

/**
 * A force-new argument written as a reference to a replaced resource changes too, unless it reads an argument whose
 * value stays the same (`${aws_ecr_repository.x.name}` of a repository replaced for its encryption): an `id` or `arn`
 * is new after every replacement. Repeats until nothing more follows, as Terraform's plan would.
 */
function cascadeReplacements(old: Map<string, Resource>, now: Map<string, Resource>, changes: Map<string, ResourceChange>): void {
  const before = (c: ResourceChange) => old.get(c.previousAddress ?? c.address);
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of now.values()) {
      const current = changes.get(r.address);
      if (!old.has(r.address) || current?.action === 'replace') continue;
      const follows: string[] = [];
      for (const rule of ruleValues(r)) {
        for (const match of rule.text.matchAll(REFERENCE)) {
          const target = `${match[1]}.${match[2]}`;
          const replaced = changes.get(target);
          if (target === r.address || replaced?.action !== 'replace') continue;
          const attribute = match[3];
          const after = now.get(target)?.body[attribute];
          const prior = before(replaced)?.body[attribute];
          if (after === undefined || diffValues(prior, after).length > 0) follows.push(`${rule.path} follows ${target} (replaced)`);
        }
      }
      if (follows.length === 0) continue;
      changes.set(r.address, {
        address: r.address,
        type: r.type,
        action: 'replace',
        reasons: [...new Set(follows)],
        changed: current?.changed ?? [],
        replacementKnown: true,
        loses: HOLDS_DATA[r.type],
      });
      changed = true;
    }
  }
}

/** The force-new arguments of a resource as text, each with its path. */
function ruleValues(r: Resource): { path: string; text: string }[] {
  return diffValues(undefined, r.body, '', META_ARGUMENTS)
    .filter((leaf) => typeof leaf.after === 'string' && forceNewRuleFor(r.type, leaf.path))
    .map((leaf) => ({ path: leaf.path, text: leaf.after as string }));
}
