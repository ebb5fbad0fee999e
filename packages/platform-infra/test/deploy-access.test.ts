import type { PlatformConfig } from '@paved/shared-config';
import { example, synthesize, type Synthesized } from './support/synthesized';

/**
 * One credential set deploys every account (the management account's: 345678901234 holds prod, dev and staging run in
 * 210987654321), the deployer can reach each cluster, and node groups can launch with encrypted volumes.
 */
const MANAGEMENT = '345678901234';
const MEMBER = '210987654321';
const DEPLOY_ROLE = `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`;
const ASG_ROLE = (account: string) => `arn:aws:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
const ADMIN_POLICY = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

const out = synthesize();

/** Every AWS provider of every stack, with the stack it belongs to. */
const providers = (s: Synthesized) =>
  s.allStacks().flatMap(({ name, json }) => (json.provider.aws as any[]).map((provider) => ({ stack: name, provider })));

/** Access entries of a cluster stack: construct path below `eks/` => principal ARN. */
const accessEntries = (s: Synthesized, stack: string) =>
  Object.fromEntries(s.resources(stack, 'aws_eks_access_entry').map((r) => [r.path.replace(`${stack}/eks/`, ''), r.body.principal_arn]));

const withAccess = (access: PlatformConfig['access'], extra: Partial<PlatformConfig> = {}): PlatformConfig => ({ ...example, ...extra, access });

describe('one credential set: the management account assumes a role everywhere else', () => {
  test('every provider for another account assumes the deploy role there, with the account still pinned', () => {
    const member = providers(out).filter(({ provider }) => provider.allowed_account_ids[0] === MEMBER);
    expect(member.map(({ stack }) => stack).sort()).toEqual([
      'bootstrap-210987654321',
      ...['dev', 'staging'].flatMap((e) => ['cluster', 'data', 'network', 'platform'].map((s) => `${e}-${s}`)),
    ]);
    for (const { stack, provider } of member) {
      expect(provider.allowed_account_ids).toEqual([MEMBER]);
      expect(provider.assume_role).toEqual([{ role_arn: DEPLOY_ROLE, session_name: `paved-${stack}` }]);
    }
  });

  test('no provider for the management account assumes a role, the DNS delegation provider included', () => {
    const management = providers(out).filter(({ provider }) => provider.allowed_account_ids[0] === MANAGEMENT);
    expect(management.map(({ stack, provider }) => `${stack}:${provider.alias ?? 'aws'}`).sort()).toEqual([
      'bootstrap:aws',
      'dev-network:management',
      'prod-cluster:aws',
      'prod-data:aws',
      'prod-network:aws',
      'prod-platform:aws',
      'shared:aws',
      'staging-network:management',
    ]);
    for (const { provider } of management) {
      expect(provider.allowed_account_ids).toEqual([MANAGEMENT]);
      expect(provider).not.toHaveProperty('assume_role');
    }
  });

  test('state and cross-stack remote state live in the management account and use its credentials as they are', () => {
    for (const { json } of out.allStacks()) {
      const remote = Object.values<any>(json.data?.terraform_remote_state ?? {}).map((r) => r.config);
      const configs = [json.terraform.backend.s3, ...remote].filter(Boolean);
      for (const config of configs) {
        expect(config.bucket).toBe(`northwind-tfstate-${MANAGEMENT}`);
        expect(Object.keys(config).filter((k) => /role|profile|assume|access_key/.test(k))).toEqual([]);
      }
    }
  });

  test('the helm provider takes its EKS token as the same role the stack assumes', () => {
    const args = (env: string) => out.stack(`${env}-platform`).json.provider.helm[0].kubernetes.exec.args as string[];
    expect(args('dev').slice(-2)).toEqual(['--role-arn', DEPLOY_ROLE]);
    expect(args('staging').slice(-2)).toEqual(['--role-arn', DEPLOY_ROLE]);
    expect(args('prod')).not.toContain('--role-arn');
  });

  test('a configured deploy role name reaches every provider, the helm token and the access entry alike', () => {
    const custom = synthesize({ ...example, management: { account: MANAGEMENT, region: 'eu-west-1', deployRoleName: 'PavedDeploy' } }, ['dev']);
    const role = `arn:aws:iam::${MEMBER}:role/PavedDeploy`;
    const member = providers(custom).filter(({ provider }) => provider.allowed_account_ids[0] === MEMBER);
    expect(member.length).toBeGreaterThan(0);
    expect(new Set(member.map(({ provider }) => provider.assume_role[0].role_arn))).toEqual(new Set([role]));
    expect(custom.stack('dev-platform').json.provider.helm[0].kubernetes.exec.args.slice(-2)).toEqual(['--role-arn', role]);
    expect(accessEntries(custom, 'dev-cluster')['deployer-access/entry']).toBe(role);
  });
});

describe('the deployer reaches every cluster', () => {
  test('clusters in other accounts give the assumed deploy role cluster admin, cluster-wide', () => {
    for (const env of ['dev', 'staging']) {
      const stack = `${env}-cluster`;
      expect(accessEntries(out, stack)['deployer-access/entry']).toBe(DEPLOY_ROLE);
      const association = out.resource(stack, 'aws_eks_access_policy_association', 'eks/deployer-access/policy').body;
      expect(association).toMatchObject({ policy_arn: ADMIN_POLICY, access_scope: { type: 'cluster' } });
      expect(association.principal_arn).toMatch(/^\$\{aws_eks_access_entry\.eks_deployer-access_entry_[0-9A-F]+\.principal_arn\}$/);
    }
  });

  test('in the management account the deployer is the role the config names, else nobody (an admin role covers prod)', () => {
    expect(accessEntries(out, 'prod-cluster')).toEqual({
      'access-AWSReservedSSO_PlatformAdmin_9f8e7d6c5b4a3f2e/entry': 'arn:aws:iam::345678901234:role/AWSReservedSSO_PlatformAdmin_9f8e7d6c5b4a3f2e',
      'access-AWSReservedSSO_Developer_1a2b3c4d5e6f7a8b/entry': 'arn:aws:iam::345678901234:role/AWSReservedSSO_Developer_1a2b3c4d5e6f7a8b',
    });
    const deployer = 'arn:aws:iam::345678901234:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_AdministratorAccess_0123456789abcdef';
    const named = synthesize(withAccess({ ...example.access, managementDeployerRoleArn: deployer }), ['prod']);
    expect(accessEntries(named, 'prod-cluster')['deployer-access/entry']).toBe(deployer);
    expect(named.resource('prod-cluster', 'aws_eks_access_policy_association', 'eks/deployer-access/policy').body.policy_arn).toBe(ADMIN_POLICY);
  });

  test('opting out leaves the deployer without an entry', () => {
    const optedOut = synthesize(withAccess({ ...example.access, deployerClusterAdmin: false }), ['dev']);
    expect(Object.keys(accessEntries(optedOut, 'dev-cluster'))).toEqual(['access-AWSReservedSSO_PlatformAdmin_7a1c2e3f4b5d6a7c/entry']);
  });

  test('access entries are keyed by role name: removing one role leaves the addresses of the others in place', () => {
    const roles = [
      { roleArn: `arn:aws:iam::${MEMBER}:role/Admins`, access: 'admin' as const },
      { roleArn: `arn:aws:iam::${MEMBER}:role/team/Developers`, access: 'edit' as const },
      { roleArn: `arn:aws:iam::${MEMBER}:role/Auditors`, access: 'view' as const },
    ];
    const addresses = (s: Synthesized) =>
      ['aws_eks_access_entry', 'aws_eks_access_policy_association'].flatMap((t) => s.resources('dev-cluster', t).map((r) => `${t}.${r.name}`)).sort();
    const before = addresses(synthesize(withAccess({ roles }), ['dev']));
    const after = addresses(synthesize(withAccess({ roles: roles.slice(1) }), ['dev']));
    expect(before).toHaveLength(8);
    expect(after).toEqual(before.filter((a) => !a.includes('access-Admins_')));
    expect(after.filter((a) => a.includes('deployer-access'))).toHaveLength(2);
  });
});

describe('node groups can launch with encrypted volumes', () => {
  test("the node-volume key lets Auto Scaling's service-linked role use it and grant it to the volumes it creates", () => {
    for (const [env, account] of [['dev', MEMBER], ['staging', MEMBER], ['prod', MANAGEMENT]]) {
      const key = out.resource(`${env}-cluster`, 'aws_kms_key', 'storage-key/key');
      const statements = out.policyStatements(key.body.policy);
      expect(statements.filter((s) => s.sid.startsWith('AutoScaling'))).toEqual([
        {
          sid: 'AutoScalingUsesKeyForNodeVolumes',
          effect: 'Allow',
          actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
          resources: ['*'],
          principals: [{ type: 'AWS', identifiers: ['*'] }],
          // The role is named in conditions: KMS rejects a principal that does not exist yet, as in a new account.
          condition: [
            { test: 'ArnEquals', variable: 'aws:PrincipalArn', values: [ASG_ROLE(account)] },
            { test: 'StringEquals', variable: 'kms:CallerAccount', values: [account] },
          ],
        },
        {
          sid: 'AutoScalingGrantsForNodeVolumes',
          effect: 'Allow',
          actions: ['kms:CreateGrant'],
          resources: ['*'],
          principals: [{ type: 'AWS', identifiers: ['*'] }],
          condition: [
            { test: 'ArnEquals', variable: 'aws:PrincipalArn', values: [ASG_ROLE(account)] },
            { test: 'StringEquals', variable: 'kms:CallerAccount', values: [account] },
            { test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] },
          ],
        },
      ]);
      // The key the launch templates encrypt the node volumes with is this one.
      for (const template of out.resources(`${env}-cluster`, 'aws_launch_template')) {
        expect(template.body.block_device_mappings[0].ebs.kms_key_id).toBe(`\${aws_kms_key.${key.name}.arn}`);
      }
    }
  });

  test('no other key admits Auto Scaling', () => {
    const keys = out.allStacks().flatMap((s) => out.resources(s.name, 'aws_kms_key'));
    const admitting = keys.filter((k) => k.body.policy.includes('autoscaling.amazonaws.com')).map((k) => k.path);
    expect(admitting.sort()).toEqual(['dev-cluster/storage-key/key', 'prod-cluster/storage-key/key', 'staging-cluster/storage-key/key']);
  });
});
