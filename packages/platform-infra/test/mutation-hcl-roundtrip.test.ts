import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { TerraformLocal, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { parse } from 'yaml';
import { helmValuesTemplate } from '../src/constructs/platform/helm-values';
import { escapeTemplateLiteral } from '../src/constructs/platform/terraform-template';

/**
 * One batched round trip through real Terraform: hostile strings, escaped, alone and around a reference, are written
 * as outputs of a provider-less stack, applied, and read back. What Terraform evaluates must be exactly the input
 * (the reference replaced by its value). Not part of the Stryker run (a subprocess per mutant would be too slow); the
 * unit tests in mutation-hcl-escaping.test.ts pin the exact escaped text instead.
 */
const exec = promisify(execFile);

function which(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}
const terraform = which('terraform');
if (!terraform) console.warn('HCL round trip skipped: no terraform binary on PATH');

const REF_VALUE = 'R"e\\f${x}';
const HOSTILE = [
  '${file("/etc/passwd")}',
  '%{ if true }x%{ endif }',
  '$${already}',
  '%%{already}',
  'a"b\\c\nd\te',
  '$',
  '$$',
  '%',
  '{}',
  '}',
  'trailing $',
  'ünïcødé ✓ 🚀 ${é}',
  '\\${x}',
  '${',
  '%{',
  '$}{',
  '"; }\n${local.ref}',
];

/** Pieces with a token before them or after them that cdktf renders correctly today. */
const AROUND_REFERENCE = HOSTILE.filter((s) => s !== '${');

(terraform ? describe : describe.skip)('escaped strings evaluated by terraform', () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-hcl-roundtrip-'));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  async function evaluate(values: Record<string, (ref: string) => string>): Promise<Record<string, string>> {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    const ref = new TerraformLocal(stack, 'ref', escapeTemplateLiteral(REF_VALUE)).asString;
    for (const [name, build] of Object.entries(values)) new TerraformOutput(stack, name, { value: build(ref) });
    const dir = fs.mkdtempSync(path.join(work, 'stack-'));
    fs.writeFileSync(path.join(dir, 'main.tf.json'), Testing.synth(stack));
    const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: path.join(dir, 'none.tfrc') };
    fs.writeFileSync(env.TF_CLI_CONFIG_FILE, '');
    await exec(terraform!, ['init', '-input=false', '-no-color'], { cwd: dir, env });
    await exec(terraform!, ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: dir, env });
    const { stdout } = await exec(terraform!, ['output', '-json', '-no-color'], { cwd: dir, env });
    return Object.fromEntries(Object.entries(JSON.parse(stdout) as Record<string, { value: string }>).map(([k, v]) => [k, v.value]));
  }

  test('every hostile string comes back as it went in, alone, around a reference, and as Helm values', async () => {
    const values: Record<string, (ref: string) => string> = {};
    const expected: Record<string, string> = {};
    HOSTILE.forEach((s, i) => {
      values[`alone_${i}`] = () => escapeTemplateLiteral(s);
      expected[`alone_${i}`] = s;
    });
    AROUND_REFERENCE.forEach((s, i) => {
      values[`around_${i}`] = (ref) => escapeTemplateLiteral(`${s}${ref}${s}${ref}`);
      expected[`around_${i}`] = `${s}${REF_VALUE}${s}${REF_VALUE}`;
    });
    values.helm = (ref) => helmValuesTemplate({ list: HOSTILE, map: Object.fromEntries(HOSTILE.map((s) => [s, s])), ref, refs: [ref, { ref }] });
    const out = await evaluate(values);
    const { helm, ...strings } = out;
    expect(strings).toEqual(expected);
    expect(parse(helm, { version: '1.1' })).toEqual({
      list: HOSTILE,
      map: Object.fromEntries(HOSTILE.map((s) => [s, s])),
      ref: REF_VALUE,
      refs: [REF_VALUE, { ref: REF_VALUE }],
    });
  }, 120_000);

  /**
   * Planted bug this catches (found while writing these tests): cdktf reads a `${` that is not a token marker as the
   * start of an expression and renders the next token without its `${...}` until a `}` closes it, so the escape `$${`
   * of a literal `${` with no `}` before a reference lost the reference (`${local.ref` as text). Beside tokens,
   * escapeTemplateLiteral now writes such runs as `${"$"}{`.
   */
  test('an unclosed `${` right before a reference keeps the reference', async () => {
    const out = await evaluate({ o: (ref) => escapeTemplateLiteral(`\${${ref}`) });
    expect(out.o).toBe(`\${${REF_VALUE}`);
  }, 120_000);
});
