import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OutputDirectoryError, parseManifests, readOutput } from '../src/engine/read-output';

/** Reading a Paved output directory: environments, stacks and their environments, manifests with their lines. */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-read-output-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(rel: string, content: string | object): void {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

const tagged = (aws: unknown) => ({ provider: { aws }, resource: {} });

describe('readOutput', () => {
  test('a directory without summary.json is refused with a one-line reason', () => {
    let error: unknown;
    try {
      readOutput(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputDirectoryError);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('OutputDirectoryError');
    expect((error as Error).message).toBe(`${dir} is not a paved output directory (no summary.json): run paved synth first`);
  });

  test('an empty output: no environments, stacks or manifests', () => {
    write('summary.json', {});
    expect(readOutput(dir)).toEqual({ environments: [], stacks: [], documents: [], manifestFiles: 0, problems: [] });
  });

  test('environments with a known profile; stacks in name order with the environment the summary or their tags give', () => {
    write('summary.json', {
      environments: [
        { name: 'prod', profile: 'production' },
        { name: 'dev', profile: 'development' },
        { name: 'odd', profile: 'staging' },
      ],
      terraform: { stacks: [{ name: 'prod-a', environment: 'prod' }, { name: 'global' }] },
    });
    write('terraform/stacks/prod-a/cdk.tf.json', tagged({ default_tags: { tags: { 'paved:environment': 'dev' } } }));
    write('terraform/stacks/global/cdk.tf.json', tagged({ default_tags: { tags: { 'paved:environment': 'dev' } } }));
    write('terraform/stacks/b-array/cdk.tf.json', tagged([{ default_tags: [{ tags: { 'paved:environment': 'dev' } }] }]));
    write('terraform/stacks/c-object/cdk.tf.json', tagged({ default_tags: { tags: { 'paved:environment': 'qa' } } }));
    write('terraform/stacks/d-none/cdk.tf.json', { resource: {} });
    write('terraform/stacks/e-number/cdk.tf.json', tagged({ default_tags: { tags: { 'paved:environment': 3 } } }));
    write('terraform/stacks/f-no-tags/cdk.tf.json', tagged([{ region: 'x' }]));
    write('terraform/stacks/g-odd-tags/cdk.tf.json', tagged({ default_tags: 'x' }));
    write('terraform/stacks/h-provider-list/cdk.tf.json', { provider: ['x'] });
    write('terraform/stacks/i-empty-tags/cdk.tf.json', tagged({ default_tags: [] }));
    write('terraform/stacks/a-empty/README.md', 'no stack here');
    const out = readOutput(dir);
    expect(out.environments).toEqual([
      { name: 'prod', profile: 'production' },
      { name: 'dev', profile: 'development' },
    ]);
    expect(out.stacks.map((s) => [s.name, s.environment, s.file])).toEqual([
      ['b-array', 'dev', 'terraform/stacks/b-array/cdk.tf.json'],
      ['c-object', 'qa', 'terraform/stacks/c-object/cdk.tf.json'],
      ['d-none', undefined, 'terraform/stacks/d-none/cdk.tf.json'],
      ['e-number', undefined, 'terraform/stacks/e-number/cdk.tf.json'],
      ['f-no-tags', undefined, 'terraform/stacks/f-no-tags/cdk.tf.json'],
      ['g-odd-tags', undefined, 'terraform/stacks/g-odd-tags/cdk.tf.json'],
      ['global', undefined, 'terraform/stacks/global/cdk.tf.json'],
      ['h-provider-list', undefined, 'terraform/stacks/h-provider-list/cdk.tf.json'],
      ['i-empty-tags', undefined, 'terraform/stacks/i-empty-tags/cdk.tf.json'],
      ['prod-a', 'prod', 'terraform/stacks/prod-a/cdk.tf.json'],
    ]);
    const stack = out.stacks.find((s) => s.name === 'd-none')!;
    expect(stack.json).toEqual({ resource: {} });
    expect(stack.text).toBe(fs.readFileSync(path.join(dir, 'terraform/stacks/d-none/cdk.tf.json'), 'utf8'));
  });

  test('every YAML file under gitops/<env>/, in path order, with the documents it holds', () => {
    write('summary.json', { environments: [{ name: 'prod', profile: 'production' }] });
    write('gitops/README.md', 'not an environment');
    write('gitops/prod/b.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: n\n');
    write('gitops/prod/a/z.yml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n');
    write('gitops/prod/a/notes.txt', 'apiVersion: v1\nkind: Secret\n');
    write('gitops/prod/a.yaml.bak', 'apiVersion: v1\nkind: Secret\n');
    write('gitops/prod/c.yaml', 'replicas: 3\n');
    write('gitops/dev/bad.yaml', 'a: [\n');
    const out = readOutput(dir);
    expect(out.manifestFiles).toBe(4);
    expect(out.documents.map((d) => [d.environment, d.file, d.line, d.address])).toEqual([
      ['prod', 'gitops/prod/a/z.yml', 1, 'gitops/prod/a/z.yml#ConfigMap/c'],
      ['prod', 'gitops/prod/b.yaml', 1, 'gitops/prod/b.yaml#Service/n/s'],
    ]);
    expect(out.problems).toHaveLength(1);
    expect(out.problems![0]).toMatchObject({ file: 'gitops/dev/bad.yaml', line: 2 });
    expect(out.problems![0].message).toMatch(/^not valid YAML: [^\n]+$/);
  });

  test('entries are read in name order whatever order the file system lists them in', () => {
    write('summary.json', {});
    for (const name of ['b', 'c', 'a']) write(`terraform/stacks/${name}/cdk.tf.json`, { resource: {} });
    for (const file of ['prod/b.yaml', 'prod/a/z.yaml', 'prod/c.yml', 'prod/a.yaml', 'dev/x.yaml']) {
      write(`gitops/${file}`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${file.replace(/\W/g, '-')}\n`);
    }
    // The module object itself (the `import * as fs` namespace is read-only); the reader sees it through its getters.
    const nodeFs = jest.requireActual<{ readdirSync: (...args: unknown[]) => unknown[] }>('node:fs');
    const real = nodeFs.readdirSync;
    nodeFs.readdirSync = (...args: unknown[]) => [...real(...args)].reverse();
    try {
      const out = readOutput(dir);
      expect(out.stacks.map((s) => s.name)).toEqual(['a', 'b', 'c']);
      expect(out.documents.map((d) => d.file)).toEqual([
        'gitops/dev/x.yaml',
        'gitops/prod/a/z.yaml', // entry `a` sorts before `a.yaml`
        'gitops/prod/a.yaml',
        'gitops/prod/b.yaml',
        'gitops/prod/c.yml',
      ]);
    } finally {
      nodeFs.readdirSync = real;
    }
  });

  test('documents handed over in memory are used as they are, without reading gitops/', () => {
    write('summary.json', { environments: [{ name: 'dev', profile: 'development' }] });
    write('gitops/dev/ignored.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n');
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' } };
    const out = readOutput(dir, [
      { file: 'dev/a.yaml', line: 4, object },
      { file: 'dev/a.yaml', line: 9, object: { replicas: 1 } },
      { file: 'prod/sub/b.yaml', line: 1, object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } } },
    ]);
    expect(out.manifestFiles).toBe(2);
    expect(out.problems).toEqual([]);
    expect(out.documents.map((d) => [d.environment, d.file, d.line, d.address])).toEqual([
      ['dev', 'gitops/dev/a.yaml', 4, 'gitops/dev/a.yaml#ConfigMap/n/c'],
      ['prod', 'gitops/prod/sub/b.yaml', 1, 'gitops/prod/sub/b.yaml#Namespace/n'],
    ]);
    // A copy: rules may not change what the caller goes on to write.
    expect(out.documents[0].object).toEqual(object);
    expect(out.documents[0].object).not.toBe(object);
  });
});

describe('parseManifests', () => {
  test('each document with the line it starts on; empty documents and non-objects are skipped', () => {
    const text = [
      '# leading comment', // 1
      'apiVersion: v1', // 2
      'kind: ConfigMap',
      'metadata: { name: a }',
      '---', // 5
      '---',
      '~',
      '---',
      'just a string',
      '---', // 10
      '',
      '# comment',
      'apiVersion: v1', // 13
      'kind: Secret',
      'metadata: { name: b }',
      '---',
      'apiVersion: v1', // 17
      'kind: List',
      'items:',
      '  - { apiVersion: v1, kind: ConfigMap, metadata: { name: c } }',
      '  - { not: kubernetes }',
      '  - { apiVersion: v1, kind: ConfigMap, metadata: { name: d } }',
      '---', // 23
      'apiVersion: v1',
      'kind: List',
      'items: {}',
      '---', // 27
      'apiVersion: v1',
      'kind: ConfigMapLike',
      'metadata: { name: e }',
      'items: [{ apiVersion: v1, kind: ConfigMap, metadata: { name: nested } }]',
      '---', // 32
      '{',
      '  apiVersion: v1, kind: Secret, metadata: { name: f } }',
      '---',
      '',
    ].join('\n');
    const out = parseManifests('prod', 'gitops/prod/x.yaml', text);
    expect(out.problems).toEqual([]);
    expect(out.documents.map((d) => [d.kind, d.name, d.line])).toEqual([
      ['ConfigMap', 'a', 2],
      ['Secret', 'b', 13],
      ['ConfigMap', 'c', 17],
      ['ConfigMap', 'd', 17],
      ['List', '(unnamed)', 24],
      ['ConfigMapLike', 'e', 28],
      ['Secret', 'f', 33],
    ]);
    expect(out.documents[0]).toMatchObject({ environment: 'prod', file: 'gitops/prod/x.yaml', apiVersion: 'v1' });
  });

  test('lines of many documents are found exactly (binary search over line starts)', () => {
    const text = Array.from({ length: 12 }, (_, i) => `${'\n'.repeat(i % 3)}apiVersion: v1\nkind: ConfigMap\nmetadata: { name: m${i} }\n`).join('---\n');
    const lines: number[] = [];
    let line = 1;
    for (let i = 0; i < 12; i++) {
      line += i % 3;
      lines.push(line);
      line += 4;
    }
    expect(parseManifests('e', 'f', text).documents.map((d) => d.line)).toEqual(lines);
  });

  test('an invalid document is a problem at the line of the error; the others are still read', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\nx: 1\nx: 2\n---\napiVersion: v1\nkind: Secret\nmetadata: { name: b }\n';
    const out = parseManifests('e', 'gitops/e/x.yaml', text);
    expect(out.documents.map((d) => d.name)).toEqual(['a', 'b']);
    expect(out.problems).toHaveLength(1);
    expect(out.problems[0].file).toBe('gitops/e/x.yaml');
    expect(out.problems[0].line).toBe(6);
    expect(out.problems[0].message.startsWith('not valid YAML: Map keys must be unique')).toBe(true);
    expect(out.problems[0].message).not.toContain('\n');
  });

  test('an empty file has no documents', () => {
    expect(parseManifests('e', 'f', '')).toEqual({ documents: [], problems: [] });
    expect(parseManifests('e', 'f', '# only a comment\n')).toEqual({ documents: [], problems: [] });
  });

  test('aliases are expanded', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\ndata:\n  x: &v hello\n  y: *v\n';
    expect(parseManifests('e', 'f', text).documents[0].object).toMatchObject({ data: { x: 'hello', y: 'hello' } });
  });
});
