import { at } from '../problem';
import { environmentsOf, servicesOf, type ValidationRule } from './rule';

export const serviceCiEnvironments: ValidationRule = {
  id: 'service-ci-environments',
  description: 'services[].ci.promoteTo names environments of the platform: a promotion role exists only for those.',
  check(config, out) {
    const names = environmentsOf(config).map(({ env }) => env.name);
    for (const { service, path } of servicesOf(config)) {
      const promoteTo = service.ci?.promoteTo;
      if (!Array.isArray(promoteTo)) continue;
      promoteTo.forEach((name, i) => {
        if (typeof name === 'string' && !names.includes(name)) {
          out.error(at(at(at(path, 'ci'), 'promoteTo'), i), `'${name}' is not an environment`, `one of ${names.join(', ')}`);
        }
      });
    }
  },
};
