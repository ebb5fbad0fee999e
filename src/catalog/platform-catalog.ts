import {
  CATALOG_ANNOTATIONS,
  CATALOG_API_VERSION,
  type CatalogEntity,
  catalogName,
  dataStoreResourceName,
  defaultGroupName,
  ownerGroupName,
  type ResolvedEnvironment,
  type ResolvedPlatform,
  type ResolvedService,
  serviceEntity,
  sortedRecord,
  systemName,
} from '@paved/shared-config';

/** Kinds in the order the catalog file lists them: containers before what they contain. */
export const KIND_ORDER = ['Domain', 'System', 'Group', 'Component', 'Resource'] as const;

/** The platform's Domain (the organization) and System (what Paved deploys for it). */
export const domainName = (organization: string) => catalogName(organization);

/**
 * Every entity of the platform, in `KIND_ORDER` and by name within a kind: a Domain and a System for the platform,
 * a Group per team (and the platform team), a Component per service (one for all environments), and a Resource per
 * environment for its cluster, data stores and add-ons.
 */
export function platformCatalog(platform: ResolvedPlatform): CatalogEntity[] {
  const org = platform.organization;
  const system = `system:default/${systemName(org)}`;
  const platformTeam = `group:default/${defaultGroupName(org)}`;
  const services = servicesOf(platform);

  const entities: CatalogEntity[] = [
    {
      apiVersion: CATALOG_API_VERSION,
      kind: 'Domain',
      metadata: { name: domainName(org), description: `Everything the ${org} platform runs.` },
      spec: { owner: platformTeam },
    },
    systemEntity(platform),
    ...groupEntities(platform, services),
    ...services.map(({ service, environments }) => serviceEntity({
      organization: org,
      name: service.name,
      team: service.team,
      runtime: service.runtime,
      kind: service.kind,
      environments: environments.map((e) => e.name),
      dependsOn: service.dependsOn,
      // Calls to other services of the catalog (not to third-party charts, which are no entities here).
      calls: [...new Set(environments.flatMap((e) => e.services.find((s) => s.name === service.name)!.calls.map((c) => c.service)))]
        .filter((callee) => services.some((other) => other.service.name === callee)),
      ...ciSource(platform, service.name),
      links: environments.flatMap((e) => {
        const ingress = e.services.find((s) => s.name === service.name)!.ingress;
        return ingress ? [{ url: `https://${ingress.host}${ingress.path === '/' ? '' : ingress.path}`, title: `${service.name} (${e.name})` }] : [];
      }),
    })),
    ...platform.environments.flatMap((env) => environmentResources(platform, env, system, platformTeam)),
  ];
  return sortEntities(entities);
}

/** Each service once, with the environments it runs in (platform order); catalog order of first appearance. */
function servicesOf(platform: ResolvedPlatform): { service: ResolvedService; environments: ResolvedEnvironment[] }[] {
  const byName = new Map<string, { service: ResolvedService; environments: ResolvedEnvironment[] }>();
  for (const env of platform.environments) {
    for (const service of env.services) {
      const entry = byName.get(service.name) ?? { service, environments: [] };
      entry.environments.push(env);
      byName.set(service.name, entry);
    }
  }
  return [...byName.values()];
}

function systemEntity(platform: ResolvedPlatform): CatalogEntity {
  const org = platform.organization;
  const repo = platform.ci.platformRepository;
  return {
    apiVersion: CATALOG_API_VERSION,
    kind: 'System',
    metadata: {
      name: systemName(org),
      title: `${org} platform`,
      description: `The ${org} platform: ${platform.environments.map((e) => e.name).join(', ')}, deployed by Paved from ${repo}.`,
      annotations: sortedRecord({
        [CATALOG_ANNOTATIONS.environments]: platform.environments.map((e) => e.name).join(','),
        'backstage.io/source-location': `url:https://github.com/${repo}/tree/main/`,
        // `paved docs` writes docs/platform with its mkdocs.yml (the TechDocs site of the platform).
        'backstage.io/techdocs-ref': `url:https://github.com/${repo}/tree/main/docs/platform`,
        'github.com/project-slug': repo,
      }),
      links: [
        { url: `https://github.com/${repo}`, title: 'Platform repository' },
        { url: platform.gitops.repoUrl.replace(/\.git$/, ''), title: `GitOps repository (branch ${platform.gitops.branch})` },
      ],
    },
    spec: { owner: `group:default/${defaultGroupName(org)}`, domain: `domain:default/${domainName(org)}` },
  };
}

