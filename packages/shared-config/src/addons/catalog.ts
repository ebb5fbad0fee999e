import type { Profile } from '../config/environment-config';

/**
 * ArgoCD sync waves between child Applications, in order. Waves only gate when ArgoCD has the
 * `argoproj.io/Application` health customization, which platform-infra installs with ArgoCD.
 */
export const SYNC_WAVES = {
  /** CRDs and operators (cert-manager, external-secrets, prometheus-operator CRDs). */
  operators: -3,
  /** Cluster issuers and secret stores, which need the operators' CRDs. */
  issuersAndStores: -2,
  /** Ingress controllers and DNS. */
  ingressAndDns: -1,
  /** Monitoring, logging and backups. */
  observability: 0,
  /** Identity and gateways that sit in front of services. */
  edge: 1,
  /** The services of the catalog. */
  services: 2,
} as const;
export type SyncWaveName = keyof typeof SYNC_WAVES;

/** Every add-on Paved knows. Config keys outside this list are rejected. */
export const ADDON_NAMES = [
  'aws-load-balancer-controller',
  'cert-manager',
  'external-dns',
  'external-secrets',
  'metrics-server',
  'kube-prometheus-stack',
  'loki',
  'alloy',
  'velero',
  'keycloak',
  'kong',
  'oauth2-proxy',
] as const;
export type AddonName = (typeof ADDON_NAMES)[number];

export interface HelmChartRef {
  readonly chart: string;
  readonly repoUrl: string;
  /** Exact chart version; `paved check` rejects ranges. */
  readonly version: string;
}

export interface AddonDefinition extends HelmChartRef {
  readonly name: AddonName;
  readonly namespace: string;
  readonly wave: SyncWaveName;
  /** Enabled unless the config says otherwise. */
  readonly defaultEnabled: Readonly<Record<Profile, boolean>>;
  /**
   * Kubernetes service account that gets an AWS role through EKS Pod Identity.
   * @default - the add-on needs no AWS access
   */
  readonly awsServiceAccount?: string;
  /** CRD-heavy charts need server-side apply (annotations over 256 KiB). */
  readonly serverSideApply?: boolean;
  /** One-line purpose, used in docs. */
  readonly description: string;
}

const on = { development: true, production: true } as const;
const off = { development: false, production: false } as const;

/**
 * The typed version table: one entry per add-on with its exact chart version. Environments override versions through
 * `addons.<name>.version`; everything else reads this table.
 */
