/**
 * How `pnpm bench` turns repeated or scaled measurements into the one number a budget is judged on. Pure functions,
 * unit-tested in test/bench-stats.test.ts.
 */

/**
 * The run whose wall time is the median of `runs` (the upper middle one for an even count), whole, so that its RSS
 * and phases belong to the same run. Budgets are judged on it: the best of several runs says how fast the machine
 * can be, not how fast the code usually is.
 */
export function medianRun<T extends { readonly wallMs: number }>(runs: readonly T[]): T {
  if (runs.length === 0) throw new Error('medianRun: no runs');
  return [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)];
}

/** The median of `values` (the upper middle one for an even count, as `medianRun`). */
export function median(values: readonly number[]): number {
  return medianRun(values.map((wallMs) => ({ wallMs }))).wallMs;
}

/** A measurement of the same work at size `n` (such as n services): its total time. */
export interface SizedRun {
  readonly n: number;
  readonly ms: number;
}

/** The marginal cost per unit of size at the small end and at the large end of a series of sizes. */
export interface Growth {
  /** Cost per unit between the two smallest sizes. */
  readonly earlyMs: number;
  /** Cost per unit between the two largest sizes. */
  readonly lateMs: number;
  /** `earlyMs / lateMs`: 1 for linear growth, falling as growth becomes super-linear (higher is better). */
  readonly ratio: number;
}

/**
 * Whether time grows linearly with size, judged on marginal costs: (t[i+1] - t[i]) / (n[i+1] - n[i]) between the two
 * smallest sizes against the same between the two largest. Dividing a total by n instead (time per service) would
 * spread the fixed cost (add-ons, module loading) over the few services of the smallest size, making it look so
 * expensive per service that a quadratic render could pass the comparison and only fail the time budget. Needs
 * three sizes or more (with two, both ends are the same pair); undefined otherwise.
 */
export function marginalGrowth(runs: readonly SizedRun[]): Growth | undefined {
  const sorted = [...runs].sort((a, b) => a.n - b.n);
  if (sorted.length < 3 || new Set(sorted.map((r) => r.n)).size !== sorted.length) return undefined;
  const slope = (a: SizedRun, b: SizedRun) => Math.max(b.ms - a.ms, 0) / (b.n - a.n);
  const earlyMs = slope(sorted[0], sorted[1]);
  const lateMs = slope(sorted[sorted.length - 2], sorted[sorted.length - 1]);
  return { earlyMs, lateMs, ratio: lateMs === 0 ? Infinity : earlyMs / lateMs };
}
