import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { appProjectSourceNamespaces, ARGOCD_NAMESPACE, type ResolvedChart, type ResolvedEnvironment, SYNC_WAVES } from '@paved/shared-config';
import { type App, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { POD_SECURITY_REASON_ANNOTATION } from '../addons/pod-security';
import { namespaceSecretStore, EXTERNAL_SECRETS_API_VERSION, type ExternalSecretV1 } from '../addons/security';
import { type ApplicationFactory, waveAnnotation } from '../argocd/applications';
import { emit } from '../emit';
import { GitopsLayout } from '../layout';
import type { RenderedFile } from '../platform/environment-tree';
import { SECRET_STORE } from '../platform/names';
import type { Manifest } from '../yaml';

/** Label that makes a Secret in Argo CD's namespace a repository definition. */
export const ARGOCD_SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';

/** The AppProject of one chart entry: its own, so that its source and destination are exactly the chart's. */
export function chartProjectName(chart: ResolvedChart): string {
  return `chart-${chart.name}`;
}

/**
 * The repository URL as Argo CD's Helm source takes it: classic repositories as written; OCI registries without the
 * `oci://` scheme (Helm over OCI with `chart:`, the repository Secret sets `enableOCI`).
 */
export function argoHelmRepoUrl(repoUrl: string): string {
  return repoUrl.startsWith('oci://') ? repoUrl.slice('oci://'.length) : repoUrl;
}

/**
 * A chart entry's AppProject and Application, for `apps/service-<name>.yaml`. The project allows exactly the chart's
 * repository as source and the entry's namespace as destination (any namespaced kind there, no cluster-scoped kind
 * but the Namespace: a chart that needs CRDs or ClusterRoles does not sync, by design). The Application pins the
 * chart's exact version and passes the values as `valuesObject`, without the cascade finalizer; the namespace is
 * created enforcing Pod Security `baseline` (a vendor chart's pods are not known to meet `restricted`), warning and
 * auditing `restricted`.
 */
export function thirdPartyChartApps(apps: ApplicationFactory, chart: ResolvedChart): [IAppProject, IApplication] {
  const project = chartProjectName(chart);
  const repoURL = argoHelmRepoUrl(chart.repoUrl);
  const labels = { ...apps.labels };
  const appProject: IAppProject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: project, namespace: ARGOCD_NAMESPACE, labels, annotations: waveAnnotation(SYNC_WAVES.operators - 1) },
    spec: {
      description: `Chart ${chart.chart} ${chart.version} of ${apps.layout.env.name}: from ${chart.repoUrl} only, into namespace ${chart.namespace} only`,
      sourceRepos: [repoURL],
      destinations: [{ server: apps.server, namespace: chart.namespace }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
      namespaceResourceWhitelist: [{ group: '*', kind: '*' }],
      ...appProjectSourceNamespaces(apps.layout.platform),
    },
  };
  const application: IApplication = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: `service-${chart.name}`,
      namespace: ARGOCD_NAMESPACE,
      labels: { ...labels },
      // No cascade finalizer (guardrail PAVED-ARGO-006): a vendor chart may hold state (a node's volume, a database),
      // which removing the entry must not wipe; delete its namespace deliberately.
      annotations: waveAnnotation('services'),
    },
    spec: {
      project,
      source: {
        repoURL,
        chart: chart.chart,
        targetRevision: chart.version,
        helm: { releaseName: chart.name, ...(Object.keys(chart.values).length > 0 ? { valuesObject: { ...chart.values } } : {}) },
      },
      destination: { server: apps.server, namespace: chart.namespace },
      syncPolicy: {
        ...apps.syncPolicy({ createNamespace: true }),
        managedNamespaceMetadata: {
          labels: {
            'pod-security.kubernetes.io/enforce': 'baseline',
            'pod-security.kubernetes.io/warn': 'restricted',
            'pod-security.kubernetes.io/audit': 'restricted',
          },
          annotations: { [POD_SECURITY_REASON_ANNOTATION]: 'a third-party chart, whose pods Paved cannot check against restricted' },
        },
      },
    },
  };
  return [appProject, application];
}

/**
 * The Argo CD repository Secrets of the private chart registries: in Argo CD's namespace, a SecretStore on its reader
 * role and per chart an ExternalSecret whose template writes the repository definition (`url`, `type: helm`,
 * `enableOCI` for OCI registries) around the user name and password read from Secrets Manager. Nothing secret is in
 * Git. Renders nothing when no chart of the environment names `credentialsSecret`.
 */
export function chartRepositoryCredentials(scope: Construct, env: ResolvedEnvironment, labels: Readonly<Record<string, string>>): void {
  const charts = env.charts.filter((c) => c.credentialsSecret);
  if (charts.length === 0) return;
  emit(scope, namespaceSecretStore(env, ARGOCD_NAMESPACE, { ...labels }));
  for (const chart of charts) {
    const name = `repository-${chart.name}`;
    const secret: ExternalSecretV1 = {
      apiVersion: EXTERNAL_SECRETS_API_VERSION,
      kind: 'ExternalSecret',
      metadata: { name, namespace: ARGOCD_NAMESPACE, labels: { ...labels } },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { kind: 'SecretStore', name: SECRET_STORE },
        target: {
          name,
          creationPolicy: 'Owner',
          deletionPolicy: 'Retain',
          template: {
            engineVersion: 'v2',
            type: 'Opaque',
            metadata: { labels: { ...labels, [ARGOCD_SECRET_TYPE_LABEL]: 'repository' } },
            data: {
              name: chart.name,
              type: 'helm',
              url: argoHelmRepoUrl(chart.repoUrl),
              ...(chart.repoUrl.startsWith('oci://') ? { enableOCI: 'true' } : {}),
              username: '{{ .username }}',
              password: '{{ .password }}',
            },
          },
        },
        data: ['password', 'username'].map((key) => ({ secretKey: key, remoteRef: { key: chart.credentialsSecret!, property: key } })),
      },
    };
    emit(scope, secret);
  }
}

/**
 * Every file of the environment's chart entries: `apps/service-<name>.yaml` (project and Application) per chart and,
 * when a registry is private, `platform/chart-repositories/` with the credentials and the Application that syncs them
 * (in the secret-store wave, before the charts).
 */
export function renderThirdPartyCharts(
  app: App,
  apps: ApplicationFactory,
  env: ResolvedEnvironment,
  labels: Readonly<Record<string, string>>,
): RenderedFile[] {
  const files: RenderedFile[] = env.charts.map((chart) => ({
    path: `${GitopsLayout.APPS}/service-${chart.name}.yaml`,
    documents: thirdPartyChartApps(apps, chart) as unknown as Manifest[],
  }));
  const scope = new Chart(app, 'chart-repositories', { disableResourceNameHashes: true });
  chartRepositoryCredentials(scope, env, labels);
  const documents = scope.toJson() as Manifest[];
  if (documents.length > 0) {
    const dir = apps.layout.platformDir('chart-repositories');
    files.push({ path: `${dir}/manifests.yaml`, documents });
    files.push({
      path: `${GitopsLayout.APPS}/platform-chart-repositories.yaml`,
      documents: [apps.platformDirectory('chart-repositories', dir, 'issuersAndStores') as unknown as Manifest],
    });
  }
  return files;
}
