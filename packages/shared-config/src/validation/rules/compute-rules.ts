import { at } from '../problem';
import { environmentsOf, type ValidationRule } from './rule';

/**
 * In Auto Mode EKS launches the nodes and runs the load balancer controller itself: the settings that configure Paved's
 * managed node groups, and the Gateway API of the self-managed controller, have nothing to apply to.
 */
export const autoModeExclusive: ValidationRule = {
  id: 'auto-mode-exclusive',
  description: "An Auto Mode cluster (cluster.compute: 'auto-mode') sets no node groups and uses Ingress, not the Gateway API.",
  check(config, out) {
    for (const { env, path } of environmentsOf(config)) {
      if (env.cluster?.compute !== 'auto-mode') continue;
      const cluster = at(path, 'cluster');
      if (env.cluster.nodeGroups !== undefined) {
        out.error(
          at(cluster, 'nodeGroups'),
          "is set, but cluster.compute is 'auto-mode': EKS Auto Mode launches and sizes the nodes itself",
          "remove nodeGroups, or set cluster.compute: 'managed-node-groups'",
        );
      }
      if (env.ingress?.api === 'gateway') {
        out.error(
          at(at(path, 'ingress'), 'api'),
          "is 'gateway', but cluster.compute is 'auto-mode': Auto Mode's load balancing serves Ingresses, not the Gateway API",
          "ingress.api: 'ingress', or cluster.compute: 'managed-node-groups'",
        );
      }
    }
  },
};
