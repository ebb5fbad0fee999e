import type { ResolvedEnvironment } from '@paved/shared-config';
import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import { INGRESS_CLASS, INGRESS_CLASS_INTERNAL } from '../platform/names';
import { ALB_SSL_POLICY, albGroupName } from '../services/ingress';

/**
 * The controller name of EKS Auto Mode's built-in load balancing, and the API group of its IngressClassParams
 * (docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html, read 2026-12-03: `eks.amazonaws.com/v1`
 * IngressClassParams replace `elbv2.k8s.aws/v1beta1`; IngressClass annotations are not supported, Ingress annotations are).
 */
export const AUTO_MODE_ALB_CONTROLLER = 'eks.amazonaws.com/alb';
export const AUTO_MODE_PARAMS_GROUP = 'eks.amazonaws.com';

/** Whether EKS Auto Mode, not the AWS Load Balancer Controller chart, serves the environment's Ingresses. */
export function autoModeIngress(env: ResolvedEnvironment): boolean {
  return env.cluster.compute === 'auto-mode';
}

/**
 * The `alb` IngressClass on Auto Mode (default class, joining the environment's shared internet-facing ALB through its
 * IngressClassParams) and, when a service is internal, `alb-internal` (its settings are annotations on each Ingress,
 * as with the chart). The HTTPS redirect and the WAF ACL are Ingress annotations in Auto Mode (see ingress.ts).
 */
export function renderAutoModeIngressClasses(scope: Construct, env: ResolvedEnvironment, labels: Readonly<Record<string, string>>): void {
  new ApiObject(scope, 'auto-mode-params', {
    apiVersion: `${AUTO_MODE_PARAMS_GROUP}/v1`,
    kind: 'IngressClassParams',
    metadata: { name: INGRESS_CLASS, labels: { ...labels } },
    spec: { group: { name: albGroupName(env, false) }, scheme: 'internet-facing', sslPolicy: ALB_SSL_POLICY },
  });
  new k8s.KubeIngressClass(scope, 'auto-mode-class', {
    metadata: { name: INGRESS_CLASS, labels: { ...labels }, annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
    spec: {
      controller: AUTO_MODE_ALB_CONTROLLER,
      parameters: { apiGroup: AUTO_MODE_PARAMS_GROUP, kind: 'IngressClassParams', name: INGRESS_CLASS },
    },
  });
  if (env.services.some((s) => s.ingress?.visibility === 'internal')) {
    new k8s.KubeIngressClass(scope, 'internal-class', {
      metadata: { name: INGRESS_CLASS_INTERNAL, labels: { ...labels } },
      spec: { controller: AUTO_MODE_ALB_CONTROLLER },
    });
  }
}
