import { resolvePlatform } from '@paved/shared-config';
import { TerraformStack, Testing } from 'cdktf';
import { example, synthesize, type TfResource } from './support/synthesized';
import { GithubOidc } from '../src/constructs/ci/github-oidc';
import { stackIdsOfAccount } from '../src/stacks/stack-ids';

// GIVEN the example platform: dev and staging in 210987654321, prod and the management stacks in 345678901234.
const out = synthesize();
const platform = resolvePlatform(example);
const MGMT = '345678901234';
const DEV = '210987654321';
const BUCKET = 'arn:aws:s3:::northwind-tfstate-345678901234';
const SUB = 'token.actions.githubusercontent.com:sub';

interface RawStatement {
  Sid: string;
  Effect: string;
  Action: string[];
  Resource?: string[];
  NotResource?: string[];
  Principal?: unknown;
  Condition?: Record<string, Record<string, string[]>>;
}
const raw = (json: string): RawStatement[] => (JSON.parse(json) as { Statement: RawStatement[] }).Statement;
const roles = (stack: string) => out.resources(stack, 'aws_iam_role');
const role = (stack: string, name: string) => roles(stack).find((r) => r.body.name === name)!;
const trust = (r: TfResource) => raw(r.body.assume_role_policy)[0];
const inline = (stack: string, r: TfResource) => {
  const policy = out.resources(stack, 'aws_iam_role_policy').find((p) => p.body.role === `\${aws_iam_role.${r.name}.id}`)!;
  return raw(policy.body.policy);
};
const managed = (stack: string, r: TfResource) =>
  out.resources(stack, 'aws_iam_role_policy_attachment').filter((a) => a.body.role === `\${aws_iam_role.${r.name}.name}`).map((a) => a.body.policy_arn);
const sid = (statements: RawStatement[], id: string) => statements.find((s) => s.Sid === id)!;
const stateKey = (stack: string) => `${BUCKET}/northwind/${stack}/terraform.tfstate`;

describe('CI roles: exact trust', () => {
  test('the management account has plan, deploy, a push role per service and a promotion role per environment', () => {
    expect(roles('bootstrap').map((r) => r.body.name).sort()).toEqual([
      'northwind-api-ci-push', 'northwind-ci-deploy', 'northwind-ci-plan',
      'northwind-dev-ci-promote', 'northwind-prod-ci-promote', 'northwind-staging-ci-promote',
      'northwind-web-ci-push', 'northwind-worker-ci-push',
    ]);
    expect(roles(`bootstrap-${DEV}`).map((r) => r.body.name).sort()).toEqual(['northwind-ci-deploy', 'northwind-ci-plan']);
  });

  test('every trust is the GitHub provider with aud and an exact sub (StringEquals, no wildcard)', () => {
    for (const stack of ['bootstrap', `bootstrap-${DEV}`]) {
      for (const r of roles(stack)) {
        const t = trust(r);
        expect(t.Action).toEqual(['sts:AssumeRoleWithWebIdentity']);
        expect(Object.keys(t.Condition!)).toEqual(['StringEquals']);
        expect(t.Condition!.StringEquals['token.actions.githubusercontent.com:aud']).toEqual(['sts.amazonaws.com']);
        const subs = t.Condition!.StringEquals[SUB];
        expect(subs.length).toBeGreaterThan(0);
        for (const s of subs) expect(s).not.toMatch(/[*?]/);
      }
    }
  });

  test('subjects: pull requests of the platform repository plan; its environments deploy, per account', () => {
    const subs = (stack: string, name: string) => trust(role(stack, name)).Condition!.StringEquals[SUB];
    expect(subs('bootstrap', 'northwind-ci-plan')).toEqual(['repo:northwind/platform:pull_request']);
    expect(subs(`bootstrap-${DEV}`, 'northwind-ci-plan')).toEqual(['repo:northwind/platform:pull_request']);
    // The management deploy role is the one credential set `paved deploy` uses: it deploys every environment through
    // the assumed deploy role of each account, so jobs of every GitHub environment may use it.
    expect(subs('bootstrap', 'northwind-ci-deploy')).toEqual(['management', 'dev', 'staging', 'prod'].map((e) => `repo:northwind/platform:environment:${e}`));
    expect(subs(`bootstrap-${DEV}`, 'northwind-ci-deploy')).toEqual(['repo:northwind/platform:environment:dev', 'repo:northwind/platform:environment:staging']);
    expect(subs('bootstrap', 'northwind-api-ci-push')).toEqual(['repo:northwind/api:ref:refs/heads/main']);
    expect(subs('bootstrap', 'northwind-prod-ci-promote')).toEqual([
      'repo:northwind/api:environment:prod', 'repo:northwind/web:environment:prod', 'repo:northwind/worker:environment:prod',
    ]);
  });
});

