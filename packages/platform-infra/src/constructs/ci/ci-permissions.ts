import type { PolicyStatement } from '../iam/policy-document';

/**
 * Action lists and statements of the CI roles, kept in one place (as aws-cdk keeps grants in `perms.ts`), so the
 * bootstrap stack, the state bucket policy and the tests agree.
 */

/** Reading an image: what `skopeo copy` and `aws ecr describe-images` need on a source repository. */
export const ECR_PULL_ACTIONS = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability', 'ecr:DescribeImages'];

/** Writing an image (layers, then the manifest under a tag). */
export const ECR_PUSH_ACTIONS = ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'];

/** Reads of secret values: a plan never needs them, and a pull request must not get them. */
export const SECRET_READ_ACTIONS = [
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'ssm:GetParameterHistory',
];

/** Role changes that can grant permissions: allowed only on roles that keep the boundary. */
export const BOUNDED_ROLE_ACTIONS = [
  'iam:CreateRole',
  'iam:PutRolePermissionsBoundary',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
];

/** The rest of what Terraform does with the platform's roles (read, tag, describe, trust, delete). */
export const ROLE_MAINTENANCE_ACTIONS = [
  'iam:GetRole',
  'iam:GetRolePolicy',
  'iam:ListRolePolicies',
  'iam:ListAttachedRolePolicies',
  'iam:ListInstanceProfilesForRole',
  'iam:ListRoleTags',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:UpdateAssumeRolePolicy',
  'iam:DeleteRole',
];

/** Reads of IAM policies and the OIDC provider, which Terraform refreshes on every plan. */
export const IAM_READ_ACTIONS = [
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:ListPolicyVersions',
  'iam:ListEntitiesForPolicy',
  'iam:GetOpenIDConnectProvider',
  'iam:ListOpenIDConnectProviders',
];

/** Services the platform's roles are passed to: EKS (cluster, node groups), Pod Identity, EC2, RDS monitoring, flow logs, Backup. */
export const PASSED_TO_SERVICES = [
  'eks.amazonaws.com',
  'pods.eks.amazonaws.com',
  'ec2.amazonaws.com',
  'monitoring.rds.amazonaws.com',
  'vpc-flow-logs.amazonaws.com',
  'backup.amazonaws.com',
];

export interface StateAccess {
  /** The state bucket's ARN. */
  readonly bucketArn: string;
  /** State keys (`<org>/<stack>/terraform.tfstate`) of the stacks the role's account owns. */
  readonly ownKeys: readonly string[];
  /** State keys the role only reads, for `terraform_remote_state` (the `shared` stack's outputs). */
  readonly readOnlyKeys: readonly string[];
  /** ARN of the state key (or of any key of the management account, from another account). */
  readonly keyArn: string;
}

/** Object ARNs of a set of state keys; `suffix` '' for the state, '.tflock' for the native lock file, '*' for both. */
export function stateObjects(state: StateAccess, keys: readonly string[], suffix = ''): string[] {
  return keys.map((k) => `${state.bucketArn}/${k}${suffix}`);
}

/**
 * What a role may read: its own states with their lock files, one pattern per stack (`<key>*` covers
 * `terraform.tfstate` and `terraform.tfstate.tflock` in the stack's own folder), and the read-only states exactly.
 * One ARN per stack instead of two keeps the roles' policies within IAM's size quota for more environments per
 * account, and the state bucket's policy (which grants every account this) within S3's 20 KB.
 */
export function readableStateObjects(state: StateAccess): string[] {
  return [...stateObjects(state, state.ownKeys, '*'), ...stateObjects(state, state.readOnlyKeys)];
}

