import type { AddonName } from '../../addons/catalog';
import { PROFILES } from '../../profiles/profiles';
import { resolveAddons } from '../../resolve/resolve-platform';
import { at } from '../problem';
import { environmentsOf, isObject, servicesOf, type ValidationRule } from './rule';
import { clusterEnvironmentOf } from './stage-rules';

const CONTROLLER: AddonName = 'aws-load-balancer-controller';

/**
 * A service that asks for an ingress gets one: without an ingress controller its Ingress (and the alert on it) would
 * simply not be rendered, and the service would be unreachable with nothing saying why.
 */
export const ingressNeedsController: ValidationRule = {
  id: 'ingress-needs-controller',
  description: 'A service with an ingress runs only in environments where the ingress controller (AWS Load Balancer Controller) is enabled.',
  check(config, out) {
    for (const { env, path: envPath } of environmentsOf(config)) {
      if (!PROFILES[env.profile] || typeof env.name !== 'string') continue;
      // A stage uses its host's controller: judge the host's add-ons, not the stage's own (unset) ones.
      const cluster = clusterEnvironmentOf(config, env, envPath);
      if (!cluster || !PROFILES[cluster.env.profile]) continue;
      let enabled: boolean;
      try {
        enabled = resolveAddons(config, cluster.env).some((a) => a.name === CONTROLLER);
      } catch {
        continue; // malformed add-on settings are reported by the schema
      }
      if (enabled) continue;
      const on = cluster.env === env ? '' : ` on the cluster of '${cluster.env.name}'`;
      for (const { service, path } of servicesOf(config)) {
        if (!isObject(service.ingress) || service.environments?.[env.name]?.enabled === false) continue;
        out.error(
          at(path, 'ingress'),
          `asks for an ingress in '${env.name}'${on}, which has no ingress controller ('${CONTROLLER}' is off)`,
          `enable ${at(at(cluster.path, 'addons'), CONTROLLER)}, or disable the service in '${env.name}'`,
        );
      }
    }
  },
};

/**
 * What the Gateway API path does not cover yet: internal services (the Gateway is one internet-facing ALB) and a WAF
 * (attached through the controller's LoadBalancerConfiguration, which Paved does not render).
 */
export const gatewayIngressScope: ValidationRule = {
  id: 'gateway-ingress-scope',
  description: "With ingress.api 'gateway', services are public and the WAF is attached outside Paved.",
  check(config, out) {
    for (const { env, path: envPath } of environmentsOf(config)) {
      if (!isObject(env.ingress) || env.ingress?.api !== 'gateway') continue;
      if (env.ingress.wafAclArn !== undefined) {
        out.error(at(at(envPath, 'ingress'), 'wafAclArn'), "is not supported with api 'gateway'", "api 'ingress', or no wafAclArn");
      }
      for (const { service, path } of servicesOf(config)) {
        if (!isObject(service.ingress) || service.environments?.[env.name]?.enabled === false) continue;
        if (service.ingress?.visibility === 'internal') {
          out.error(
            at(at(path, 'ingress'), 'visibility'),
            `'internal' is not served by the Gateway of '${env.name}' (ingress.api 'gateway' is one internet-facing ALB)`,
            `'public', or ingress.api 'ingress' in '${env.name}'`,
          );
        }
      }
    }
  },
};
