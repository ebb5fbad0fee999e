import { standardTags, type ResolvedPlatform } from '@paved/shared-config';
import type { Construct } from 'constructs';
import { PavedStack } from './paved-stack';
import { GithubOidc, type CiRoleSpec } from '../constructs/ci/github-oidc';
import type { PolicyStatement } from '../constructs/iam/policy-document';
import { EncryptionKey } from '../constructs/kms/encryption-key';
import { SecureBucket } from '../constructs/storage/secure-bucket';

export interface BootstrapStackProps {
  readonly platform: ResolvedPlatform;
  /** The account this stack prepares; the management account also gets the state bucket and the push role. */
  readonly account: string;
}

/**
 * `bootstrap` (management account) and `bootstrap-<account>` (every other account): applied once, with a local
 * backend, by an administrator. Creates the Terraform state bucket (management only) and GitHub Actions' OIDC provider
 * with the CI roles, so that everything after runs from CI without long-lived keys.
 */
export class BootstrapStack extends PavedStack {
  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    const { platform } = props;
    const isManagement = props.account === platform.management.account;
    const region = isManagement ? platform.management.region : platform.environments.find((e) => e.account === props.account)!.region;
    super(scope, id, { platform, account: props.account, region, tags: standardTags({ organization: platform.organization }), backend: 'local' });
    const { naming, management } = platform;
    const stateBucketName = naming.stateBucket(management.account);
    const stateBucketArn = `arn:aws:s3:::${stateBucketName}`;
    const otherAccounts = platform.accounts.filter((a) => a !== management.account);
    const ciRoleArns = (account: string) => (['plan', 'deploy'] as const).map((p) => `arn:aws:iam::${account}:role/${naming.ciRole(p)}`);

    // From other accounts the key is only reachable through S3 (its key policy says so), so any key of the
    // management account is as narrow as naming it, which this stack cannot do before the management stack exists.
    const stateKeyArn = isManagement
      ? this.stateBucket(platform, stateBucketName, otherAccounts, ciRoleArns)
      : `arn:aws:kms:${management.region}:${management.account}:key/*`;

    const repos = platform.ci.githubRepositories;
    const stateRead: PolicyStatement[] = [
      { sid: 'ListState', actions: ['s3:ListBucket'], resources: [stateBucketArn] },
      { sid: 'ReadState', actions: ['s3:GetObject'], resources: [`${stateBucketArn}/${platform.organization}/*`] },
      // Plans take the lock too: native S3 locking writes a `.tflock` object next to the state.
      { sid: 'LockState', actions: ['s3:PutObject', 's3:DeleteObject'], resources: [`${stateBucketArn}/${platform.organization}/*.tflock`] },
      { sid: 'StateKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], resources: [stateKeyArn] },
    ];
    const roles: Record<string, CiRoleSpec> = {
      plan: {
        roleName: naming.ciRole('plan'),
        subjects: repos.map((r) => `repo:${r}:pull_request`),
        statements: stateRead,
        managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      },
      deploy: {
        roleName: naming.ciRole('deploy'),
        // Only jobs bound to a GitHub environment, whose protection rules decide who may deploy.
        subjects: repos.map((r) => `repo:${r}:environment:*`),
        statements: [
          ...stateRead,
          { sid: 'WriteState', actions: ['s3:PutObject'], resources: [`${stateBucketArn}/${platform.organization}/*`] },
          {
            sid: 'ManagePlatformRoles',
            actions: ['iam:*Role*', 'iam:*Policy*', 'iam:*OpenIDConnectProvider*', 'iam:PassRole', 'iam:CreateServiceLinkedRole'],
            resources: [
              `arn:aws:iam::${props.account}:role/${platform.organization}-*`,
              `arn:aws:iam::${props.account}:policy/${platform.organization}-*`,
              `arn:aws:iam::${props.account}:role/aws-service-role/*`,
            ],
          },
          {
            sid: 'NoCiRoleChanges',
            effect: 'Deny',
            actions: ['iam:*'],
            resources: (['push', 'plan', 'deploy'] as const).map((p) => `arn:aws:iam::${props.account}:role/${naming.ciRole(p)}`),
          },
        ],
        // Terraform creates resources of every service the platform uses; IAM is limited to the platform's names.
        managedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'],
      },
    };
    if (isManagement) {
      roles.push = {
        roleName: naming.ciRole('push'),
        subjects: repos.map((r) => `repo:${r}:ref:refs/heads/main`),
        statements: [
          { sid: 'RegistryLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
          {
            sid: 'PushPlatformImages',
            actions: [
              'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload',
              'ecr:PutImage', 'ecr:BatchGetImage', 'ecr:DescribeImages', 'ecr:DescribeImageScanFindings',
            ],
            resources: [`arn:aws:ecr:${management.region}:${management.account}:repository/${platform.organization}-*`],
          },
          { sid: 'EncryptImages', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: ['*'], conditions: [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`ecr.${management.region}.amazonaws.com`] }] },
        ],
      };
    }
    new GithubOidc(this, 'github', { roles });
  }

  /** The state bucket and its key; CI roles of the other accounts may use both. Returns the key ARN. */
  private stateBucket(
    platform: ResolvedPlatform,
    bucketName: string,
    otherAccounts: readonly string[],
    ciRoleArns: (account: string) => string[],
  ): string {
    const key = new EncryptionKey(this, 'state-key', {
      alias: platform.naming.kmsAlias('tfstate'),
      description: `${platform.organization} Terraform state`,
      account: platform.management.account,
      region: platform.management.region,
      crossAccountDecrypt: {
        accounts: otherAccounts,
        viaService: `s3.${platform.management.region}.amazonaws.com`,
        actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      },
    });
    const crossAccountRoles = otherAccounts.flatMap(ciRoleArns);
    new SecureBucket(this, 'state', {
      bucketName,
      kmsKeyArn: key.arn,
      noncurrentVersionExpirationDays: 365,
      extraPolicyStatements: crossAccountRoles.length
        ? [
          {
            sid: 'CiRolesOfOtherAccounts',
            actions: ['s3:ListBucket', 's3:GetObject', 's3:PutObject', 's3:DeleteObject'],
            resources: [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/${platform.organization}/*`],
            principals: [{ type: 'AWS', identifiers: crossAccountRoles }],
          },
        ]
        : [],
    });
    return key.arn;
  }
}
