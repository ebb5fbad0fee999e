import { ADDON_NAMES, checkAwsName, EnvironmentNaming, NamingError, PATTERNS, PlatformNaming } from '../src';

describe('EnvironmentNaming', () => {
  const naming = new EnvironmentNaming('acme', 'prod');

  test('builds <org>-<env>-<component> names', () => {
    expect(naming.clusterName()).toBe('acme-prod-eks');
    expect(naming.postgresIdentifier()).toBe('acme-prod-postgres');
    expect(naming.redisReplicationGroupId()).toBe('acme-prod-redis');
    expect(naming.ecrRepository('api')).toBe('acme-prod-api');
    expect(naming.addonRole('external-dns')).toBe('acme-prod-external-dns');
  });

  test('makes bucket names globally unique with the account id instead of random suffixes', () => {
    expect(naming.veleroBucket('123456789012')).toBe('acme-prod-velero-123456789012');
  });

  test('scopes secrets and KMS aliases under the organization and environment', () => {
    expect(naming.secretName('api/jwt')).toBe('acme/prod/api/jwt');
    expect(naming.kmsAlias('rds')).toBe('alias/acme/prod/rds');
    expect(naming.logGroup('vpc-flow-logs')).toBe('/acme/prod/vpc-flow-logs');
  });

  test('the longest names the config patterns allow still fit every AWS limit', () => {
    const org = 'a'.repeat(PATTERNS.organization.maxLength);
    const envName = 'e'.repeat(PATTERNS.environmentName.maxLength);
    const service = 's'.repeat(PATTERNS.serviceName.maxLength);
    const longest = new EnvironmentNaming(org, envName);
    const account = '123456789012';
    expect(() => [
      longest.clusterName(),
      longest.nodeGroupName(service),
      longest.postgresIdentifier(),
      longest.redisReplicationGroupId(),
      longest.ecrRepository(service),
      longest.veleroBucket(account),
      longest.lokiBucket(account),
      longest.accessLogsBucket(account),
      longest.backupVault(),
      longest.kmsAlias('postgres'),
      longest.connectionSecret('postgres'),
      ...ADDON_NAMES.map((a) => longest.addonRole(a)),
      longest.eksAddonRole('aws-ebs-csi-driver'),
      new PlatformNaming(org).stateBucket(account),
      new PlatformNaming(org).ciRole('deploy'),
    ]).not.toThrow();
  });
});

describe('checkAwsName', () => {
  test('rejects a name over the limit with the kind, the value and the rule', () => {
    const long = `a${'-b'.repeat(20)}`;
    expect(() => checkAwsName('elasticache-replication-group', long)).toThrow(NamingError);
    expect(() => checkAwsName('elasticache-replication-group', long)).toThrow(
      /elasticache-replication-group name 'a-b-b.*' is 41 characters, more than 40 \(ElastiCache replication group id/,
    );
  });

  test('rejects double hyphens where RDS does', () => {
    expect(() => checkAwsName('rds-instance', 'acme--prod')).toThrow(/has characters or a shape AWS rejects/);
  });

  test('accepts a valid name unchanged', () => {
    expect(checkAwsName('s3-bucket', 'acme-prod-velero-123456789012')).toBe('acme-prod-velero-123456789012');
  });
});
