import { readPolicy } from '../../../model/iam-policy';
import type { TfResource } from '../../../model/terraform';
import { blocks, bool, show } from '../../../model/values';
import { ALWAYS, checkov, type RuleContext, type TerraformRule } from '../../../rule';
import { terraformRule } from '../../define';
import { companions, isSet } from '../terraform-helpers';

const BUCKET = ['aws_s3_bucket'];

const related = (context: RuleContext, bucket: TfResource, type: string) => companions(context, bucket, type, 'bucket');

function lifecycleRules(context: RuleContext, bucket: TfResource) {
  return related(context, bucket, 'aws_s3_bucket_lifecycle_configuration').flatMap((l) => blocks(l.attrs, 'rule')).filter((r) => r.status !== 'Disabled');
}

type PublicAccessFlag = 'block_public_acls' | 'block_public_policy' | 'ignore_public_acls' | 'restrict_public_buckets';

function publicAccessRule(id: string, flag: PublicAccessFlag, checkId: string, what: string): TerraformRule {
  return terraformRule({
    id,
    title: `S3 public access block sets ${flag}`,
    severity: ALWAYS,
    mirrors: [checkov(checkId)],
    resourceTypes: BUCKET,
    rationale: `${what}; all four flags together make a bucket impossible to open by mistake.`,
    fix: `add an aws_s3_bucket_public_access_block for the bucket with ${flag} = true (Paved sets all four)`,
    check(bucket, context) {
      const blocksOf = related(context, bucket, 'aws_s3_bucket_public_access_block');
      const account = context.terraform.ofType('aws_s3_account_public_access_block').some((a) => bool(a.attrs[flag]) === true);
      if (account || blocksOf.some((b) => bool(b.attrs[flag]) === true)) return undefined;
      return blocksOf.length ? `its public access block has ${flag} = ${show(blocksOf[0].attrs[flag])}` : 'no aws_s3_bucket_public_access_block refers to it';
    },
  });
}

