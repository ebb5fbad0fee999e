import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Fn, Lazy, TerraformLocal, TerraformOutput, TerraformStack, Testing, Token } from 'cdktf';
import { helmValuesTemplate } from '../src/constructs/platform/helm-values';
import { escapeTemplateLiteral, hasTokens } from '../src/constructs/platform/terraform-template';

// Testing.app() makes a fresh os.tmpdir()/cdktf.outdir.* per call and never removes it (thousands of them under
// Stryker), and `new App()` makes ./cdktf.out. Nothing is written there (Testing.synth renders in memory), so every
// app of this file shares one directory, removed at the end.
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-hcl-escaping-'));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/**
 * Unit tests of the Terraform template escaping and of Helm values as escaped YAML text, calling the functions
 * directly (the hostile-values test proves the same through a whole stack and real Terraform). Written for mutation
 * testing: every branch of the escaping has an exact expected output.
 */

/** The value cdktf writes for an output of a fresh stack, where `ref`/`other` are tokens rendering as `local.ref`/`local.other`. */
function rendered(build: (ref: string, other: string, stack: TerraformStack) => string): string {
  const app = Testing.app({ outdir });
  const stack = new TerraformStack(app, 's');
  const ref = new TerraformLocal(stack, 'ref', 'v').asString;
  const other = new TerraformLocal(stack, 'other', 'w').asString;
  new TerraformOutput(stack, 'o', { value: build(ref, other, stack) });
  return JSON.parse(Testing.synth(stack)).output.o.value;
}

/** A stack whose tokens can be passed to functions that only throw (nothing is synthesized). */
function tokens(): { ref: string; stack: TerraformStack } {
  const stack = new TerraformStack(new App({ outdir }), 's');
  return { ref: new TerraformLocal(stack, 'ref', 'v').asString, stack };
}

describe('escapeTemplateLiteral on literal strings', () => {
  test.each([
    ['', ''],
    ['${a}${b}', '$${a}$${b}'],
    ['%{a}%{b}', '%%{a}%%{b}'],
    ['x${y}%{z}w', 'x$${y}%%{z}w'],
    ['$$$', '$$$'],
    ['%%%', '%%%'],
    ['{${', '{$${'],
    ['$ {x} % {y}', '$ {x} % {y}'],
    ['unicode ünï ✓ 🚀 ${é}', 'unicode ünï ✓ 🚀 $${é}'],
    ['quotes " and \\ and \t tab\r\n', 'quotes " and \\ and \t tab\r\n'],
  ])('%j is written as %j', (input, expected) => {
    expect(escapeTemplateLiteral(input)).toBe(expected);
  });
});

describe('escapeTemplateLiteral around tokens', () => {
  test('literal text on both sides of several tokens is escaped; the tokens stay interpolations', () => {
    expect(rendered((ref, other) => escapeTemplateLiteral(`\${a}${ref}%{b}${other}\${c}`))).toBe('${"$"}{a}${local.ref}%%{b}${local.other}${"$"}{c}');
  });

  test('beside a token, a whole run of dollars before `{` is quoted, so no `$${` escape is left for cdktf to misread', () => {
    expect(rendered((ref) => escapeTemplateLiteral(`a$\${b}${ref}`))).toBe('a${"$$"}{b}${local.ref}');
    expect(rendered((ref) => escapeTemplateLiteral(`${ref}$$$\${c}`))).toBe('${local.ref}${"$$$$"}{c}');
  });

  test('a single dollar right before a token is quoted, so it is not read as the escape `$${`', () => {
    expect(rendered((ref) => escapeTemplateLiteral(`x$${ref}`))).toBe('x${"$"}${local.ref}');
  });

  test('only the trailing run of dollars is quoted; dollars elsewhere in the literal stay as they are', () => {
    expect(rendered((ref) => escapeTemplateLiteral(`a$b$$${ref}`))).toBe('a$b${"$$"}${local.ref}');
    expect(rendered((ref) => escapeTemplateLiteral(`a$b ${ref}`))).toBe('a$b ${local.ref}');
  });

  test('a dollar before a token that itself follows a token is quoted too', () => {
    expect(rendered((ref, other) => escapeTemplateLiteral(`${ref}$${other}$`))).toBe('${local.ref}${"$"}${local.other}$');
  });

  test('hasTokens tells references from literal text', () => {
    const { ref } = tokens();
    expect(hasTokens(ref)).toBe(true);
    expect(hasTokens(`a ${ref} b`)).toBe(true);
    expect(hasTokens('${not.a.token}')).toBe(false);
    expect(hasTokens('')).toBe(false);
  });
});

