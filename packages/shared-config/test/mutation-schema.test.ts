import { ProblemCollector } from '../src';
import { array, boolean, type Check, closest, integer, object, oneOf, optional, record, required, string, UNKNOWN_FIELD } from '../src/validation/schema';

// The structural checks every config field goes through, one combinator at a time with exact messages and exact
// boundaries: a check that silently accepts a bad value lets it reach Terraform. Written to kill the mutants Stryker
// found alive in validation/schema.ts. Checks are built inside the tests, not at describe time: Stryker attributes
// code run while a file loads to no test.

/** Problems of one check as `path: message (allowed)` lines. */
function problems(check: Check, value: unknown, path = 'x'): string[] {
  const out = new ProblemCollector();
  check(value, path, out);
  return out.problems.map((p) => {
    expect(p).toMatchObject({ severity: 'error', rule: 'schema' });
    return `${p.path}: ${p.message} (${p.allowed})`;
  });
}

describe('string', () => {
  const name = (): Check => string({ pattern: /^[a-z]+$/, allowed: 'lowercase letters', maxLength: 3 });

  test('accepts a matching value up to the maximum length', () => {
    expect(problems(name(), 'abc')).toEqual([]);
  });

  test('names the type of a non-string', () => {
    expect(problems(name(), 5)).toEqual(['x: is a number, expected a string (lowercase letters)']);
    expect(problems(name(), null)).toEqual(['x: is null, expected a string (lowercase letters)']);
    expect(problems(name(), [])).toEqual(['x: is a list, expected a string (lowercase letters)']);
    expect(problems(name(), {})).toEqual(['x: is an object, expected a string (lowercase letters)']);
    expect(problems(name(), true)).toEqual(['x: is a boolean, expected a string (lowercase letters)']);
  });

  test('reports length before pattern, once', () => {
    expect(problems(name(), 'abcd')).toEqual(["x: 'abcd' is 4 characters long (lowercase letters)"]);
    expect(problems(name(), 'AB')).toEqual(["x: 'AB' is not valid (lowercase letters)"]);
  });

  test('without a pattern or a maximum any string passes', () => {
    expect(problems(string({ allowed: 'anything' }), 'Any thing at all, however long it is')).toEqual([]);
  });
});

describe('oneOf', () => {
  const profile = (): Check => oneOf(['development', 'production']);

  test('lists the allowed values, quoted', () => {
    expect(problems(profile(), 'staging')).toEqual(["x: 'staging' is not a known value (one of 'development', 'production')"]);
    expect(problems(profile(), 1)).toEqual(["x: 1 is not a known value (one of 'development', 'production')"]);
    expect(problems(profile(), 'production')).toEqual([]);
  });
});

describe('integer', () => {
  const days = (): Check => integer({ min: 1, max: 35, unit: 'days' });

  test('bounds are inclusive', () => {
    expect(problems(days(), 1)).toEqual([]);
    expect(problems(days(), 35)).toEqual([]);
    expect(problems(days(), 0)).toEqual(['x: 0 is out of range (a whole number from 1 to 35 days)']);
    expect(problems(days(), 36)).toEqual(['x: 36 is out of range (a whole number from 1 to 35 days)']);
  });

  test('rejects fractions, non-finite numbers and other types', () => {
    expect(problems(days(), 1.5)).toEqual(['x: 1.5 is a number, expected a whole number (a whole number from 1 to 35 days)']);
    expect(problems(days(), Infinity)).toEqual(['x: null is not a finite number, expected a whole number (a whole number from 1 to 35 days)']);
    expect(problems(days(), '3')).toEqual(["x: '3' is a string, expected a whole number (a whole number from 1 to 35 days)"]);
  });

  test('the unit is optional', () => {
    expect(problems(integer({ min: 0, max: 2 }), 3)).toEqual(['x: 3 is out of range (a whole number from 0 to 2)']);
  });
});

describe('boolean', () => {
  test('only true or false', () => {
    expect(problems(boolean, false)).toEqual([]);
    expect(problems(boolean, 'true')).toEqual(['x: is a string, expected true or false (true or false)']);
  });
});

describe('array', () => {
  const ids = (): Check => array(string({ allowed: 'an id' }), { min: 1, max: 2 });

  test('checks each item at its index', () => {
    expect(problems(ids(), ['a', 3])).toEqual(['x[1]: is a number, expected a string (an id)']);
  });

  test('bounds are inclusive and both are named', () => {
    expect(problems(ids(), ['a'])).toEqual([]);
    expect(problems(ids(), ['a', 'b'])).toEqual([]);
    expect(problems(ids(), [])).toEqual(['x: has 0 entries (1 to 2 entries)']);
    expect(problems(ids(), ['a', 'b', 'c'])).toEqual(['x: has 3 entries (1 to 2 entries)']);
  });

  test('without a maximum only the minimum is named; without options any length passes', () => {
    expect(problems(array(boolean, { min: 2 }), [true])).toEqual(['x: has 1 entries (at least 2 entries)']);
    expect(problems(array(boolean), [])).toEqual([]);
  });

  test('a non-list is one problem and its items are not checked', () => {
    expect(problems(ids(), 'a')).toEqual(['x: is a string, expected a list (a list)']);
    expect(problems(ids(), { 0: 'a', length: 1 })).toEqual(['x: is an object, expected a list (a list)']);
  });
});

