import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import {
  ARGOCD_NAMESPACE,
  SYNC_WAVES,
  appProjectSourceNamespaces,
  stageNamespace,
  stageView,
  type ResolvedEnvironment,
  type ResolvedPlatform,
  type ResolvedService,
  type ResolvedStage,
} from '@paved/shared-config';
import { App, Chart } from 'cdk8s';
import { type StageCallEdge, stageCallEdges, stageCallPolicies } from './stage-calls';
import { stageNamespaces } from './stage-namespaces';
import { ApplicationFactory, waveAnnotation } from '../argocd/applications';
import { LABELS, commonLabels, labelValue, selectorLabels } from '../labels';
import { GitopsLayout } from '../layout';
import { ServiceManifests } from '../services/service-manifests';
import type { Manifest } from '../yaml';

/** One rendered file, its path relative to the host's folder. */
export interface StageFile {
  readonly path: string;
  readonly documents: readonly Manifest[];
}

/** Folder of a stage inside its host's folder: `<gitops.path>/<host>/<stage>/`. */
export function stageDir(stage: ResolvedStage): string {
  return stage.name;
}

/** Name of a stage's AppProject (prefixed: stage names must not clash with the host's own projects). */
export function stageProjectName(stage: ResolvedStage): string {
  return `stage-${stage.name}`;
}

/**
 * The files of every stage of a host, under `<host>/<stage>/` plus one `apps/stage-<stage>.yaml` per stage in the
 * host's own `apps/` folder (so the host's app-of-apps includes each stage's):
 *
 * ```
 * <host>/apps/stage-<stage>.yaml        the stage's app-of-apps: syncs <host>/<stage>/apps (platform project)
 * <host>/<stage>/apps/project.yaml      AppProject stage-<stage>: the stage's namespaces only, no cluster-scoped kind
 * <host>/<stage>/apps/platform.yaml     Namespaces, ResourceQuotas and LimitRanges (platform project)
 * <host>/<stage>/apps/service-<s>.yaml  one Application per service, in the stage's project
 * <host>/<stage>/platform/manifests.yaml
 * <host>/<stage>/services/<s>/manifests.yaml
 * ```
 *
 * A stage's services render as the host's do (services/service-manifests.ts) against the host as the stage sees it
 * (`stageView`), in `<stage>-<service>` namespaces, with call policies that name those namespaces (stage-calls.ts).
 */
