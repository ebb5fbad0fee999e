import { at } from '@paved/shared-config';

/** Deeper than any config needs (the deepest field is about 7 levels down), shallow enough for every recursion. */
export const MAX_CONFIG_DEPTH = 64;
/** More entries than any list of a config holds; a longer array is a mistake (or an attack on the loader). */
const MAX_LIST_LENGTH = 100_000;
/** Stop describing after this many problems: one bad value repeated a million times needs one line, not a million. */
const MAX_PROBLEMS = 50;

const PLAIN_DATA = 'plain data: strings, numbers, booleans, null, lists and object literals';

/** One value the snapshot refused, where it is, and what would be accepted. */
export interface SnapshotProblem {
  readonly path: string;
  readonly message: string;
  readonly allowed: string;
}

export interface ConfigSnapshot {
  /** A copy made of plain objects, arrays and primitives only; undefined when there are problems. */
  readonly value: unknown;
  readonly problems: readonly SnapshotProblem[];
}

/**
 * Copies what a config module exported into plain data, once. Everything after loading (the schema, the rules, the
 * stacks) then reads data that cannot change between two reads (getters run once here), cannot throw when read
 * (proxies and getters are not copied), has no cycles and is at most {@link MAX_CONFIG_DEPTH} levels deep. Values that
 * are not data (functions, BigInt, symbols, class instances, Dates, Promises) are reported with their field path.
 */
export function snapshotConfig(value: unknown): ConfigSnapshot {
  const problems: SnapshotProblem[] = [];
  const report = (path: string, message: string, allowed = PLAIN_DATA) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ path: path || '(config)', message, allowed });
  };
  const ancestors: { readonly object: object; readonly path: string }[] = [];

  const copy = (input: unknown, path: string): unknown => {
    switch (typeof input) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'undefined':
        return input;
      case 'bigint':
        report(path, `is a BigInt (${input}n)`, `a number, such as ${input} without the n`);
        return undefined;
      case 'symbol':
        report(path, 'is a symbol');
        return undefined;
      case 'function':
        report(path, 'is a function', `${PLAIN_DATA}: call the function in the config and use its result`);
        return undefined;
    }
    if (input === null) return null;
    const object = input as object;
    const cycle = ancestors.find((a) => a.object === object);
    if (cycle) {
      report(path, `refers back to ${cycle.path || 'the config itself'} (a cycle)`, 'a tree of values: copy the shared part instead of referring to a parent');
      return undefined;
    }
    if (ancestors.length >= MAX_CONFIG_DEPTH) {
      report(path, `is nested more than ${MAX_CONFIG_DEPTH} levels deep`, `at most ${MAX_CONFIG_DEPTH} levels of objects and lists`);
      return undefined;
    }
    ancestors.push({ object, path });
    try {
      return Array.isArray(object) ? copyList(object, path) : copyObject(object, path);
    } catch (e) {
      // A proxy trap or a getter threw: the value cannot be read, so it cannot be validated either.
      report(path, `reading it threw: ${describeThrown(e)}`, PLAIN_DATA);
      return undefined;
    } finally {
      ancestors.pop();
    }
  };

  const copyList = (list: readonly unknown[], path: string): unknown[] | undefined => {
    const length = list.length;
    if (length > MAX_LIST_LENGTH) {
      report(path, `has ${length} entries`, `at most ${MAX_LIST_LENGTH} entries`);
      return undefined;
    }
    const result: unknown[] = [];
    for (let i = 0; i < length; i++) result.push(copy(readOnce(list, String(i), at(path, i)), at(path, i)));
    return result;
  };

  const copyObject = (object: object, path: string): Record<string, unknown> | undefined => {
    const prototype = Object.getPrototypeOf(object) as object | null;
    if (prototype !== null && Object.getPrototypeOf(prototype) !== null) {
      const literalProto = !Object.hasOwn(prototype, 'constructor') && Object.getPrototypeOf(Object.getPrototypeOf(prototype)) === null;
      if (!literalProto) {
        report(path, `is ${describeInstance(object)}, not plain data`, allowedFor(object));
        return undefined;
      }
      // `{ __proto__: {...} }` in an object literal sets the prototype instead of adding a key; the own keys are
      // still data, and are checked too.
      report(at(path, '__proto__'), 'is not a known field', "remove it: in an object literal a '__proto__' key replaces the object's prototype");
    }
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      const copied = copy(readOnce(object, key, at(path, key)), at(path, key));
      // An own `__proto__` key (JSON.parse makes one) stays a key, to be reported as an unknown field.
      Object.defineProperty(result, key, { value: copied, enumerable: true, writable: true, configurable: true });
    }
    return result;
  };

  /** The value of an own property, running a getter exactly once; a getter that throws is reported at its key. */
  const readOnce = (object: object, key: string, path: string): unknown => {
    const descriptor = Object.getOwnPropertyDescriptor(object, key);
    if (!descriptor?.get) return descriptor?.value;
    try {
      return descriptor.get.call(object);
    } catch (e) {
      report(path, `reading it threw: ${describeThrown(e)}`, PLAIN_DATA);
      return undefined;
    }
  };

  const result = copy(value, '');
  return problems.length > 0 ? { value: undefined, problems } : { value: result, problems };
}

function describeInstance(object: object): string {
  const name = (() => {
    try {
      const constructor = (Object.getPrototypeOf(object) as { constructor?: { name?: unknown } } | null)?.constructor;
      return typeof constructor?.name === 'string' && constructor.name ? constructor.name : undefined;
    } catch {
      return undefined;
    }
  })();
  return name ? `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}` : 'an object with a custom prototype';
}

function allowedFor(object: object): string {
  if (object instanceof Date) return "a date as a string 'YYYY-MM-DD'";
  if (object instanceof Promise) return 'a config that is built synchronously: export the object, not a Promise';
  if (object instanceof Map) return 'an object literal { key: value } instead of a Map';
  if (object instanceof Set) return 'a list [ ... ] instead of a Set';
  return `${PLAIN_DATA}: copy the values into an object literal`;
}

/** A short, single-line description of anything thrown, which may itself be hostile (a getter that throws, a proxy). */
export function describeThrown(thrown: unknown): string {
  let text: string;
  try {
    if (typeof thrown === 'object' && thrown !== null && typeof (thrown as { message?: unknown }).message === 'string') {
      text = (thrown as { message: string }).message || String((thrown as { name?: unknown }).name ?? 'an error without a message');
    } else if (typeof thrown === 'string') {
      text = `'${thrown}' (a string, not an Error)`;
    } else {
      text = `${String(thrown)} (${thrown === null ? 'null' : typeof thrown}, not an Error)`;
    }
  } catch {
    text = 'a value that cannot be described';
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
