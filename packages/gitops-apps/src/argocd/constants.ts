/** The API server of the cluster ArgoCD runs in: each environment has its own cluster and its own ArgoCD. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';

/** Deleting an Application with this finalizer deletes what it deployed. Services only: never CRDs or volumes. */
export const CASCADE_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/** The AppProject of platform add-ons (cluster-scoped kinds allowed). */
export const PLATFORM_PROJECT = 'platform';
/** The AppProject of the catalog's services (service namespaces and the GitOps repository only). */
export const SERVICES_PROJECT = 'services';

/** Retry with exponential backoff: 10 s, 20 s, 40 s … capped at 5 min, 10 attempts (about 25 minutes in all). */
export const RETRY = { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } } as const;
