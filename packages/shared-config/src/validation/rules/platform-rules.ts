import { ADDON_CATALOG, ADDON_NAMES } from '../../addons/catalog';
import { EnvironmentNaming, NamingError, PlatformNaming } from '../../naming/naming';
import { at } from '../problem';
import { environmentsOf, servicesOf, type ValidationRule } from './rule';

export const waiverDates: ValidationRule = {
  id: 'waiver-dates',
  description: 'Waiver expiry dates are real calendar dates.',
  check(config, out) {
    (Array.isArray(config.waivers) ? config.waivers : []).forEach((waiver, i) => {
      const text = waiver?.expires;
      if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return;
      const date = new Date(`${text}T00:00:00Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
        out.error(at(at('waivers', i), 'expires'), `'${text}' is not a calendar date`, 'a date YYYY-MM-DD such as 2027-03-31');
      }
    });
  },
};

/**
 * Belt and braces over the field patterns: every name Paved derives from the organization, environment and service
 * names fits the AWS limits of its kind.
 */
export const namesFitAwsLimits: ValidationRule = {
  id: 'names-fit-aws-limits',
  description: 'Every physical name derived from the organization, environment and service names fits its AWS limits.',
  check(config, out) {
    if (typeof config.organization !== 'string') return;
    const attempt = (path: string, make: () => unknown) => {
      try {
        make();
      } catch (e) {
        if (!(e instanceof NamingError)) throw e;
        out.error(path, `makes the ${e.kind} name '${e.value}', which AWS rejects`, 'shorter organization, environment or service names');
      }
    };
    const platform = new PlatformNaming(config.organization);
    attempt('organization', () => [platform.ciRole('deploy'), platform.kmsAlias('tfstate')]);
    for (const { env, path } of environmentsOf(config)) {
      if (typeof env.name !== 'string' || typeof env.account !== 'string') continue;
      const naming = new EnvironmentNaming(config.organization, env.name);
      attempt(at(path, 'name'), () => [
        naming.clusterName(),
        naming.postgresIdentifier(),
        naming.redisReplicationGroupId(),
        naming.veleroBucket(env.account),
        naming.lokiBucket(env.account),
        naming.accessLogsBucket(env.account),
        naming.backupVault(),
        ...ADDON_NAMES.filter((a) => ADDON_CATALOG[a].awsServiceAccount).map((a) => naming.addonRole(a)),
      ]);
      for (const { service, path: servicePath } of servicesOf(config)) {
        if (typeof service.name === 'string') attempt(at(servicePath, 'name'), () => naming.ecrRepository(service.name));
      }
    }
  },
};
