import { stringify } from 'yaml';

/** A Kubernetes document as plain JSON. */
export type Manifest = Record<string, unknown> & {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string } & Record<string, unknown>;
};

/** A copy of `value` whose object keys are sorted at every level, so equal documents serialize to equal bytes. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out as T;
  }
  return value;
}

/**
 * One or more documents as YAML: keys sorted, no line folding (long strings stay on one line, so diffs stay small),
 * documents separated by `---`.
 */
export function toYaml(documents: readonly unknown[]): string {
  return yamlDocuments(documents).join('---\n');
}

/** Each document as YAML text (what `toYaml` joins). */
export function yamlDocuments(documents: readonly unknown[]): string[] {
  return documents.map((doc) => stringify(sortKeys(doc), { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false }));
}

/** 1-based line where each document starts in `toYaml(documents)`. */
export function documentStartLines(yamlTexts: readonly string[]): number[] {
  let line = 1;
  return yamlTexts.map((text) => {
    const start = line;
    line += text.split('\n').length - 1 + 1; // the document's lines, then the `---` separator
    return start;
  });
}
