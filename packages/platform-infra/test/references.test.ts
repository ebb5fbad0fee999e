import { synthesize } from './support/synthesized';
import { referencesIn, stackTraversals, traversalsIn, unresolvedReferences } from './support/terraform-references';

const out = synthesize();
const stacks = out.allStacks();

describe('every ${...} reference resolves', () => {
  test.each(stacks.map((s) => [s.name, s] as const))('%s', (_, stack) => {
    expect(unresolvedReferences(stack, stacks)).toEqual([]);
  });

  test('a deliberately broken reference is reported', () => {
    const stack = structuredClone(out.stack('prod-data'));
    const db = Object.values<any>(stack.json.resource.aws_db_instance)[0];
    db.kms_key_id = '${aws_kms_key.does_not_exist.arn}';
    db.monitoring_role_arn = '${data.terraform_remote_state.cross-stack-reference-input-prod-cluster.outputs.missing}';
    const problems = unresolvedReferences(stack, stacks).map((p) => p.reference);
    expect(problems).toContain('aws_kms_key.does_not_exist.arn');
    expect(problems).toContain('prod-cluster output missing');
  });

  // Planted bug (issue 20): the former regex stopped at the first `}`, so it saw none of the remote-state references
  // inside the platform stack's `${yamlencode({...})}`; a wrong output name there went unnoticed.
  test('the checker sees the cross-stack references of the dev-platform stack, and each resolves', () => {
    const platform = out.stack('dev-platform');
    const remote = stackTraversals(platform).filter(({ traversal }) => traversal.text.startsWith('data.terraform_remote_state.'));
    const inValues = remote.filter(({ at }) => at.startsWith('resource.helm_release.'));
    expect(inValues.length).toBeGreaterThan(0);
    expect(remote.length).toBeGreaterThan(inValues.length); // the helm provider's cluster endpoint and CA too
    expect(unresolvedReferences(platform, stacks)).toEqual([]);

    // A wrong output name inside the values is reported.
    const broken = structuredClone(platform);
    const release = Object.values<any>(broken.json.resource.helm_release)[0];
    const values: string = release.values[0];
    const first = inValues[0].traversal;
    const name = first.parts[4];
    expect(values).toContain(name);
    release.values[0] = values.split(name).join('cross-stack-output-renamed');
    expect(unresolvedReferences(broken, stacks).map((p) => p.reference)).toContain(`${first.parts[2].replace('cross-stack-reference-input-', '')} output cross-stack-output-renamed`);
  });
});

describe('the expression scanner', () => {
  test('references inside functions and strings', () => {
    expect(referencesIn('${jsonencode({"a" = aws_kms_key.k.arn})}')).toEqual(['aws_kms_key.k.arn']);
    expect(referencesIn('${aws_s3_bucket.b.arn}/*')).toEqual(['aws_s3_bucket.b.arn']);
    expect(referencesIn('${element(data.aws_availability_zones.z.names, 1)}')).toEqual(['data.aws_availability_zones.z.names']);
  });

  test('nested objects and quoted braces do not end the interpolation', () => {
    const template = '${yamlencode({"a" = {"b" = "}", "c" = {"d" = var.x}}, "e" = "\\"}{", "f" = [local.y, {"g" = aws_iam_role.r.arn}]})} tail ${aws_s3_bucket.b.id}';
    expect(referencesIn(template)).toEqual(['var.x', 'local.y', 'aws_iam_role.r.arn', 'aws_s3_bucket.b.id']);
  });

  test('interpolations inside quoted strings of an expression are scanned too', () => {
    expect(referencesIn('${upper("x-${aws_vpc.v.id}-{y}")}')).toEqual(['aws_vpc.v.id']);
  });

  test('escapes are literal text, not interpolations', () => {
    expect(referencesIn('$${aws_vpc.v.id} %%{if var.x} ${"$${var.y}"}')).toEqual([]);
  });

  test('directives are scanned', () => {
    expect(referencesIn('%{ if var.enabled }on%{ endif }')).toEqual(['var.enabled']);
  });

  test('remote-state outputs with hyphens, index keys and splats', () => {
    const ts = traversalsIn('${data.terraform_remote_state.in-x.outputs.out-y} ${data.terraform_remote_state.in-x.outputs["z"]} ${aws_subnet.s[*].id} ${aws_subnet.s[0].id}');
    expect(ts.map((t) => t.parts)).toEqual([
      ['data', 'terraform_remote_state', 'in-x', 'outputs', 'out-y'],
      ['data', 'terraform_remote_state', 'in-x', 'outputs', 'z'],
      ['aws_subnet', 's', 'id'],
      ['aws_subnet', 's', 'id'],
    ]);
    expect(ts.map((t) => t.text)).toEqual([
      'data.terraform_remote_state.in-x.outputs.out-y',
      'data.terraform_remote_state.in-x.outputs["z"]',
      'aws_subnet.s[*].id',
      'aws_subnet.s[0].id',
    ]);
  });

  test('functions, provider functions and for-expression variables are not references', () => {
    expect(referencesIn('${provider::aws::arn_parse(var.arn).account_id}')).toEqual(['var.arn']);
    expect(referencesIn('${[for s in aws_subnet.s : s.id]}')).toEqual(['aws_subnet.s', 's.id']);
    const stack = { name: 'x', json: { resource: { aws_subnet: { s: {} } }, output: { o: { value: '${[for s in aws_subnet.s : s.id]}' } } } };
    expect(unresolvedReferences(stack)).toEqual([]);
  });

  test('offsets point at the traversal in the template', () => {
    const template = '${yamlencode({"k" = "}"})}-${aws_vpc.v.id}';
    const [t] = traversalsIn(template);
    expect(template.slice(t.start, t.end)).toBe('aws_vpc.v.id');
  });
});