describe('object', () => {
  const shape = (): Check => object({ name: required(string({ allowed: 'a name' })), replicas: optional(integer({ min: 1, max: 3 })) });

  test('accepts known fields, with optional ones absent or undefined', () => {
    expect(problems(shape(), { name: 'a' })).toEqual([]);
    expect(problems(shape(), { name: 'a', replicas: undefined })).toEqual([]);
  });

  test('a missing required field, a bad optional field and an unknown field are each reported', () => {
    expect(problems(shape(), { replicas: 0, replics: 1 })).toEqual([
      `x.replics: ${UNKNOWN_FIELD} (did you mean 'replicas'? known fields: name, replicas)`,
      'x.name: is missing (this field is required)',
      'x.replicas: 0 is out of range (a whole number from 1 to 3)',
    ]);
  });

  test('an unknown field far from every known one gets no hint', () => {
    expect(problems(shape(), { name: 'a', zzzzzzzz: 1 })).toEqual([`x.zzzzzzzz: ${UNKNOWN_FIELD} (known fields: name, replicas)`]);
  });

  test('prototype members are unknown fields, not known ones', () => {
    const value = JSON.parse('{"name": "a", "constructor": 1, "__proto__": 2}');
    expect(problems(shape(), value)).toEqual([
      `x.constructor: ${UNKNOWN_FIELD} (known fields: name, replicas)`,
      `x.__proto__: ${UNKNOWN_FIELD} (known fields: name, replicas)`,
    ]);
    // An inherited `name` does not count as given.
    expect(problems(shape(), Object.create({ name: 'a' }))).toEqual(['x.name: is missing (this field is required)']);
  });

  test('a non-object is one problem; at the root the path is (config)', () => {
    expect(problems(shape(), null, '')).toEqual(['(config): is null, expected an object (an object)']);
    expect(problems(shape(), [], 'x')).toEqual(['x: is a list, expected an object (an object)']);
    expect(problems(shape(), 'a', 'x')).toEqual(['x: is a string, expected an object (an object)']);
  });
});

describe('record', () => {
  const byName = (): Check => record({
    key: (key, path, out) => {
      if (!/^[a-z]+$/.test(key)) out.error(path, `'${key}' is not a name`, 'lowercase letters');
    },
    value: integer({ min: 1, max: 9 }),
  });

  test('checks every key and every value at the entry path', () => {
    expect(problems(byName(), { ok: 1, Bad: 0 })).toEqual([
      "x.Bad: 'Bad' is not a name (lowercase letters)",
      'x.Bad: 0 is out of range (a whole number from 1 to 9)',
    ]);
    expect(problems(byName(), {})).toEqual([]);
  });

  test('a __proto__ key is one problem and is neither key- nor value-checked; an empty key is an ordinary key', () => {
    const anyKey = record({ key: () => undefined, value: integer({ min: 1, max: 9 }) });
    expect(problems(anyKey, JSON.parse('{"__proto__": 0, "": 1, "ok": 2}'))).toEqual([
      'x.__proto__: \'__proto__\' cannot be used as a name (any other name)',
    ]);
    expect(problems(byName(), JSON.parse('{"__proto__": "x"}'))).toEqual(['x.__proto__: \'__proto__\' cannot be used as a name (any other name)']);
  });

  test('a non-object is one problem', () => {
    expect(problems(byName(), [1])).toEqual(['x: is a list, expected an object (an object keyed by name)']);
    expect(problems(byName(), null)).toEqual(['x: is null, expected an object (an object keyed by name)']);
    expect(problems(byName(), 3)).toEqual(['x: is a number, expected an object (an object keyed by name)']);
  });
});

describe('closest', () => {
  test('the nearest candidate within edit distance 3, case-insensitively', () => {
    expect(closest('regoin', ['region', 'account'])).toBe('region');
    expect(closest('ACCOUNT', ['region', 'account'])).toBe('account');
    expect(closest('vpcCidr', ['vpcCidrs', 'vpcId'])).toBe('vpcCidrs');
    // Distance 3 is still a hint, 4 is not.
    expect(closest('abcxyz', ['abc'])).toBe('abc');
    expect(closest('abcwxyz', ['abc'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });

  test('the first of equally near candidates wins; a nearer later one replaces it', () => {
    expect(closest('ab', ['ax', 'ay'])).toBe('ax');
    expect(closest('abc', ['xbc', 'abc'])).toBe('abc');
  });

  test('distances count insertions, deletions and substitutions', () => {
    expect(closest('kitten', ['sitting'])).toBe('sitting'); // 3 edits
    expect(closest('flaw', ['lawn'])).toBe('lawn'); // 2 edits
    expect(closest('', ['abc'])).toBe('abc'); // 3 insertions
    expect(closest('abcd', [''])).toBeUndefined(); // 4 deletions
  });
});
