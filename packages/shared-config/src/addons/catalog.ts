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
  'ingress-nginx',
  'cert-manager',
  'external-dns',
  'external-secrets',
  'metrics-server',
  'kube-prometheus-stack',
  'loki',
  'promtail',
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
    version: '1.11.0',
    namespace: 'kube-system',
    wave: 'ingressAndDns',
    defaultEnabled: on,
    awsServiceAccount: 'aws-load-balancer-controller',
    description: 'Provisions AWS load balancers for Services and Ingresses',
  },
  'ingress-nginx': {
    name: 'ingress-nginx',
    chart: 'ingress-nginx',
    repoUrl: 'https://kubernetes.github.io/ingress-nginx',
    version: '4.12.0',
    namespace: 'ingress-nginx',
    wave: 'ingressAndDns',
    defaultEnabled: on,
    description: 'Layer-7 ingress controller behind a cross-zone Network Load Balancer',
  },
  'cert-manager': {
    name: 'cert-manager',
    chart: 'cert-manager',
    repoUrl: 'https://charts.jetstack.io',
    version: 'v1.16.3',
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
    version: '1.15.0',
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
    version: '0.12.1',
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
    version: '3.12.2',
    namespace: 'kube-system',
    wave: 'operators',
    defaultEnabled: on,
    description: 'Resource metrics for the Horizontal Pod Autoscaler',
  },
  'kube-prometheus-stack': {
    name: 'kube-prometheus-stack',
    chart: 'kube-prometheus-stack',
    repoUrl: 'https://prometheus-community.github.io/helm-charts',
    version: '67.9.0',
    namespace: 'monitoring',
    wave: 'observability',
    defaultEnabled: on,
    serverSideApply: true,
    description: 'Prometheus, Alertmanager, Grafana, node exporters and kube-state-metrics',
  },
  'loki': {
    name: 'loki',
    chart: 'loki',
    repoUrl: 'https://grafana.github.io/helm-charts',
    version: '6.24.0',
    namespace: 'logging',
    wave: 'observability',
    defaultEnabled: on,
    awsServiceAccount: 'loki',
    description: 'Log storage on S3',
  },
  'promtail': {
    name: 'promtail',
    chart: 'promtail',
    repoUrl: 'https://grafana.github.io/helm-charts',
    version: '6.16.6',
    namespace: 'promtail',
    wave: 'observability',
    defaultEnabled: on,
    description: 'Ships container logs to Loki',
  },
  'velero': {
    name: 'velero',
    chart: 'velero',
    repoUrl: 'https://vmware-tanzu.github.io/helm-charts',
    version: '8.3.0',
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
    version: '7.0.1',
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
    version: '7.10.2',
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
  version: '7.7.14',
};
export const ARGOCD_NAMESPACE = 'argocd';

export function isAddonName(name: string): name is AddonName {
  return (ADDON_NAMES as readonly string[]).includes(name);
}