export const ADDON_CATALOG: Readonly<Record<AddonName, AddonDefinition>> = {
  'aws-load-balancer-controller': {
    name: 'aws-load-balancer-controller',
    chart: 'aws-load-balancer-controller',
    repoUrl: 'https://aws.github.io/eks-charts',
    // 3.5.0: aws/eks-charts commit 5239609 (2026-08-03, eks-charts#1354), the newest chart on 2026-12-03. 3.x serves the
    // Gateway API (GA) and wants Gateway API CRDs v1.6 (GATEWAY_API_CRDS); coming from 1.x/2.x, apply the chart's CRDs
    // first (docs/ingress-migration.md).
    version: '3.5.0',
    namespace: 'kube-system',
    wave: 'ingressAndDns',
    defaultEnabled: on,
    awsServiceAccount: 'aws-load-balancer-controller',
    description: 'The ingress: one shared ALB per environment for Ingresses (or Gateway API routes), TLS from ACM',
  },
  'cert-manager': {
    name: 'cert-manager',
    chart: 'cert-manager',
    repoUrl: 'https://charts.jetstack.io',
    // cert-manager/cert-manager tag v1.21.1 (2026-07-29), newest release on 2026-12-03 (mirror of 2026-08-22).
    version: 'v1.21.1',
    namespace: 'cert-manager',
    wave: 'operators',
    defaultEnabled: on,
    awsServiceAccount: 'cert-manager',
    description: "Issues Let's Encrypt certificates through Route53 DNS01 challenges",
  },
  'external-dns': {
    name: 'external-dns',
    chart: 'external-dns',
    repoUrl: 'https://kubernetes-sigs.github.io/external-dns',
    // kubernetes-sigs/external-dns tag external-dns-helm-chart-1.21.1 (2026-04-30, app v0.21.0), newest chart on 2026-12-03.
    version: '1.21.1',
    namespace: 'external-dns',
    wave: 'ingressAndDns',
    defaultEnabled: on,
    awsServiceAccount: 'external-dns',
    description: "Publishes Ingress hosts in the environment's Route53 zone",
  },
  'external-secrets': {
    name: 'external-secrets',
    chart: 'external-secrets',
    repoUrl: 'https://charts.external-secrets.io',
    // external-secrets/external-secrets tag helm-chart-2.9.0 (2026-08-08). Since 0.17 (May 2025) only
    // `external-secrets.io/v1` is served: Paved renders v1 (https://github.com/external-secrets/external-secrets/releases/tag/v0.17.0).
    version: '2.9.0',
    namespace: 'external-secrets',
    wave: 'operators',
    defaultEnabled: on,
    awsServiceAccount: 'external-secrets',
    description: 'Syncs AWS Secrets Manager secrets into Kubernetes Secrets',
  },
  'metrics-server': {
    name: 'metrics-server',
    chart: 'metrics-server',
    repoUrl: 'https://kubernetes-sigs.github.io/metrics-server',
    // kubernetes-sigs/metrics-server tag metrics-server-helm-chart-3.13.1 (2026-06-11, app v0.8.1).
    version: '3.13.1',
    namespace: 'kube-system',
    wave: 'operators',
    defaultEnabled: on,
    description: 'Resource metrics for the Horizontal Pod Autoscaler',
  },
  'kube-prometheus-stack': {
    name: 'kube-prometheus-stack',
    chart: 'kube-prometheus-stack',
    repoUrl: 'https://prometheus-community.github.io/helm-charts',
    // prometheus-community/helm-charts tag kube-prometheus-stack-88.5.3 (2026-08-21; grafana subchart 12.11.1).
    version: '88.5.3',
    namespace: 'monitoring',
    wave: 'observability',
    defaultEnabled: on,
    serverSideApply: true,
    description: 'Prometheus, Alertmanager, Grafana, node exporters and kube-state-metrics',
  },
  'loki': {
    name: 'loki',
    chart: 'loki',
    // The OSS Loki chart moved to grafana-community/helm-charts on 2026-03-16 (grafana/loki chart 7.x is GEL-only,
    // production/helm/loki/CHANGELOG.md 7.0.0). Tag loki-18.11.0 (2026-08-20, Loki 3.7.6).
    repoUrl: 'https://grafana-community.github.io/helm-charts',
    version: '18.11.0',
    namespace: 'logging',
    wave: 'observability',
    defaultEnabled: on,
    awsServiceAccount: 'loki',
    description: 'Log storage on S3',
  },
  'alloy': {
    name: 'alloy',
    chart: 'alloy',
    repoUrl: 'https://grafana.github.io/helm-charts',
    // grafana/alloy tag helm-chart/1.11.1 (2026-08-06, Alloy v1.18.1). Replaces Promtail (EOL 2026-03-02).
    version: '1.11.1',
    namespace: 'alloy',
    wave: 'observability',
    defaultEnabled: on,
    description: 'Grafana Alloy: ships every container\'s logs to Loki (replaces Promtail, end of life since 2026-03-02)',
  },
  'velero': {
    name: 'velero',
    chart: 'velero',
    repoUrl: 'https://vmware-tanzu.github.io/helm-charts',
    // vmware-tanzu/helm-charts tag velero-12.1.0 (2026-06-25, Velero 1.18.1; file-system backups use Kopia only since 1.17).
    version: '12.1.0',
    namespace: 'velero',
    wave: 'observability',
    defaultEnabled: on,
    awsServiceAccount: 'velero-server',
    description: 'Nightly backups of namespaces and volumes to S3',
  },
  'keycloak': {
    name: 'keycloak',
    chart: 'keycloakx',
    repoUrl: 'https://codecentric.github.io/helm-charts',
    // codecentric/helm-charts tag keycloakx-7.1.11 (2026-04-21, Keycloak 26.5.6).
    version: '7.1.11',
    namespace: 'keycloak',
    wave: 'edge',
    defaultEnabled: off,
    description: 'Identity and access management (OIDC provider)',
  },
  'kong': {
    name: 'kong',
    chart: 'kong',
    repoUrl: 'https://charts.konghq.com',
    version: '2.47.0',
    namespace: 'kong',
    wave: 'edge',
    defaultEnabled: off,
    description: 'API gateway',
  },
  'oauth2-proxy': {
    name: 'oauth2-proxy',
    chart: 'oauth2-proxy',
    repoUrl: 'https://oauth2-proxy.github.io/manifests',
    // oauth2-proxy/manifests tag oauth2-proxy-10.7.0 (2026-06-09, oauth2-proxy v7.15.3).
    version: '10.7.0',
    namespace: 'oauth2-proxy',
    wave: 'edge',
    defaultEnabled: off,
    description: 'Authenticating reverse proxy in front of internal tools',
  },
};

