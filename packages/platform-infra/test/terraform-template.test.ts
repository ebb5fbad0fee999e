import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformLocal, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { escapeHelmTemplate } from '../src/constructs/platform/argocd-values';
import { helmValuesTemplate } from '../src/constructs/platform/helm-values';
import { escapeTemplateLiteral } from '../src/constructs/platform/terraform-template';

// Testing.app() makes a fresh os.tmpdir()/cdktf.outdir.* per call and never removes it (thousands of them under
// Stryker), and `new App()` makes ./cdktf.out. Nothing is written there (Testing.synth renders in memory), so every
// app of this file shares one directory, removed at the end.
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-terraform-template-'));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** The value cdktf writes for `value` in an output of a fresh stack, where `ref` is a token rendering as `local.ref`. */
function rendered(build: (ref: string) => string): string {
  const app = Testing.app({ outdir });
  const stack = new TerraformStack(app, 's');
  const ref = new TerraformLocal(stack, 'ref', 'v').asString;
  new TerraformOutput(stack, 'o', { value: build(ref) });
  return JSON.parse(Testing.synth(stack)).output.o.value;
}

describe('escapeTemplateLiteral', () => {
  test.each([
    ['plain text', 'plain text'],
    ['${file("/etc/passwd")}', '$${file("/etc/passwd")}'],
    ['%{ if true }x%{ endif }', '%%{ if true }x%%{ endif }'],
    ['$${already}', '$$${already}'],
    ['%%{already}', '%%%{already}'],
    ['a"b\\c\nd', 'a"b\\c\nd'],
    ['$ and % alone, {braces}', '$ and % alone, {braces}'],
    ['trailing $', 'trailing $'],
  ])('literal %j becomes %j', (input, expected) => {
    expect(escapeTemplateLiteral(input)).toBe(expected);
  });

  test('tokens stay interpolations, literals around them are escaped', () => {
    expect(rendered((ref) => escapeTemplateLiteral(`\${x} ${ref} %{y}`))).toBe('${"$"}{x} ${local.ref} %%{y}');
  });

  test('a run of dollars right before a token is written as a quoted interpolation', () => {
    expect(rendered((ref) => escapeTemplateLiteral(`cost $$${ref}`))).toBe('cost ${"$$"}${local.ref}');
    expect(rendered((ref) => escapeTemplateLiteral(`${ref}$`))).toBe('${local.ref}$');
  });

  test('a whole token is returned unchanged', () => {
    expect(rendered((ref) => escapeTemplateLiteral(ref))).toBe('${local.ref}');
  });
});

describe('helmValuesTemplate', () => {
  test('literal values become YAML text escaped as a template', () => {
    const text = helmValuesTemplate({ a: '${x}', b: 'yes', c: 'multi\nline', d: 3, e: true, f: ['%{ y }'] });
    expect(text).toBe(['a: $${x}', 'b: "yes"', 'c: |-', '  multi', '  line', 'd: 3', 'e: true', 'f:', '  - "%%{ y }"', ''].join('\n'));
  });

  test('a reference becomes jsonencode of it, a double-quoted YAML scalar once evaluated', () => {
    expect(rendered((ref) => helmValuesTemplate({ name: ref, list: [ref] }))).toBe(
      'name: ${jsonencode(local.ref)}\nlist:\n  - ${jsonencode(local.ref)}\n',
    );
  });

  test('a literal that looks like a placeholder does not collide', () => {
    const out = rendered((ref) => helmValuesTemplate({ a: 'paved-reference-0-0-end', b: ref }));
    expect(out).toBe('a: paved-reference-0-0-end\nb: ${jsonencode(local.ref)}\n');
  });

  test('strings mixing text and references are refused', () => {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 's');
    const ref = new TerraformLocal(stack, 'ref', 'v').asString;
    expect(() => helmValuesTemplate({ a: { b: `arn:${ref}` } })).toThrow(/a\.b mixes literal text and references/);
  });
});

describe('escapeHelmTemplate', () => {
  test('every {{ becomes an action that prints it, in keys and values, deeply', () => {
    expect(escapeHelmTemplate({ 'k{{': ['{{ lookup "v1" "Secret" "" "" }}', 'x{{{y'], 'n': 1 })).toEqual({
      'k{{`{{`}}': ['{{`{{`}} lookup "v1" "Secret" "" "" }}', 'x{{`{{`}}{y'], 'n': 1,
    });
  });

  test('references are escaped when Terraform evaluates them', () => {
    expect(rendered((ref) => escapeHelmTemplate(ref))).toBe('${replace(local.ref, "{{", "{{`{{`}}")}');
    expect(rendered((ref) => helmValuesTemplate({ a: escapeHelmTemplate(ref) }))).toBe(
      'a: ${jsonencode(replace(local.ref, "{{", "{{`{{`}}"))}\n',
    );
  });
});