export const S3_RULES = [
  terraformRule({
    id: 'PAVED-AWS-S3-001',
    title: 'S3 bucket versioning is on',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_21')],
    resourceTypes: BUCKET,
    rationale: 'Versioning turns an overwrite or delete (by a bug or an attacker) into a recoverable event.',
    fix: 'add an aws_s3_bucket_versioning for the bucket with versioning_configuration.status = "Enabled"',
    check(bucket, context) {
      const versioning = related(context, bucket, 'aws_s3_bucket_versioning');
      if (versioning.some((v) => blocks(v.attrs, 'versioning_configuration').some((c) => c.status === 'Enabled'))) return undefined;
      if (blocks(bucket.attrs, 'versioning').some((v) => bool(v.enabled) === true)) return undefined;
      return versioning.length ? 'its aws_s3_bucket_versioning is not "Enabled"' : 'no aws_s3_bucket_versioning refers to it';
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-S3-002',
    title: 'S3 bucket has default server-side encryption configured',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_19')],
    resourceTypes: BUCKET,
    rationale: 'An explicit default encryption configuration documents and pins how objects are encrypted.',
    fix: 'add an aws_s3_bucket_server_side_encryption_configuration for the bucket',
    check: (bucket, context) => (related(context, bucket, 'aws_s3_bucket_server_side_encryption_configuration').length ? undefined : 'no aws_s3_bucket_server_side_encryption_configuration refers to it'),
  }),
  terraformRule({
    id: 'PAVED-AWS-S3-003',
    title: 'S3 bucket encrypts with a KMS key',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_145')],
    resourceTypes: BUCKET,
    rationale: 'SSE-KMS with a customer managed key adds a key policy and an audit trail to every read.',
    fix: 'set rule.apply_server_side_encryption_by_default { sse_algorithm = "aws:kms", kms_master_key_id = <key ARN> } (bucket_key_enabled keeps it cheap); server access log targets use AES256',
    check(bucket, context) {
      const configs = related(context, bucket, 'aws_s3_bucket_server_side_encryption_configuration');
      const defaults = configs.flatMap((c) => blocks(c.attrs, 'rule')).flatMap((r) => blocks(r, 'apply_server_side_encryption_by_default'));
      if (defaults.some((d) => typeof d.sse_algorithm === 'string' && d.sse_algorithm.startsWith('aws:kms') && isSet(d.kms_master_key_id))) return undefined;
      // S3 delivers server access logs only to SSE-S3 buckets: a log target may (must) use AES256.
      const logTarget = context.terraform.ofType('aws_s3_bucket_logging').some((l) => context.terraform.refersTo(l.stack, l.attrs.target_bucket, bucket));
      if (logTarget && defaults.some((d) => d.sse_algorithm === 'AES256')) return undefined;
      return defaults.length ? `default encryption is ${show(defaults[0].sse_algorithm)}${isSet(defaults[0].kms_master_key_id) ? '' : ' without kms_master_key_id'}` : 'no default encryption rule';
    },
  }),
  publicAccessRule('PAVED-AWS-S3-004', 'block_public_acls', 'CKV_AWS_53', 'New public ACLs are rejected'),
  publicAccessRule('PAVED-AWS-S3-005', 'block_public_policy', 'CKV_AWS_54', 'Bucket policies granting public access are rejected'),
  publicAccessRule('PAVED-AWS-S3-006', 'ignore_public_acls', 'CKV_AWS_55', 'Existing public ACLs are ignored'),
  publicAccessRule('PAVED-AWS-S3-007', 'restrict_public_buckets', 'CKV_AWS_56', 'Access through a public policy is limited to the account'),
  terraformRule({
    id: 'PAVED-AWS-S3-008',
    title: 'S3 bucket policy denies requests without TLS',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_379')],
    resourceTypes: BUCKET,
    rationale: 'Only a Deny on aws:SecureTransport = false keeps clients from reading or writing objects in plain HTTP.',
    fix: 'add a bucket policy statement: Effect Deny, Principal *, Action s3:*, Condition Bool aws:SecureTransport = "false"',
    check(bucket, context) {
      const policies = related(context, bucket, 'aws_s3_bucket_policy');
      for (const p of policies) {
        const reading = readPolicy(context.terraform, p.stack, p.attrs.policy);
        if (!reading.readable) continue;
        const denies = reading.statements.some(
          (s) =>
            s.effect === 'Deny' &&
            (s.actions.includes('*') || s.actions.includes('s3:*')) &&
            s.conditions.some((c) => c.variable === 'aws:SecureTransport' && /^bool$/i.test(c.test) && c.values.includes('false')),
        );
        if (denies) return undefined;
      }
      return policies.length ? 'its bucket policy has no Deny of s3:* when aws:SecureTransport is false' : 'no aws_s3_bucket_policy refers to it';
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-S3-009',
    title: 'S3 lifecycle aborts incomplete multipart uploads',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_300')],
    resourceTypes: BUCKET,
    rationale: 'Abandoned multipart uploads are invisible in listings and billed forever.',
    fix: 'add a lifecycle rule with abort_incomplete_multipart_upload { days_after_initiation = 7 }',
    check: (bucket, context) =>
      lifecycleRules(context, bucket).some((r) => blocks(r, 'abort_incomplete_multipart_upload').some((a) => a.days_after_initiation !== undefined))
        ? undefined
        : 'no enabled lifecycle rule aborts incomplete multipart uploads',
  }),
  terraformRule({
    id: 'PAVED-AWS-S3-010',
    title: 'S3 bucket has a lifecycle configuration',
    severity: ALWAYS,
    mirrors: [checkov('CKV2_AWS_61')],
    resourceTypes: BUCKET,
    rationale: 'Versioned buckets grow without bound unless old versions expire.',
    fix: 'add an aws_s3_bucket_lifecycle_configuration (expire noncurrent versions, abort multipart uploads)',
    check: (bucket, context) => (lifecycleRules(context, bucket).length ? undefined : 'no aws_s3_bucket_lifecycle_configuration with an enabled rule refers to it'),
  }),
  terraformRule({
    id: 'PAVED-AWS-S3-011',
    title: 'S3 ACLs are disabled (bucket owner enforced)',
    severity: ALWAYS,
    mirrors: [checkov('CKV2_AWS_65')],
    resourceTypes: BUCKET,
    rationale: 'With ACLs disabled, only policies grant access, and objects written by other accounts still belong to you.',
    fix: 'add an aws_s3_bucket_ownership_controls with rule.object_ownership = "BucketOwnerEnforced"',
    check(bucket, context) {
      const controls = related(context, bucket, 'aws_s3_bucket_ownership_controls');
      if (controls.some((c) => blocks(c.attrs, 'rule').some((r) => r.object_ownership === 'BucketOwnerEnforced'))) return undefined;
      return controls.length ? 'object_ownership is not "BucketOwnerEnforced"' : 'no aws_s3_bucket_ownership_controls refers to it';
    },
  }),
];
