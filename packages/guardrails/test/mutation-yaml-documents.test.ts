import { isDeepStrictEqual } from 'node:util';
import { lineIndex, readWithJsYaml, readWithYaml, readYamlDocuments } from '../src/engine/yaml-documents';

/**
 * js-yaml reads a file only when it reads it exactly as `yaml` does (values, lines, problems); every other file goes to
 * `yaml`. test/yaml-reading.test.ts checks the same on the synthesized example and examples/*.
 */
const MANIFESTS = [
  '# leading comment',
  'apiVersion: v1', // 2
  'kind: ConfigMap',
  'metadata: { name: a, labels: { "app.kubernetes.io/name": a } }',
  'data:',
  '  port: "8080"',
  '  script: |',
  '    #!/bin/sh',
  '    echo "{{ .x }}" # not a comment',
  '  folded: >-',
  '    one',
  '    two',
  '---',
  '---',
  '',
  '--- # a comment after the marker',
  'apiVersion: apps/v1', // 17
  'kind: Deployment',
  'spec:',
  '  replicas: 2',
  '  ratio: 0.5',
  '  big: 12345678901234567890',
  '  octal: 0o17',
  '  hex: 0x1F',
  '  notOctal: 017',
  '  inf: -.inf',
  '  yes: yes',
  '  nothing: ~',
  '  empty:',
  '  quoted: \'it\'\'s\'',
  '  escaped: "tab\\there \\u263A"',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          args: [--port, "8080", 1e3, .5, +1, -0]',
  '          env: [{ name: A, value: "true" }, { name: B, value: True }]',
  '---',
  '- a list root', // 39
  '- 2',
  '---',
  'just text', // 42
  '',
].join('\n');

function same(text: string): boolean {
  return isDeepStrictEqual(readYamlDocuments(text), readWithYaml(text));
}

