import type { ResolvedEnvironment, ResolvedService } from '@paved/shared-config';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import { emit } from '../emit';
import { SSO_PROXY_HEALTH_PATH, ssoProxy, ssoProxyName } from './sso-proxy';
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
 * the Service stays ClusterIP; the ALB health-checks the readiness path. With `auth: 'sso'` the route leads to the
 * service's oauth2-proxy (`<service>-sso`, see sso-proxy.ts), health-checked on its `/ping`.
 */
export function serviceIngress(scope: Construct, props: ServiceIngressProps): void {
  const { env, service: svc, metadata } = props;
  const ingress = svc.ingress;
  if (!ingress) return;
  // Single sign-on: the route leads to the service's oauth2-proxy, which passes signed-in requests on.
  if (ingress.sso) {
    ssoProxy(scope, {
      env, service: svc, sso: ingress.sso, labels: metadata.labels, internalSourceRanges: props.internalSourceRanges, servicePort: props.servicePort,
    });
  }
  albRoute(scope, 'Ingress', {
    env,
    metadata,
    host: ingress.host,
    path: ingress.path,
    backend: { name: ingress.sso ? ssoProxyName(svc.name) : svc.name, port: props.servicePort, portName: 'http' },
    healthcheckPath: ingress.sso ? SSO_PROXY_HEALTH_PATH : svc.health.readiness,
    internal: ingress.visibility === 'internal',
    internalSourceRanges: props.internalSourceRanges,
  });
}

export interface AlbRouteProps {
  readonly env: ResolvedEnvironment;
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Record<string, string> };
  readonly host: string;
  /** @default '/' */
  readonly path?: string;
  /** The Service the ALB sends to (its pods are IP targets); the Ingress names the port by `portName` when given. */
  readonly backend: { readonly name: string; readonly port: number; readonly portName?: string };
  readonly healthcheckPath: string;
  /** On the internal ALB (`alb-internal`) rather than the environment's public one. @default false */
  readonly internal?: boolean;
  /** Sources an internal ALB accepts (the VPC). */
  readonly internalSourceRanges: readonly string[];
  /** Further `alb.ingress.kubernetes.io/*` annotations (Ingress API only). @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * One host's route from the environment's shared ALB, the one source of its annotations: an Ingress on the `alb`
 * IngressClass (group, scheme, TLS policy and redirect come from its IngressClassParams) or on `alb-internal` with the
 * same settings as annotations; or, with `ingress.api: 'gateway'`, an HTTPRoute on the environment's Gateway (which has a
 * listener for the host). Used by services and by the platform's own tools (Grafana, Argo CD: sso-platform-ingress.ts).
 */
export function albRoute(scope: Construct, id: string, props: AlbRouteProps): void {
  const { env, metadata, host, backend } = props;
  const path = props.path ?? '/';
  if (env.ingress.api === 'gateway') {
    emit(scope, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { ...metadata, labels: { ...metadata.labels } },
      spec: {
        parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: GATEWAY_NAMESPACE, name: GATEWAY_NAME, sectionName: httpsListenerName(host) }],
        hostnames: [host],
        rules: [{
          matches: [{ path: { type: 'PathPrefix', value: path } }],
          backendRefs: [{ name: backend.name, port: backend.port }],
        }],
      },
    });
    return;
  }
  const internal = props.internal ?? false;
  new k8s.KubeIngress(scope, id, {
    metadata: {
      ...metadata,
      annotations: {
        'alb.ingress.kubernetes.io/listen-ports': ALB_LISTEN_PORTS,
        'alb.ingress.kubernetes.io/target-type': 'ip',
        'alb.ingress.kubernetes.io/healthcheck-path': props.healthcheckPath,
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
        ...props.annotations,
      },
    },
    spec: {
      ingressClassName: internal ? INGRESS_CLASS_INTERNAL : INGRESS_CLASS,
      // No secretName: the ALB terminates TLS with the ACM certificate it discovers for the host.
      tls: [{ hosts: [host] }],
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path,
                pathType: 'Prefix',
                backend: { service: { name: backend.name, port: backend.portName ? { name: backend.portName } : { number: backend.port } } },
              },
            ],
          },
        },
      ],
    },
  });
}
