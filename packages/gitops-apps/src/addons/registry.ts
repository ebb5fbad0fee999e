import type { AddonName } from '@paved/shared-config';
import type { AddonSpec } from './addon';
import { keycloak, kong, oauth2Proxy } from './edge';
import { awsLoadBalancerController, externalDns, ingressNginx } from './networking';
import { kubePrometheusStack, loki, metricsServer, promtail, velero } from './observability';
import { certManager, externalSecrets } from './security';

/** The values (and configuration) of every add-on of the catalog. */
export const ADDON_SPECS: Readonly<Record<AddonName, AddonSpec>> = {
  'aws-load-balancer-controller': awsLoadBalancerController,
  'ingress-nginx': ingressNginx,
  'cert-manager': certManager,
  'external-dns': externalDns,
  'external-secrets': externalSecrets,
  'metrics-server': metricsServer,
  'kube-prometheus-stack': kubePrometheusStack,
  'loki': loki,
  'promtail': promtail,
  'velero': velero,
  'keycloak': keycloak,
  'kong': kong,
  'oauth2-proxy': oauth2Proxy,
};
