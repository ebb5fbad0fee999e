import type { ResolvedPlatform } from '@paved/shared-config';

/** The stacks of one environment, in deploy order: ids `<env>-<part>`, state keys `<org>/<env>-<part>/terraform.tfstate`. */
export const ENVIRONMENT_STACK_PARTS = ['network', 'cluster', 'data', 'platform'] as const;

/** Stack ids of one environment. */
export function environmentStackIds(environment: string): string[] {
  return ENVIRONMENT_STACK_PARTS.map((part) => `${environment}-${part}`);
}

/** Platform-wide stacks, applied with the management account's credentials: `bootstrap`, `bootstrap-<account>`, `shared`. */
export function managementStackIds(platform: ResolvedPlatform): string[] {
  const others = platform.accounts.filter((a) => a !== platform.management.account);
  return ['bootstrap', ...others.map((a) => `bootstrap-${a}`), 'shared'];
}

/** The stacks whose state belongs to `account`: its environments' stacks, and in the management account the platform-wide ones. */
export function stackIdsOfAccount(platform: ResolvedPlatform, account: string): string[] {
  const environments = platform.environments.filter((e) => e.account === account).flatMap((e) => environmentStackIds(e.name));
  return account === platform.management.account ? [...managementStackIds(platform), ...environments] : environments;
}
