/**
 * Checks that every `${...}` expression of a Terraform JSON configuration refers to something the configuration
 * declares: a resource, data source, variable or local of the same stack, and for cdktf's cross-stack references an
 * output that the producing stack really has.
 *
 * The expressions are scanned, not matched with a regex: an interpolation ends at the `}` that closes it (nested
 * object constructors and quoted strings with `}` in them included), quoted strings are templates whose own `${...}`
 * are scanned too, and `$${` / `%%{` are escapes, not interpolations.
 */

const IGNORED_ROOTS = new Set(['each', 'count', 'self', 'path', 'terraform', 'module']);

/** One traversal (`aws_s3_bucket.state.arn`, `data.terraform_remote_state.x.outputs["y"]`) inside a template. */
export interface Traversal {
  /** The traversal as written. */
  readonly text: string;
  /** The attribute names and string keys, in order (`["aws_s3_bucket", "state", "arn"]`); number and splat indexes are left out. */
  readonly parts: readonly string[];
  /** Offsets of `text` in the scanned template. */
  readonly start: number;
  readonly end: number;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_-]/;

/**
 * Scans a Terraform template (a JSON string value of a configuration) and returns every traversal inside its
 * interpolations and directives. Function names (`yamlencode(`, `provider::aws::arn_parse(`) are not traversals.
 */
export function traversalsIn(template: string): Traversal[] {
  const found: Traversal[] = [];
  const scanner = new Scanner(template, found);
  scanner.template(0, undefined);
  return found;
}

/** The top-level `${...}` interpolations of a template: offsets of `${` and of the character after its `}`. */
export function interpolationsIn(template: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const scanner = new Scanner(template, [], spans);
  scanner.template(0, undefined);
  return spans;
}

/** The traversals of one template as text, for messages and tests. */
export function referencesIn(template: string): string[] {
  return traversalsIn(template).map((t) => t.text);
}

class Scanner {
  constructor(
    private readonly s: string,
    private readonly found: Traversal[],
    private readonly spans?: { start: number; end: number }[],
  ) {}

  /**
   * Template mode from `i` until the closing quote (`quoted`) or the end of the string; returns the index after it.
   * In a quoted template (inside an expression) backslash escapes apply; the JSON string itself has none left.
   */
  template(i: number, quoted: '"' | undefined): number {
    const s = this.s;
    while (i < s.length) {
      const c = s[i];
      if (quoted && c === '\\') {
        i += 2;
      } else if (quoted && c === quoted) {
        return i + 1;
      } else if ((c === '$' || c === '%') && s[i + 1] === c && s[i + 2] === '{') {
        i += 3; // `$${` and `%%{` stand for a literal `${` / `%{`
      } else if ((c === '$' || c === '%') && s[i + 1] === '{') {
        const end = this.expression(i + 2);
        if (c === '$' && !quoted) this.spans?.push({ start: i, end });
        i = end;
      } else {
        i++;
      }
    }
    if (quoted) throw new Error(`unterminated string in ${JSON.stringify(s)}`);
    return i;
  }

  /** Expression mode from `i` (just after `${`) until its closing brace; returns the index after it. */
  expression(i: number): number {
    const s = this.s;
    let depth = 0;
    while (i < s.length) {
      const c = s[i];
      if (c === '"') {
        i = this.template(i + 1, '"');
      } else if (c === '{' || c === '(' || c === '[') {
        depth++;
        i++;
      } else if (c === ')' || c === ']') {
        depth--;
        i++;
      } else if (c === '}') {
        if (depth === 0) return i + 1;
        depth--;
        i++;
      } else if (c === '<' && s.startsWith('<<', i) && /^<<-?[A-Za-z_]/.test(s.slice(i, i + 4))) {
        i = this.heredoc(i);
      } else if (IDENT_START.test(c) && !this.continuesToken(i)) {
        i = this.traversal(i);
      } else {
        i++;
      }
    }
    throw new Error(`unterminated interpolation in ${JSON.stringify(s)}`);
  }

