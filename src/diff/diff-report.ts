import { diffEnvironments, type EnvironmentDiff } from './manifest-diff';
import type { OutputTree, StackJson } from './output-tree';
import { diffStacks, type StackDiff } from './terraform-diff';

/** One thing that will be deleted, alone or to be created again: the reason `paved diff` exists. */
export interface DestructiveChange {
  /** `terraform/<stack>` or `gitops/<env>`. */
  readonly scope: string;
  /** A resource address, or a Kubernetes object as `Kind namespace/name`. */
  readonly subject: string;
  readonly action: 'destroy' | 'replace';
  /** The replaced address or object, when the identity changed. */
  readonly previous?: string;
  /** Why, and what goes with it; short phrases. */
  readonly details: readonly string[];
}

export interface DiffReport {
  /** Present when both sides have a Terraform tree. */
  readonly terraform?: { readonly stacks: readonly StackDiff[] };
  /** Present when both sides have a GitOps tree. */
  readonly gitops?: { readonly environments: readonly EnvironmentDiff[] };
  /** Every destroy and replace, Terraform first, in scope then subject order. */
  readonly destructive: readonly DestructiveChange[];
  /** True when anything at all differs. */
  readonly changes: boolean;
  /** Halves that could not be compared, and why. */
  readonly notes: readonly string[];
}

/**
 * Compares two output trees. With `environments`, only those environments' stacks (`<env>-*`), the platform-wide
 * stacks, and those environments' GitOps trees take part: the other environments are neither shown as unchanged nor
 * as removed.
 */
export function diffOutputs(
  before: OutputTree,
  after: OutputTree,
  environments?: readonly string[],
  /** Environment names of the config, so that `--env` can tell `<env>-*` stacks in a deploy record (no summary.json) apart. */
  configEnvironments: readonly string[] = [],
): DiffReport {
  const notes: string[] = [];
  let terraform: DiffReport['terraform'];
  let gitops: DiffReport['gitops'];
  if (before.stacks && after.stacks) {
    const known = new Set([
      ...before.environments, ...after.environments, ...(before.gitops?.keys() ?? []), ...(after.gitops?.keys() ?? []),
      ...(environments ?? []), ...configEnvironments,
    ]);
    terraform = { stacks: diffStacks(selectStacks(before.stacks, known, environments), selectStacks(after.stacks, known, environments)) };
  } else {
    notes.push(`terraform: not compared (${before.stacks ? 'the new output' : 'the baseline'} has no terraform/stacks/)`);
  }
  if (before.gitops && after.gitops) {
    gitops = { environments: diffEnvironments(selectEnvironments(before.gitops, environments), selectEnvironments(after.gitops, environments)) };
  } else {
    notes.push(`gitops: not compared (${before.gitops ? 'the new output' : 'the baseline'} has no gitops/)`);
  }
  const destructive: DestructiveChange[] = [];
  for (const stack of terraform?.stacks ?? []) {
    for (const r of stack.resources) {
      if (r.action !== 'destroy' && r.action !== 'replace') continue;
      const details = [...r.reasons, ...(r.loses ? [`loses ${r.loses}`] : [])];
      if (stack.status === 'removed') details.unshift('stack removed');
      destructive.push({ scope: `terraform/${stack.stack}`, subject: r.address, action: r.action, previous: r.previousAddress, details });
    }
  }
  for (const env of gitops?.environments ?? []) {
    for (const o of env.objects) {
      if ((o.action !== 'destroy' && o.action !== 'replace') || o.inDeletedNamespace) continue;
      const details = [
        ...(o.previous ? [`renamed: ${o.previous} -> ${o.object}`] : []),
        ...(o.destroys ? [`deletes ${o.destroys}`] : []),
      ];
      destructive.push({ scope: `gitops/${env.environment}`, subject: o.object, action: o.action, previous: o.previous, details });
    }
  }
  const changes = (terraform?.stacks ?? []).some((s) => s.status !== 'unchanged') || (gitops?.environments ?? []).some((e) => e.status !== 'unchanged');
  return { terraform, gitops, destructive, changes, notes };
}

/**
 * `<env>-*` stacks belong to that environment; the rest (bootstrap, shared) to the whole platform and always take
 * part. Environments are known from both trees (summary.json, gitops/) and the selection itself.
 */
function selectStacks(stacks: ReadonlyMap<string, StackJson>, known: ReadonlySet<string>, environments?: readonly string[]): Map<string, StackJson> {
  if (!environments?.length) return new Map(stacks);
  const environmentOf = (name: string) => [...known].find((env) => name.startsWith(`${env}-`));
  return new Map([...stacks].filter(([name]) => {
    const env = environmentOf(name);
    return env === undefined || environments.includes(env);
  }));
}

function selectEnvironments<T>(trees: ReadonlyMap<string, T>, environments?: readonly string[]): Map<string, T> {
  if (!environments?.length) return new Map(trees);
  return new Map([...trees].filter(([env]) => environments.includes(env)));
}
