import { BRIDGE_ANNOTATIONS, bridgeAnnotationRef } from '@paved/shared-config';
import type { AddonSpec } from './addon';

/**
 * external-dns chart, keys checked in kubernetes-sigs/external-dns at tag external-dns-helm-chart-1.15.0 (the catalog pin),
 * charts/external-dns/values.yaml: provider.name, txtOwnerId, domainFilters, policy, sources, registry, interval,
 * serviceAccount.name, env, extraArgs (array or map).
 */
export interface ExternalDnsValues {
  readonly provider: { readonly name: 'aws' };
  readonly txtOwnerId: string;
  readonly domainFilters: readonly string[];
  readonly policy: 'sync' | 'upsert-only';
  readonly sources: readonly string[];
  readonly registry: 'txt';
  readonly interval: string;
  readonly serviceAccount: { readonly name: string };
  readonly env: readonly { readonly name: string; readonly value: string }[];
  readonly extraArgs: readonly string[];
}

export const externalDns: AddonSpec<ExternalDnsValues> = {
  name: 'external-dns',
  bridged: true,
  values: ({ env, addon }) => ({
    provider: { name: 'aws' },
    // The owner id marks the records this cluster manages, so two clusters never delete each other's records.
    txtOwnerId: env.cluster.name,
    domainFilters: [env.domain],
    policy: 'sync',
    // HTTPRoutes carry the hosts when the environment uses the Gateway API (the chart adds their RBAC).
    sources: env.ingress.api === 'gateway' ? ['ingress', 'service', 'gateway-httproute'] : ['ingress', 'service'],
    registry: 'txt',
    interval: '1m',
    serviceAccount: { name: addon.awsServiceAccount! },
    env: [{ name: 'AWS_DEFAULT_REGION', value: env.region }],
    // The zone id is known after `terraform apply`: read from the GitOps bridge.
    extraArgs: ['--aws-zone-type=public', `--zone-id-filter=${bridgeAnnotationRef(BRIDGE_ANNOTATIONS.hostedZoneId)}`],
  }),
};
