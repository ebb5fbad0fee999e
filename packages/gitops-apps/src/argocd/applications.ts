import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import type { IApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet';
import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import {
  appProjectSourceNamespaces,
  argoCdBootstrap,
  argoCdDestinationServer,
  ARGOCD_NAMESPACE,
  BRIDGE_LABELS,
  GATEWAY_API_CRDS,
  SYNC_WAVES,
  type ResolvedAddon,
  type SyncWaveName,
  usesArgoCdCapability,
} from '@paved/shared-config';
import { CASCADE_FINALIZER, PLATFORM_PROJECT, RETRY, SERVICES_PROJECT, SYNC_WAVE_ANNOTATION } from './constants';
import { usesGatewayApi } from '../addons/gateway-api';
import { namespaceMetadata } from '../addons/pod-security';
import type { GitopsLayout } from '../layout';

type ApplicationSpec = IApplication['spec'];
type SyncPolicy = NonNullable<ApplicationSpec['syncPolicy']>;

export interface SyncOptions {
  /** Namespace the Application deploys into, created if missing. */
  readonly createNamespace?: boolean;
  /** Server-side apply, for charts whose CRDs exceed the client-side annotation limit. */
  readonly serverSideApply?: boolean;
  /** Skip the dry run for kinds whose CRD another Application installs in the same wave. */
  readonly skipDryRunOnMissingResource?: boolean;
  /**
   * Retry without limit (backoff still capped): for the EKS capability, where waves between Applications do not wait
   * for health, an Application whose CRDs or webhooks another one installs keeps retrying until they exist.
   */
  readonly retryUntilSynced?: boolean;
}

/** Automated sync with prune and self-heal stated explicitly (ArgoCD does neither unless told), plus retry. */
export function syncPolicy(options: SyncOptions = {}): SyncPolicy {
  const syncOptions = [
    ...(options.createNamespace ? ['CreateNamespace=true'] : []),
    ...(options.serverSideApply ? ['ServerSideApply=true'] : []),
    ...(options.skipDryRunOnMissingResource ? ['SkipDryRunOnMissingResource=true'] : []),
    'PruneLast=true',
  ];
  return {
    automated: { prune: true, selfHeal: true, allowEmpty: false },
    syncOptions,
    // ArgoCD reads a negative limit as "retry forever".
    retry: { limit: options.retryUntilSynced ? -1 : RETRY.limit, backoff: { ...RETRY.backoff } },
  };
}

function withNamespaceMetadata(metadata: ReturnType<typeof namespaceMetadata>): Pick<SyncPolicy, 'managedNamespaceMetadata'> {
  return metadata ? { managedNamespaceMetadata: metadata } : {};
}

export function waveAnnotation(wave: SyncWaveName | number): Record<string, string> {
  return { [SYNC_WAVE_ANNOTATION]: String(typeof wave === 'number' ? wave : SYNC_WAVES[wave]) };
}

/** What every Application of an environment shares. */
export class ApplicationFactory {
  constructor(
    readonly layout: GitopsLayout,
    readonly labels: Readonly<Record<string, string>>,
  ) {}

  /**
   * The `server` of every destination: `https://kubernetes.default.svc` self-managed, the cluster's ARN for the EKS
   * capability (shared-config's `argoCdDestinationServer`, which Terraform's cluster Secret also uses).
   */
  get server(): string {
    return argoCdDestinationServer(this.layout.platform, this.layout.env);
  }

  /**
   * The sync policy of a child Application. Self-managed, waves between Applications gate on health (the
   * `argoproj.io_Application` health check shipped with the chart). The EKS capability runs no custom Lua health
   * check, so its waves only order creation; each child instead tolerates kinds whose CRDs are not there yet and
   * retries until they are (no ApplicationSet progressive sync: it needs a controller flag the capability does not
   * expose). See docs/gitops.md.
   */
  syncPolicy(options: SyncOptions = {}): SyncPolicy {
    if (!usesArgoCdCapability(this.layout.platform)) return syncPolicy(options);
    return syncPolicy({ ...options, skipDryRunOnMissingResource: true, retryUntilSynced: true });
  }

  private get repoUrl(): string {
    return this.layout.platform.gitops.repoUrl;
  }

  private get revision(): string {
    return this.layout.platform.gitops.branch;
  }

  /**
   * The app-of-apps: syncs the environment's `apps/` folder, itself included, in the narrow `bootstrap` project.
   * Terraform installs the same object with ArgoCD: both come from shared-config's `argoCdBootstrap`.
   */
  root(): IApplication {
    return argoCdBootstrap(this.layout.platform, this.layout.env).root as unknown as IApplication;
  }

  /** An add-on's Helm chart at its exact version, values passed as `valuesObject`. */
  helmAddon(addon: ResolvedAddon, valuesObject: object): IApplication {
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: addon.name,
        namespace: ARGOCD_NAMESPACE,
        labels: { ...this.labels },
        annotations: waveAnnotation(addon.wave),
      },
      spec: this.helmSpec(addon, valuesObject, this.server),
    };
  }

  /**
   * An add-on whose values need Terraform outputs: an ApplicationSet whose cluster generator selects this
   * environment's cluster Secret when platform-infra switched the add-on on, and whose template reads the Secret's
   * annotations (the GitOps bridge).
   */
  bridgedHelmAddon(addon: ResolvedAddon, enableLabel: string, valuesObject: object): IApplicationSet {
    const spec = this.helmSpec(addon, valuesObject, '{{ .server }}');
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: {
        name: addon.name,
        namespace: ARGOCD_NAMESPACE,
        labels: { ...this.labels },
        annotations: waveAnnotation(addon.wave),
      },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [
          {
            clusters: {
              selector: {
                matchLabels: {
                  [BRIDGE_LABELS.secretType]: 'cluster',
                  [BRIDGE_LABELS.environment]: this.layout.env.name,
                  [enableLabel]: 'true',
                },
              },
            },
          },
        ],
        // Removing the ApplicationSet (or the add-on) must not delete CRDs and what depends on them.
        syncPolicy: { preserveResourcesOnDeletion: true },
        template: {
          metadata: {
            name: addon.name,
            labels: { ...this.labels },
            annotations: waveAnnotation(addon.wave),
          },
          spec: spec as never,
        },
      },
    };
  }

  /** Plain manifests under `dir` (non-recursive), synced into the platform project. */
  platformDirectory(name: string, dir: string, wave: SyncWaveName, options: SyncOptions = {}): IApplication {
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name,
        namespace: ARGOCD_NAMESPACE,
        labels: { ...this.labels },
        annotations: waveAnnotation(wave),
      },
      spec: {
        project: PLATFORM_PROJECT,
        source: this.directorySource(this.layout.repoPath(dir)),
        destination: { server: this.server },
        syncPolicy: this.syncPolicy(options),
      },
    };
  }

  /** A service's rendered manifests: the services project and the cascade finalizer. */
  service(name: string, namespace: string, dir: string): IApplication {
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: `service-${name}`,
        namespace: ARGOCD_NAMESPACE,
        labels: { ...this.labels },
        annotations: waveAnnotation('services'),
        finalizers: [CASCADE_FINALIZER],
      },
      spec: {
        project: SERVICES_PROJECT,
        source: this.directorySource(this.layout.repoPath(dir)),
        destination: { server: this.server, namespace },
        syncPolicy: this.syncPolicy(),
      },
    };
  }

  private helmSpec(addon: ResolvedAddon, valuesObject: object, server: string): ApplicationSpec {
    return {
      project: PLATFORM_PROJECT,
      source: {
        repoURL: addon.repoUrl,
        chart: addon.chart,
        targetRevision: addon.version,
        helm: { releaseName: addon.name, valuesObject: valuesObject as Record<string, unknown> },
      },
      destination: { server, namespace: addon.namespace },
      syncPolicy: {
        ...this.syncPolicy({ createNamespace: true, serverSideApply: addon.serverSideApply }),
        // Pod Security labels on the namespace ArgoCD creates (and keeps) for the add-on.
        ...withNamespaceMetadata(namespaceMetadata(addon.name)),
      },
    };
  }

  private directorySource(repoPath: string): NonNullable<ApplicationSpec['source']> {
    return {
      repoURL: this.repoUrl,
      targetRevision: this.revision,
      path: repoPath,
      directory: { recurse: false },
    };
  }

  /** The projects of an environment, never `default`: the root's `bootstrap` (shared with Terraform), platform, services. */
  projects(serviceNamespaces: readonly string[], serviceKinds: readonly { group: string; kind: string }[]): IAppProject[] {
    const meta = (name: string) => ({
      name,
      namespace: ARGOCD_NAMESPACE,
      labels: { ...this.labels },
      // Projects exist before the Applications that name them.
      annotations: waveAnnotation(SYNC_WAVES.operators - 1),
    });
    const platform: IAppProject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: meta(PLATFORM_PROJECT),
      spec: {
        description: `Platform add-ons of ${this.layout.env.name}: charts from their pinned Helm repositories and the GitOps repository`,
        sourceRepos: [...new Set([
          this.repoUrl,
          ...this.layout.env.addons.map((a) => a.repoUrl),
          ...(usesGatewayApi(this.layout.env) ? [GATEWAY_API_CRDS.repoUrl] : []),
        ])].sort(),
        destinations: [{ server: this.server, namespace: '*' }],
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
        namespaceResourceWhitelist: [{ group: '*', kind: '*' }],
        ...appProjectSourceNamespaces(this.layout.platform),
      },
    };
    const services: IAppProject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: meta(SERVICES_PROJECT),
      spec: {
        description: `Services of ${this.layout.env.name}: rendered manifests from the GitOps repository, into their own namespaces only`,
        sourceRepos: [this.repoUrl],
        destinations: serviceNamespaces.map((namespace) => ({ server: this.server, namespace })),
        // The service's Namespace (with its Pod Security labels) is the only cluster-scoped kind a service may own.
        clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
        namespaceResourceWhitelist: serviceKinds.map((k) => ({ group: k.group, kind: k.kind })),
        ...appProjectSourceNamespaces(this.layout.platform),
      },
    };
    const bootstrap = argoCdBootstrap(this.layout.platform, this.layout.env).project as unknown as IAppProject;
    return [bootstrap, platform, services];
  }
}
