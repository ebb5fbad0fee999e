import type { EnvironmentConfig } from '../../config/environment-config';
import type { PlatformConfig } from '../../config/platform-config';
import type { ServiceConfig } from '../../config/service-config';
import { at, type ProblemCollector } from '../problem';

/** What a rule may need besides the config. */
export interface RuleContext {
  /** `YYYY-MM-DD`, local time: the day waivers are judged on. */
  readonly today: string;
}

/**
 * A semantic rule: runs after the structural schema accepted the config (unknown fields aside), so every field it
 * reads has its declared type. Optional fields may still be missing: it reads through `?.`.
 */
export interface ValidationRule {
  /** Stable id, kebab-case; shown by `paved validate --explain` and used by tests. */
  readonly id: string;
  /** One sentence: what the rule guarantees. */
  readonly description: string;
  check(config: PlatformConfig, out: ProblemCollector, context?: RuleContext): void;
}

/** Environments with their field paths, skipping entries that are not objects. */
export function environmentsOf(config: PlatformConfig): { env: EnvironmentConfig; path: string }[] {
  const list = Array.isArray(config.environments) ? config.environments : [];
  return list.flatMap((env, i) => (isObject(env) ? [{ env, path: at('environments', i) }] : []));
}

/** Services with their field paths, skipping entries that are not objects. */
export function servicesOf(config: PlatformConfig): { service: ServiceConfig; path: string }[] {
  const list = Array.isArray(config.services) ? config.services : [];
  return list.flatMap((service, i) => (isObject(service) ? [{ service, path: at('services', i) }] : []));
}

/** True for plain objects. Deliberately not a type guard: callers keep their declared types. */
export function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reports every value that occurs more than once, at each later occurrence. */
export function reportDuplicates<T>(
  items: readonly T[],
  key: (item: T) => string | undefined,
  report: (item: T, firstIndex: number) => void,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const k = key(item);
    if (k === undefined) return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, index);
    else report(item, first);
  });
}

/** Entries of a keyed map, or none when the value is not a plain object (the schema reports that). */
export function entriesOf<T>(value: Readonly<Record<string, T>> | undefined): [string, T][] {
  return isObject(value) ? Object.entries(value as Record<string, T>) : [];
}
