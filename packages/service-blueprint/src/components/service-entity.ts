// One source of truth for a service's Backstage entity. This file has no imports on purpose: the service blueprint (a
// jsii module, which takes no workspace dependencies) carries a byte-identical copy in
// packages/service-blueprint/src/components/service-entity.ts, and the workspace tests keep the two equal.

/** `apiVersion` of every entity Paved writes. */
export const CATALOG_API_VERSION = 'backstage.io/v1alpha1';

/** Annotation keys Paved sets beyond Backstage's well-known ones. */
export const CATALOG_ANNOTATIONS = {
  environment: 'paved.dev/environment',
  environments: 'paved.dev/environments',
  runtime: 'paved.dev/runtime',
  awsArn: 'paved.dev/aws-arn',
  awsName: 'paved.dev/aws-name',
  helmChart: 'paved.dev/helm-chart',
} as const;

/** A link of an entity's `metadata.links`. */
export interface CatalogLink {
  readonly url: string;
  readonly title: string;
}

/** A Backstage descriptor entity as Paved writes it (the fields it uses; the schemas allow more). */
export interface CatalogEntity {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly title?: string;
    readonly description?: string;
    readonly annotations?: { readonly [key: string]: string };
    readonly tags?: string[];
    readonly links?: CatalogLink[];
  };
  readonly spec: { readonly [key: string]: unknown };
}

/** What a service's entity is built from: the facts the platform config and the service blueprint both hold. */
export interface ServiceEntityInput {
  /** The platform organization (`<org>` of every name). */
  readonly organization: string;
  /** The service name (a DNS label). */
  readonly name: string;
  /**
   * Team that owns the service.
   * @default - the platform team (`defaultGroupName(organization)`)
   */
  readonly team?: string;
  /** `node`, `python` or `static-site`. */
  readonly runtime: string;
  /**
   * The workload kind (`web`, `worker`, `stateful`, `job`, `cron`).
   * @default 'web'
   */
  readonly kind?: string;
  /** Environments the service runs in, in platform order. */
  readonly environments: readonly string[];
  /** Data stores the service uses (`postgres`, `redis`, `kafka`): one Resource per environment each. */
  readonly dependsOn: readonly string[];
  /**
   * Other services of the platform this one sends requests to.
   * @default - none
   */
  readonly calls?: readonly string[];
  /**
   * GitHub repository (`owner/name`) of the service's source.
   * @default - no source annotations
   */
  readonly repository?: string;
  /**
   * Branch of `repository` that TechDocs reads.
   * @default 'main'
   */
  readonly branch?: string;
  /**
   * Endpoints of the service (its ingress host per environment).
   * @default - none
   */
  readonly links?: readonly CatalogLink[];
}

/**
 * A Backstage entity name from free text (team names may hold spaces and dots): lowercase, runs of other characters
 * to one hyphen, at most 63 characters, starting and ending with a letter or digit (the catalog's name rule).
 */
export function catalogName(text: string): string {
  const name = text.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').slice(0, 63).replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return name === '' ? 'unnamed' : name;
}

/** The group that owns the platform itself, and the services that name no team. */
export function defaultGroupName(organization: string): string {
  return catalogName(`${organization}-platform-team`);
}

/** The Group owning a service: its team's, or the platform team's. */
export function ownerGroupName(organization: string, team: string | undefined): string {
  return team === undefined ? defaultGroupName(organization) : catalogName(team);
}

/** The System every entity of the platform belongs to. */
export function systemName(organization: string): string {
  return catalogName(`${organization}-platform`);
}

/** The Resource of a data store in one environment: `<org>-<env>-postgres`. */
export function dataStoreResourceName(organization: string, environment: string, store: string): string {
  return catalogName(`${organization}-${environment}-${store}`);
}

/** The Argo CD Application that deploys a service (the same name in every environment's Argo CD). */
export function serviceApplicationName(service: string): string {
  return `service-${service}`;
}

/**
 * Backstage's component type: a static site is a `website`; a workload without a listener of its own is a `worker`
 * (`worker`) or a `job` (`job`, `cron`), so portal users can filter them apart; everything else is a `service`.
 */
export function componentType(runtime: string, kind?: string): string {
  if (runtime === 'static-site') return 'website';
  if (kind === 'worker') return 'worker';
  if (kind === 'job' || kind === 'cron') return 'job';
  return 'service';
}

/**
 * The service as a Backstage `Component`: one entity for every environment (the environments are an annotation, the
 * Kubernetes and Argo CD plugins find the workloads in every cluster by label and Application name), owned by its
 * team's Group, in the platform's System, depending on the data store Resource of every environment it runs in.
 */
export function serviceEntity(input: ServiceEntityInput): CatalogEntity {
  const org = input.organization;
  const annotations: { [key: string]: string } = {
    'argocd/app-name': serviceApplicationName(input.name),
    'backstage.io/kubernetes-id': input.name,
    // The workloads carry the app.kubernetes.io labels, not a backstage.io/kubernetes-id label: the selector finds them.
    'backstage.io/kubernetes-label-selector': `app.kubernetes.io/name=${input.name},app.kubernetes.io/part-of=${org}`,
    'backstage.io/kubernetes-namespace': input.name,
    [CATALOG_ANNOTATIONS.environments]: input.environments.join(','),
    [CATALOG_ANNOTATIONS.runtime]: input.runtime,
  };
  if (input.repository !== undefined) {
    annotations['backstage.io/source-location'] = `url:https://github.com/${input.repository}/tree/${input.branch ?? 'main'}/`;
    annotations['backstage.io/techdocs-ref'] = `url:https://github.com/${input.repository}/tree/${input.branch ?? 'main'}`;
    annotations['github.com/project-slug'] = input.repository;
  }
  const dependsOn = [
    ...[...(input.calls ?? [])].sort().map((service) => `component:default/${catalogName(service)}`),
    ...input.environments.flatMap((env) => [...input.dependsOn].sort().map((store) => `resource:default/${dataStoreResourceName(org, env, store)}`)),
  ];
  return {
    apiVersion: CATALOG_API_VERSION,
    kind: 'Component',
    metadata: {
      name: catalogName(input.name),
      description: `${input.name}: a ${input.runtime} ${componentType(input.runtime, input.kind)} of the ${org} platform, deployed by Paved.`,
      annotations: sortedRecord(annotations),
      tags: ['paved', catalogName(input.runtime)],
      ...(input.links && input.links.length > 0 ? { links: input.links.map((l) => ({ url: l.url, title: l.title })) } : {}),
    },
    spec: {
      type: componentType(input.runtime, input.kind),
      lifecycle: 'production',
      owner: `group:default/${ownerGroupName(org, input.team)}`,
      system: `system:default/${systemName(org)}`,
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
    },
  };
}

/** A copy with the keys in code-point order: annotations come out in the same order from every writer. */
export function sortedRecord(record: { readonly [key: string]: string }): { [key: string]: string } {
  const sorted: { [key: string]: string } = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key];
  return sorted;
}
