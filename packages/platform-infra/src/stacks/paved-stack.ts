import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { deployRoleArn, TAG_KEYS, type ResolvedPlatform } from '@paved/shared-config';
import { Aspects, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { PermissionsBoundaryAspect, permissionsBoundaryArn } from '../constructs/iam/permissions-boundary';

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

/** An AWS provider of a stack: the account it may act on, and how it gets there. */
export interface StackProviderProps {
  readonly account: string;
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Alias, for a provider besides the stack's default one.
   * @default - the default provider
   */
  readonly alias?: string;
}

/**
 * A state boundary: one AWS provider pinned to one account and region with the standard tags as default tags, and an
 * S3 backend with native lock files in the management account's state bucket.
 *
 * One credential set deploys everything: Terraform runs with the management account's credentials, and every
 * provider for another account assumes the deploy role there. The backend and cross-stack remote state live in the
 * management account and use those credentials as they are.
 */
export class PavedStack extends TerraformStack {
  readonly environment?: string;
  readonly account: string;
  readonly region: string;
  readonly aws: AwsProvider;
  /**
   * The role the stack's default provider assumes in `account`; undefined in the management account, where Terraform
   * acts with the credentials it was started with. Other providers of the stack (helm's token) assume the same.
   */
  readonly deployRoleArn?: string;
  private readonly platform: ResolvedPlatform;

  constructor(scope: Construct, id: string, props: PavedStackProps) {
    super(scope, id);
    this.environment = props.environment;
    this.account = props.account;
    this.region = props.region;
    this.platform = props.platform;
    this.deployRoleArn = deployRoleArn(props.platform.management, props.account);
    this.aws = this.awsProvider('aws', { account: props.account, region: props.region, tags: { ...props.tags, [TAG_KEYS.stack]: id } });
    // Every role of the stack carries its account's boundary (created by that account's bootstrap stack).
    Aspects.of(this).add(new PermissionsBoundaryAspect(permissionsBoundaryArn(props.account, props.platform.naming.permissionsBoundary())));
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

  /**
   * An AWS provider pinned to one account (`allowed_account_ids` stays the guard against wrong credentials), which
   * assumes the deploy role there unless the account is the management account.
   */
  protected awsProvider(id: string, props: StackProviderProps): AwsProvider {
    const roleArn = deployRoleArn(this.platform.management, props.account);
    return new AwsProvider(this, id, {
      alias: props.alias,
      region: props.region,
      allowedAccountIds: [props.account],
      // The session name shows in the target account's CloudTrail: which stack did it.
      assumeRole: roleArn ? [{ roleArn, sessionName: `paved-${this.node.id}`.slice(0, 64) }] : undefined,
      defaultTags: [{ tags: { ...props.tags } }],
    });
  }
}
