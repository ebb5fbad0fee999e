import { CFN_DEPLOY_SUFFIX, CFN_EXEC_SUFFIX, standardTags, type ResolvedPlatform } from '@paved/shared-config';
import type { Construct } from 'constructs';
import { PavedStack } from './paved-stack';
import { stackIdsOfAccount } from './stack-ids';
import {
  deployIamStatements,
  planDenyStatements,
  promoteStatements,
  pushStatements,
  readableStateObjects,
  stateObjects,
  stateReadStatements,
  type StateAccess,
} from '../constructs/ci/ci-permissions';
import { GithubOidc, type CiRoleSpec } from '../constructs/ci/github-oidc';
import { ServiceResourceRoles, type ServiceResourceRolesProps } from '../constructs/ci/service-resource-roles';
import { PermissionsBoundary } from '../constructs/iam/permissions-boundary';
import type { PolicyStatement } from '../constructs/iam/policy-document';
import { EncryptionKey } from '../constructs/kms/encryption-key';
import { SecureBucket } from '../constructs/storage/secure-bucket';

export interface BootstrapStackProps {
  readonly platform: ResolvedPlatform;
  /** The account this stack prepares; the management account also gets the state bucket and the services' push and promotion roles. */
  readonly account: string;
}

/**
 * `bootstrap` (management account) and `bootstrap-<account>` (every other account): applied once by an administrator
 * with `paved deploy --bootstrap`, on local state until `bootstrap` has created the state bucket, then migrated into it;
 * like every stack, their backend is that bucket. Creates the Terraform state bucket (management only) and GitHub
 * Actions' OIDC provider with the CI roles, so that everything after runs from CI without long-lived keys, and the
 * account's permissions boundary `<org>-boundary`, which every role of every stack carries.
 */
export class BootstrapStack extends PavedStack {
  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    const { platform } = props;
    const isManagement = props.account === platform.management.account;
    const region = isManagement ? platform.management.region : platform.environments.find((e) => e.account === props.account)!.region;
    super(scope, id, { platform, account: props.account, region, tags: standardTags({ organization: platform.organization }) });
    const { naming, management } = platform;
    const { ci, organization } = platform;
    const stateBucketName = naming.stateBucket(management.account);
    const stateBucketArn = `arn:aws:s3:::${stateBucketName}`;
    const roleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
    const environmentsHere = platform.environments.filter((e) => e.account === props.account).map((e) => e.name);

    // The roles of this account nothing deployed may change (nor the boundary, which the boundary itself protects).
    const pushRoles = isManagement ? ci.services.map((s) => naming.ciPushRole(s.service)) : [];
    const promoteTargets = isManagement ? platform.environments.filter((e) => ci.services.some((s) => s.promoteTo.includes(e.name))) : [];
    const serviceResources = serviceResourcesIn(platform, props.account);
    const ciRoleNames = [
      naming.ciRole('plan'), naming.ciRole('deploy'), ...pushRoles, ...promoteTargets.map((e) => naming.ciPromoteRole(e.name)),
      ...serviceResources.flatMap((r) => [r.deployRoleName, r.executionRoleName]),
    ];
    const protectedRoleArns = ciRoleNames.map((n) => roleArn(props.account, n));
    const boundary = new PermissionsBoundary(this, 'boundary', {
      account: props.account,
      policyName: naming.permissionsBoundary(),
      protectedRoleArns,
    });

    // From other accounts the key is only reachable through S3 (its key policy says so), so any key of the
    // management account is as narrow as naming it, which this stack cannot do before the management stack exists.
    const stateKeyArn = isManagement
      ? this.stateBucket(platform, stateBucketName)
      : `arn:aws:kms:${management.region}:${management.account}:key/*`;
    const state = stateAccessOf(platform, props.account, stateBucketArn, stateKeyArn);
    const deployState = isManagement ? managementDeployStateAccess(platform, stateBucketArn, stateKeyArn) : state;

