import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { policyDocument, tlsOnlyStatement, type PolicyStatement } from '../iam/policy-document';

export interface SecureBucketProps {
  /** Globally unique name from the naming module. */
  readonly bucketName: string;
  /**
   * KMS key for SSE-KMS.
   * @default - SSE-S3, which only a bucket receiving S3 server access logs should use (S3 cannot deliver them to
   * SSE-KMS buckets)
   */
  readonly kmsKeyArn?: string;
  /**
   * Bucket receiving the server access logs of this bucket.
   * @default - no access logging (only for the access-log bucket itself)
   */
  readonly accessLogs?: { readonly bucket: S3Bucket; readonly prefix: string };
  /**
   * Days after which noncurrent object versions expire.
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after which current objects expire.
   * @default - never
   */
  readonly expirationDays?: number;
  /**
   * Keep the bucket when Terraform destroys the stack while it still holds objects.
   * @default true
   */
  readonly preventDestroyWithObjects?: boolean;
  /** Statements added to the bucket policy after the TLS-only deny. */
  readonly extraPolicyStatements?: readonly PolicyStatement[];
}

/**
 * An S3 bucket with every guard on: versioning, SSE-KMS with a bucket key, all public access blocked, ACLs disabled
 * (bucket owner enforced), a TLS-only bucket policy, server access logging and a lifecycle for old versions and
 * incomplete uploads.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly arn: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: !(props.preventDestroyWithObjects ?? true),
    });
    this.arn = this.bucket.arn;
    this.name = this.bucket.bucket;
    const bucket = this.bucket.id;

    new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketVersioningA(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [
        props.kmsKeyArn
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });
    const policy = policyDocument([
      tlsOnlyStatement([this.bucket.arn, `${this.bucket.arn}/*`]),
      ...(props.extraPolicyStatements ?? []),
    ]);
    new S3BucketPolicy(this, 'policy', { bucket, policy: policy.json });
    if (props.accessLogs) {
      new S3BucketLoggingA(this, 'logging', {
        bucket,
        targetBucket: props.accessLogs.bucket.id,
        targetPrefix: props.accessLogs.prefix,
      });
    }
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [
        {
          id: 'noncurrent-versions-and-incomplete-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays ?? 90 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          ...(props.expirationDays ? { expiration: [{ days: props.expirationDays }] } : {}),
        },
      ],
    });
  }
}
