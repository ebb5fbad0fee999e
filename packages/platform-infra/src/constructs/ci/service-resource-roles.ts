import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { ServiceAwsResourceType } from '@paved/shared-config';
import { Construct } from 'constructs';
import type { CiRoleSpec } from './github-oidc';
import { IAM_USER_ACTIONS } from '../iam/permissions-boundary';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';

/** Tag a service's KMS keys carry: its execution role may create keys only with it, and manage only keys with it. */
export const SERVICE_TAG = 'paved:service';

export interface ServiceResourceRolesProps {
  readonly account: string;
  readonly region: string;
  /** `<org>-<env>-<service>-`: every stack and resource name the roles may touch starts with it. */
  readonly prefix: string;
  readonly service: string;
  /** `<org>-<env>-<service>-cfn-deploy`. */
  readonly deployRoleName: string;
  /** `<org>-<env>-<service>-cfn-exec`. */
  readonly executionRoleName: string;
  /** `<org>-<env>-<service>-cfn-boundary`: the boundary of both roles. */
  readonly boundaryName: string;
  /** The GitHub OIDC subject of the service repository's jobs bound to the environment (`repo:<repo>:environment:<env>`). */
  readonly subject: string;
  readonly types: readonly ServiceAwsResourceType[];
  /**
   * The resources the service declares (`awsResources.resources`) with their physical names in this environment: the
   * execution role then allows exactly these names, and a type with none declared not at all (the boundary keeps
   * the prefix).
   * @default - no list: every name under `prefix`, for each of `types`
   */
  readonly declared?: readonly DeclaredServiceResource[];
  /** The service's Pod Identity role (`<org>-<env>-service-<service>`), whose inline policies the stacks may set. */
  readonly podIdentityRoleName: string;
}

/** A declared resource of a service: its type and its full physical name (`<org>-<env>-<service>-<name>`). */
export interface DeclaredServiceResource {
  readonly type: ServiceAwsResourceType;
  readonly physicalName: string;
}

/**
 * What a service repository's AWS CDK app deploys with, in one environment (docs/service-resources.md): the execution
 * role CloudFormation acts with (only the chosen resource types, on names starting with the service's prefix, or on
 * exactly the declared names when the service declares its resources), the boundary of both roles (the same ceiling
 * on the prefix, so a widened inline policy grants nothing outside it), and the spec of the deploy role the
 * repository's CI assumes through GitHub OIDC (created by the stack's GithubOidc, with the same exact trust as every
 * CI role). The deploy role can only drive CloudFormation on `<prefix>*` stacks with the execution role.
 */
export class ServiceResourceRoles extends Construct {
  readonly executionRole: IamRole;
  readonly boundary: IamPolicy;
  /** For GithubOidc: the deploy role, bounded by `boundary`. */
  readonly deployRole: CiRoleSpec;

  constructor(scope: Construct, id: string, props: ServiceResourceRolesProps) {
    super(scope, id);
    const executionRoleArn = `arn:aws:iam::${props.account}:role/${props.executionRoleName}`;
    const deploy = cfnDeployStatements(props, executionRoleArn);
    const execution = cfnExecutionStatements(props);
    // The boundary stays on the prefix even when the execution role names the declared resources: its size is then
    // fixed (a managed policy holds at most 6,144 characters; a list of exact ARNs would pass that at ~17 resources),
    // and nothing but an administrator can widen the execution role's policy past the declared names anyway.
    const ceiling = cfnExecutionStatements({ ...props, declared: undefined });
    const allows = [...deploy, ...ceiling].filter((s) => s.effect !== 'Deny');
    this.boundary = new IamPolicy(this, 'boundary', {
      name: props.boundaryName,
      description: `Ceiling of the CloudFormation roles of ${props.service}: its stacks and resources named ${props.prefix}*, nothing else`,
      policy: policyDocument([
        ...allows.map((s) => ({ ...s, sid: `Cap${s.sid}` })),
        // Redundant with the allows above (nothing else is allowed); written out so a reader and a guardrail see it.
        { sid: 'NoIamUsersOrKeys', effect: 'Deny', actions: IAM_USER_ACTIONS, resources: ['*'] },
        { sid: 'NoRoles', effect: 'Deny', actions: [...ROLE_ESCALATION_ACTIONS], resources: ['*'] },
      ]).json,
    });

    this.executionRole = new IamRole(this, 'execution-role', {
      name: props.executionRoleName,
      description: `CloudFormation execution role of ${props.service}'s CDK stacks (${props.prefix}*)`,
      // Only CloudFormation, and only on behalf of this account (the confused-deputy guard).
      assumeRolePolicy: policyDocument([
        {
          sid: 'CloudFormation',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['cloudformation.amazonaws.com'] }],
          conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.account] }],
        },
      ]).json,
      // The attribute orders the role after its boundary (the ARN alone would not).
      permissionsBoundary: this.boundary.arn,
    });
    new IamRolePolicy(this, 'execution-policy', { role: this.executionRole.id, name: 'service-resources', policy: policyDocument(execution).json });

    this.deployRole = {
      roleName: props.deployRoleName,
      subjects: [props.subject],
      statements: deploy,
      permissionsBoundary: this.boundary.arn,
    };
  }
}

