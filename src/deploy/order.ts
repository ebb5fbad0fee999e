import type { ManifestStack } from './manifest';

/** What the order needs from the platform: names in config order. */
export interface OrderContext {
  /** Environment names in the order the config lists them. */
  readonly environments: readonly string[];
  /** Every account of the platform, management first. */
  readonly accounts: readonly string[];
}

/** Per-environment stages, in the order they are applied. */
export const ENVIRONMENT_STAGES = ['network', 'cluster', 'data', 'platform'] as const;
export type EnvironmentStage = (typeof ENVIRONMENT_STAGES)[number];

/** Where a stack belongs: platform-wide (`bootstrap-<account>`, `bootstrap`, `shared`) or one environment's stage. */
export type StackKind =
  | { readonly scope: 'platform'; readonly name: 'bootstrap-account' | 'bootstrap' | 'shared'; readonly account?: string }
  | { readonly scope: 'environment'; readonly environment: string; readonly stage: EnvironmentStage }
  | { readonly scope: 'unknown' };

export function classifyStack(stack: string, context: OrderContext): StackKind {
  if (stack === 'bootstrap' || stack === 'shared') return { scope: 'platform', name: stack };
  const account = context.accounts.find((a) => stack === `bootstrap-${a}`);
  if (account) return { scope: 'platform', name: 'bootstrap-account', account };
  for (const environment of context.environments) {
    const stage = ENVIRONMENT_STAGES.find((s) => stack === `${environment}-${s}`);
    if (stage) return { scope: 'environment', environment, stage };
  }
  return { scope: 'unknown' };
}

export function isBootstrapStack(stack: string, context: OrderContext): boolean {
  const kind = classifyStack(stack, context);
  return kind.scope === 'platform' && kind.name !== 'shared';
}

const PLATFORM_RANK = { 'bootstrap-account': 0, 'bootstrap': 1, 'shared': 2 } as const;

/**
 * Sort key of a stack among the stacks that are ready: platform-wide stacks first (`bootstrap-<account>` in account
 * order, `bootstrap`, `shared`), then each environment in config order with its stages in order, then anything Paved
 * does not know, in manifest order. Never the alphabet: an environment named `alpha` still comes after `bootstrap`.
 */
function sortKey(stack: ManifestStack, index: number, context: OrderContext): number[] {
  const kind = classifyStack(stack.name, context);
  if (kind.scope === 'platform') return [0, PLATFORM_RANK[kind.name], kind.account ? context.accounts.indexOf(kind.account) : 0];
  if (kind.scope === 'environment') return [1, context.environments.indexOf(kind.environment), ENVIRONMENT_STAGES.indexOf(kind.stage)];
  return [2, index, 0];
}

const compareKeys = (a: number[], b: number[]) => a.reduce((d, v, i) => d || v - b[i], 0);

/**
 * The order to apply the stacks in: every stack after the stacks it depends on (from `manifest.json`), ties broken by
 * the fixed rank above. Dependencies outside `stacks` are ignored. Throws on a cycle, which cdktf itself rejects.
 */
export function deployOrder(stacks: readonly ManifestStack[], context: OrderContext): ManifestStack[] {
  const keyed = stacks.map((stack, i) => ({ stack, key: sortKey(stack, i, context) }));
  const names = new Set(stacks.map((s) => s.name));
  const done = new Set<string>();
  const order: ManifestStack[] = [];
  while (order.length < keyed.length) {
    const ready = keyed
      .filter(({ stack }) => !done.has(stack.name) && stack.dependencies.every((d) => done.has(d) || !names.has(d)))
      .sort((a, b) => compareKeys(a.key, b.key));
    if (ready.length === 0) {
      const left = keyed.filter(({ stack }) => !done.has(stack.name)).map(({ stack }) => stack.name);
      throw new Error(`manifest.json has a dependency cycle among ${left.join(', ')}`);
    }
    done.add(ready[0].stack.name);
    order.push(ready[0].stack);
  }
  return order;
}

/** The stacks `--env` keeps: every platform-wide stack, and the stacks of the named environments. */
export function selectStacks(
  ordered: readonly ManifestStack[],
  context: OrderContext,
  environments: readonly string[] | undefined,
): ManifestStack[] {
  if (!environments?.length) return [...ordered];
  return ordered.filter((stack) => {
    const kind = classifyStack(stack.name, context);
    return kind.scope !== 'environment' || environments.includes(kind.environment);
  });
}
