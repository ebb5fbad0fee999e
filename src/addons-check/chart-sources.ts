/** Where the values.yaml of a chart lives upstream, at the tag of a chart version. */
export interface ChartSource {
  /** GitHub `owner/name`. */
  readonly repo: string;
  /** Path of values.yaml in the repository. */
  readonly path: string;
  /**
   * Subcharts whose values sit under a key of this chart's values (kube-prometheus-stack's `grafana`): checked
   * against the subchart's own values.yaml at the version the parent chart depends on.
   */
  readonly subcharts?: Readonly<Record<string, { readonly chart: string; readonly version: string }>>;
  /**
   * Key paths whose content is passed through to the application as is (a ConfigMap's data, Loki's or Alertmanager's
   * own configuration): keys below them are not chart values and are not checked.
   */
  readonly freeForm?: readonly string[];
  /** The git ref of a chart version (a release tag of the chart). */
  ref(version: string): string;
}

/**
 * values.yaml sources of the charts Paved pins, by chart name (the catalog's `chart`, and `argo-cd`). A chart missing
 * here is reported as unchecked, never silently passed.
 */
export const CHART_SOURCES: Readonly<Record<string, ChartSource>> = {
  'argo-cd': { repo: 'argoproj/argo-helm', ref: (v) => `argo-cd-${v}`, path: 'charts/argo-cd/values.yaml', freeForm: ['configs.cm', 'configs.params'] },
  // eks-charts has no per-chart tags: the default branch, which holds the newest chart.
  'aws-load-balancer-controller': { repo: 'aws/eks-charts', ref: () => 'master', path: 'stable/aws-load-balancer-controller/values.yaml' },
  'cert-manager': { repo: 'cert-manager/cert-manager', ref: (v) => v, path: 'deploy/charts/cert-manager/values.yaml' },
  'external-dns': { repo: 'kubernetes-sigs/external-dns', ref: (v) => `external-dns-helm-chart-${v}`, path: 'charts/external-dns/values.yaml' },
  'external-secrets': { repo: 'external-secrets/external-secrets', ref: (v) => `helm-chart-${v}`, path: 'deploy/charts/external-secrets/values.yaml' },
  'metrics-server': { repo: 'kubernetes-sigs/metrics-server', ref: (v) => `metrics-server-helm-chart-${v}`, path: 'charts/metrics-server/values.yaml' },
  'kube-prometheus-stack': {
    repo: 'prometheus-community/helm-charts',
    ref: (v) => `kube-prometheus-stack-${v}`,
    path: 'charts/kube-prometheus-stack/values.yaml',
    // Chart.yaml of kube-prometheus-stack-88.5.3: grafana 12.11.1 from grafana-community.
    subcharts: { grafana: { chart: 'grafana', version: '12.11.1' } },
    freeForm: ['alertmanager.config'],
  },
  'grafana': { repo: 'grafana-community/helm-charts', ref: (v) => `grafana-${v}`, path: 'charts/grafana/values.yaml' },
  'loki': {
    repo: 'grafana-community/helm-charts',
    ref: (v) => `loki-${v}`,
    path: 'charts/loki/values.yaml',
    freeForm: ['loki.limits_config', 'loki.compactor', 'loki.schemaConfig', 'loki.storage.s3'],
  },
  'alloy': { repo: 'grafana/alloy', ref: (v) => `helm-chart/${v}`, path: 'operations/helm/charts/alloy/values.yaml' },
  'velero': { repo: 'vmware-tanzu/helm-charts', ref: (v) => `velero-${v}`, path: 'charts/velero/values.yaml' },
  'keycloakx': { repo: 'codecentric/helm-charts', ref: (v) => `keycloakx-${v}`, path: 'charts/keycloakx/values.yaml' },
  'kong': { repo: 'Kong/charts', ref: (v) => `kong-${v}`, path: 'charts/kong/values.yaml' },
  'oauth2-proxy': { repo: 'oauth2-proxy/manifests', ref: (v) => `oauth2-proxy-${v}`, path: 'helm/oauth2-proxy/values.yaml' },
};

/** The raw download URL of a chart's values.yaml at a version. */
export function valuesUrl(source: ChartSource, version: string): string {
  return `https://raw.githubusercontent.com/${source.repo}/${source.ref(version)}/${source.path}`;
}