/** Reading its own states (and the read-only ones), taking the lock, using the key through S3. */
export function stateReadStatements(state: StateAccess): PolicyStatement[] {
  return [
    { sid: 'ListState', actions: ['s3:ListBucket'], resources: [state.bucketArn] },
    { sid: 'ReadState', actions: ['s3:GetObject'], resources: readableStateObjects(state) },
    // Plans take the lock too: native S3 locking writes a `.tflock` object next to the state.
    { sid: 'LockState', actions: ['s3:PutObject', 's3:DeleteObject'], resources: stateObjects(state, state.ownKeys, '.tflock') },
    { sid: 'StateKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], resources: [state.keyArn] },
  ];
}

/**
 * Denies that make ReadOnlyAccess safe for a pull request: no secret values, no decryption except of the state, no
 * object of any bucket except its own states (ReadOnlyAccess reads every object, other environments' states included).
 */
export function planDenyStatements(state: StateAccess): PolicyStatement[] {
  return [
    { sid: 'NoSecretValues', effect: 'Deny', actions: SECRET_READ_ACTIONS, resources: ['*'] },
    { sid: 'NoDecryptButState', effect: 'Deny', actions: ['kms:Decrypt'], notResources: [state.keyArn] },
    {
      sid: 'NoObjectsButOwnState',
      effect: 'Deny',
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      notResources: readableStateObjects(state),
    },
  ];
}

export interface DeployIamProps {
  readonly account: string;
  readonly organization: string;
  readonly boundaryArn: string;
  /** The CI roles of the account (and the boundary) that no deploy may change. */
  readonly protectedRoleArns: readonly string[];
}

/**
 * The IAM Terraform needs for the platform's roles, instead of `iam:*Role*`: roles named `<org>-*` only, every
 * permission change only on a role that carries the boundary, and never on the CI roles.
 */
export function deployIamStatements(props: DeployIamProps): PolicyStatement[] {
  const platformRoles = `arn:aws:iam::${props.account}:role/${props.organization}-*`;
  return [
    { sid: 'ReadIam', actions: IAM_READ_ACTIONS, resources: ['*'] },
    {
      sid: 'BoundedRoleChanges',
      actions: BOUNDED_ROLE_ACTIONS,
      resources: [platformRoles],
      conditions: [{ test: 'StringEquals', variable: 'iam:PermissionsBoundary', values: [props.boundaryArn] }],
    },
    { sid: 'RoleMaintenance', actions: ROLE_MAINTENANCE_ACTIONS, resources: [platformRoles] },
    {
      sid: 'PassPlatformRoles',
      actions: ['iam:PassRole'],
      resources: [platformRoles],
      conditions: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: PASSED_TO_SERVICES }],
    },
    { sid: 'ServiceLinkedRoles', actions: ['iam:CreateServiceLinkedRole'], resources: [`arn:aws:iam::${props.account}:role/aws-service-role/*`] },
    { sid: 'NoCiRoleChanges', effect: 'Deny', actions: ['iam:*'], resources: [...props.protectedRoleArns] },
  ];
}

export interface RegistryGrant {
  readonly region: string;
  readonly account: string;
}

/** Pushing builds into exactly `repositories` (names), from a service's main branch. */
export function pushStatements(registry: RegistryGrant, repositories: readonly string[]): PolicyStatement[] {
  return [
    { sid: 'RegistryLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
    { sid: 'PushBuilds', actions: [...ECR_PUSH_ACTIONS, ...ECR_PULL_ACTIONS], resources: repositoryArns(registry, repositories) },
    encryptImages(registry),
  ];
}

/** Copying images from `sources` into `targets` (names), for a promotion. */
export function promoteStatements(registry: RegistryGrant, sources: readonly string[], targets: readonly string[]): PolicyStatement[] {
  return [
    { sid: 'RegistryLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
    { sid: 'ReadSources', actions: ECR_PULL_ACTIONS, resources: repositoryArns(registry, sources) },
    // The promotion reads the target's tags (describe-images) before and after the copy.
    { sid: 'WriteTargets', actions: [...ECR_PUSH_ACTIONS, ...ECR_PULL_ACTIONS], resources: repositoryArns(registry, targets) },
    encryptImages(registry),
  ];
}

function repositoryArns(registry: RegistryGrant, names: readonly string[]): string[] {
  return [...new Set(names)].sort().map((n) => `arn:aws:ecr:${registry.region}:${registry.account}:repository/${n}`);
}

function encryptImages(registry: RegistryGrant): PolicyStatement {
  return {
    sid: 'EncryptImages',
    actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
    resources: ['*'],
    conditions: [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`ecr.${registry.region}.amazonaws.com`] }],
  };
}