describe('helmValuesTemplate', () => {
  test('scalars, lists, maps and YAML 1.1 look-alikes are serialized as YAML text', () => {
    const text = helmValuesTemplate({
      s: 'plain',
      n: null,
      list: [1, 'two', { k: 'v' }],
      map: { on: 'on', octal: '0755', quote: 'a"b', dollar: '${x}', long: 'x'.repeat(200) },
    });
    expect(text).toBe(
      [
        's: plain',
        '"n": null',
        'list:',
        '  - 1',
        '  - two',
        '  - k: v',
        'map:',
        '  "on": "on"',
        '  octal: "0755"',
        '  quote: a"b',
        '  dollar: $${x}',
        `  long: ${'x'.repeat(200)}`,
        '',
      ].join('\n'),
    );
  });

  test('each reference becomes its own jsonencode, at any depth', () => {
    expect(rendered((ref, other) => helmValuesTemplate({ a: ref, b: { c: [other, ref] } }))).toBe(
      'a: ${jsonencode(local.ref)}\nb:\n  c:\n    - ${jsonencode(local.other)}\n    - ${jsonencode(local.ref)}\n',
    );
  });

  test('placeholder look-alikes in the values move the placeholders to the next free nonce', () => {
    expect(rendered((ref) => helmValuesTemplate({ a: 'paved-reference-0-0-end', b: 'paved-reference-1-x', c: ref }))).toBe(
      'a: paved-reference-0-0-end\nb: paved-reference-1-x\nc: ${jsonencode(local.ref)}\n',
    );
    expect(rendered((ref) => helmValuesTemplate({ 'paved-reference-0-': 1, 'c': ref }))).toBe('paved-reference-0-: 1\nc: ${jsonencode(local.ref)}\n');
  });

  test('a reference as a whole string is accepted; an expression token is rendered as the expression', () => {
    expect(rendered(() => helmValuesTemplate({ a: Fn.upper('x') }))).toBe('a: ${jsonencode(upper("x"))}\n');
  });

  test.each<[string, (ref: string) => Record<string, unknown>, RegExp]>([
    ['text around a reference', (ref) => ({ a: `arn:${ref}` }), /^helm values: a mixes literal text and references; pass a whole reference$/],
    ['two references in one string', (ref) => ({ a: [`${ref}${ref}`] }), /^helm values: a\[0\] mixes literal text and references/],
    ['text after a reference, deep', (ref) => ({ a: { b: [1, { c: `${ref}/x` }] } }), /^helm values: a\.b\[1\]\.c mixes literal text/],
    ['a number reference', (ref) => ({ a: { n: Token.asNumber(ref) } }), /^helm values: a\.n: number references are not supported$/],
    ['an object reference', () => ({ a: Lazy.anyValue({ produce: () => ({}) }) }), /^helm values: a: object references are not supported$/],
    ['a reference as a key', (ref) => ({ a: { [ref]: 1 } }), /^helm values: a: a key is a reference$/],
  ])('%s is refused, naming where it is', (_, values, message) => {
    const { ref } = tokens();
    expect(() => helmValuesTemplate(values(ref))).toThrow(message);
  });

  test('numbers that are not references pass through', () => {
    expect(helmValuesTemplate({ a: 1.5, b: -2, c: false })).toBe('a: 1.5\nb: -2\nc: false\n');
  });
});
