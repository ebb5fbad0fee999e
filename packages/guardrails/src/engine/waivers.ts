import type { WaiverConfig } from '@paved/shared-config';

/** What became of a waiver in one check run. */
export type WaiverState =
  /** Matched at least one finding, which it waives. */
  | 'applied'
  /** Matches no finding: the resource was fixed or renamed, or the waiver has a typo. Reported as a warning. */
  | 'unused'
  /** Past its expiry date: it waives nothing and fails the check. */
  | 'expired'
  /** Names a rule that does not exist: it can never match and fails the check. */
  | 'unknown-rule';

export interface WaiverOutcome {
  readonly waiver: WaiverConfig;
  readonly state: WaiverState;
  /** Addresses of the findings the waiver matched (for expired waivers: the findings it would have waived). */
  readonly addresses: readonly string[];
}

/** A waiver's resource pattern: an exact address, `*` for every resource, or a glob where `*` matches any text. */
export function waiverMatches(waiver: WaiverConfig, ruleId: string, address: string): boolean {
  if (waiver.rule !== ruleId) return false;
  if (waiver.resource === '*' || waiver.resource === address) return true;
  if (!waiver.resource.includes('*')) return false;
  const pattern = waiver.resource.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(address);
}

/** `expires` is the last day the waiver holds. Both are `YYYY-MM-DD`, so they compare as strings. */
export function isExpired(waiver: WaiverConfig, today: string): boolean {
  return waiver.expires < today;
}

/** Today's date in the local time zone, `YYYY-MM-DD`: the clock the CLI uses. */
export function localDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
