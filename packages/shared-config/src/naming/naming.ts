import { AWS_NAME_RULES, type AwsNameKind } from './aws-name-rules';
import { ADDON_CATALOG, type AddonName } from '../addons/catalog';

/** A generated name broke an AWS limit. Validation bounds names so that this only signals a bug. */
export class NamingError extends Error {
  constructor(
    readonly kind: AwsNameKind,
    readonly value: string,
    reason: string,
  ) {
    super(`${kind} name '${value}' ${reason} (${AWS_NAME_RULES[kind].allowed})`);
    this.name = 'NamingError';
  }
}

/** Checks a name against the rules of its kind and returns it unchanged. */
export function checkAwsName(kind: AwsNameKind, value: string): string {
  const rule = AWS_NAME_RULES[kind];
  if (value.length > rule.maxLength) {
    throw new NamingError(kind, value, `is ${value.length} characters, more than ${rule.maxLength}`);
  }
  if (value.length < rule.minLength) {
    throw new NamingError(kind, value, `is shorter than ${rule.minLength} characters`);
  }
  if (!rule.pattern.test(value)) {
    throw new NamingError(kind, value, 'has characters or a shape AWS rejects');
  }
  return value;
}

/**
 * Physical names of the platform-wide resources (`<org>-<component>`): Terraform state, CI roles, the root zone.
 * Every physical name Paved generates comes from this class or EnvironmentNaming, so writers and readers agree.
 */
export class PlatformNaming {
  constructor(readonly organization: string) {}

  /** `<org>-<component>`, checked against the limits of `kind`. */
  name(kind: AwsNameKind, component: string): string {
    return checkAwsName(kind, `${this.organization}-${component}`);
  }

  /** Bucket names are global: the account id makes them unique without random suffixes. */
  bucket(component: string, account: string): string {
    return checkAwsName('s3-bucket', `${this.organization}-${component}-${account}`);
  }

  stateBucket(account: string): string {
    return this.bucket('tfstate', account);
  }

  /** Key of a stack's state object inside the state bucket. */
  stateKey(stack: string): string {
    return `${this.organization}/${stack}/terraform.tfstate`;
  }

  /** The platform repository's CI roles in each account: `<org>-ci-plan`, `<org>-ci-deploy`. */
  ciRole(purpose: 'deploy' | 'plan'): string {
    return this.name('iam-role', `ci-${purpose}`);
  }

  /** The role a service repository's main branch pushes builds with (management account). */
  ciPushRole(service: string): string {
    return this.name('iam-role', `${service}-ci-push`);
  }

  /** The role service repositories promote images into `environment`'s registries with (management account). */
  ciPromoteRole(environment: string): string {
    return this.name('iam-role', `${environment}-ci-promote`);
  }

  /** The permissions boundary every role the platform creates must carry (one per account). */
  permissionsBoundary(): string {
    return this.name('iam-policy', 'boundary');
  }

  kmsAlias(component: string): string {
    return checkAwsName('kms-alias', `alias/${this.organization}/${component}`);
  }
}

/** Physical names of one environment's resources: `<org>-<env>-<component>`. */
export class EnvironmentNaming {
  readonly prefix: string;

  constructor(
    readonly organization: string,
    readonly environment: string,
  ) {
    this.prefix = `${organization}-${environment}`;
  }

  /** `<org>-<env>-<component>`, checked against the limits of `kind`. */
  name(kind: AwsNameKind, component: string): string {
    return checkAwsName(kind, `${this.prefix}-${component}`);
  }

  bucket(component: string, account: string): string {
    return checkAwsName('s3-bucket', `${this.prefix}-${component}-${account}`);
  }

  kmsAlias(component: string): string {
    return checkAwsName('kms-alias', `alias/${this.organization}/${this.environment}/${component}`);
  }

  clusterName(): string {
    return this.name('eks-cluster', 'eks');
  }

  nodeGroupName(group: string): string {
    return this.name('eks-nodegroup', group);
  }