/** ArgoCD itself is installed by Terraform (helm provider); everything else is installed by ArgoCD. */
export const ARGOCD_CHART: HelmChartRef = {
  chart: 'argo-cd',
  repoUrl: 'https://argoproj.github.io/argo-helm',
  // argoproj/argo-helm tag argo-cd-10.1.1 (2026-07-02, Argo CD v3.4.4; includes the 2026-06-26 security merge). Argo CD
  // 2.x (chart 7.x) is end of life. Argo CD supports its three newest minors (SECURITY.md), so 3.4 stays supported until
  // 3.7 ships. Checked 2026-12-03, 3.6: v3.6.0-rc1 was tagged 2026-09-16 and GA was planned for 2026-11-03
  // (https://github.com/argoproj/argo-cd/issues/29396), but no source read shows a 3.6.0 GA tag or an argo-cd chart
  // whose appVersion is v3.6.x (v3.6.0-rc1 was never a chart appVersion). The newest charts read are on 3.5:
  // argo-cd-10.9.5 (2026-09-30, v3.5.3; https://github.com/argoproj/argo-helm/releases/tag/argo-cd-10.9.5) and
  // argo-cd-10.10.0 (v3.5.4, installed 2026-10-07 per a public `helm list`; 10.10.2 was downloadable as well).
  // Not pinned: their values.yaml could not be read, so `paved addons:check-values` cannot check them; the release
  // notes 3.4->3.5 (Helm 4, GnuPG -> Source Integrity, impersonation for server operations, --repo-server-strict-tls
  // deprecated) and 3.5->3.6 (ARGOCD_REPO_OTLP_HEADERS renamed, parent-based trace sampling) touch none of the values
  // Paved writes (argocd-values.ts: global.domain, configs.cm/rbac/params, replicas, redis-ha, dex, extraObjects) or
  // the Applications it renders (HTTPS Helm repositories, no spec.source.helm.version, no signatureKeys).
  // Next step: `paved addons:check-values` online with ARGOCD_CHART at the 3.6 chart, then bump here.
  version: '10.1.1',
};
export const ARGOCD_NAMESPACE = 'argocd';

/**
 * Gateway API CRDs (standard channel), synced before the AWS Load Balancer Controller when an environment sets
 * `ingress.api: 'gateway'`: a directory of the upstream repository at an exact tag. v1.6.3 is the newest v1.6 patch on
 * 2026-12-03 (sigs.k8s.io/gateway-api module versions); the controller 3.5.0 is built for v1.6.0 (eks-charts#1354).
 */
export const GATEWAY_API_CRDS = {
  repoUrl: 'https://github.com/kubernetes-sigs/gateway-api',
  path: 'config/crd/standard',
  version: 'v1.6.3',
} as const;

/**
 * Add-ons Paved no longer installs, with why and what instead: a config that names one gets an error saying so.
 * ingress-nginx was retired by Kubernetes SIG Network in March 2026 (no releases or security fixes since; its last
 * Paved pin, chart 4.12.0, carries CVE-2025-1974 "IngressNightmare").
 */
export const RETIRED_ADDONS: Readonly<Record<string, { readonly reason: string; readonly instead: string }>> = {
  'ingress-nginx': {
    reason: 'ingress-nginx is retired (March 2026: no releases or security fixes since; chart 4.12.0 carries CVE-2025-1974)',
    instead: 'remove it: the AWS Load Balancer Controller serves ingresses; see docs/ingress-migration.md',
  },
  'promtail': {
    reason: 'Promtail reached end of life on 2026-03-02 (https://grafana.com/docs/loki/latest/send-data/promtail/)',
    instead: "use 'alloy' (Grafana Alloy), which ships the same pod logs to Loki",
  },
};

export function isAddonName(name: string): name is AddonName {
  return (ADDON_NAMES as readonly string[]).includes(name);
}
