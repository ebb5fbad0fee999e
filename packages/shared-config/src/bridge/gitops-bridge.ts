import { ADDON_CATALOG, type AddonName } from '../addons/catalog';

/**
 * The GitOps bridge: Terraform (platform-infra) writes one ArgoCD cluster Secret per environment whose labels switch
 * add-ons on and whose annotations carry Terraform outputs; ArgoCD ApplicationSets (gitops-apps) read them. The key
 * set is defined here and nowhere else, so writer and reader cannot drift apart.
 */

/** Annotations every environment's cluster Secret carries. */
export const BRIDGE_ANNOTATIONS = {
  awsRegion: 'aws_region',
  awsAccountId: 'aws_account_id',
  clusterName: 'aws_cluster_name',
  vpcId: 'aws_vpc_id',
  environmentDomain: 'environment_domain',
  hostedZoneId: 'hosted_zone_id',
  gitopsRepoUrl: 'gitops_repo_url',
  gitopsRepoPath: 'gitops_repo_path',
  gitopsRepoRevision: 'gitops_repo_revision',
  veleroBucket: 'velero_bucket',
  lokiBucket: 'loki_bucket',
  secretsPrefix: 'aws_secrets_prefix',
} as const;
export type BridgeAnnotationName = keyof typeof BRIDGE_ANNOTATIONS;
export type BridgeAnnotationKey = (typeof BRIDGE_ANNOTATIONS)[BridgeAnnotationName];

/** Labels every environment's cluster Secret carries besides the add-on switches. */
export const BRIDGE_LABELS = {
  secretType: 'argocd.argoproj.io/secret-type',
  environment: 'environment',
  profile: 'profile',
} as const;

const snake = (s: string) => s.replace(/-/g, '_');

/** Label that switches an add-on on (`"true"`) for a cluster. */
export function addonEnabledLabel(addon: AddonName): string {
  return `enable_${snake(addon)}`;
}

/** Annotation carrying the ARN of the Pod Identity role of an add-on that needs AWS access. */
export function addonRoleArnAnnotation(addon: AddonName): string {
  return `${snake(addon)}_iam_role_arn`;
}

/** Annotation carrying the namespace an add-on is installed in. */
export function addonNamespaceAnnotation(addon: AddonName): string {
  return `${snake(addon)}_namespace`;
}

/** Annotation carrying the service account an add-on's pods run as (for add-ons with AWS access). */
export function addonServiceAccountAnnotation(addon: AddonName): string {
  return `${snake(addon)}_service_account`;
}

/** The complete key set for an environment with the given enabled add-ons, sorted. */
export function bridgeKeys(enabledAddons: readonly AddonName[]): { labels: string[]; annotations: string[] } {
  const labels = [...Object.values(BRIDGE_LABELS), ...enabledAddons.map(addonEnabledLabel)];
  const annotations: string[] = [...Object.values(BRIDGE_ANNOTATIONS)];
  for (const addon of enabledAddons) {
    annotations.push(addonNamespaceAnnotation(addon));
    if (ADDON_CATALOG[addon].awsServiceAccount) {
      annotations.push(addonRoleArnAnnotation(addon), addonServiceAccountAnnotation(addon));
    }
  }
  return { labels: [...labels].sort(), annotations: [...annotations].sort() };
}

/**
 * An ArgoCD ApplicationSet (cluster generator) template expression reading a bridge annotation. Using this instead of
 * a hand-written string keeps the reader on the typed key set.
 */
export function bridgeAnnotationRef(key: string): string {
  return `{{ index .metadata.annotations "${key}" }}`;
}