  /** A heredoc (`<<EOT` … `EOT`): its body is a template. */
  private heredoc(i: number): number {
    const s = this.s;
    const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)\n/.exec(s.slice(i));
    if (!m) return i + 2;
    const bodyStart = i + m[0].length;
    const close = new RegExp(`^[ \\t]*${m[1]}$`, 'm');
    const rest = s.slice(bodyStart);
    const end = close.exec(rest);
    if (!end) throw new Error(`unterminated heredoc in ${JSON.stringify(s)}`);
    const body = new Scanner(s.slice(0, bodyStart + end.index), this.found);
    body.template(bodyStart, undefined);
    return bodyStart + end.index + end[0].length;
  }

  /** An identifier that follows a `.`, a digit or another identifier character is part of an earlier token. */
  private continuesToken(i: number): boolean {
    const before = this.s[i - 1];
    return before !== undefined && (before === '.' || IDENT_CHAR.test(before));
  }

  /** An identifier and the attribute and index accessors after it. */
  private traversal(start: number): number {
    const s = this.s;
    let i = this.identifier(start);
    const parts = [s.slice(start, i)];
    if (s.startsWith('::', i)) {
      // provider::aws::arn_parse(...): a provider function, not a reference
      while (s.startsWith('::', i)) i = this.identifier(i + 2);
      return i;
    }
    if (/^\s*\(/.test(s.slice(i))) return i; // a function call
    let end = i;
    for (;;) {
      if (s[i] === '.' && s[i + 1] === '*') {
        i += 2;
        end = i;
      } else if (s[i] === '.' && IDENT_START.test(s[i + 1] ?? '')) {
        const nameEnd = this.identifier(i + 1);
        parts.push(s.slice(i + 1, nameEnd));
        i = end = nameEnd;
      } else if (s[i] === '.' && /[0-9]/.test(s[i + 1] ?? '')) {
        i += 1;
        while (/[0-9]/.test(s[i] ?? '')) i++; // legacy index: list.0
        end = i;
      } else if (s[i] === '[') {
        const key = /^\[\s*(?:"((?:[^"\\$%]|\\.)*)"|([0-9]+)|(\*))\s*\]/.exec(s.slice(i));
        if (!key) break; // an index with an expression inside: the expression is scanned on its own
        if (key[1] !== undefined) parts.push(key[1]);
        i = end = i + key[0].length;
      } else {
        break;
      }
    }
    if (parts.length > 1) this.found.push({ text: s.slice(start, end), parts, start, end });
    return end;
  }

  private identifier(i: number): number {
    while (i < this.s.length && IDENT_CHAR.test(this.s[i])) i++;
    return i;
  }
}

export interface ReferenceProblem {
  readonly at: string;
  readonly reference: string;
}

/** Every expression string inside a JSON value, with its JSON path. */
export function* expressions(value: unknown, at: string): Generator<[string, string]> {
  if (typeof value === 'string') {
    if (value.includes('${') || value.includes('%{')) yield [at, value];
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* expressions(value[i], `${at}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== '//') yield* expressions(v, at ? `${at}.${k}` : k);
  }
}

export interface StackJson {
  readonly name: string;
  readonly json: Record<string, any>;
}

/** Every traversal of a stack, with the JSON path of the string it is in. */
export function stackTraversals(stack: StackJson): { at: string; traversal: Traversal }[] {
  return [...expressions(stack.json, '')].flatMap(([at, template]) => traversalsIn(template).map((traversal) => ({ at, traversal })));
}

/** Problems of one stack; `stacks` lets remote-state references be checked against the producer's outputs. */
export function unresolvedReferences(stack: StackJson, stacks: readonly StackJson[] = []): ReferenceProblem[] {
  const { json } = stack;
  const problems: ReferenceProblem[] = [];
  for (const { at, traversal } of stackTraversals(stack)) {
    const { parts, text: ref } = traversal;
    const root = parts[0];
    if (root === 'var' || root === 'local') {
      const block = root === 'var' ? json.variable : json.locals;
      if (!block?.[parts[1]]) problems.push({ at, reference: ref });
      continue;
    }
    if (IGNORED_ROOTS.has(root)) continue;
    if (root === 'data' || root === 'ephemeral') {
      const [, type, name] = parts;
      if (!json[root]?.[type]?.[name]) {
        problems.push({ at, reference: ref });
      } else if (root === 'data' && type === 'terraform_remote_state') {
        problems.push(...remoteOutputProblems(json.data[type][name], parts, at, stacks));
      }
      continue;
    }
    // A root without `_` is no resource type: a `for` expression's variable (`for s in ... : s.id`) or an object key.
    if (!root.includes('_')) continue;
    if (!json.resource?.[root]?.[parts[1]]) problems.push({ at, reference: ref });
  }
  return problems;
}

/** A `data.terraform_remote_state.X.outputs.Y` reference names an output the producing stack has. */
function remoteOutputProblems(remote: any, parts: readonly string[], at: string, stacks: readonly StackJson[]): ReferenceProblem[] {
  const key: string | undefined = remote.config?.key ?? remote.config?.path;
  const producer = stacks.find((s) => key?.includes(`/${s.name}/`));
  if (!producer) return stacks.length ? [{ at, reference: `remote state ${key}` }] : [];
  if (parts[3] !== 'outputs') return [{ at, reference: `${parts.join('.')} (not an output of ${producer.name})` }];
  const output = parts[4];
  if (output === undefined) return []; // the whole outputs object
  return producer.json.output?.[output] ? [] : [{ at, reference: `${producer.name} output ${output}` }];
}