describe('CI roles: permissions', () => {
  test('a push role pushes only to its own service repository of the first environment', () => {
    const push = inline('bootstrap', role('bootstrap', 'northwind-api-ci-push'));
    expect(push.map((s) => s.Sid)).toEqual(['RegistryLogin', 'PushBuilds', 'EncryptImages']);
    expect(sid(push, 'RegistryLogin')).toMatchObject({ Action: ['ecr:GetAuthorizationToken'], Resource: ['*'] });
    expect(sid(push, 'PushBuilds').Resource).toEqual(['arn:aws:ecr:eu-west-1:345678901234:repository/northwind-dev-api']);
    expect(sid(push, 'EncryptImages').Condition).toEqual({ StringEquals: { 'kms:ViaService': ['ecr.eu-west-1.amazonaws.com'] } });
    expect(managed('bootstrap', role('bootstrap', 'northwind-api-ci-push'))).toEqual([]);
  });

  test('a promotion role reads the previous environment and writes only its own environment', () => {
    const promote = inline('bootstrap', role('bootstrap', 'northwind-prod-ci-promote'));
    expect(sid(promote, 'ReadSources')).toEqual({
      Sid: 'ReadSources',
      Effect: 'Allow',
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability', 'ecr:DescribeImages'],
      Resource: ['northwind-staging-api', 'northwind-staging-web', 'northwind-staging-worker'].map((n) => `arn:aws:ecr:eu-west-1:${MGMT}:repository/${n}`),
    });
    expect(sid(promote, 'WriteTargets').Action).toEqual(expect.arrayContaining(['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage']));
    expect(sid(promote, 'WriteTargets').Resource).toEqual(['northwind-prod-api', 'northwind-prod-web', 'northwind-prod-worker'].map((n) => `arn:aws:ecr:eu-west-1:${MGMT}:repository/${n}`));
    // The first environment's promotion re-tags inside the build repository.
    const dev = inline('bootstrap', role('bootstrap', 'northwind-dev-ci-promote'));
    expect(sid(dev, 'ReadSources').Resource).toEqual(sid(dev, 'WriteTargets').Resource);
  });

  test('plan roles: ReadOnlyAccess, no secret values, no decryption or objects outside their own states', () => {
    for (const [stack, account] of [['bootstrap', MGMT], [`bootstrap-${DEV}`, DEV]] as const) {
      const plan = role(stack, 'northwind-ci-plan');
      expect(managed(stack, plan)).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
      const s = inline(stack, plan);
      expect(sid(s, 'NoSecretValues')).toMatchObject({ Effect: 'Deny', Resource: ['*'] });
      expect(sid(s, 'NoSecretValues').Action).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue', 'ssm:GetParameter', 'ssm:GetParametersByPath']));
      expect(sid(s, 'NoDecryptButState')).toMatchObject({ Effect: 'Deny', Action: ['kms:Decrypt'] });
      const own = stackIdsOfAccount(platform, account);
      const allowed = sid(s, 'NoObjectsButOwnState').NotResource!;
      expect(sid(s, 'NoObjectsButOwnState')).toMatchObject({ Effect: 'Deny', Action: ['s3:GetObject', 's3:GetObjectVersion'] });
      for (const id of own) expect(allowed).toContain(`${stateKey(id)}*`);
      expect(sid(s, 'ReadState').Resource).toEqual(allowed);
      const others = out.stacks.map((x) => x.name).filter((id) => !own.includes(id) && id !== 'shared');
      for (const id of others) expect(allowed.some((r) => r.startsWith(`${BUCKET}/northwind/${id}/`))).toBe(false);
      // No write of state from a pull request, only the lock file.
      expect(sid(s, 'LockState').Resource!.every((r) => r.endsWith('.tflock'))).toBe(true);
      expect(s.some((x) => x.Effect === 'Allow' && x.Action.includes('s3:PutObject') && x.Resource!.some((r) => r.endsWith('terraform.tfstate')))).toBe(false);
    }
    expect(stackIdsOfAccount(platform, DEV)).toEqual(['dev-network', 'dev-cluster', 'dev-data', 'dev-platform', 'staging-network', 'staging-cluster', 'staging-data', 'staging-platform']);
  });

  test('deploy roles: IAM only on bounded <org>-* roles, never on CI roles, no iam:* wildcards', () => {
    for (const [stack, account] of [['bootstrap', MGMT], [`bootstrap-${DEV}`, DEV]] as const) {
      const deploy = role(stack, 'northwind-ci-deploy');
      expect(managed(stack, deploy)).toEqual(['arn:aws:iam::aws:policy/PowerUserAccess']);
      const s = inline(stack, deploy);
      const iamActions = s.filter((x) => x.Effect === 'Allow').flatMap((x) => x.Action).filter((a) => a.startsWith('iam:'));
      expect(iamActions.filter((a) => a.includes('*'))).toEqual([]);
      const boundary = `arn:aws:iam::${account}:policy/northwind-boundary`;
      expect(sid(s, 'BoundedRoleChanges')).toEqual({
        Sid: 'BoundedRoleChanges',
        Effect: 'Allow',
        Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy'],
        Resource: [`arn:aws:iam::${account}:role/northwind-*`],
        Condition: { StringEquals: { 'iam:PermissionsBoundary': [boundary] } },
      });
      expect(sid(s, 'PassPlatformRoles').Condition!.StringEquals['iam:PassedToService']).toContain('eks.amazonaws.com');
      const ciRoles = roles(stack).map((r) => `arn:aws:iam::${account}:role/${r.body.name}`).sort();
      expect(sid(s, 'NoCiRoleChanges')).toMatchObject({ Effect: 'Deny', Action: ['iam:*'] });
      expect([...sid(s, 'NoCiRoleChanges').Resource!].sort()).toEqual(ciRoles);
      // The management deploy role owns every stack's state: one pattern, whatever the number of environments.
      const writes = account === MGMT ? [`${BUCKET}/northwind/*/terraform.tfstate`] : stackIdsOfAccount(platform, account).map(stateKey);
      expect(sid(s, 'WriteState').Resource).toEqual(writes);
    }
  });

  test('the boundary forbids escalation and protects itself and the CI roles', () => {
    const policy = out.resource('bootstrap', 'aws_iam_policy', 'boundary/Resource').body;
    expect(policy.name).toBe('northwind-boundary');
    const s = raw(policy.policy);
    const arn = `arn:aws:iam::${MGMT}:policy/northwind-boundary`;
    expect(sid(s, 'NoIamUsersOrKeys').Action).toEqual(expect.arrayContaining(['iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile']));
    expect(sid(s, 'NoRolesWithoutThisBoundary')).toMatchObject({ Effect: 'Deny', Condition: { StringNotEquals: { 'iam:PermissionsBoundary': [arn] } } });
    expect(sid(s, 'NoBoundaryRemoval').Action).toContain('iam:DeleteRolePermissionsBoundary');
    expect(sid(s, 'NoBoundaryChanges').Resource).toEqual([arn]);
    expect(sid(s, 'NoAdminPolicies').Condition!.ArnEquals['iam:PolicyARN']).toContain('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(sid(s, 'NoCiRoleChanges').Resource).toContain(`arn:aws:iam::${MGMT}:role/northwind-ci-deploy`);
  });
});

describe('permissions boundary on every role', () => {
  test('every aws_iam_role of every stack carries its account boundary', () => {
    const count = out.allStacks().reduce((n, stack) => {
      const list = out.resources(stack.name, 'aws_iam_role');
      const account = stack.name === `bootstrap-${DEV}` || /^(dev|staging)-/.test(stack.name) ? DEV : MGMT;
      for (const r of list) {
        const boundary = r.body.permissions_boundary as string;
        expect([`${r.stack}:${r.body.name}`, boundary.startsWith('${aws_iam_policy.') ? 'ref' : boundary])
          .toEqual([`${r.stack}:${r.body.name}`, stack.name.startsWith('bootstrap') ? 'ref' : `arn:aws:iam::${account}:policy/northwind-boundary`]);
      }
      return n + list.length;
    }, 0);
    expect(count).toBeGreaterThan(20);
  });
});

describe('state bucket policy: each account reads only its own states', () => {
  const policy = raw(out.resources('bootstrap', 'aws_s3_bucket_policy').find((p) => p.path.startsWith('bootstrap/state/'))!.body.policy);
  const ci = (account: string) => ['plan', 'deploy'].map((p) => `arn:aws:iam::${account}:role/northwind-ci-${p}`);

  test('the other account gets exactly its environments, and reads the shared outputs', () => {
    const read = sid(policy, `CiRead${DEV}`);
    expect(read.Principal).toEqual({ AWS: ci(DEV) });
    const own = stackIdsOfAccount(platform, DEV);
    expect(read.Resource).toEqual([...own.map((id) => `${stateKey(id)}*`), stateKey('shared')]);
    expect(sid(policy, `CiWrite${DEV}`)).toMatchObject({ Principal: { AWS: [ci(DEV)[1]] }, Resource: own.map(stateKey) });
    expect(sid(policy, `CiLock${DEV}`).Resource!.every((r) => r.endsWith('.tflock'))).toBe(true);
  });

  test('explicit denies keep each account\'s CI roles out of the other account\'s states', () => {
    const denyMgmt = sid(policy, `OnlyOwnCiRolesRead${MGMT}`);
    expect(denyMgmt).toMatchObject({ Effect: 'Deny', Principal: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': ci(DEV) } } });
    expect(denyMgmt.Action).toEqual(expect.arrayContaining(['s3:GetObject', 's3:GetObjectVersion']));
    expect(denyMgmt.Resource).toEqual(['bootstrap', `bootstrap-${DEV}`, 'prod-network', 'prod-cluster', 'prod-data', 'prod-platform'].map((id) => `${BUCKET}/northwind/${id}/*`));
    const denyDev = sid(policy, `OnlyOwnCiRolesRead${DEV}`);
    // The management deploy role is not denied: it deploys the dev account's stacks through their assumed role.
    expect(denyDev).toMatchObject({ Effect: 'Deny', Principal: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': [ci(MGMT)[0]] } } });
    expect(denyDev.Resource).toEqual(stackIdsOfAccount(platform, DEV).map((id) => `${BUCKET}/northwind/${id}/*`));
    expect(sid(policy, 'OnlyManagementCiRolesWriteShared')).toMatchObject({ Effect: 'Deny', Action: ['s3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject'], Resource: [`${BUCKET}/northwind/shared/*`] });
  });
});

describe('GithubOidc guards', () => {
  const roleWith = (subjects: string[]) => () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new GithubOidc(stack, 'github', { roles: { r: { roleName: 'acme-ci-x', subjects, statements: [] } } });
  };

  test('a wildcard subject is refused', () => {
    expect(roleWith(['repo:acme/*:environment:prod'])).toThrow(/'acme-ci-x': subject 'repo:acme\/\*:environment:prod' has a wildcard/);
    expect(roleWith(['repo:acme/ap?:pull_request'])).toThrow(/has a wildcard/);
  });

  test('a role without subjects is refused', () => {
    expect(roleWith([])).toThrow(/'acme-ci-x': subjects is empty/);
  });
});
