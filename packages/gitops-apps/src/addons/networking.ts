import { BRIDGE_ANNOTATIONS, bridgeAnnotationRef } from '@paved/shared-config';
import { type AddonSpec, nlbAnnotations, type ResourceValues, resources } from './addon';
import { INGRESS_CLASS } from '../platform/names';

/**
 * aws-load-balancer-controller chart, keys checked in aws/eks-charts at chart 1.11.0 (the catalog pin, commit b08f678),
 * stable/aws-load-balancer-controller/values.yaml: clusterName, region, vpcId, replicaCount, serviceAccount.create,
 * serviceAccount.name, resources.
 */
export interface AwsLoadBalancerControllerValues {
  readonly clusterName: string;
  readonly region: string;
  /** Known after `terraform apply`: read from the GitOps bridge. */
  readonly vpcId: string;
  readonly replicaCount: number;
  readonly serviceAccount: { readonly create: boolean; readonly name: string };
  readonly resources: ResourceValues;
}

export const awsLoadBalancerController: AddonSpec<AwsLoadBalancerControllerValues> = {
  name: 'aws-load-balancer-controller',
  bridged: true,
  values: ({ env, addon, production }) => ({
    clusterName: env.cluster.name,
    region: env.region,
    vpcId: bridgeAnnotationRef(BRIDGE_ANNOTATIONS.vpcId),
    replicaCount: production ? 2 : 1,
    // Pod Identity binds the add-on's role to this service account (platform-infra creates the association).
    serviceAccount: { create: true, name: addon.awsServiceAccount! },
    resources: resources('50m', '128Mi', '256Mi'),
  }),
};

/**
 * ingress-nginx chart, keys checked in kubernetes/ingress-nginx at tag helm-chart-4.12.0 (the catalog pin),
 * charts/ingress-nginx/values.yaml: controller.{replicaCount, ingressClass, ingressClassResource.{name,default},
 * service.annotations, service.internal.{enabled,annotations}, metrics.enabled, topologySpreadConstraints, resources}.
 */
export interface IngressNginxValues {
  readonly controller: {
    readonly replicaCount: number;
    readonly ingressClass: string;
    readonly ingressClassResource: { readonly name: string; readonly default: boolean };
    readonly service: {
      readonly annotations: Record<string, string>;
      readonly internal?: { readonly enabled: boolean; readonly annotations: Record<string, string> };
    };
    readonly metrics: { readonly enabled: boolean };
    readonly topologySpreadConstraints: readonly object[];
    readonly resources: ResourceValues;
  };
}

export const ingressNginx: AddonSpec<IngressNginxValues> = {
  name: 'ingress-nginx',
  values: ({ env, production, has }) => {
    const lbc = has('aws-load-balancer-controller');
    const internal = env.services.some((s) => s.ingress?.visibility === 'internal');
    return {
      controller: {
        replicaCount: production ? Math.max(2, env.network.mode === 'create' ? env.network.azCount : 2) : 1,
        ingressClass: INGRESS_CLASS,
        ingressClassResource: { name: INGRESS_CLASS, default: true },
        service: {
          annotations: lbc ? nlbAnnotations('internet-facing') : {},
          // A second, internal NLB for callers inside the VPC (internal ingresses allow-list the VPC's addresses).
          ...(internal && lbc ? { internal: { enabled: true, annotations: nlbAnnotations('internal') } } : {}),
        },
        metrics: { enabled: true },
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: 'topology.kubernetes.io/zone',
            whenUnsatisfiable: 'ScheduleAnyway',
            labelSelector: {
              matchLabels: {
                'app.kubernetes.io/name': 'ingress-nginx',
                'app.kubernetes.io/instance': 'ingress-nginx',
                'app.kubernetes.io/component': 'controller',
              },
            },
          },
        ],
        resources: resources('100m', '256Mi', '512Mi'),
      },
    };
  },
};

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
    sources: ['ingress', 'service'],
    registry: 'txt',
    interval: '1m',
    serviceAccount: { name: addon.awsServiceAccount! },
    env: [{ name: 'AWS_DEFAULT_REGION', value: env.region }],
    // The zone id is known after `terraform apply`: read from the GitOps bridge.
    extraArgs: ['--aws-zone-type=public', `--zone-id-filter=${bridgeAnnotationRef(BRIDGE_ANNOTATIONS.hostedZoneId)}`],
  }),
};