describe('readYamlDocuments', () => {
  test('plain manifests are read by js-yaml, with the values and lines yaml gives', () => {
    const fast = readWithJsYaml(MANIFESTS);
    expect(fast).toBeDefined();
    expect(fast).toEqual(readWithYaml(MANIFESTS));
    expect(isDeepStrictEqual(fast, readWithYaml(MANIFESTS))).toBe(true);
    expect(fast!.documents.map((d) => d.line)).toEqual([2, 17, 39, 42]);
    const deployment = fast!.documents[1].value as any;
    expect(deployment.spec).toMatchObject({ big: 12345678901234567000, octal: 15, hex: 31, notOctal: 17, inf: -Infinity, yes: 'yes', nothing: null, empty: null });
    expect(deployment.spec.template.spec.containers[0].args).toEqual(['--port', '8080', 1000, 0.5, 1, -0]);
  });

  test('CRLF files are read by js-yaml, lines counted the same', () => {
    const text = MANIFESTS.replace(/\n/g, '\r\n');
    expect(readWithJsYaml(text)).toBeDefined();
    expect(same(text)).toBe(true);
  });

  test.each([
    ['a null key', '~: a\nnull: b\n'],
    ['an empty key', 'a: { : b }\n'],
    ['a number too large for a double', 'a: 1e400\n'],
    ['a key too large for a double', `${'9'.repeat(400)}: a\n`],
    ['a %YAML 1.1 directive (yes is true there)', '%YAML 1.1\n---\na: yes\n'],
    ['an indented document marker', 'a:\n   ---\n'],
    ['a lone carriage return', 'a: b\rc\n'],
    ['a byte order mark inside the text', 'a: b\n\uFEFF'],
    ['a block scalar with an indentation indicator', 'a: |2\n    x\n   \nb: 1\n'],
    ['a block scalar with a chomping and an indentation indicator', 'a: |+2\n    x\n   \nb: 1\n'],
    ['a block scalar root', '--- |\n  text\n'],
    ['a folded block scalar root', '--- >\n  text\n'],
    ['an anchor without an alias', 'a: &x 1\n'],
    ['a negative number too large for a double', 'a: -1e400\n'],
    ['a number too large for a double in a list', '- 1\n- 1e400\n'],
    ['a tag', 'a: !!str 12\n'],
    ['a binary tag', 'a: !!binary aGk=\n'],
    ['a custom tag', 'a: !Ref x\n'],
    ['an anchor and an alias', 'a: &x { b: 1 }\nc: *x\n'],
    ['a merge key from an alias', 'base: &b { x: 1 }\nm:\n  <<: *b\n  y: 2\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a complex key', '? [a, b]\n: c\n'],
    ['invalid YAML', 'a: [1, 2\n'],
    ['nesting deeper than 100', `${'['.repeat(150)}${']'.repeat(150)}\n`],
  ])('%s goes to yaml', (_what, text) => {
    expect(readWithJsYaml(text)).toBeUndefined();
    expect(readYamlDocuments(text)).toEqual(readWithYaml(text));
  });

  test('a document marker inside a line is text: js-yaml reads the file', () => {
    const text = 'a: b --- c\nd: e ... f\n';
    expect(readWithJsYaml(text)).toEqual({ documents: [{ line: 1, value: { a: 'b --- c', d: 'e ... f' } }], problems: [] });
    expect(same(text)).toBe(true);
  });

  test('problems keep yaml\'s messages and lines; the other documents are still read', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\n---\nx: 1\nx: 2\n---\nk: v\n';
    expect(readYamlDocuments(text)).toEqual({
      documents: [{ line: 1, value: { apiVersion: 'v1', kind: 'ConfigMap' } }, { line: 7, value: { k: 'v' } }],
      problems: [{ line: 5, message: expect.stringMatching(/^not valid YAML: Map keys must be unique[^\n]*$/) }],
    });
  });

  test('a merge key without an alias is an ordinary key, in both (YAML 1.2 has no merge keys)', () => {
    const text = 'a:\n  <<: { x: 1 }\n  y: 2\n';
    expect(readWithJsYaml(text)).toEqual({ documents: [{ line: 1, value: { a: { '<<': { x: 1 }, 'y': 2 } } }], problems: [] });
    expect(same(text)).toBe(true);
  });

  test('billion laughs: js-yaml refuses aliases, yaml stops at 100 and the file gets a problem instead of a crash', () => {
    const lol = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
    ].join('\n');
    const started = Date.now();
    expect(readWithJsYaml(lol)).toBeUndefined();
    expect(readYamlDocuments(lol)).toEqual({
      documents: [],
      problems: [{ line: 1, message: 'not valid YAML: Excessive alias count indicates a resource exhaustion attack' }],
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a __proto__ key is an own key and pollutes no prototype, in both', () => {
    const text = '__proto__: { polluted: yes }\nspec:\n  __proto__: { polluted: yes }\n  list: [{ __proto__: { polluted: yes } }]\n';
    const fast = readWithJsYaml(text);
    expect(fast).toBeDefined();
    const value = fast!.documents[0].value as any;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(value.spec)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'spec']);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(value.polluted).toBeUndefined();
    expect(({} as any).polluted).toBeUndefined();
    expect(same(text)).toBe(true);
  });

  test('!!js/function and other code tags are never run: js-yaml refuses them, yaml keeps their text', () => {
    const text = 'a: !!js/function "function () { globalThis.pwned = true }"\nb: !!js/regexp /x/\nc: !!js/undefined ~\n';
    expect(readWithJsYaml(text)).toBeUndefined();
    const read = readYamlDocuments(text);
    expect(read.documents[0].value).toEqual({ a: 'function () { globalThis.pwned = true }', b: '/x/', c: '~' });
    expect((globalThis as any).pwned).toBeUndefined();
  });

  test('empty files and comment-only files have no documents', () => {
    for (const text of ['', '\n', '# only a comment\n', '---\n', '---\n...\n']) {
      expect(readYamlDocuments(text)).toEqual({ documents: [], problems: [] });
      expect(same(text)).toBe(true);
    }
  });

  test('generated YAML (seeded): js-yaml and yaml agree on every file, and js-yaml reads a good share of them', () => {
    const random = parkMiller(20261203);
    let fast = 0;
    const differing: string[] = [];
    for (let i = 0; i < 400; i++) {
      const text = generateStream(random);
      if (readWithJsYaml(text)) fast++;
      if (!same(text)) differing.push(text);
    }
    expect(differing).toEqual([]);
    expect(fast).toBeGreaterThan(40);
  });
});

