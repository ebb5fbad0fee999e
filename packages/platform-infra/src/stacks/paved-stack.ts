import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TAG_KEYS, type ResolvedPlatform } from '@paved/shared-config';
import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

export interface PavedStackProps {
  readonly platform: ResolvedPlatform;
  /** The only account this stack's AWS provider may act on. */
  readonly account: string;
  readonly region: string;
  /** Standard tags of the stack's resources (the stack tag is added here). */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Where the state lives. `local` is only for the bootstrap stacks, which create the state bucket.
   * @default 's3'
   */
  readonly backend?: 'local' | 's3';
  /** The environment the stack belongs to; undefined for platform-wide stacks. */
  readonly environment?: string;
}

/**
 * A state boundary: one AWS provider pinned to one account and region with the standard tags as default tags, and an
 * S3 backend with native lock files in the management account's state bucket.
 */
export class PavedStack extends TerraformStack {
  readonly environment?: string;
  readonly account: string;
  readonly region: string;
  readonly aws: AwsProvider;

  constructor(scope: Construct, id: string, props: PavedStackProps) {
    super(scope, id);
    this.environment = props.environment;
    this.account = props.account;
    this.region = props.region;
    this.aws = new AwsProvider(this, 'aws', {
      region: props.region,
      allowedAccountIds: [props.account],
      defaultTags: [{ tags: { ...props.tags, [TAG_KEYS.stack]: id } }],
    });
    if (props.backend === 'local') {
      new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    } else {
      const { naming, management } = props.platform;
      const backend = new S3Backend(this, {
        bucket: naming.stateBucket(management.account),
        key: naming.stateKey(id),
        region: management.region,
        encrypt: true,
      });
      // Native S3 locking (Terraform >= 1.10): no DynamoDB table to create or pay for.
      backend.addOverride('use_lockfile', true);
    }
  }
}
