import { environmentDomain, managementOf } from '../../resolve/resolve-platform';
import { at } from '../problem';
import { environmentsOf, reportDuplicates, type ValidationRule } from './rule';

/** The folder of the GitOps branch (beside the environments' folders) that holds the Backstage catalog. */
export const GITOPS_CATALOG_FOLDER = 'catalog';

/** Folders of the GitOps branch that are not environments. */
export const RESERVED_ENVIRONMENT_NAMES: readonly string[] = [GITOPS_CATALOG_FOLDER];

export const environmentNamesUnique: ValidationRule = {
  id: 'environment-names-unique',
  description: 'Environment names are unique and not reserved: they name stacks, state keys and GitOps folders.',
  check(config, out) {
    for (const { env, path } of environmentsOf(config)) {
      if (typeof env.name === 'string' && RESERVED_ENVIRONMENT_NAMES.includes(env.name)) {
        out.error(at(path, 'name'), `'${env.name}' is reserved (a folder of the GitOps branch)`, `any other name than ${RESERVED_ENVIRONMENT_NAMES.join(', ')}`);
      }
    }
    reportDuplicates(
      environmentsOf(config),
      ({ env }) => (typeof env.name === 'string' ? env.name : undefined),
      ({ env, path }, first) =>
        out.error(at(path, 'name'), `'${env.name}' is already used by environments[${first}]`, 'unique environment names'),
    );
  },
};

export const environmentDomainInRoot: ValidationRule = {
  id: 'environment-domain',
  description: "Each environment's domain is the root domain or a subdomain of it, and no two environments share one.",
  check(config, out) {
    if (typeof config.domain !== 'string') return;
    const envs = environmentsOf(config).filter(({ env }) => typeof env.name === 'string');
    for (const { env, path } of envs) {
      const domain = environmentDomain(config, env);
      if (domain !== config.domain && !domain.endsWith(`.${config.domain}`)) {
        out.error(at(path, 'domain'), `'${domain}' is outside the root domain '${config.domain}'`, `'${config.domain}' or a subdomain of it`);
      }
    }
    reportDuplicates(
      envs,
      ({ env }) => environmentDomain(config, env),
      ({ env, path }, first) =>
        out.error(at(path, 'domain'), `'${environmentDomain(config, env)}' is already the domain of environments[${first}]`, 'a distinct domain per environment'),
    );
  },
};

export const rootZoneAccount: ValidationRule = {
  id: 'root-zone-account',
  description: 'An environment serving hosts directly under the root domain runs in the account that owns the root zone.',
  check(config, out) {
    if (!Array.isArray(config.environments) || config.environments.length === 0) return;
    const management = managementOf(config);
    for (const { env, path } of environmentsOf(config)) {
      if (env.domain === config.domain && env.account !== management.account) {
        out.error(
          at(path, 'domain'),
          `uses the root domain '${config.domain}', whose zone lives in the management account ${management.account}, but runs in ${env.account}`,
          `a subdomain such as '${env.name}.${config.domain}', or the management account`,
        );
      }
    }
  },
};

export const accessRoleEnvironments: ValidationRule = {
  id: 'access-role-environments',
  description: 'Cluster access roles name environments that exist.',
  check(config, out) {
    const names = environmentsOf(config).map(({ env }) => env.name);
    (config.access?.roles ?? []).forEach((role, i) => {
      (role?.environments ?? []).forEach((name, j) => {
        if (!names.includes(name)) {
          out.error(`access.roles[${i}].environments[${j}]`, `'${name}' is not an environment`, `one of ${names.join(', ')}`);
        }
      });
    });
  },
};