describe('lineIndex', () => {
  test('maps offsets to 1-based lines', () => {
    const lineAt = lineIndex('a\nbc\n\nd');
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(lineAt)).toEqual([1, 1, 2, 2, 2, 3, 4, 4]);
  });
});

/** A small deterministic generator of multi-document YAML: block and flow collections, scalars of every style. */
function generateStream(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const scalars = ['a', 'b c', '1', '-1', '0x1F', '0o7', '1.5', '1e3', '.inf', '.nan', 'true', 'False', 'null', '~', '', 'yes',
    '2001-12-14', '12:30', '"q\\"x"', "'s''q'", '"\\u00e9\\n"', 'a:b', 'a #c', 'http://x/y?z=1&w', '"{{ .y }}"', '-x',
    '"  spaced  "', '100000000000000000000', '1_0', '+.5', '0', '-0', '00', '0.', '&x 1', '*x', '!!str 5', '|\n  lit\n  block\n',
    '>-\n  fold\n  ed\n\n  x\n', '|+\n  keep\n\n', '|2\n   indent\n', '"multi\n  line"', 'plain\n  continued'];
  const keys = ['a', 'b', 'name', '"quoted key"', "'sq'", '1', 'true', '~', '-1', '1.0', '0x10', '<<', '__proto__', 'k k', 'a.b/c', '.inf', '"1"'];
  const scalar = (indent: number, inFlow: boolean) => {
    const s = pick(scalars);
    if (s.includes('\n')) return inFlow ? 'f' : s.replace(/\n/g, `\n${' '.repeat(indent + 2)}`);
    return s;
  };
  const flow = (depth: number): string => {
    const n = Math.floor(random() * 4);
    const item = () => (depth < 3 && random() < 0.3 ? flow(depth + 1) : scalar(0, true));
    return random() < 0.5
      ? `[${Array.from({ length: n }, item).join(', ')}]`
      : `{${Array.from({ length: n }, () => `${pick(keys)}: ${item()}`).join(', ')}}`;
  };
  const node = (indent: number, depth: number): string => {
    const r = Math.floor(random() * (depth > 3 ? 2 : 6));
    if (r < 2) return ` ${scalar(indent, false)}`;
    if (r === 2) return ` ${flow(depth)}`;
    const n = 1 + Math.floor(random() * 4);
    let out = '';
    for (let i = 0; i < n; i++) {
      out += r === 5
        ? `\n${' '.repeat(indent + (random() < 0.5 ? 2 : 0))}-${node(indent + 2, depth + 1)}`
        : `\n${' '.repeat(indent + 2)}${pick(keys)}:${node(indent + 2, depth + 1)}${random() < 0.2 ? ' # c' : ''}`;
    }
    return out;
  };
  const documentText = () => {
    if (random() < 0.25) return flow(0);
    return Array.from({ length: 1 + Math.floor(random() * 5) }, () => `${pick(keys)}:${node(0, 0)}`).join('\n');
  };
  const text = (random() < 0.3 ? '---\n' : '')
    + Array.from({ length: 1 + Math.floor(random() * 3) }, documentText).join(pick(['\n---\n', '\n---\n\n', '\n--- # c\n', '\n...\n---\n']))
    + pick(['', '\n', '\n---\n']);
  return random() < 0.25 ? text.replace(/\n/g, '\r\n') : text;
}

/** Park and Miller's minimal standard generator: the same sequence on every run. */
function parkMiller(seed: number): () => number {
  let state = seed % 2147483647;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}
