import { ADDON_CATALOG, ARGOCD_NAMESPACE } from '../addons/catalog';

/**
 * What the ALB reaches of one platform tool: its chart's Service and port (the Ingress names the port, the HTTPRoute
 * numbers it), the pods behind it and their container port (for the NetworkPolicy), and a health path.
 */
export interface PlatformToolBackend {
  readonly namespace: string;
  readonly service: string;
  readonly port: number;
  readonly portName: string;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly containerPort: number;
  readonly healthcheckPath: string;
}

/**
 * Grafana of kube-prometheus-stack (release `kube-prometheus-stack`, the Application's releaseName): the grafana
 * subchart names its Service `<release>-grafana`, port 80 named `http-web`, to the container's 3000; `/api/health`
 * answers without signing in.
 */
export const GRAFANA_BACKEND: PlatformToolBackend = {
  namespace: ADDON_CATALOG['kube-prometheus-stack'].namespace,
  service: 'kube-prometheus-stack-grafana',
  port: 80,
  portName: 'http-web',
  podLabels: { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': 'kube-prometheus-stack' },
  containerPort: 3000,
  healthcheckPath: '/api/health',
};

/**
 * The self-managed Argo CD's API server (Helm release `argocd` of the argo-cd chart, whose `nameOverride` is `argocd`:
 * Service `argocd-server`, port 80 named `http`, to the container's 8080). The ALB terminates TLS and sends plain HTTP
 * (platform-infra sets `server.insecure` whenever this route exists, as Argo CD's ingress docs describe for a proxy that
 * terminates TLS); with TLS on, the server would answer that HTTP with a redirect to HTTPS, a loop behind the ALB. The
 * UI and `argocd --grpc-web` work through it; native gRPC would need a second target group (backend-protocol-version
 * GRPC), which Paved does not render.
 */
export const ARGOCD_SERVER_BACKEND: PlatformToolBackend = {
  namespace: ARGOCD_NAMESPACE,
  service: 'argocd-server',
  port: 80,
  portName: 'http',
  podLabels: { 'app.kubernetes.io/name': 'argocd-server', 'app.kubernetes.io/instance': 'argocd' },
  containerPort: 8080,
  healthcheckPath: '/healthz',
};

/**
 * Services and pods that charts create at install, outside the rendered tree, which rendered manifests point at: the
 * render validation (gitops-apps) and the guardrails (PAVED-K8S-NET-002) take them as existing.
 */
export const CHART_BACKENDS: readonly PlatformToolBackend[] = [GRAFANA_BACKEND, ARGOCD_SERVER_BACKEND];
