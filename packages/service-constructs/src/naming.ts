/**
 * Names and tags of service-owned resources. They mirror the platform's contracts (packages/shared-config: tag keys,
 * `EnvironmentNaming`; packages/platform-infra: the service roles); the tests check that both sides agree. This
 * package does not import shared-config at runtime: a service's CDK app should not depend on the platform schema.
 */

/** Tag keys the platform reads (shared-config `TAG_KEYS`, platform-infra `SERVICE_TAG`). */
export const PAVED_TAG_KEYS = {
  organization: 'paved:organization',
  environment: 'paved:environment',
  managedBy: 'paved:managed-by',
  stack: 'paved:stack',
  /** The execution role may only create KMS keys that carry this tag with the service's name. */
  service: 'paved:service',
} as const;

/** Value of `paved:managed-by` (shared-config `MANAGED_BY`). */
export const PAVED_MANAGED_BY = 'paved';

/** A component of a physical name: lowercase letters, digits and single hyphens, starting with a letter. */
const COMPONENT = /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$|^[a-z]$/;

/** The AWS limits of the names these constructs generate (from each service's API reference). */
export const RESOURCE_NAME_LIMITS = {
  bucket: { maxLength: 63, what: 'S3 bucket names are at most 63 characters' },
  queue: { maxLength: 80, what: 'SQS queue names are at most 80 characters' },
  topic: { maxLength: 256, what: 'SNS topic names are at most 256 characters' },
  table: { maxLength: 255, what: 'DynamoDB table names are at most 255 characters' },
} as const;

export type ResourceKind = keyof typeof RESOURCE_NAME_LIMITS;

/**
 * Checks one component (organization, environment, service or resource name) and returns it.
 * @param where the construct path or field the error names
 */
export function checkComponent(where: string, field: string, value: string): string {
  if (!COMPONENT.test(value)) {
    throw new Error(
      `error: ${where}: ${field}: '${value}' is not a valid name component (lowercase letters, digits and single hyphens, starting with a letter)`,
    );
  }
  return value;
}

/** Checks a full physical name against the AWS limit of its kind and returns it. */
export function checkResourceName(where: string, kind: ResourceKind, physicalName: string): string {
  const limit = RESOURCE_NAME_LIMITS[kind];
  if (physicalName.length > limit.maxLength) {
    throw new Error(
      `error: ${where}: name: '${physicalName}' is ${physicalName.length} characters, more than ${limit.maxLength} (${limit.what}, the prefix included; choose a shorter name)`,
    );
  }
  return physicalName;
}

/** `<org>-<env>-<service>`: the prefix every resource and stack of the service carries. */
export function servicePrefix(organization: string, environment: string, service: string): string {
  return `${organization}-${environment}-${service}`;
}

/**
 * The service's Pod Identity role, created by the platform (platform-infra data stack:
 * `EnvironmentNaming.name('iam-role', 'service-<service>')`).
 */
export function serviceRoleName(organization: string, environment: string, service: string): string {
  return `${organization}-${environment}-service-${service}`;
}

/** The CloudFormation execution role the platform creates for the service's CDK app (bootstrap stack). */
export function cfnExecutionRoleName(organization: string, environment: string, service: string): string {
  return `${servicePrefix(organization, environment, service)}-cfn-exec`;
}

/** The role the service repository's CI assumes (GitHub OIDC, exact repository and environment). */
export function cfnDeployRoleName(organization: string, environment: string, service: string): string {
  return `${servicePrefix(organization, environment, service)}-cfn-deploy`;
}