  postgresIdentifier(): string {
    return this.name('rds-instance', 'postgres');
  }

  redisReplicationGroupId(): string {
    return this.name('elasticache-replication-group', 'redis');
  }

  /** Amazon MSK cluster of the environment (also the `<cluster>` segment of its topic and group ARNs). */
  kafkaClusterName(): string {
    return this.name('msk-cluster', 'kafka');
  }

  /** ECR repository of a service in this environment (in the management account). */
  ecrRepository(service: string): string {
    return checkAwsName('ecr-repository', `${this.prefix}-${service}`);
  }

  veleroBucket(account: string): string {
    return this.bucket('velero', account);
  }

  lokiBucket(account: string): string {
    return this.bucket('loki', account);
  }

  accessLogsBucket(account: string): string {
    return this.bucket('access-logs', account);
  }

  backupVault(): string {
    return this.name('backup-vault', 'backup');
  }

  /** Pod Identity role of an add-on that needs AWS access. */
  addonRole(addon: AddonName): string {
    return this.name('iam-role', addon);
  }

  /** Pod Identity role of a core EKS add-on (EBS CSI driver, VPC CNI). */
  eksAddonRole(addon: string): string {
    return this.name('iam-role', addon);
  }

  /** Prefix of every Secrets Manager secret of the environment: `<org>/<env>/`. */
  secretsPrefix(): string {
    return `${this.organization}/${this.environment}/`;
  }

  /** Full Secrets Manager name of a secret referenced by a service or an add-on. */
  secretName(relative: string): string {
    return checkAwsName('secret', `${this.secretsPrefix()}${relative}`);
  }

  /** Secret holding the data-store connection details Terraform knows (host, port, database). */
  connectionSecret(store: 'postgres' | 'redis' | 'kafka'): string {
    return this.secretName(`${store}/connection`);
  }

  logGroup(component: string): string {
    return checkAwsName('log-group', `/${this.organization}/${this.environment}/${component}`);
  }
}

/**
 * The role AWS Organizations creates in every account it creates, trusted by the management account: the role Paved
 * assumes by default to deploy into the accounts other than the management account.
 */
export const DEFAULT_DEPLOY_ROLE_NAME = 'OrganizationAccountAccessRole';

/** `arn:aws:iam::<account>:role/<name>`, with the role name checked against IAM's limits. */
export function iamRoleArn(account: string, roleName: string): string {
  return `arn:aws:iam::${account}:role/${checkAwsName('iam-role', roleName)}`;
}

/** Where Terraform starts from: the management account's credentials, and the role they assume everywhere else. */
export interface DeployOrigin {
  /** The management account, whose credentials run Terraform. */
  readonly account: string;
  /** Name of the role assumed in every other account. */
  readonly deployRoleName: string;
}

/**
 * The role Terraform assumes to act on `account`: the deploy role there, or undefined for the management account
 * itself, where Terraform acts with the credentials it was started with. AWS providers, the helm provider's token
 * and the deployer's EKS access entry all take it from here, so they cannot disagree.
 */
export function deployRoleArn(origin: DeployOrigin, account: string): string | undefined {
  return account === origin.account ? undefined : iamRoleArn(account, origin.deployRoleName);
}

/**
 * The service-linked role EC2 Auto Scaling launches instances with, in every account (AWS names it; it cannot be
 * renamed). Managed node groups launch their nodes through it.
 */
export function autoScalingServiceRoleArn(account: string): string {
  return `arn:aws:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
}

/**
 * A name for a role ARN that stays the same while the role exists: its last path segment (the role name), reduced to
 * the characters construct ids and Terraform addresses accept. Keys resources such as access entries, so that adding
 * or removing one role never moves the others.
 */
export function roleArnKey(roleArn: string): string {
  const name = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  return name.replace(/[^A-Za-z0-9_-]+/g, '-');
}

/** The AWS service account an add-on runs as, if it needs AWS access. */
export function addonServiceAccount(addon: AddonName): string | undefined {
  return ADDON_CATALOG[addon].awsServiceAccount;
}