function groupEntities(platform: ResolvedPlatform, services: readonly { service: ResolvedService }[]): CatalogEntity[] {
  const org = platform.organization;
  const groups = new Map<string, string>([[defaultGroupName(org), `${org} platform team`]]);
  for (const { service } of services) {
    if (service.team !== undefined && !groups.has(ownerGroupName(org, service.team))) groups.set(ownerGroupName(org, service.team), service.team);
  }
  return [...groups].map(([name, displayName]) => ({
    apiVersion: CATALOG_API_VERSION,
    kind: 'Group',
    metadata: { name, description: `Owner of ${org} platform entities (from the Paved config).` },
    spec: { type: 'team', profile: { displayName }, children: [] },
  }));
}

/** The AWS partition of a region (ARNs differ in GovCloud and China). */
function partition(region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

/** The cluster, its data stores and add-ons in one environment, each named `<org>-<env>-<what>`. */
function environmentResources(platform: ResolvedPlatform, env: ResolvedEnvironment, system: string, owner: string): CatalogEntity[] {
  const org = platform.organization;
  const arn = (service: string, resource: string) => `arn:${partition(env.region)}:${service}:${env.region}:${env.account}:${resource}`;
  const clusterRef = `resource:default/${dataStoreResourceName(org, env.name, 'cluster')}`;
  const resource = (what: string, type: string, description: string, annotations: Record<string, string>, dependsOn?: string[]): CatalogEntity => ({
    apiVersion: CATALOG_API_VERSION,
    kind: 'Resource',
    metadata: {
      name: dataStoreResourceName(org, env.name, what),
      description,
      annotations: sortedRecord({ [CATALOG_ANNOTATIONS.environment]: env.name, ...annotations }),
      tags: ['paved', catalogName(env.name)],
    },
    spec: { type, owner, system, ...(dependsOn ? { dependsOn } : {}) },
  });
  const entities = [
    resource('cluster', 'kubernetes-cluster', `EKS cluster ${env.cluster.name} (Kubernetes ${env.cluster.kubernetesVersion}) of ${env.name}.`, {
      [CATALOG_ANNOTATIONS.awsName]: env.cluster.name,
      [CATALOG_ANNOTATIONS.awsArn]: arn('eks', `cluster/${env.cluster.name}`),
    }),
  ];
  if (env.postgres) {
    entities.push(resource('postgres', 'database', `RDS PostgreSQL ${env.postgres.engineVersion} (${env.postgres.instanceClass}) of ${env.name}.`, {
      [CATALOG_ANNOTATIONS.awsName]: env.postgres.identifier,
      [CATALOG_ANNOTATIONS.awsArn]: arn('rds', `db:${env.postgres.identifier}`),
    }));
  }
  if (env.redis) {
    entities.push(resource('redis', 'cache', `ElastiCache Redis ${env.redis.engineVersion} (${env.redis.nodeType}) of ${env.name}.`, {
      [CATALOG_ANNOTATIONS.awsName]: env.redis.replicationGroupId,
      [CATALOG_ANNOTATIONS.awsArn]: arn('elasticache', `replicationgroup:${env.redis.replicationGroupId}`),
    }));
  }
  if (env.kafka) {
    const k = env.kafka;
    // The cluster ARN ends in a UUID MSK assigns at creation: only the name is known here.
    entities.push(resource('kafka', 'message-broker', `Amazon MSK ${k.mode === 'serverless' ? 'Serverless' : `Kafka ${k.version} (${k.brokers} x ${k.instanceType})`} of ${env.name}.`, {
      [CATALOG_ANNOTATIONS.awsName]: k.clusterName,
    }));
  }
  for (const addon of env.addons) {
    entities.push(resource(addon.name, 'kubernetes-addon', `${addon.description} Helm chart ${addon.chart} ${addon.version} in namespace ${addon.namespace} of ${env.name}.`, {
      'argocd/app-name': addon.name,
      'backstage.io/kubernetes-namespace': addon.namespace,
      [CATALOG_ANNOTATIONS.helmChart]: `${addon.repoUrl} ${addon.chart}@${addon.version}`,
    }, [clusterRef]));
  }
  return entities;
}

/** `kind:namespace/name` of an entity (Paved writes every entity in the default namespace). */
export function entityRef(entity: CatalogEntity): string {
  return `${entity.kind.toLowerCase()}:default/${entity.metadata.name}`;
}

/** `KIND_ORDER`, then names in code-point order: the same bytes on every run. */
function sortEntities(entities: CatalogEntity[]): CatalogEntity[] {
  const rank = (e: CatalogEntity) => KIND_ORDER.indexOf(e.kind as (typeof KIND_ORDER)[number]);
  return [...entities].sort((a, b) => rank(a) - rank(b) || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

/** The service's repository and branch (its CI identity), looked up once. */
function ciSource(platform: ResolvedPlatform, service: string): { repository?: string; branch?: string } {
  const ci = platform.ci.services.find((c) => c.service === service);
  return { repository: ci?.repository, branch: ci?.branch };
}
