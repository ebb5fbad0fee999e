import { synthesize } from './support/synthesized';
import { referencesIn, unresolvedReferences } from './support/terraform-references';

const out = synthesize();
const stacks = out.allStacks();

describe('every ${...} reference resolves', () => {
  test.each(stacks.map((s) => [s.name, s] as const))('%s', (_, stack) => {
    expect(unresolvedReferences(stack, stacks)).toEqual([]);
  });

  test('the checker sees references inside functions and strings', () => {
    expect(referencesIn('${jsonencode({"a" = aws_kms_key.k.arn})}')).toEqual(['aws_kms_key.k.arn']);
    expect(referencesIn('${aws_s3_bucket.b.arn}/*')).toEqual(['aws_s3_bucket.b.arn']);
    expect(referencesIn('${element(data.aws_availability_zones.z.names, 1)}')).toEqual(['data.aws_availability_zones.z.names']);
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
});
