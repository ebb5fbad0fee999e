import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { ARGOCD_NAMESPACE, GATEWAY_API_CRDS, type ResolvedEnvironment } from '@paved/shared-config';
import { syncPolicy, waveAnnotation, type ApplicationFactory } from '../argocd/applications';
import { IN_CLUSTER, PLATFORM_PROJECT } from '../argocd/constants';

/** Name of the Application that installs the Gateway API CRDs. */
export const GATEWAY_API_APP = 'gateway-api-crds';

/** Whether the environment exposes its services through the Gateway API (and so needs its CRDs). */
export function usesGatewayApi(env: ResolvedEnvironment): boolean {
  return env.ingress.api === 'gateway' && env.addons.some((a) => a.name === 'aws-load-balancer-controller');
}

/**
 * The Gateway API CRDs of the standard channel at their exact tag, in the operators wave (before the controller that
 * watches them). Server-side apply: the CRDs are larger than the client-side annotation limit. No cascade finalizer:
 * deleting the Application must never delete the CRDs and every route with them.
 */
export function gatewayApiCrds(
  labels: Readonly<Record<string, string>>,
  /** Destination server and sync policy of the environment's ArgoCD (self-managed in-cluster by default). */
  target: Pick<ApplicationFactory, 'server' | 'syncPolicy'> = { server: IN_CLUSTER, syncPolicy },
): IApplication {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: GATEWAY_API_APP, namespace: ARGOCD_NAMESPACE, labels: { ...labels }, annotations: waveAnnotation('operators') },
    spec: {
      project: PLATFORM_PROJECT,
      source: { repoURL: GATEWAY_API_CRDS.repoUrl, targetRevision: GATEWAY_API_CRDS.version, path: GATEWAY_API_CRDS.path },
      destination: { server: target.server },
      syncPolicy: target.syncPolicy({ serverSideApply: true }),
    },
  };
}
