import { at, type ProblemCollector, show } from './problem';

/**
 * A tiny structural schema: enough to check a config written in TypeScript but loaded without type-checking (tsx),
 * or written as JSON. It reports every problem with a path, the value received and what is allowed.
 */
export type Check = (value: unknown, path: string, out: ProblemCollector) => void;

export interface Field {
  readonly check: Check;
  readonly required: boolean;
}

export const required = (check: Check): Field => ({ check, required: true });
export const optional = (check: Check): Field => ({ check, required: false });

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'not a finite number';
  return `a ${typeof value}`;
}

export interface StringOptions {
  readonly pattern?: RegExp;
  /** What the pattern means, for the message. */
  readonly allowed: string;
  readonly maxLength?: number;
}

export function string(options: StringOptions): Check {
  return (value, path, out) => {
    if (typeof value !== 'string') {
      out.error(path, `is ${typeName(value)}, expected a string`, options.allowed);
    } else if (options.maxLength !== undefined && value.length > options.maxLength) {
      out.error(path, `${show(value)} is ${value.length} characters long`, options.allowed);
    } else if (options.pattern && !options.pattern.test(value)) {
      out.error(path, `${show(value)} is not valid`, options.allowed);
    }
  };
}

export function oneOf(values: readonly string[]): Check {
  const allowed = `one of ${values.map((v) => `'${v}'`).join(', ')}`;
  return (value, path, out) => {
    if (typeof value !== 'string' || !values.includes(value)) {
      out.error(path, `${show(value)} is not a known value`, allowed);
    }
  };
}

export interface IntegerOptions {
  readonly min: number;
  readonly max: number;
  readonly unit?: string;
}

export function integer(options: IntegerOptions): Check {
  const unit = options.unit ? ` ${options.unit}` : '';
  const allowed = `a whole number from ${options.min} to ${options.max}${unit}`;
  return (value, path, out) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      out.error(path, `${show(value)} is ${typeName(value)}, expected a whole number`, allowed);
    } else if (value < options.min || value > options.max) {
      out.error(path, `${value} is out of range`, allowed);
    }
  };
}

export const boolean: Check = (value, path, out) => {
  if (typeof value !== 'boolean') out.error(path, `is ${typeName(value)}, expected true or false`, 'true or false');
};

export interface ArrayOptions {
  readonly min?: number;
  readonly max?: number;
}

export function array(item: Check, options: ArrayOptions = {}): Check {
  return (value, path, out) => {
    if (!Array.isArray(value)) {
      out.error(path, `is ${typeName(value)}, expected a list`, 'a list');
      return;
    }
    const { min = 0, max = Infinity } = options;
    if (value.length < min || value.length > max) {
      const bounds = max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      out.error(path, `has ${value.length} entries`, `${bounds} entries`);
    }
    value.forEach((v, i) => item(v, at(path, i), out));
  };
}

/** The message of an unknown key: the only schema problem that leaves the rules' inputs intact. */
export const UNKNOWN_FIELD = 'is not a known field';

export function object(fields: Readonly<Record<string, Field>>): Check {
  const names = Object.keys(fields);
  return (value, path, out) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      out.error(path || '(config)', `is ${typeName(value)}, expected an object`, 'an object');
      return;
    }
    const given = value as Record<string, unknown>;
    for (const key of Object.keys(given)) {
      // `hasOwn`, not `in`: `in` finds Object.prototype members, so `constructor` or `__proto__` passed as known.
      if (!Object.hasOwn(fields, key)) {
        const hint = closest(key, names);
        out.error(at(path, key), UNKNOWN_FIELD, `${hint ? `did you mean '${hint}'? ` : ''}known fields: ${names.join(', ')}`);
      }
    }
    for (const [key, field] of Object.entries(fields)) {
      const v = Object.hasOwn(given, key) ? given[key] : undefined;
      if (v === undefined) {
        if (field.required) out.error(at(path, key), 'is missing', 'this field is required');
      } else {
        field.check(v, at(path, key), out);
      }
    }
  };
}

export interface RecordOptions {
  /** Check of each key; the problem is reported at the entry's path. */
  readonly key: (key: string, path: string, out: ProblemCollector) => void;
  readonly value: Check;
}

export function record(options: RecordOptions): Check {
  return (value, path, out) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      out.error(path, `is ${typeName(value)}, expected an object`, 'an object keyed by name');
      return;
    }
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (key === '__proto__') {
        // Copied with Object.assign or `obj[key] = v` later, this key would replace a prototype instead of naming a thing.
        out.error(at(path, key), "'__proto__' cannot be used as a name", 'any other name');
        continue;
      }
      options.key(key, at(path, key), out);
      options.value(v, at(path, key), out);
    }
  };
}

/** The candidate within edit distance 3 of `word`, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
