import {
  CORE_SCHEMA, constructFromEvents, EVENT_ID, parseEvents, SCALAR_STYLE_FOLDED_BLOCK, SCALAR_STYLE_LITERAL_BLOCK,
  type Event, type MappingEvent, type ScalarEvent, type SequenceEvent,
} from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { isObj } from '../model/values';

/** One document of a YAML stream: its value and the line (1-based) its root node starts on. */
export interface YamlDocument {
  readonly line: number;
  readonly value: unknown;
}

/** A document that is not valid YAML: the line of the first error and a one-line reason. */
export interface YamlProblem {
  readonly line: number;
  readonly message: string;
}

/** The documents of a YAML file, and the problems of those that are not valid YAML. */
export interface YamlDocuments {
  readonly documents: YamlDocument[];
  readonly problems: YamlProblem[];
}

/**
 * Reads every document of a multi-document YAML file as the `yaml` library reads it (YAML 1.2 core schema, aliases
 * expanded up to 100, duplicate keys refused), with the line each document starts on. Empty documents (null) are
 * left out.
 *
 * js-yaml reads Paved's manifests about 3x faster than `yaml`, but not every file the same way (found by comparing the
 * two on the example outputs and on mutated and generated YAML): it reads the key `~` as "null" (`yaml`: ""), keeps a
 * number too large for a double as text (`yaml`: Infinity), ignores `%YAML 1.1`, takes an indented `---` for a
 * document marker, breaks lines at a lone carriage return, keeps trailing lines of `|2` block scalars; tags and anchors
 * resolve differently, aliases share one object between places (a billion-laughs file would be a huge tree to the
 * rules), and its error messages differ. So js-yaml reads a file only when it has none of those and accepts it; any
 * other file is read by `yaml`, as before: same values, lines and messages.
 */
export function readYamlDocuments(text: string): YamlDocuments {
  const lineAt = lineIndex(text);
  return readWithJsYaml(text, lineAt) ?? readWithYaml(text, lineAt);
}

/** js-yaml's reading of `text`, or undefined when it might differ from `yaml`'s (the caller then asks `yaml`). */
export function readWithJsYaml(text: string, lineAt = lineIndex(text)): YamlDocuments | undefined {
  if (READ_DIFFERENTLY.test(text)) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return undefined;
  }
  const starts: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.type === EVENT_ID.DOCUMENT) {
      // `%YAML 1.1` switches `yaml` to another schema (yes/no booleans, merge keys); js-yaml would ignore it.
      if (e.directives.length > 0) return undefined;
      // The document's root node is the next event (a null document has an empty scalar).
      const root = events[i + 1] as MappingEvent | SequenceEvent | ScalarEvent;
      // A block scalar's value starts on the line after its `|`; `yaml` puts the document on the `|` line.
      if (root.style === SCALAR_STYLE_LITERAL_BLOCK || root.style === SCALAR_STYLE_FOLDED_BLOCK) return undefined;
      starts.push('start' in root ? root.start : root.valueStart);
    } else if (e.type === EVENT_ID.ALIAS) {
      // Aliases share one object between places: a small file could stand for a huge tree (billion laughs). An alias
      // needs an anchor, which the next branch refuses first; this one narrows the type and states the reason.
      return undefined;
    } else if (e.type !== EVENT_ID.POP && (e.tagStart !== -1 || e.anchorStart !== -1)) {
      // Tags (`!!binary`, `!!set`, `!!js/function`, custom ones) and anchors: `yaml` resolves them or warns, js-yaml
      // refuses them or reads them otherwise.
      return undefined;
    }
  }
  let values: unknown[];
  try {
    values = constructFromEvents(events, { source: text, schema: CORE_SCHEMA });
  } catch {
    // Duplicate keys, complex keys: `yaml` says what is wrong in its words.
    return undefined;
  }
  const documents: YamlDocument[] = [];
  for (const [i, value] of values.entries()) {
    if (readDifferently(value)) return undefined;
    if (value !== null) documents.push({ line: lineAt(starts[i]), value });
  }
  return { documents, problems: [] };
}

/** The `yaml` library's reading of `text` (the reference). */
export function readWithYaml(text: string, lineAt = lineIndex(text)): YamlDocuments {
  const documents: YamlDocument[] = [];
  const problems: YamlProblem[] = [];
  // An empty file is an empty EmptyStream; every parsed document has contents (an empty one a null Scalar).
  for (const doc of parseAllDocuments(text)) {
    const line = lineAt((doc.contents ?? doc).range[0]);
    if (doc.errors.length > 0) {
      problems.push({ line: doc.errors[0].linePos?.[0].line ?? line, message: `not valid YAML: ${doc.errors[0].message.split('\n')[0]}` });
      continue;
    }
    let value: unknown;
    try {
      // yaml's default maxAliasCount (100) stops alias bombs: toJS throws.
      value = doc.toJS();
    } catch (error) {
      // `Excessive alias count indicates a resource exhaustion attack` (billion laughs): a problem of the file, not a crash.
      problems.push({ line, message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` });
      continue;
    }
    if (value !== null) documents.push({ line, value });
  }
  return { documents, problems };
}

/**
 * Text js-yaml may read differently, sent to `yaml` whole: an indented `---` or `...` (a document marker only at the
 * start of a line; js-yaml also takes an indented one), a carriage return not followed by a line feed (`yaml` keeps it
 * in the text, js-yaml breaks the line there), a byte order mark (`yaml` skips one anywhere), a block scalar with an
 * indentation indicator (`|2`: the two differ on its trailing lines). Each pattern is wider than the case it stands
 * for (`a|1` in a value also matches): a false match only costs the time of `yaml`.
 */
const READ_DIFFERENTLY = /^[ \t]+(?:---|\.\.\.)|\r(?!\n)|\uFEFF|[|>][-+]?[1-9]/m;

/**
 * Whether js-yaml may have read a value differently from `yaml`: a `null` key (`yaml` makes it `""`) or a number too
 * large for a double (js-yaml keeps the text, `yaml` makes it Infinity). Quoted strings that look so are rare enough
 * to send to `yaml` too.
 */
function readDifferently(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(readDifferently);
  if (isObj(value)) return Object.entries(value).some(([key, v]) => key === 'null' || isHugeNumber(key) || readDifferently(v));
  return typeof value === 'string' && isHugeNumber(value);
}

function isHugeNumber(s: string): boolean {
  // Every text `yaml` reads as an overflowing number is one JavaScript reads so too (the reverse is not needed).
  return Math.abs(Number(s)) === Infinity;
}

/** Maps an offset of `text` to its 1-based line (binary search over the line starts). */
export function lineIndex(text: string): (offset: number) => number {
  const lineStarts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  return (offset: number) => {
    // lineStarts[lo] <= offset < lineStarts[hi] (past the end: the last line).
    let lo = 0;
    let hi = lineStarts.length;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid;
    }
    return lo + 1;
  };
}
