/** Code-point order: the same on every machine, unlike localeCompare. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Something removed or added, with the text its similarity is judged on (a construct path, an object name). */
export interface PairCandidate {
  readonly id: string;
  /** Items pair only within the same group (resource type, object kind). */
  readonly group: string;
  readonly label: string;
}

export interface Pair<T extends PairCandidate> {
  readonly removed: T;
  readonly added: T;
}

/** Characters shared at the start plus at the end of two labels: `ecr-dev-api/repository` vs `ecr-dev-orders/repository`. */
export function labelSimilarity(a: string, b: string): number {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return prefix + suffix;
}

/**
 * Pairs removed items with added items of the same group: a renamed construct id (or object name) shows as one
 * removal plus one addition, and the reader wants "replaced, address changed" rather than two unrelated lines. Most
 * similar labels pair first; ties break on ids, so the result is deterministic. Items left over stay removed or added.
 */
export function pairRenames<T extends PairCandidate>(removed: readonly T[], added: readonly T[]): {
  pairs: Pair<T>[];
  removed: T[];
  added: T[];
} {
  const candidates: { r: T; a: T; score: number }[] = [];
  for (const r of removed) for (const a of added) if (r.group === a.group) candidates.push({ r, a, score: labelSimilarity(r.label, a.label) });
  candidates.sort((x, y) => y.score - x.score || compareText(x.r.id, y.r.id) || compareText(x.a.id, y.a.id));
  const usedRemoved = new Set<string>();
  const usedAdded = new Set<string>();
  const pairs: Pair<T>[] = [];
  for (const { r, a } of candidates) {
    if (usedRemoved.has(r.id) || usedAdded.has(a.id)) continue;
    usedRemoved.add(r.id);
    usedAdded.add(a.id);
    pairs.push({ removed: r, added: a });
  }
  pairs.sort((x, y) => compareText(x.removed.id, y.removed.id));
  return {
    pairs,
    removed: removed.filter((r) => !usedRemoved.has(r.id)),
    added: added.filter((a) => !usedAdded.has(a.id)),
  };
}