    const repo = ci.platformRepository;
    const roles: Record<string, CiRoleSpec> = {
      plan: {
        roleName: naming.ciRole('plan'),
        // Pull requests of the platform repository only; a pull request names no environment, so the plan role of
        // each account reads only that account's state and no secret.
        subjects: [`repo:${repo}:pull_request`],
        statements: [...stateReadStatements(state), ...planDenyStatements(state)],
        managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        permissionsBoundary: boundary.policy.arn,
      },
      deploy: {
        roleName: naming.ciRole('deploy'),
        // Only jobs bound to a GitHub environment (whose protection rules decide who may deploy). The management
        // account's deploy role is the one credential set `paved deploy` uses for every environment: it assumes
        // `management.deployRoleName` in the other accounts, so it needs every environment's jobs and states.
        subjects: (isManagement ? [ci.managementEnvironment, ...platform.environments.map((e) => e.name)] : environmentsHere)
          .filter((e, i, all) => all.indexOf(e) === i)
          .map((e) => `repo:${repo}:environment:${e}`),
        statements: [
          ...stateReadStatements(deployState),
          { sid: 'WriteState', actions: ['s3:PutObject'], resources: stateObjects(deployState, deployState.ownKeys) },
          ...deployIamStatements({ account: props.account, organization, boundaryArn: boundary.arn, protectedRoleArns: [...protectedRoleArns] }),
        ],
        // Terraform creates resources of every service the platform uses; IAM is the statements above, bounded.
        managedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'],
        permissionsBoundary: boundary.policy.arn,
      },
    };
    if (isManagement) Object.assign(roles, this.serviceRoles(platform, boundary.policy.arn));
    // Per environment of this account, per service with `awsResources`: the roles its CDK app deploys with.
    for (const r of serviceResources) {
      const { deployRole } = new ServiceResourceRoles(this, `cfn-${r.environment}-${r.service}`, { ...r, account: props.account });
      roles[`cfn-deploy-${r.environment}-${r.service}`] = deployRole;
    }
    new GithubOidc(this, 'github', { roles });
  }

  /**
   * Per service with a CI repository, `<org>-<service>-ci-push`: its main branch pushes builds to its own repository
   * of its first environment. Per environment that services promote into, `<org>-<env>-ci-promote`: each service
   * repository's jobs bound to the GitHub environment copy images from the service's previous environment into its
   * repository of that environment (the role names are those the service blueprint's workflow assumes).
   */
  private serviceRoles(platform: ResolvedPlatform, boundaryArn: string): Record<string, CiRoleSpec> {
    const { naming, management, ci } = platform;
    const registry = { account: management.account, region: management.region };
    const repositoryOf = (env: string, service: string) => platform.environments.find((e) => e.name === env)!.naming.ecrRepository(service);
    const roles: Record<string, CiRoleSpec> = {};
    for (const s of ci.services) {
      roles[`push-${s.service}`] = {
        roleName: naming.ciPushRole(s.service),
        subjects: [`repo:${s.repository}:ref:refs/heads/${s.branch}`],
        statements: pushStatements(registry, [repositoryOf(s.pushEnvironment, s.service)]),
        permissionsBoundary: boundaryArn,
      };
    }
    for (const env of platform.environments) {
      const promoting = ci.services.filter((s) => s.promoteTo.includes(env.name));
      if (promoting.length === 0) continue;
      // The source is the service's previous environment (the one its builds are pushed to, for the first).
      const sourceOf = (s: (typeof promoting)[number]) => {
        const runsIn = platform.environments.filter((e) => e.services.some((x) => x.name === s.service)).map((e) => e.name);
        const i = runsIn.indexOf(env.name);
        return repositoryOf(i > 0 ? runsIn[i - 1] : s.pushEnvironment, s.service);
      };
      roles[`promote-${env.name}`] = {
        roleName: naming.ciPromoteRole(env.name),
        subjects: [...new Set(promoting.map((s) => `repo:${s.repository}:environment:${env.name}`))].sort(),
        statements: promoteStatements(registry, promoting.map(sourceOf), promoting.map((s) => repositoryOf(env.name, s.service))),
        permissionsBoundary: boundaryArn,
      };
    }
    return roles;
  }

  /**
   * The state bucket and its key. Each other account's CI roles get exactly their environments' states (and read the
   * `shared` outputs); an explicit deny keeps every CI role out of the states of other accounts, whatever its own
   * policies say. Returns the key ARN.
   */
  private stateBucket(platform: ResolvedPlatform, bucketName: string): string {
    const { management, naming } = platform;
    const otherAccounts = platform.accounts.filter((a) => a !== management.account);
    const key = new EncryptionKey(this, 'state-key', {
      alias: naming.kmsAlias('tfstate'),
      description: `${platform.organization} Terraform state`,
      account: management.account,
      region: management.region,
      crossAccountDecrypt: {
        accounts: otherAccounts,
        viaService: `s3.${management.region}.amazonaws.com`,
        actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      },
    });
    new SecureBucket(this, 'state', {
      bucketName,
      kmsKeyArn: key.arn,
      noncurrentVersionExpirationDays: 365,
      extraPolicyStatements: stateBucketStatements(platform, `arn:aws:s3:::${bucketName}`),
    });
    return key.arn;
  }
}

/**
 * The CloudFormation roles of `account`: per environment there, per service with `awsResources` (validation requires
 * its `ci.repository`), trusted by that repository's jobs bound to the environment's GitHub environment only.
 */