export function renderStages(platform: ResolvedPlatform, host: ResolvedEnvironment): StageFile[] {
  const stages = host.stages ?? [];
  const hostLayout = new GitopsLayout(platform, host);
  const hostApps = new ApplicationFactory(hostLayout, commonLabels(platform, host));
  const enabled = new Set(host.addons.map((a) => a.name));
  const files: StageFile[] = [];
  // Every call edge of the host once, indexed by both ends: each service then reads only its own (linear in services).
  const edgesOf = new Map<ResolvedService, StageCallEdge[]>();
  for (const edge of stageCallEdges(stages)) {
    for (const end of new Set([edge.from.service, edge.to.service])) edgesOf.set(end, [...(edgesOf.get(end) ?? []), edge]);
  }
  for (const stage of stages) {
    const view = stageView(host, stage);
    const labels = commonLabels(platform, view);
    // Calls are rendered by stage-calls.ts, which knows the stages' namespaces.
    const withoutAnyCalls = { ...view, services: view.services.map(withoutCalls) };
    // Paths resolve under the host's folder: the layout of the host, with directories inside the stage's folder.
    const apps = new ApplicationFactory(hostLayout, labels);
    const dir = (sub: string) => `${stageDir(stage)}/${sub}`;
    const appFiles: StageFile[] = [];

    // An App per chart: a chart's synthesis walks its whole App, so charts sharing one App render in quadratic time.
    const platformChart = new Chart(new App(), `stage-${stage.name}-platform`, { disableResourceNameHashes: true });
    const namespaces = stageNamespaces(platformChart, { stage, labels });
    files.push({ path: `${dir('platform')}/manifests.yaml`, documents: platformChart.toJson() as Manifest[] });
    appFiles.push({ path: `${dir(GitopsLayout.APPS)}/platform.yaml`, documents: [apps.platformDirectory(`${stage.name}-platform`, dir('platform'), 'operators') as unknown as Manifest] });

    const kinds = new Map<string, { group: string; kind: string }>();
    for (const service of stage.services) {
      const namespace = stageNamespace(stage.name, service.name);
      const chart = new ServiceManifests(new App(), `stage-${stage.name}-service-${service.name}`, {
        platform,
        env: withoutAnyCalls,
        service: withoutCalls(service),
        namespace,
        addons: {
          externalSecrets: enabled.has('external-secrets'),
          prometheus: enabled.has('kube-prometheus-stack'),
          ingressController: enabled.has('aws-load-balancer-controller'),
          certManager: enabled.has('cert-manager'),
        },
      });
      const serviceLabels = {
        ...labels,
        ...selectorLabels(service.name),
        [LABELS.component]: 'service',
        ...(service.team ? { [LABELS.team]: labelValue(service.team) } : {}),
      };
      stageCallPolicies(chart, {
        edges: edgesOf.get(service) ?? [],
        self: { stage, service },
        metadata: (name) => ({ name, namespace, labels: { ...serviceLabels } }),
      });
      // The Namespace belongs to the stage's platform folder: the stage's project owns no cluster-scoped kind.
      const documents = (chart.toJson() as Manifest[]).filter((d) => d.kind !== 'Namespace');
      files.push({ path: `${dir(`services/${service.name}`)}/manifests.yaml`, documents });
      for (const doc of documents) {
        const group = doc.apiVersion.includes('/') ? doc.apiVersion.split('/')[0] : '';
        kinds.set(`${group}/${doc.kind}`, { group, kind: doc.kind });
      }
      const application = apps.service(service.name, namespace, dir(`services/${service.name}`));
      appFiles.push({
        path: `${dir(GitopsLayout.APPS)}/service-${service.name}.yaml`,
        documents: [{
          ...application,
          metadata: { ...application.metadata, name: `${stage.name}-${service.name}` },
          spec: { ...application.spec, project: stageProjectName(stage) },
        } as unknown as Manifest],
      });
    }
    const sortedKinds = [...kinds.values()].sort((a, b) => `${a.group}/${a.kind}`.localeCompare(`${b.group}/${b.kind}`));
    appFiles.push({ path: `${dir(GitopsLayout.APPS)}/project.yaml`, documents: [stageProject(platform, apps, stage, labels, namespaces, sortedKinds) as unknown as Manifest] });
    // The host's app-of-apps includes the stage's.
    files.push({
      path: `${GitopsLayout.APPS}/stage-${stage.name}.yaml`,
      documents: [hostApps.platformDirectory(`stage-${stage.name}`, dir(GitopsLayout.APPS), 'services') as unknown as Manifest],
    });
    files.push(...appFiles);
  }
  return files;
}

function withoutCalls<T extends { calls: readonly unknown[] }>(entry: T): T {
  return { ...entry, calls: [] };
}

/** The stage's AppProject: sources from the GitOps repository, destinations the stage's namespaces only. */
function stageProject(
  platform: ResolvedPlatform,
  apps: ApplicationFactory,
  stage: ResolvedStage,
  labels: Readonly<Record<string, string>>,
  namespaces: readonly string[],
  kinds: readonly { group: string; kind: string }[],
): IAppProject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name: stageProjectName(stage),
      namespace: ARGOCD_NAMESPACE,
      labels: { ...labels },
      annotations: waveAnnotation(SYNC_WAVES.operators - 1),
    },
    spec: {
      description: `Services of the stage ${stage.name} on ${stage.host}: rendered manifests from the GitOps repository, into the stage's namespaces only`,
      sourceRepos: [platform.gitops.repoUrl],
      destinations: [...namespaces].sort().map((namespace) => ({ server: apps.server, namespace })),
      // Namespaces, quotas and limits come from the platform project: nothing cluster-scoped here.
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: kinds.map((k) => ({ group: k.group, kind: k.kind })),
      ...appProjectSourceNamespaces(platform),
    },
  };
}
