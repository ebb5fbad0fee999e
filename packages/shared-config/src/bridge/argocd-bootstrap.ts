import * as path from 'node:path';
import { ARGOCD_CAPABILITY_NAMESPACE, eksClusterArn, usesArgoCdCapability } from './argocd-capability';
import { ARGOCD_NAMESPACE, SYNC_WAVES } from '../addons/catalog';
import type { ResolvedEnvironment, ResolvedPlatform } from '../resolve/resolved-platform';

/**
 * What ArgoCD needs to start syncing on its own: the root Application (app-of-apps over the environment's `apps/`
 * folder) and the narrow AppProject it belongs to.
 *
 * Both objects exist twice: Terraform installs them with ArgoCD (the chart's `extraObjects`), and the root Application
 * syncs them again from `apps/root.yaml` and `apps/projects.yaml`. They are built here, once, for both writers:
 * platform-infra and gitops-apps hold byte-identical specs, so Helm and ArgoCD never fight over them.
 */

/** The AppProject of the root Application. */
export const BOOTSTRAP_PROJECT = 'bootstrap';
/** The root Application of every environment. */
export const ROOT_APPLICATION = 'root';
/** The folder of an environment (on the GitOps branch) that the root Application syncs. */
export const APPS_FOLDER = 'apps';
/** The API server of the cluster ArgoCD runs in: each environment has its own cluster and its own ArgoCD. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/**
 * What the root Application may deploy: ArgoCD's own kinds, into ArgoCD's namespace. ApplicationSets are included
 * because `apps/` holds the bridged add-ons' ApplicationSets; they add no power an Application does not already have
 * (each generated Application is checked against its own project).
 */
export const BOOTSTRAP_KINDS: readonly { readonly group: string; readonly kind: string }[] = [
  { group: 'argoproj.io', kind: 'AppProject' },
  { group: 'argoproj.io', kind: 'Application' },
  { group: 'argoproj.io', kind: 'ApplicationSet' },
];

export interface BootstrapMetadata {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface BootstrapProject {
  readonly apiVersion: 'argoproj.io/v1alpha1';
  readonly kind: 'AppProject';
  readonly metadata: BootstrapMetadata;
  readonly spec: {
    readonly description: string;
    readonly sourceRepos: readonly string[];
    readonly destinations: readonly { readonly server: string; readonly namespace: string }[];
    readonly namespaceResourceWhitelist: readonly { readonly group: string; readonly kind: string }[];
    /** EKS capability only: the namespace whose Applications may name this project (the capability requires it). */
    readonly sourceNamespaces?: readonly string[];
  };
}

export interface BootstrapApplication {
  readonly apiVersion: 'argoproj.io/v1alpha1';
  readonly kind: 'Application';
  readonly metadata: BootstrapMetadata;
  readonly spec: {
    readonly project: string;
    readonly source: {
      readonly repoURL: string;
      readonly targetRevision: string;
      readonly path: string;
      readonly directory: { readonly recurse: boolean };
    };
    readonly destination: { readonly server: string; readonly namespace: string };
    readonly syncPolicy: {
      readonly automated: { readonly prune: boolean; readonly selfHeal: boolean; readonly allowEmpty: boolean };
      readonly syncOptions: readonly string[];
      readonly retry: {
        readonly limit: number;
        readonly backoff: { readonly duration: string; readonly factor: number; readonly maxDuration: string };
      };
    };
  };
}

export interface ArgoCdBootstrap {
  readonly project: BootstrapProject;
  readonly root: BootstrapApplication;
}

/**
 * The `server` of every destination: the in-cluster API server for a self-managed ArgoCD, the cluster's ARN for the
 * EKS capability (which identifies clusters by ARN and does not support `kubernetes.default.svc`).
 */
export function argoCdDestinationServer(platform: Pick<ResolvedPlatform, 'gitops'>, env: Pick<ResolvedEnvironment, 'account' | 'region' | 'cluster'>): string {
  return usesArgoCdCapability(platform) ? eksClusterArn(env) : IN_CLUSTER_SERVER;
}

/** `spec.sourceNamespaces` of every AppProject: required by the EKS capability, left out self-managed. */
export function appProjectSourceNamespaces(platform: Pick<ResolvedPlatform, 'gitops'>): { sourceNamespaces?: string[] } {
  return usesArgoCdCapability(platform) ? { sourceNamespaces: [ARGOCD_CAPABILITY_NAMESPACE] } : {};
}

/** Path of an environment's `apps/` folder on the GitOps branch (what the root Application syncs). */
export function bootstrapAppsPath(platform: ResolvedPlatform, env: ResolvedEnvironment): string {
  return path.posix.join(platform.gitops.path, env.name, APPS_FOLDER);
}

/**
 * The root Application and its AppProject for one environment. Fresh objects on every call (callers may mutate
 * their copy); equal inputs give deeply equal outputs.
 */
export function argoCdBootstrap(platform: ResolvedPlatform, env: ResolvedEnvironment): ArgoCdBootstrap {
  const labels = {
    'app.kubernetes.io/part-of': platform.organization,
    'app.kubernetes.io/managed-by': 'paved',
    'paved.dev/environment': env.name,
  };
  const repoUrl = platform.gitops.repoUrl;
  const server = argoCdDestinationServer(platform, env);
  const project: BootstrapProject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name: BOOTSTRAP_PROJECT,
      namespace: ARGOCD_NAMESPACE,
      labels: { ...labels },
      // Like every project in apps/: synced before the Applications that name it.
      annotations: { 'argocd.argoproj.io/sync-wave': String(SYNC_WAVES.operators - 1) },
    },
    spec: {
      description: `Bootstrap of ${env.name}: the root Application syncs ArgoCD's own objects from the GitOps repository`,
      sourceRepos: [repoUrl],
      destinations: [{ server, namespace: ARGOCD_NAMESPACE }],
      // No clusterResourceWhitelist: without one, a project allows no cluster-scoped kind at all.
      namespaceResourceWhitelist: BOOTSTRAP_KINDS.map((k) => ({ group: k.group, kind: k.kind })),
      ...appProjectSourceNamespaces(platform),
    },
  };
  const root: BootstrapApplication = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    // No finalizer: deleting the root deletes nothing it deployed.
    metadata: { name: ROOT_APPLICATION, namespace: ARGOCD_NAMESPACE, labels: { ...labels } },
    spec: {
      project: BOOTSTRAP_PROJECT,
      source: { repoURL: repoUrl, targetRevision: platform.gitops.branch, path: bootstrapAppsPath(platform, env), directory: { recurse: false } },
      destination: { server, namespace: ARGOCD_NAMESPACE },
      syncPolicy: {
        automated: { prune: true, selfHeal: true, allowEmpty: false },
        syncOptions: ['PruneLast=true'],
        retry: { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
      },
    },
  };
  return { project, root };
}
