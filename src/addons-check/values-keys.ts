/** One key path Paved sets that the chart's values.yaml does not define. */
export interface UndefinedKey {
  /** Dotted path, e.g. `server.ingress.enabled`. */
  readonly path: string;
  /** Set when values.yaml mentions the key in a comment only (documented but not defaulted): usually fine. */
  readonly commented: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Key paths of `values` (what Paved sets) that `defaults` (the chart's parsed values.yaml) does not define. The walk
 * descends only while the chart itself has a non-empty map at the path: below a chart key that is `{}`, `null`, a list,
 * a string or a number, the content is free-form (annotations, Alertmanager or Loki configuration, template strings)
 * and any key is accepted. `rawText` (values.yaml as text) lets a missing key be marked as commented-out documentation,
 * which charts use for optional keys (`# name: ""`). Paths in `freeForm` are not descended into.
 */
export function undefinedKeyPaths(values: unknown, defaults: unknown, rawText = '', freeForm: readonly string[] = []): UndefinedKey[] {
  const found: UndefinedKey[] = [];
  const walk = (set: unknown, chart: unknown, prefix: string) => {
    if (freeForm.includes(prefix)) return;
    if (!isPlainObject(set) || !isPlainObject(chart) || Object.keys(chart).length === 0) return;
    for (const [key, value] of Object.entries(set)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (!(key in chart)) {
        found.push({ path, commented: mentionedInComment(rawText, key) });
        continue;
      }
      walk(value, chart[key], path);
    }
  };
  walk(values, defaults, '');
  return found;
}

/** Whether a comment line of values.yaml starts with `key:` (as `# key: …` or `#   key:`). */
function mentionedInComment(rawText: string, key: string): boolean {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\s*#+\\s*-?\\s*["']?${escaped}["']?\\s*:`, 'm').test(rawText);
}

/** Deep union of several values objects (the values of one add-on across environments): later keys add to earlier. */
export function mergeValues(all: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const values of all) {
    if (!isPlainObject(values)) continue;
    for (const [key, value] of Object.entries(values)) {
      if (!isPlainObject(value)) out[key] = value;
      else out[key] = mergeValues(isPlainObject(out[key]) ? [out[key], value] : [value]);
    }
  }
  return out;
}