export function serviceResourcesIn(
  platform: ResolvedPlatform,
  account: string,
): (Omit<ServiceResourceRolesProps, 'account'> & { readonly environment: string })[] {
  return platform.environments.filter((e) => e.account === account).flatMap((env) =>
    env.services.flatMap((s) => {
      if (!s.awsResources) return [];
      const component = (suffix: string) => `${s.name}-${suffix}`;
      return [{
        environment: env.name,
        region: env.region,
        service: s.name,
        prefix: `${env.naming.prefix}-${s.name}-`,
        deployRoleName: env.naming.name('iam-role', component(CFN_DEPLOY_SUFFIX)),
        executionRoleName: env.naming.name('iam-role', component(CFN_EXEC_SUFFIX)),
        boundaryName: env.naming.name('iam-policy', component('cfn-boundary')),
        subject: `repo:${s.awsResources.repository}:environment:${env.name}`,
        types: s.awsResources.types,
        // Only when declared: without the list the roles keep the prefix (and the output stays as it was).
        ...(s.awsResources.resources
          ? { declared: s.awsResources.resources.map((r) => ({ type: r.type, physicalName: r.physicalName })) }
          : {}),
        // The data stack's name for the service's Pod Identity role (data-stack.ts).
        podIdentityRoleName: env.naming.name('iam-role', `service-${s.name}`),
      }];
    }));
}

/** The CI roles (plan, deploy) of an account: the only principals that touch state besides administrators. */
function ciStateRoleArns(platform: ResolvedPlatform, account: string): string[] {
  return (['plan', 'deploy'] as const).map((p) => `arn:aws:iam::${account}:role/${platform.naming.ciRole(p)}`);
}

/** What the CI roles of `account` may do with state: their own stacks, and read `shared` for its outputs. */
export function stateAccessOf(platform: ResolvedPlatform, account: string, bucketArn: string, keyArn: string): StateAccess {
  const own = stackIdsOfAccount(platform, account);
  return {
    bucketArn,
    keyArn,
    ownKeys: own.map((id) => platform.naming.stateKey(id)),
    readOnlyKeys: own.includes('shared') ? [] : [platform.naming.stateKey('shared')],
  };
}

/**
 * The management deploy role deploys every environment (through assumed roles), so it owns every stack's state: one
 * pattern, `<org>/*` + `/terraform.tfstate`, says that. A list of every key grew by ~1,500 characters per environment
 * and took the role's inline policy past IAM's 10,240 at five environments (PAVED-AWS-IAM-007).
 */
function managementDeployStateAccess(platform: ResolvedPlatform, bucketArn: string, keyArn: string): StateAccess {
  return { bucketArn, keyArn, ownKeys: [platform.naming.stateKey('*')], readOnlyKeys: [] };
}

/** Bucket policy statements: grants for the other accounts' CI roles, and denies between accounts. */
function stateBucketStatements(platform: ResolvedPlatform, bucketArn: string): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  for (const account of platform.accounts) {
    const state = stateAccessOf(platform, account, bucketArn, '');
    const [plan, deploy] = ciStateRoleArns(platform, account);
    const managementDeploy = `arn:aws:iam::${platform.management.account}:role/${platform.naming.ciRole('deploy')}`;
    const others = platform.accounts
      .filter((a) => a !== account)
      .flatMap((a) => ciStateRoleArns(platform, a))
      .filter((arn) => arn !== managementDeploy);
    if (account !== platform.management.account) {
      const read = readableStateObjects(state);
      out.push(
        { sid: `CiList${account}`, actions: ['s3:ListBucket'], resources: [bucketArn], principals: [{ type: 'AWS', identifiers: [plan, deploy] }] },
        { sid: `CiRead${account}`, actions: ['s3:GetObject'], resources: read, principals: [{ type: 'AWS', identifiers: [plan, deploy] }] },
        { sid: `CiLock${account}`, actions: ['s3:PutObject', 's3:DeleteObject'], resources: stateObjects(state, state.ownKeys, '.tflock'), principals: [{ type: 'AWS', identifiers: [plan, deploy] }] },
        { sid: `CiWrite${account}`, actions: ['s3:PutObject'], resources: stateObjects(state, state.ownKeys), principals: [{ type: 'AWS', identifiers: [deploy] }] },
      );
    }
    // Matched on aws:PrincipalArn, not as principals: a deny must not fail on a role that does not exist yet.
    const ownPrefixes = state.ownKeys.map((k) => `${bucketArn}/${k.slice(0, k.lastIndexOf('/'))}/*`);
    const sharedPrefix = `${bucketArn}/${platform.naming.stateKey('shared').replace(/\/[^/]*$/, '')}/*`;
    out.push({
      sid: `OnlyOwnCiRolesRead${account}`,
      effect: 'Deny',
      actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject'],
      resources: ownPrefixes.filter((p) => p !== sharedPrefix),
      principals: [{ type: '*', identifiers: ['*'] }],
      conditions: [{ test: 'ArnEquals', variable: 'aws:PrincipalArn', values: others }],
    });
    if (ownPrefixes.includes(sharedPrefix)) {
      out.push({
        sid: 'OnlyManagementCiRolesWriteShared',
        effect: 'Deny',
        actions: ['s3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject'],
        resources: [sharedPrefix],
        principals: [{ type: '*', identifiers: ['*'] }],
        conditions: [{ test: 'ArnEquals', variable: 'aws:PrincipalArn', values: others }],
      });
    }
  }
  return out;
}
