import {
  autoScalingServiceRoleArn,
  DEFAULT_DEPLOY_ROLE_NAME,
  deployRoleArn,
  iamRoleArn,
  NamingError,
  resolvePlatform,
  roleArnKey,
  validatePlatform,
  type PlatformConfig,
} from '../src';
import { type Mutable, mutableConfig } from './fixtures';

type Config = Mutable<PlatformConfig>;

/** The fixture: dev in 111111111111, prod in the management account 222222222222 (it serves the root domain). */
function config(mutate: (c: Config) => void = () => undefined): Config {
  const c = mutableConfig();
  mutate(c);
  return c;
}

const problems = (c: Config, rule?: string) => validatePlatform(c).problems.filter((p) => !rule || p.rule === rule);

describe('deploy role naming', () => {
  const origin = { account: '222222222222', deployRoleName: 'OrganizationAccountAccessRole' };

  test('another account is reached through the deploy role; the management account through no role', () => {
    expect(deployRoleArn(origin, '111111111111')).toBe('arn:aws:iam::111111111111:role/OrganizationAccountAccessRole');
    expect(deployRoleArn(origin, '222222222222')).toBeUndefined();
  });

  test('role ARNs are checked against IAM limits', () => {
    expect(iamRoleArn('111111111111', 'Deployer')).toBe('arn:aws:iam::111111111111:role/Deployer');
    expect(() => iamRoleArn('111111111111', 'a'.repeat(65))).toThrow(NamingError);
    expect(() => iamRoleArn('111111111111', 'with/path')).toThrow(NamingError);
  });

  test("Auto Scaling's service-linked role", () => {
    expect(autoScalingServiceRoleArn('111111111111')).toBe(
      'arn:aws:iam::111111111111:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
    );
  });

  test('role keys are the last path segment, reduced to id-safe characters', () => {
    expect(roleArnKey('arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0a1b')).toBe(
      'AWSReservedSSO_Admin_0a1b',
    );
    expect(roleArnKey('arn:aws:iam::111111111111:role/ops+admin@corp.io')).toBe('ops-admin-corp-io');
  });
});

describe('resolution', () => {
  test('the deploy role defaults to the role AWS Organizations creates', () => {
    expect(DEFAULT_DEPLOY_ROLE_NAME).toBe('OrganizationAccountAccessRole');
    expect(resolvePlatform(config()).management).toEqual({
      account: '222222222222',
      region: 'eu-west-1',
      deployRoleName: 'OrganizationAccountAccessRole',
    });
  });

  test('the deployer granted cluster admin: the assumed role elsewhere, the named role in the management account', () => {
    const platform = resolvePlatform(config((c) => void (c.management = { account: '222222222222', region: 'eu-west-1', deployRoleName: 'PavedDeploy' })));
    const deployer = Object.fromEntries(platform.environments.map((e) => [e.name, e.deployerAccessArn]));
    expect(deployer).toEqual({ dev: 'arn:aws:iam::111111111111:role/PavedDeploy', prod: 'arn:aws:iam::222222222222:role/Deployer' });
  });

  test('no deployer entry in the management account without a named role, none anywhere when opted out', () => {
    const unnamed = resolvePlatform(config((c) => void (c.access!.managementDeployerRoleArn = undefined)));
    expect(unnamed.environments.map((e) => e.deployerAccessArn)).toEqual(['arn:aws:iam::111111111111:role/OrganizationAccountAccessRole', undefined]);
    const optedOut = resolvePlatform(config((c) => void (c.access!.deployerClusterAdmin = false)));
    expect(optedOut.environments.map((e) => e.deployerAccessArn)).toEqual([undefined, undefined]);
  });
});

