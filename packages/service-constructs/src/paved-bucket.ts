import { Duration, Validations } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { granteeOf, keyUseStatement, resourceStatement } from './grants';
import { checkComponent, checkResourceName } from './naming';
import { PavedServiceStack } from './paved-service-stack';

export interface PavedBucketProps {
  /** Last component of the bucket name `<org>-<env>-<service>-<name>` (63 characters at most in all). */
  readonly name: string;
  /**
   * How long replaced and deleted object versions are kept.
   * @default Duration.days(90)
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * A bucket for S3 server access logs (it must use SSE-S3: S3 cannot deliver logs to a KMS-encrypted bucket).
   * @default - no server access logs (the AwsSolutions-S1 finding is acknowledged with this reason)
   */
  readonly serverAccessLogsBucket?: IBucket;
}

/**
 * An S3 bucket of a service: encrypted with the service's KMS key (bucket key on), TLS-only bucket policy, every
 * public access blocked, ACLs disabled, versioned, incomplete multipart uploads aborted, retained in production.
 */
export class PavedBucket extends Construct {
  readonly bucket: Bucket;
  readonly bucketName: string;
  private readonly stack: PavedServiceStack;

  constructor(scope: Construct, id: string, props: PavedBucketProps) {
    super(scope, id);
    const stack = PavedServiceStack.ofConstruct(this);
    this.stack = stack;
    this.bucketName = checkResourceName(this.node.path, 'bucket', stack.physicalName(checkComponent(this.node.path, 'name', props.name)));
    this.bucket = new Bucket(this, 'Resource', {
      bucketName: this.bucketName,
      encryption: BucketEncryption.KMS,
      encryptionKey: stack.serviceKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{
        abortIncompleteMultipartUploadAfter: Duration.days(7),
        noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? Duration.days(90),
      }],
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      serverAccessLogsPrefix: props.serverAccessLogsBucket ? `${this.bucketName}/` : undefined,
      removalPolicy: stack.resourceRemovalPolicy,
    });
    if (!props.serverAccessLogsBucket) {
      Validations.of(this.bucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason: 'Server access logs need a second, SSE-S3 bucket; a service opts in with serverAccessLogsBucket.',
      });
    }
    stack.registerResource(this, 'bucket', props.name);
  }

  /** Lets the service's Pod Identity role list the bucket and read objects (and decrypt them through S3). */
  grantRead(grantee?: IRole): void {
    const role = granteeOf(this, this.stack, grantee);
    this.bucket.addToResourcePolicy(resourceStatement(role, ['s3:ListBucket'], [this.bucket.bucketArn]));
    this.bucket.addToResourcePolicy(resourceStatement(role, ['s3:GetObject', 's3:GetObjectVersion'], [this.bucket.arnForObjects('*')]));
    this.stack.serviceKey.addToResourcePolicy(keyUseStatement(role, 's3', ['kms:Decrypt']));
  }

  /** Lets the service's Pod Identity role write and delete objects (and encrypt them through S3). */
  grantWrite(grantee?: IRole): void {
    const role = granteeOf(this, this.stack, grantee);
    this.bucket.addToResourcePolicy(
      resourceStatement(role, ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], [this.bucket.arnForObjects('*')]),
    );
    // Multipart uploads read the data key back, hence Decrypt.
    this.stack.serviceKey.addToResourcePolicy(keyUseStatement(role, 's3', ['kms:GenerateDataKey', 'kms:Decrypt']));
  }

  /** grantRead and grantWrite. */
  grantReadWrite(grantee?: IRole): void {
    this.grantRead(grantee);
    this.grantWrite(grantee);
  }
}
