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

  ciRole(purpose: 'deploy' | 'plan' | 'push'): string {
    return this.name('iam-role', `ci-${purpose}`);
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
  connectionSecret(store: 'postgres' | 'redis'): string {
    return this.secretName(`${store}/connection`);
  }

  logGroup(component: string): string {
    return checkAwsName('log-group', `/${this.organization}/${this.environment}/${component}`);
  }
}

/** The AWS service account an add-on runs as, if it needs AWS access. */
export function addonServiceAccount(addon: AddonName): string | undefined {
  return ADDON_CATALOG[addon].awsServiceAccount;
}
