import { Fn, Token, Tokenization } from 'cdktf';
import { stringify } from 'yaml';
import { escapeTemplateLiteral } from './terraform-template';

/**
 * Helm values as YAML text built here, for `helm_release.values`, instead of a `yamlencode({...})` expression: cdktf
 * writes literal strings inside an expression without escaping, so a `"` broke the expression and a `${` injected one.
 *
 * Literal values are serialized by the `yaml` library and the text is escaped as a Terraform template. A value that
 * is a cdktf token (a cross-stack reference: cluster name, role ARN, bucket) becomes `${jsonencode(<reference>)}`:
 * Terraform renders it as a JSON string, which is a valid YAML double-quoted scalar whatever the value holds.
 *
 * YAML 1.1 on purpose: Helm reads values with a YAML 1.1 parser, which takes a plain `yes`, `on` or `0755` for a
 * boolean or a number; the 1.1 serializer quotes such strings.
 */
export function helmValuesTemplate(values: Record<string, unknown>): string {
  // Placeholders stand in for references while the YAML is written; the nonce keeps them apart from literal text.
  const source = JSON.stringify(values);
  let nonce = 0;
  while (source.includes(`paved-reference-${nonce}-`)) nonce++;
  const placeholder = (i: number) => `paved-reference-${nonce}-${i}-end`;
  const references: string[] = [];
  const literal = replaceTokens(values, (reference) => placeholder(references.push(reference) - 1), '');
  const text = stringify(literal, { version: '1.1', lineWidth: 0, minContentWidth: 0 });
  let template = escapeTemplateLiteral(text);
  references.forEach((reference, i) => {
    if (template.split(placeholder(i)).length !== 2) throw new Error(`helm values: placeholder ${placeholder(i)} is not unique`);
    template = template.replace(placeholder(i), () => Fn.jsonencode(reference));
  });
  return template;
}

/** A deep copy of `value` whose token strings are replaced by placeholders; the tokens are collected in order. */
function replaceTokens(value: unknown, reference: (token: string) => string, where: string): unknown {
  if (typeof value === 'string') {
    if (!Token.isUnresolved(value)) return value;
    const fragments = Tokenization.reverseString(value);
    if (fragments.length !== 1 || fragments.tokens.length !== 1) {
      throw new Error(`helm values: ${where || 'value'} mixes literal text and references; pass a whole reference`);
    }
    return reference(value);
  }
  if (typeof value === 'number' && Token.isUnresolved(value)) throw new Error(`helm values: ${where}: number references are not supported`);
  if (Array.isArray(value)) return value.map((v, i) => replaceTokens(v, reference, `${where}[${i}]`));
  if (value !== null && typeof value === 'object') {
    if (Token.isUnresolved(value)) throw new Error(`helm values: ${where}: object references are not supported`);
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (Token.isUnresolved(k)) throw new Error(`helm values: ${where}: a key is a reference`);
        return [k, replaceTokens(v, reference, where ? `${where}.${k}` : k)];
      }),
    );
  }
  return value;
}
