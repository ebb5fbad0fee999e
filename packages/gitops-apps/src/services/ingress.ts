import type { ResolvedEnvironment, ResolvedService } from '@paved/shared-config';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import { emit } from '../emit';
import { GATEWAY_NAMESPACE, INGRESS_CLASS, INGRESS_CLASS_INTERNAL } from '../platform/names';

/**
 * TLS 1.3 with TLS 1.2 for older clients, the ALB default security policy since 2023 (nothing older than TLS 1.2).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html (read 2026-12-03).
 */
export const ALB_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
/** Listeners of every ALB: HTTP only to redirect to HTTPS (`ssl-redirect`), HTTPS with a certificate ACM finds by host. */
export const ALB_LISTEN_PORTS = '[{"HTTP":80},{"HTTPS":443}]';
/** Name of the environment's Gateway (`ingress.api: 'gateway'`). */
export const GATEWAY_NAME = 'public';

/** IngressGroup (one shared ALB) of an environment's public or internal ingresses. */
export function albGroupName(env: ResolvedEnvironment, internal: boolean): string {
  return `${env.naming.prefix}-${internal ? 'internal' : 'public'}`;
}

/** The Gateway listener that serves one host over HTTPS (its certificate is discovered in ACM by that host). */
export function httpsListenerName(host: string): string {
  return `https-${host.replace(/\./g, '-')}`.slice(0, 63).replace(/-+$/, '');
}

export interface ServiceIngressProps {
  readonly env: ResolvedEnvironment;
  readonly service: ResolvedService;
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Record<string, string> };
  /** Sources an internal ALB accepts (the VPC). */
  readonly internalSourceRanges: readonly string[];
  /** Port of the service's ClusterIP Service. */
  readonly servicePort: number;
}

/**
 * A service's route from the environment's shared ALB: an Ingress on the `alb` IngressClass (group, scheme, TLS policy
 * and redirect come from its IngressClassParams) or, for internal services, on `alb-internal` with the same settings
 * as annotations; or, with `ingress.api: 'gateway'`, an HTTPRoute on the environment's Gateway. Pods are IP targets, so
 * the Service stays ClusterIP; the ALB health-checks the readiness path.
 */
export function serviceIngress(scope: Construct, props: ServiceIngressProps): void {
  const { env, service: svc, metadata } = props;
  const ingress = svc.ingress;
  if (!ingress) return;
  if (env.ingress.api === 'gateway') {
    emit(scope, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { ...metadata, labels: { ...metadata.labels } },
      spec: {
        parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: GATEWAY_NAMESPACE, name: GATEWAY_NAME, sectionName: httpsListenerName(ingress.host) }],
        hostnames: [ingress.host],
        rules: [{
          matches: [{ path: { type: 'PathPrefix', value: ingress.path } }],
          backendRefs: [{ name: svc.name, port: props.servicePort }],
        }],
      },
    });
    return;
  }
  const internal = ingress.visibility === 'internal';
  new k8s.KubeIngress(scope, 'Ingress', {
    metadata: {
      ...metadata,
      annotations: {
        'alb.ingress.kubernetes.io/listen-ports': ALB_LISTEN_PORTS,
        'alb.ingress.kubernetes.io/target-type': 'ip',
        'alb.ingress.kubernetes.io/healthcheck-path': svc.health.readiness,
        'alb.ingress.kubernetes.io/success-codes': '200-399',
        ...(internal
          ? {
            // The internal IngressClass has no IngressClassParams: the same settings, as annotations.
            'alb.ingress.kubernetes.io/group.name': albGroupName(env, true),
            'alb.ingress.kubernetes.io/scheme': 'internal',
            'alb.ingress.kubernetes.io/ssl-policy': ALB_SSL_POLICY,
            'alb.ingress.kubernetes.io/ssl-redirect': '443',
            'alb.ingress.kubernetes.io/inbound-cidrs': props.internalSourceRanges.join(','),
          }
          : {}),
        // EKS Auto Mode: what the chart's IngressClassParams carried beyond group, scheme and TLS policy, as annotations.
        ...(!internal && env.cluster.compute === 'auto-mode'
          ? {
            'alb.ingress.kubernetes.io/ssl-redirect': '443',
            ...(env.ingress.wafAclArn ? { 'alb.ingress.kubernetes.io/wafv2-acl-arn': env.ingress.wafAclArn } : {}),
          }
          : {}),
      },
    },
    spec: {
      ingressClassName: internal ? INGRESS_CLASS_INTERNAL : INGRESS_CLASS,
      // No secretName: the ALB terminates TLS with the ACM certificate it discovers for the host.
      tls: [{ hosts: [ingress.host] }],
      rules: [
        {
          host: ingress.host,
          http: {
            paths: [
              {
                path: ingress.path,
                pathType: 'Prefix',
                backend: { service: { name: svc.name, port: { name: 'http' } } },
              },
            ],
          },
        },
      ],
    },
  });
}
