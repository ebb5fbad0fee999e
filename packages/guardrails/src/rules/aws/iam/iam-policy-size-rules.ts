import { ALWAYS } from '../../../rule';
import { terraformRule } from '../../define';
import { inlinePolicies } from '../terraform-helpers';

/**
 * IAM's size quotas, in characters without white space, which IAM does not count (IAM User Guide, "IAM and AWS STS
 * quotas", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, read 2026-12-04). Neither can
 * be raised: a policy over them is refused when Terraform applies it, after every earlier resource was created.
 */
export const MANAGED_POLICY_MAX_CHARS = 6_144;
export const ROLE_INLINE_POLICIES_MAX_CHARS = 10_240;
/**
 * "Bucket policies are limited to 20 KB in size" (Amazon S3 User Guide, "Bucket policies and user policies",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-iam-policies.html, read 2026-12-04): counted here as
 * the bytes of the policy as written, white space included (the guide does not say S3 leaves it out).
 */
export const BUCKET_POLICY_MAX_BYTES = 20 * 1024;

/**
 * The size IAM counts for a policy written as JSON in the attribute; undefined for anything else (a reference to an
 * `aws_iam_policy_document` or an expression), whose text is only known at apply time. References inside the JSON
 * (`${aws_s3_bucket.b.arn}`) count as written, which is close to the ARN they stand for.
 */
export function policyChars(value: unknown): number | undefined {
  return isLiteralJson(value) ? value.replace(/\s/g, '').length : undefined;
}

/** Bytes of a bucket policy written as JSON; undefined when its text is only known at apply time. */
function bucketPolicyBytes(value: unknown): number | undefined {
  return isLiteralJson(value) ? Buffer.byteLength(value, 'utf8') : undefined;
}

/** A policy attribute whose text is here: JSON, not a document reference or an expression. */
function isLiteralJson(value: unknown): value is string {
  return typeof value === 'string' && value.trimStart().startsWith('{');
}

const count = (n: number) => n.toLocaleString('en-US');

/** Rules on the size of IAM policies: what AWS refuses only when the apply reaches it. */
export const IAM_POLICY_SIZE_RULES = [
  terraformRule({
    id: 'PAVED-AWS-IAM-007',
    title: 'Policies fit AWS\'s size quotas: a managed policy 6,144 characters, a role\'s inline policies 10,240 together, a bucket policy 20 KB',
    severity: ALWAYS,
    mirrors: [],
    resourceTypes: ['aws_iam_policy', 'aws_iam_role', 'aws_s3_bucket_policy'],
    rationale:
      'IAM (LimitExceeded) and S3 refuse a larger policy when Terraform creates '
      + 'it, halfway through an apply; the quotas cannot be raised. Paved writes exact ARNs (state objects per stack, '
      + 'one per declared service resource), so lists grow with the config.',
    fix: 'split the statements over several managed policies, or name fewer resources (Paved: at most about seven '
      + 'environments per account, whose CI roles list each stack\'s state; fewer declared '
      + '`services[].awsResources.resources` per service, or none, which allows the service\'s prefix)',
    check: (r, c) => {
      if (r.type === 'aws_s3_bucket_policy') {
        const bytes = bucketPolicyBytes(r.attrs.policy);
        if (bytes === undefined || bytes <= BUCKET_POLICY_MAX_BYTES) return undefined;
        return `the bucket policy has ${count(bytes)} bytes (the quota for a bucket policy is ${count(BUCKET_POLICY_MAX_BYTES)} bytes, 20 KB)`;
      }
      if (r.type === 'aws_iam_policy') {
        const size = policyChars(r.attrs.policy);
        if (size === undefined || size <= MANAGED_POLICY_MAX_CHARS) return undefined;
        return `the policy has ${count(size)} characters without white space (the quota for a managed policy is ${count(MANAGED_POLICY_MAX_CHARS)})`;
      }
      const sizes = inlinePolicies(c, r).flatMap((p) => policyChars(p) ?? []);
      const total = sizes.reduce((a, b) => a + b, 0);
      if (total <= ROLE_INLINE_POLICIES_MAX_CHARS) return undefined;
      return `the role's ${sizes.length} inline ${sizes.length === 1 ? 'policy has' : 'policies have'} ${count(total)} characters without white space `
        + `together (the quota for a role is ${count(ROLE_INLINE_POLICIES_MAX_CHARS)})`;
    },
  }),
];
