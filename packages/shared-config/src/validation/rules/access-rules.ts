import type { AccessRoleConfig, PlatformConfig } from '../../config/platform-config';
import { NamingError, roleArnKey } from '../../naming/naming';
import { deployerAccessArn, managementOf } from '../../resolve/resolve-platform';
import { PATTERNS } from '../platform-schema';
import { environmentsOf, isObject, type ValidationRule } from './rule';
import { isStage } from '../../resolve/resolve-stages';

/** Access roles with their field paths, skipping entries the schema rejects. */
function accessRolesOf(config: PlatformConfig): { role: AccessRoleConfig; path: string }[] {
  const roles = isObject(config.access) && Array.isArray(config.access?.roles) ? config.access.roles : [];
  return roles.flatMap((role, i) =>
    isObject(role) && typeof role.roleArn === 'string' ? [{ role, path: `access.roles[${i}]` }] : [],
  );
}

/** Whether an access role reaches an environment. */
const covers = (role: AccessRoleConfig, envName: string) =>
  !Array.isArray(role.environments) || role.environments.includes(envName);

/** The deployer's ARN in an environment, or undefined when the config cannot tell (the schema reports why). */
function deployerOf(config: PlatformConfig, env: PlatformConfig['environments'][number]): string | undefined {
  try {
    return deployerAccessArn(config, env);
  } catch (e) {
    if (e instanceof NamingError) return undefined;
    throw e;
  }
}

export const deployerClusterAccess: ValidationRule = {
  id: 'deployer-cluster-access',
  description:
    'Every cluster is reachable: the principal Terraform runs as gets cluster admin, or an admin role of access.roles covers the environment.',
  check(config, out) {
    // Stages have no cluster of their own (docs/stages.md).
    const envs = environmentsOf(config).filter(({ env }) => typeof env.name === 'string' && typeof env.account === 'string' && !isStage(env));
    if (envs.length === 0) return;
    const optedOut = config.access?.deployerClusterAdmin === false;
    const managementRole = config.access?.managementDeployerRoleArn;
    const management = managementOf(config).account;
    const roles = accessRolesOf(config);
    for (const { env } of envs) {
      if (roles.some(({ role }) => role.access === 'admin' && covers(role, env.name))) continue;
      const consequence = `nobody can reach its cluster, and the helm provider of '${env.name}-platform' cannot install ArgoCD`;
      if (optedOut) {
        out.warning(
          'access.deployerClusterAdmin',
          `is false, and no admin role of access.roles covers '${env.name}': ${consequence}`,
          `true (the default), or a role with access 'admin' in access.roles for '${env.name}'`,
        );
      } else if (env.account === management && typeof managementRole !== 'string') {
        out.warning(
          'access.managementDeployerRoleArn',
          `is not set, and no admin role of access.roles covers '${env.name}', which runs in the management account ${management}, ` +
            `where Terraform assumes no role and runs as your credentials: ${consequence}`,
          `the ARN of the role your management-account credentials are, or a role with access 'admin' in access.roles for '${env.name}'`,
        );
      }
    }
  },
};

export const accessPrincipals: ValidationRule = {
  id: 'access-principals',
  description:
    "Each cluster grants a principal once, under a name of its own; the management account's deployer role is a role of that account.",
  check(config, out) {
    const managementRole = config.access?.managementDeployerRoleArn;
    if (typeof managementRole === 'string' && PATTERNS.roleArn.pattern.test(managementRole) && Array.isArray(config.environments)) {
      const management = managementOf(config).account;
      const account = managementRole.split(':')[4];
      if (account !== management) {
        out.error(
          'access.managementDeployerRoleArn',
          `is a role of account ${account}, not of the management account ${management}`,
          `the ARN of a role in ${management}, which Terraform runs as there`,
        );
      }
    }
    const reported = new Set<string>();
    for (const { env } of environmentsOf(config)) {
      if (typeof env.name !== 'string' || typeof env.account !== 'string') continue;
      const deployer = deployerOf(config, env);
      // Access entries are keyed by role name: two entries under one name would share a Terraform address.
      const seen = new Map<string, string>();
      if (deployer) seen.set(roleArnKey(deployer), 'the deployer');
      for (const { role, path } of accessRolesOf(config)) {
        if (!covers(role, env.name) || reported.has(path)) continue;
        if (role.roleArn === deployer) {
          reported.add(path);
          out.error(
            `${path}.roleArn`,
            `is the role Terraform runs as in '${env.name}', which already gets cluster admin as the deployer`,
            'remove it, or set access.deployerClusterAdmin to false',
          );
          continue;
        }
        const key = roleArnKey(role.roleArn);
        const first = seen.get(key);
        if (first) {
          reported.add(path);
          out.error(
            `${path}.roleArn`,
            `has the role name '${key}' of ${first} in '${env.name}'`,
            'one entry per role name in an environment: limit each role to its environments',
          );
        } else {
          seen.set(key, path);
        }
      }
    }
  },
};
