import type { AddonName } from '@paved/shared-config';
import type { AddonSpec } from './addon';
import { alloy } from './alloy';
import { awsLoadBalancerController } from './aws-load-balancer-controller';
import { keycloak, kong } from './edge';
import { externalDns } from './networking';
import { oauth2Proxy } from './oauth2-proxy';
import { kubePrometheusStack, loki, metricsServer, velero } from './observability';
import { certManager, externalSecrets } from './security';

/** The values (and configuration) of every add-on of the catalog. */
export const ADDON_SPECS: Readonly<Record<AddonName, AddonSpec>> = {
  'aws-load-balancer-controller': awsLoadBalancerController,
  'cert-manager': certManager,
  'external-dns': externalDns,
  'external-secrets': externalSecrets,
  'metrics-server': metricsServer,
  'kube-prometheus-stack': kubePrometheusStack,
  'loki': loki,
  'alloy': alloy,
  'velero': velero,
  'keycloak': keycloak,
  'kong': kong,
  'oauth2-proxy': oauth2Proxy,
};