/** Role actions nothing a service deploys may take: its stacks get no new roles and pass none. */
const ROLE_ESCALATION_ACTIONS = [
  'iam:CreateRole', 'iam:DeleteRole', 'iam:UpdateAssumeRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:CreatePolicy', 'iam:CreatePolicyVersion',
  'iam:CreateServiceLinkedRole', 'iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile',
];

/** CloudFormation actions that create, change or delete a stack: allowed only through the execution role. */
const CFN_WRITE_ACTIONS = ['cloudformation:CreateChangeSet', 'cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DeleteStack'];
const CFN_READ_ACTIONS = [
  'cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents', 'cloudformation:DescribeStackResources',
  'cloudformation:DescribeChangeSet', 'cloudformation:ExecuteChangeSet', 'cloudformation:DeleteChangeSet',
  'cloudformation:GetTemplate', 'cloudformation:GetTemplateSummary', 'cloudformation:ListStackResources',
];

/** The deploy role: CloudFormation on the service's stacks, with the execution role, and passing that role only. */
export function cfnDeployStatements(props: ServiceResourceRolesProps, executionRoleArn: string): PolicyStatement[] {
  const stacks = [`arn:aws:cloudformation:${props.region}:${props.account}:stack/${props.prefix}*/*`];
  return [
    {
      sid: 'ChangeServiceStacks',
      actions: CFN_WRITE_ACTIONS,
      resources: stacks,
      // Without the execution role CloudFormation would act with the caller's own (CloudFormation-only) rights.
      conditions: [{ test: 'StringEquals', variable: 'cloudformation:RoleArn', values: [executionRoleArn] }],
    },
    { sid: 'ReadServiceStacks', actions: CFN_READ_ACTIONS, resources: stacks },
    {
      sid: 'PassExecutionRole',
      actions: ['iam:PassRole'],
      resources: [executionRoleArn],
      conditions: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['cloudformation.amazonaws.com'] }],
    },
  ];
}

/**
 * What the Paved construct of a type also creates under a declared name: a queue's dead-letter queue
 * (`PavedQueue`: `<name>-dlq`), a table's indexes and streams (`table/<name>/...`).
 */
const COMPANIONS: Partial<Record<ServiceAwsResourceType, string>> = { queue: '-dlq', table: '/*' };

/**
 * The names a type's statement covers: the declared physical names of that type with their companions, or, without a
 * declared list, the prefix as a wildcard (which covers the companions too). Empty when a list is given but declares
 * nothing of the type.
 */
function namesOf(type: ServiceAwsResourceType, props: ServiceResourceRolesProps): string[] {
  if (!props.declared) return [`${props.prefix}*`];
  const companion = COMPANIONS[type];
  return props.declared
    .filter((r) => r.type === type)
    .flatMap((r) => (companion ? [r.physicalName, `${r.physicalName}${companion}`] : [r.physicalName]));
}

