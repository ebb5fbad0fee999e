import { ALL_RULES, runChecks, type CheckInput } from '../src';
import { BUCKET_POLICY_MAX_BYTES, MANAGED_POLICY_MAX_CHARS, policyChars, ROLE_INLINE_POLICIES_MAX_CHARS } from '../src/rules/aws/iam/iam-policy-size-rules';

/**
 * PAVED-AWS-IAM-007 on hand-made policies of exact sizes: at the quota passes, one character more fails; white space
 * is not counted (as IAM counts); a role's inline policies count together, whether resources or blocks; a bucket
 * policy counts its bytes as written.
 */
const RULE = ALL_RULES.filter((r) => r.id === 'PAVED-AWS-IAM-007');

/** A one-statement policy of exactly `chars` characters without white space (the Sid takes up the rest). */
function policyOf(chars: number, indent?: number): string {
  const build = (sid: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-prod-uploads/*' }] }, null, indent);
  const base = policyChars(build(''))!;
  return build('S'.repeat(chars - base));
}

function findings(resource: Record<string, Record<string, unknown>>): string[] {
  const input: CheckInput = {
    environments: [{ name: 'prod', profile: 'production' }],
    stacks: [{ name: 'bootstrap', file: 'terraform/stacks/bootstrap/cdk.tf.json', json: { resource } }],
    documents: [],
  };
  return runChecks(input, { rules: RULE, today: '2026-12-04' }).findings.map((f) => `${f.address}: ${f.problem}`);
}

const role = (extra: Record<string, unknown> = {}) => ({ name: 'acme-prod-exec', assume_role_policy: '{}', ...extra });

describe('PAVED-AWS-IAM-007: managed policies', () => {
  test('a policy of exactly 6,144 characters passes, 6,145 fails with both figures', () => {
    expect(policyChars(policyOf(MANAGED_POLICY_MAX_CHARS))).toBe(6_144);
    expect(findings({ aws_iam_policy: { b: { name: 'acme-boundary', policy: policyOf(MANAGED_POLICY_MAX_CHARS) } } })).toEqual([]);
    expect(findings({ aws_iam_policy: { b: { name: 'acme-boundary', policy: policyOf(MANAGED_POLICY_MAX_CHARS + 1) } } })).toEqual([
      expect.stringMatching(/aws_iam_policy\.b: the policy has 6,145 characters without white space \(the quota for a managed policy is 6,144\)/),
    ]);
  });

  test('white space is not counted: an indented policy of 6,144 characters passes', () => {
    const indented = policyOf(MANAGED_POLICY_MAX_CHARS, 8);
    expect(indented.length).toBeGreaterThan(6_200);
    expect(findings({ aws_iam_policy: { b: { name: 'acme-boundary', policy: indented } } })).toEqual([]);
  });

  test('a policy whose text is only known at apply time (a document reference, an expression) is not judged', () => {
    expect(policyChars('${data.aws_iam_policy_document.big.json}')).toBeUndefined();
    expect(policyChars('${jsonencode(local.policy)}')).toBeUndefined();
    expect(policyChars(undefined)).toBeUndefined();
    expect(findings({ aws_iam_policy: { b: { name: 'acme-boundary', policy: '${data.aws_iam_policy_document.big.json}' } } })).toEqual([]);
  });
});

describe('PAVED-AWS-IAM-007: a role\'s inline policies together', () => {
  const half = ROLE_INLINE_POLICIES_MAX_CHARS / 2;

  test('two policies of 5,120 pass; one character more fails, naming the count and the total', () => {
    const policies = (second: number) => ({
      aws_iam_role: { exec: role() },
      aws_iam_role_policy: {
        a: { role: '${aws_iam_role.exec.id}', name: 'a', policy: policyOf(half) },
        b: { role: '${aws_iam_role.exec.name}', name: 'b', policy: policyOf(second) },
      },
    });
    expect(findings(policies(half))).toEqual([]);
    expect(findings(policies(half + 1))).toEqual([
      expect.stringMatching(/aws_iam_role\.exec: the role's 2 inline policies have 10,241 characters without white space together \(the quota for a role is 10,240\)/),
    ]);
  });

  test('an inline_policy block counts with the policy resources, a policy of another role does not', () => {
    const resource = {
      aws_iam_role: {
        exec: role({ inline_policy: [{ name: 'block', policy: policyOf(half) }] }),
        other: role({ name: 'acme-prod-other' }),
      },
      aws_iam_role_policy: {
        mine: { role: '${aws_iam_role.exec.id}', name: 'mine', policy: policyOf(half + 1) },
        theirs: { role: '${aws_iam_role.other.id}', name: 'theirs', policy: policyOf(half + 1) },
      },
    };
    expect(findings(resource)).toEqual([expect.stringMatching(/aws_iam_role\.exec: the role's 2 inline policies have 10,241/)]);
  });

  test('one policy over the quota on its own is reported in the singular', () => {
    const resource = { aws_iam_role: { exec: role({ inline_policy: { name: 'only', policy: policyOf(ROLE_INLINE_POLICIES_MAX_CHARS + 10) } }) } };
    expect(findings(resource)).toEqual([expect.stringMatching(/the role's 1 inline policy has 10,250 characters/)]);
  });
});

describe('PAVED-AWS-IAM-007: bucket policies', () => {
  /** A policy of exactly `bytes` bytes as written. */
  const bucketPolicyOf = (bytes: number) => {
    const build = (sid: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::acme-tfstate/*' }] });
    return build('S'.repeat(bytes - build('').length));
  };

  test('20 KB passes, one byte more fails with both figures', () => {
    expect(Buffer.byteLength(bucketPolicyOf(BUCKET_POLICY_MAX_BYTES))).toBe(20_480);
    expect(findings({ aws_s3_bucket_policy: { state: { bucket: 'acme-tfstate', policy: bucketPolicyOf(BUCKET_POLICY_MAX_BYTES) } } })).toEqual([]);
    expect(findings({ aws_s3_bucket_policy: { state: { bucket: 'acme-tfstate', policy: bucketPolicyOf(BUCKET_POLICY_MAX_BYTES + 1) } } })).toEqual([
      expect.stringMatching(/aws_s3_bucket_policy\.state: the bucket policy has 20,481 bytes \(the quota for a bucket policy is 20,480 bytes, 20 KB\)/),
    ]);
  });

  test('a bucket policy from a policy document is not judged', () => {
    expect(findings({ aws_s3_bucket_policy: { state: { bucket: 'b', policy: '${data.aws_iam_policy_document.state.json}' } } })).toEqual([]);
  });
});
