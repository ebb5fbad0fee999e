import { resolvePlatform, type ResolvedPlatform } from '@paved/shared-config';
import { readManifest, type ManifestStack } from './manifest';
import { deployOrder, selectStacks, type OrderContext } from './order';
import type { LoadedConfig } from '../config/load-config';
import { checkConfig } from '../synth/check-config';

export interface StackPlan {
  readonly platform: ResolvedPlatform;
  readonly order: OrderContext;
  /** The stacks to run, in deploy order. */
  readonly stacks: readonly ManifestStack[];
}

/** The stacks of a synthesized output in deploy order, limited to `environments` (platform-wide stacks stay). */
export function planStacks(loaded: LoadedConfig, outDir: string, environments?: readonly string[]): StackPlan {
  const platform = resolvePlatform(checkConfig(loaded).config);
  const order: OrderContext = { environments: platform.environments.map((e) => e.name), accounts: platform.accounts };
  const stacks = selectStacks(deployOrder(readManifest(outDir), order), order, environments);
  return { platform, order, stacks };
}
