import { BRIDGE_ANNOTATIONS, bridgeAnnotationRef, type ResolvedEnvironment, ssoPlatformHosts } from '@paved/shared-config';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { type AddonSpec, type ResourceValues, resources } from './addon';
import { autoModeIngress, renderAutoModeIngressClasses } from './auto-mode-ingress';
import { RESTRICTED_NAMESPACE_LABELS } from './pod-security';
import { emit } from '../emit';
import { GATEWAY_CLASS, GATEWAY_NAMESPACE, INGRESS_CLASS, INGRESS_CLASS_INTERNAL } from '../platform/names';
import { ALB_SSL_POLICY, albGroupName, GATEWAY_NAME, httpsListenerName } from '../services/ingress';

/** IngressClassParams spec keys used here (elbv2.k8s.aws/v1beta1, apis/elbv2/v1beta1/ingressclassparams_types.go at v3.5.0). */
export interface IngressClassParamsSpec {
  readonly group: { readonly name: string };
  readonly scheme: 'internet-facing' | 'internal';
  readonly targetType: 'ip';
  readonly sslPolicy: string;
  readonly sslRedirectPort: string;
  readonly wafv2AclArn?: string;
}

/**
 * aws-load-balancer-controller chart, keys checked in aws/eks-charts at chart 3.5.0 (the catalog pin, commit 5239609,
 * 2026-08-03), stable/aws-load-balancer-controller/values.yaml: clusterName, region, vpcId, replicaCount,
 * serviceAccount.{create,name}, resources, ingressClass, createIngressClassResource, ingressClassParams.{create,name,spec},
 * ingressClassConfig.default, defaultTargetType, defaultSSLPolicy, defaultLoadBalancerScheme, defaultTags,
 * controllerConfig.featureGates, podDisruptionBudget, topologySpreadConstraints.
 */
export interface AwsLoadBalancerControllerValues {
  readonly clusterName: string;
  readonly region: string;
  /** Known after `terraform apply`: read from the GitOps bridge. */
  readonly vpcId: string;
  readonly replicaCount: number;
  readonly serviceAccount: { readonly create: boolean; readonly name: string };
  readonly resources: ResourceValues;
  readonly ingressClass: string;
  readonly createIngressClassResource: boolean;
  readonly ingressClassParams: { readonly create: boolean; readonly name: string; readonly spec: IngressClassParamsSpec };
  readonly ingressClassConfig: { readonly default: boolean };
  readonly defaultTargetType: 'ip' | 'instance';
  readonly defaultSSLPolicy: string;
  /** The scheme of load balancers that name none: a Gateway's ALB (Paved renders no LoadBalancerConfiguration). */
  readonly defaultLoadBalancerScheme: 'internet-facing' | 'internal';
  readonly defaultTags: Readonly<Record<string, string>>;
  readonly controllerConfig: { readonly featureGates: Readonly<Record<string, boolean>> };
  /** Empty: no PodDisruptionBudget (a single replica in development). */
  readonly podDisruptionBudget: { readonly maxUnavailable?: number };
}

/** The environment's shared internet-facing ALB, as IngressClassParams: every Ingress of the `alb` class joins it. */
export function publicAlbParams(env: ResolvedEnvironment): IngressClassParamsSpec {
  return {
    group: { name: albGroupName(env, false) },
    scheme: 'internet-facing',
    targetType: 'ip',
    sslPolicy: ALB_SSL_POLICY,
    // HTTP listeners answer with a redirect to HTTPS only.
    sslRedirectPort: '443',
    ...(env.ingress.wafAclArn ? { wafv2AclArn: env.ingress.wafAclArn } : {}),
  };
}

/**
 * The environment's ingress: the controller with an `alb` IngressClass (and its IngressClassParams) that the chart
 * creates; the configuration adds the `alb-internal` IngressClass when a service is internal, and with
 * `ingress.api: 'gateway'` the GatewayClass, the Gateway (one HTTPS listener per host, so that the controller discovers
 * each host's ACM certificate) and the HTTP-to-HTTPS redirect route.
 */
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
    ingressClass: INGRESS_CLASS,
    createIngressClassResource: true,
    ingressClassParams: { create: true, name: INGRESS_CLASS, spec: publicAlbParams(env) },
    ingressClassConfig: { default: true },
    // Pods are IP targets: Services stay ClusterIP (no NodePort on every node).
    defaultTargetType: 'ip',
    defaultSSLPolicy: ALB_SSL_POLICY,
    defaultLoadBalancerScheme: env.ingress.api === 'gateway' ? 'internet-facing' : 'internal',
    // Cost allocation: the ALBs carry the environment's tags.
    defaultTags: { ...env.tags },
    controllerConfig: { featureGates: { ALBGatewayAPI: env.ingress.api === 'gateway', NLBGatewayAPI: false } },
    podDisruptionBudget: production ? { maxUnavailable: 1 } : {},
  }),
  configuration: {
    // After the controller (whose webhooks validate these kinds), before the services that use them.
    wave: 'observability',
    options: { skipDryRunOnMissingResource: true },
    render(scope, { platform, env, labels }) {
      // EKS Auto Mode serves Ingresses itself: its IngressClasses replace the chart's (no chart is installed).
      if (autoModeIngress(env)) return renderAutoModeIngressClasses(scope, env, labels);
      // The services' hosts and, with `sso`, Grafana's and Argo CD's (sso-platform-ingress.ts).
      const platformHosts = Object.values(ssoPlatformHosts(platform, env));
      const hosts = [...new Set([...env.services.flatMap((s) => (s.ingress ? [s.ingress.host] : [])), ...platformHosts])].sort();
      if (env.ingress.api === 'ingress') {
        if (env.services.some((s) => s.ingress?.visibility === 'internal')) {
          new k8s.KubeIngressClass(scope, 'internal-class', {
            metadata: { name: INGRESS_CLASS_INTERNAL, labels: { ...labels } },
            spec: { controller: 'ingress.k8s.aws/alb' },
          });
        }
        return;
      }
      if (hosts.length === 0) return;
      new k8s.KubeNamespace(scope, 'gateway-namespace', { metadata: { name: GATEWAY_NAMESPACE, labels: { ...labels, ...RESTRICTED_NAMESPACE_LABELS } } });
      emit(scope, {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GatewayClass',
        metadata: { name: GATEWAY_CLASS, labels: { ...labels } },
        spec: { controllerName: 'gateway.k8s.aws/alb' },
      });
      emit(scope, {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: GATEWAY_NAME, namespace: GATEWAY_NAMESPACE, labels: { ...labels } },
        spec: {
          gatewayClassName: GATEWAY_CLASS,
          listeners: [
            { name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'Same' } } },
            ...hosts.map((hostname) => ({
              name: httpsListenerName(hostname),
              protocol: 'HTTPS',
              port: 443,
              hostname,
              allowedRoutes: { namespaces: { from: 'All' } },
            })),
          ],
        },
      });
      // Plain HTTP gets a permanent redirect to HTTPS and nothing else.
      emit(scope, {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'https-redirect', namespace: GATEWAY_NAMESPACE, labels: { ...labels } },
        spec: {
          parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: GATEWAY_NAME, sectionName: 'http' }],
          rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
        },
      });
    },
  },
};