/** Per type: the actions a CDK construct of that type needs, on the names it covers (`namesOf`). */
function typeStatement(type: ServiceAwsResourceType, props: ServiceResourceRolesProps): PolicyStatement | undefined {
  const { account, region } = props;
  const names = namesOf(type, props);
  // A declared list without this type: the type is chosen but nothing of it is created, so nothing is allowed
  // (a statement with no resources would not be valid IAM either).
  if (names.length === 0) return undefined;
  switch (type) {
    case 'bucket':
      return {
        sid: 'Buckets',
        actions: [
          's3:CreateBucket', 's3:DeleteBucket', 's3:ListBucket', 's3:GetBucket*', 's3:PutBucket*', 's3:DeleteBucketPolicy',
          's3:GetEncryptionConfiguration', 's3:PutEncryptionConfiguration', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration',
        ],
        resources: names.map((n) => `arn:aws:s3:::${n}`),
      };
    case 'queue':
      return {
        sid: 'Queues',
        actions: [
          'sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:GetQueueAttributes', 'sqs:SetQueueAttributes', 'sqs:GetQueueUrl',
          'sqs:TagQueue', 'sqs:UntagQueue', 'sqs:ListQueueTags',
        ],
        resources: names.map((n) => `arn:aws:sqs:${region}:${account}:${n}`),
      };
    case 'topic':
      return {
        sid: 'Topics',
        actions: [
          'sns:CreateTopic', 'sns:DeleteTopic', 'sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:TagResource',
          'sns:UntagResource', 'sns:ListTagsForResource', 'sns:Subscribe', 'sns:Unsubscribe', 'sns:GetSubscriptionAttributes',
        ],
        resources: names.map((n) => `arn:aws:sns:${region}:${account}:${n}`),
      };
    case 'table':
      return {
        sid: 'Tables',
        actions: [
          'dynamodb:CreateTable', 'dynamodb:DeleteTable', 'dynamodb:DescribeTable', 'dynamodb:UpdateTable',
          'dynamodb:TagResource', 'dynamodb:UntagResource', 'dynamodb:ListTagsOfResource',
          'dynamodb:DescribeContinuousBackups', 'dynamodb:UpdateContinuousBackups', 'dynamodb:DescribeTimeToLive', 'dynamodb:UpdateTimeToLive',
          // The table's resource policy: how @paved/service-constructs grants the service's pods access without IAM.
          'dynamodb:GetResourcePolicy', 'dynamodb:PutResourcePolicy', 'dynamodb:DeleteResourcePolicy',
        ],
        resources: names.map((n) => `arn:aws:dynamodb:${region}:${account}:table/${n}`),
      };
  }
}

/**
 * The execution role: the chosen types on the prefix (or on the declared names only, when the service declares its
 * resources) and the service's own KMS keys; no IAM.
 */
export function cfnExecutionStatements(props: ServiceResourceRolesProps): PolicyStatement[] {
  const { account, region, prefix, service } = props;
  const ownKeys = [{ test: 'StringEquals', variable: `aws:ResourceTag/${SERVICE_TAG}`, values: [service] }];
  const types = [...new Set(props.types)].sort();
  return [
    ...types.flatMap((t) => typeStatement(t, props) ?? []),
    {
      sid: 'CreateServiceKeys',
      actions: ['kms:CreateKey', 'kms:TagResource'],
      resources: ['*'],
      conditions: [{ test: 'StringEquals', variable: `aws:RequestTag/${SERVICE_TAG}`, values: [service] }],
    },
    {
      sid: 'ManageServiceKeys',
      actions: [
        'kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:PutKeyPolicy', 'kms:EnableKeyRotation', 'kms:GetKeyRotationStatus',
        'kms:ListResourceTags', 'kms:EnableKey', 'kms:DisableKey', 'kms:UpdateKeyDescription', 'kms:ScheduleKeyDeletion',
        'kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias',
      ],
      resources: [`arn:aws:kms:${region}:${account}:key/*`],
      conditions: ownKeys,
    },
    // DynamoDB (and other services) encrypting with the service's own key create a grant on it during CreateTable:
    // only for an AWS resource (not a principal of the caller's choosing), only on the service's own keys.
    {
      sid: 'ServiceKeyGrantsForAwsServices',
      actions: ['kms:CreateGrant'],
      resources: [`arn:aws:kms:${region}:${account}:key/*`],
      conditions: [...ownKeys, { test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
    },
    { sid: 'ServiceKeyAliases', actions: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'], resources: [`arn:aws:kms:${region}:${account}:alias/${prefix}*`] },
    // No IAM at all, not even inline policies on the service's own Pod Identity role: that role's boundary is the
    // account-wide `<org>-boundary`, so a policy written there could reach other services' queues or secrets. Grants to
    // the service's pods come from the platform (a later change: from the descriptor, bounded to the prefix).
    // A key another service (or the platform) tagged stays its own: no retagging it, no removing the tag.
    {
      sid: 'NoTakingOtherKeys',
      effect: 'Deny',
      actions: ['kms:TagResource', 'kms:UntagResource'],
      resources: ['*'],
      conditions: [
        { test: 'StringNotEquals', variable: `aws:ResourceTag/${SERVICE_TAG}`, values: [service] },
        { test: 'Null', variable: `aws:ResourceTag/${SERVICE_TAG}`, values: ['false'] },
      ],
    },
    { sid: 'NoRolesOrPassing', effect: 'Deny', actions: [...ROLE_ESCALATION_ACTIONS, 'iam:PassRole'], resources: ['*'] },
  ];
}
