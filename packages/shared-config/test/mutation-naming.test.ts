import {
  addonServiceAccount,
  checkAwsName,
  deployRoleArn,
  EnvironmentNaming,
  iamRoleArn,
  NamingError,
  PlatformNaming,
  roleArnKey,
} from '../src';

// Exact names and exact limits: every physical name is a Terraform address or an AWS identifier, so a silently
// different string renames (destroys and recreates) a resource. Written to kill the mutants Stryker found alive.

describe('checkAwsName limits are inclusive', () => {
  test('a name of exactly the maximum length is accepted, one more is rejected', () => {
    const max = 'a'.repeat(40);
    expect(checkAwsName('elasticache-replication-group', max)).toBe(max);
    expect(() => checkAwsName('elasticache-replication-group', `${max}b`)).toThrow(/is 41 characters, more than 40/);
  });

  test('a name of exactly the minimum length is accepted, one less is rejected with the minimum', () => {
    expect(checkAwsName('ecr-repository', 'ab')).toBe('ab');
    // 'a' matches the ECR pattern: only the length check rejects it.
    expect(() => checkAwsName('ecr-repository', 'a')).toThrow(/^ecr-repository name 'a' is shorter than 2 characters \(ECR repository/);
  });

  test('errors are NamingErrors named as such, carrying the kind and the value', () => {
    let error: unknown;
    try {
      checkAwsName('rds-instance', 'Bad');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NamingError);
    expect(error).toMatchObject({ name: 'NamingError', kind: 'rds-instance', value: 'Bad' });
  });
});

describe('PlatformNaming', () => {
  const naming = new PlatformNaming('acme');

  test('state bucket and key', () => {
    expect(naming.bucket('logs', '111111111111')).toBe('acme-logs-111111111111');
    expect(naming.stateBucket('111111111111')).toBe('acme-tfstate-111111111111');
    expect(naming.stateKey('network-prod')).toBe('acme/network-prod/terraform.tfstate');
  });

  test('CI roles, boundary and KMS alias', () => {
    expect(naming.ciRole('plan')).toBe('acme-ci-plan');
    expect(naming.ciPushRole('api')).toBe('acme-api-ci-push');
    expect(naming.ciPromoteRole('prod')).toBe('acme-prod-ci-promote');
    expect(naming.permissionsBoundary()).toBe('acme-boundary');
    expect(naming.kmsAlias('state')).toBe('alias/acme/state');
  });

  test('a KMS alias is checked against the KMS rules', () => {
    expect(() => new PlatformNaming('ac me').kmsAlias('state')).toThrow(/^kms-alias name 'alias\/ac me\/state'/);
  });
});

describe('EnvironmentNaming', () => {
  const naming = new EnvironmentNaming('acme', 'dev');

  test('every component name, exactly', () => {
    expect(naming.prefix).toBe('acme-dev');
    expect(naming.nodeGroupName('system')).toBe('acme-dev-system');
    expect(naming.bucket('data', '111111111111')).toBe('acme-dev-data-111111111111');
    expect(naming.lokiBucket('111111111111')).toBe('acme-dev-loki-111111111111');
    expect(naming.accessLogsBucket('111111111111')).toBe('acme-dev-access-logs-111111111111');
    expect(naming.backupVault()).toBe('acme-dev-backup');
    expect(naming.eksAddonRole('aws-ebs-csi-driver')).toBe('acme-dev-aws-ebs-csi-driver');
    expect(naming.secretsPrefix()).toBe('acme/dev/');
    expect(naming.connectionSecret('redis')).toBe('acme/dev/redis/connection');
  });
});

describe('role ARNs', () => {
  test('iamRoleArn checks the role name', () => {
    expect(iamRoleArn('111111111111', 'Deployer')).toBe('arn:aws:iam::111111111111:role/Deployer');
    expect(() => iamRoleArn('111111111111', 'x'.repeat(65))).toThrow(NamingError);
  });

  test('deployRoleArn is undefined for the management account only', () => {
    const origin = { account: '111111111111', deployRoleName: 'OrganizationAccountAccessRole' };
    expect(deployRoleArn(origin, '111111111111')).toBeUndefined();
    expect(deployRoleArn(origin, '222222222222')).toBe('arn:aws:iam::222222222222:role/OrganizationAccountAccessRole');
  });

  test('roleArnKey folds each run of unsupported characters into one hyphen', () => {
    expect(roleArnKey('arn:aws:iam::111111111111:role/path/Admin.Role@@x')).toBe('Admin-Role-x');
    expect(roleArnKey('Admin_Role-1')).toBe('Admin_Role-1');
  });
});

test('addonServiceAccount names the AWS service account of add-ons that need one', () => {
  expect(addonServiceAccount('external-dns')).toBe('external-dns');
  expect(addonServiceAccount('velero')).toBe('velero-server');
  expect(addonServiceAccount('metrics-server')).toBeUndefined();
});
