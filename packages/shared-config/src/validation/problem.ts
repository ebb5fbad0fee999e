export type Severity = 'error' | 'warning';

/** One thing wrong with a config: where, what, and what would be accepted. */
export interface Problem {
  readonly severity: Severity;
  /** Field path such as `environments[2].network.vpcCidr`. */
  readonly path: string;
  /** What is wrong, naming the value received. */
  readonly message: string;
  /** What is allowed, or how to fix it. */
  readonly allowed: string;
  /** Id of the rule that found it (`schema` for structural problems). */
  readonly rule: string;
}

/** `error: <file>: <field path>: <what is wrong> (<what is allowed>)` */
export function formatProblem(problem: Problem, file: string): string {
  return oneLine(`${problem.severity}: ${file}: ${problem.path}: ${problem.message} (${problem.allowed})`);
}

/**
 * Escapes line breaks and other control characters (`\n`, `\u001b`): a value from the config must not start a line
 * of its own, or paint the terminal.
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Collects problems for one rule. */
export class ProblemCollector {
  private readonly items: Problem[] = [];

  constructor(private rule = 'schema') {}

  /** Problems reported next are attributed to `rule`. */
  forRule(rule: string): this {
    this.rule = rule;
    return this;
  }

  error(path: string, message: string, allowed: string): void {
    this.items.push({ severity: 'error', path, message, allowed, rule: this.rule });
  }

  warning(path: string, message: string, allowed: string): void {
    this.items.push({ severity: 'warning', path, message, allowed, rule: this.rule });
  }

  get problems(): readonly Problem[] {
    return this.items;
  }
}

/** Renders a value for a message: strings quoted, other values as JSON, long values shortened. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Joins a path and a key: `a.b`, `a[0]`, or `a["odd key"]`. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const plain = /^[A-Za-z_$][\w$-]*$/.test(key);
  if (!path) return plain ? key : `[${JSON.stringify(key)}]`;
  return plain ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