describe('schema', () => {
  test.each([
    ['management.deployRoleName', (c: Config) => void (c.management = { account: '222222222222', region: 'eu-west-1', deployRoleName: 'team/deploy' })],
    ['access.deployerClusterAdmin', (c: Config) => void ((c.access as any).deployerClusterAdmin = 'no')],
    ['access.managementDeployerRoleArn', (c: Config) => void (c.access!.managementDeployerRoleArn = 'Deployer')],
  ])('rejects a malformed %s', (path, mutate) => {
    expect(problems(config(mutate), 'schema')).toEqual([expect.objectContaining({ path, severity: 'error' })]);
  });
});

describe('rule deployer-cluster-access', () => {
  test('opting out warns for each environment no admin role covers, and says what breaks', () => {
    const found = problems(config((c) => void (c.access!.deployerClusterAdmin = false)), 'deployer-cluster-access');
    expect(found).toEqual([
      {
        severity: 'warning',
        rule: 'deployer-cluster-access',
        path: 'access.deployerClusterAdmin',
        message:
          "is false, and no admin role of access.roles covers 'prod': nobody can reach its cluster, and the helm provider of " +
          "'prod-platform' cannot install ArgoCD",
        allowed: "true (the default), or a role with access 'admin' in access.roles for 'prod'",
      },
    ]);
  });

  test('a view role does not count as a way in', () => {
    const found = problems(
      config((c) => {
        c.access!.deployerClusterAdmin = false;
        c.access!.roles!.push({ roleArn: 'arn:aws:iam::222222222222:role/Viewer', access: 'view', environments: ['prod'] });
      }),
      'deployer-cluster-access',
    );
    expect(found.map((p) => p.path)).toEqual(['access.deployerClusterAdmin']);
  });

  test('in the management account, a cluster with neither a named deployer role nor an admin role is unreachable', () => {
    const found = problems(config((c) => void (c.access!.managementDeployerRoleArn = undefined)), 'deployer-cluster-access');
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'access.managementDeployerRoleArn',
        message: expect.stringMatching(/^is not set, and no admin role of access.roles covers 'prod', which runs in the management account 222222222222, where Terraform assumes no role/),
      }),
    ]);
  });

  test('no warning when an admin role covers the environment', () => {
    const c = config((c_) => {
      c_.access!.managementDeployerRoleArn = undefined;
      c_.access!.roles!.push({ roleArn: 'arn:aws:iam::222222222222:role/Admin2', access: 'admin', environments: ['prod'] });
    });
    expect(problems(c)).toEqual([]);
  });
});

describe('rule access-principals', () => {
  test("the management account's deployer role must belong to it", () => {
    const found = problems(config((c) => void (c.access!.managementDeployerRoleArn = 'arn:aws:iam::111111111111:role/Deployer')), 'access-principals');
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'access.managementDeployerRoleArn',
        message: 'is a role of account 111111111111, not of the management account 222222222222',
      }),
    ]);
  });

  test('the deploy role listed again in access.roles would be a second entry for one principal', () => {
    const found = problems(
      config((c) => void c.access!.roles!.push({ roleArn: 'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole', access: 'admin', environments: ['dev'] })),
      'access-principals',
    );
    expect(found).toEqual([
      expect.objectContaining({ path: 'access.roles[1].roleArn', message: "is the role Terraform runs as in 'dev', which already gets cluster admin as the deployer" }),
    ]);
  });

  test('a role named like the deployer would share its key', () => {
    const found = problems(
      config((c) => void c.access!.roles!.push({ roleArn: 'arn:aws:iam::333333333333:role/Deployer', access: 'view', environments: ['prod'] })),
      'access-principals',
    );
    expect(found).toEqual([expect.objectContaining({ path: 'access.roles[1].roleArn', message: "has the role name 'Deployer' of the deployer in 'prod'" })]);
  });

  test('the same role name may be granted in different environments', () => {
    const c = config((c_) => void c_.access!.roles!.push({ roleArn: 'arn:aws:iam::222222222222:role/Admin', access: 'admin', environments: ['prod'] }));
    expect(problems(c)).toEqual([]);
  });
});
