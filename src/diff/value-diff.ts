/** One changed leaf: its path (`a.b[0].c`) and both values (`undefined` where it is absent). */
export interface ValueChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The leaves that differ between two JSON values, in a stable order (keys sorted). A block present on one side only
 * yields one change per leaf, so a rule about a nested argument still matches when its whole block appears.
 */
export function diffValues(before: unknown, after: unknown, path = '', ignoreTopLevel: ReadonlySet<string> = new Set()): ValueChange[] {
  if (Array.isArray(before) || Array.isArray(after)) {
    const a = Array.isArray(before) ? before : [];
    const b = Array.isArray(after) ? after : [];
    if (!Array.isArray(before) && before !== undefined) return [{ path, before, after }];
    if (!Array.isArray(after) && after !== undefined) return [{ path, before, after }];
    const changes: ValueChange[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) changes.push(...diffValues(a[i], b[i], `${path}[${i}]`));
    return changes;
  }
  if (isObject(before) || isObject(after)) {
    const a = isObject(before) ? before : {};
    const b = isObject(after) ? after : {};
    if ((!isObject(before) && before !== undefined) || (!isObject(after) && after !== undefined)) return [{ path, before, after }];
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !(path === '' && ignoreTopLevel.has(k))).sort();
    return keys.flatMap((k) => diffValues(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return Object.is(before, after) ? [] : [{ path, before, after }];
}

/** A value as shown in one line: short scalars verbatim, anything else elided. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length <= 60 ? text : `${text.slice(0, 57)}...`;
}
