import {
  ARGOCD_SERVER_BACKEND,
  GRAFANA_BACKEND,
  type PlatformToolBackend,
  type ResolvedEnvironment,
  type ResolvedPlatform,
  ssoPlatformHosts,
} from '@paved/shared-config';
import { type App, Chart } from 'cdk8s';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import type { ApplicationFactory } from '../argocd/applications';
import { GitopsLayout } from '../layout';
import { albRoute } from '../services/ingress';
import { internalSourceRanges } from '../services/service-manifests';
import type { Manifest } from '../yaml';
import type { RenderedFile } from './environment-tree';

/**
 * One tool's route on the environment's public ALB (`albRoute`: the same class, group, TLS policy, redirect, WAF and
 * certificate discovery as a service's) and the NetworkPolicy that admits the ALB to its pods: with IP targets the ALB
 * connects from its nodes in the VPC's subnets, so the VPC (as for services, `internalSourceRanges`) on the container
 * port. NetworkPolicies add up: anything else that reaches the pods today still does only if it comes from the VPC.
 */
export function platformToolRoute(
  scope: Construct,
  env: ResolvedEnvironment,
  name: string,
  host: string,
  backend: PlatformToolBackend,
  labels: Readonly<Record<string, string>>,
): void {
  const sources = internalSourceRanges(env);
  albRoute(scope, `${name}-route`, {
    env,
    metadata: { name, namespace: backend.namespace, labels: { ...labels } },
    host,
    backend: { name: backend.service, port: backend.port, portName: backend.portName },
    healthcheckPath: backend.healthcheckPath,
    internalSourceRanges: sources,
  });
  new k8s.KubeNetworkPolicy(scope, `${name}-from-alb`, {
    metadata: { name: `${name}-from-alb`, namespace: backend.namespace, labels: { ...labels } },
    spec: {
      podSelector: { matchLabels: { ...backend.podLabels } },
      policyTypes: ['Ingress'],
      ingress: [{ from: sources.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(backend.containerPort) }] }],
    },
  });
}

/**
 * With `sso`, the routes to Grafana (`grafana.<env domain>`) and the self-managed Argo CD (`argocd.<env domain>`) that the
 * provider redirects to after sign-in (`ssoPlatformHosts` says which exist). Their certificate is the environment's
 * (ACM, `*.<env domain>`), found by host; external-dns writes their records from the Ingress (or Gateway listener)
 * hosts. One Application in the `edge` wave: after the load balancer controller, the Gateway and the monitoring
 * namespace. Nothing without `sso`.
 */
export function renderSsoPlatformIngress(
  app: App,
  apps: ApplicationFactory,
  platform: ResolvedPlatform,
  env: ResolvedEnvironment,
  labels: Readonly<Record<string, string>>,
): RenderedFile[] {
  const hosts = ssoPlatformHosts(platform, env);
  if (!hosts.grafana && !hosts.argocd) return [];
  const scope = new Chart(app, 'sso-ingress', { disableResourceNameHashes: true });
  if (hosts.grafana) platformToolRoute(scope, env, 'grafana', hosts.grafana, GRAFANA_BACKEND, labels);
  if (hosts.argocd) platformToolRoute(scope, env, 'argocd-server', hosts.argocd, ARGOCD_SERVER_BACKEND, labels);
  const dir = apps.layout.platformDir('sso-ingress');
  return [
    { path: `${dir}/manifests.yaml`, documents: scope.toJson() as Manifest[] },
    {
      path: `${GitopsLayout.APPS}/platform-sso-ingress.yaml`,
      documents: [apps.platformDirectory('sso-ingress', dir, 'edge', { skipDryRunOnMissingResource: true }) as unknown as Manifest],
    },
  ];
}
