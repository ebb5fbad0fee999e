import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderGitops } from '@paved/gitops-apps';
import { type CatalogEntity, type PlatformConfig, type ResolvedPlatform, resolvePlatform } from '@paved/shared-config';
import * as YAML from 'yaml';
import example from '../platform.config';
import { catalogOutputFiles, catalogProblems } from '../src/catalog/catalog-output';
import { CATALOG_FILE, catalogYaml } from '../src/catalog/catalog-yaml';
import { entityRef, KIND_ORDER, platformCatalog } from '../src/catalog/platform-catalog';
import { techdocsSite } from '../src/catalog/techdocs-site';
import { validateEntity } from '../src/catalog/validate-entity';
import { loadConfig } from '../src/config/load-config';
import { renderGeneratedDocs } from '../src/docs/generated-platform-docs';
import { checkConfig } from '../src/synth/check-config';

const ROOT = path.resolve(__dirname, '..');
const CONFIGS = [
  'platform.config.ts',
  ...fs.readdirSync(path.join(ROOT, 'examples')).sort()
    .filter((name) => fs.existsSync(path.join(ROOT, 'examples', name, 'platform.config.ts')))
    .map((name) => `examples/${name}/platform.config.ts`),
];

const resolved = new Map<string, ResolvedPlatform>();
function platformOf(config: string): ResolvedPlatform {
  if (!resolved.has(config)) resolved.set(config, resolvePlatform(checkConfig(loadConfig(config, ROOT)).config));
  return resolved.get(config)!;
}

test('the root example and every seed example are covered', () => {
  expect(CONFIGS.length).toBeGreaterThanOrEqual(4);
});

describe.each(CONFIGS)('catalog of %s', (config) => {
  const platform = () => platformOf(config);
  const entities = () => platformCatalog(platform());

  test('every entity is valid against the Backstage catalog model schemas', () => {
    for (const entity of entities()) {
      expect({ ref: entityRef(entity), problems: validateEntity(entity) }).toEqual({ ref: entityRef(entity), problems: [] });
    }
    expect(catalogProblems(entities())).toEqual([]);
  });

  test('no two entities share a ref, and every owner, system, domain and dependsOn names an entity of the output', () => {
    const refs = entities().map((e) => `${e.kind.toLowerCase()}:default/${e.metadata.name}`);
    expect(new Set(refs).size).toBe(refs.length);
    const targets = entities().flatMap((e) => [e.spec.owner, e.spec.system, e.spec.domain, ...((e.spec.dependsOn as string[] | undefined) ?? [])])
      .filter((t): t is string => typeof t === 'string');
    expect(targets.length).toBeGreaterThan(entities().length);
    for (const target of targets) expect(refs).toContain(target);
  });

  test('one Domain and one System; a Component per service; a Group per team and the platform team', () => {
    const p = platform();
    const kinds = entities().map((e) => e.kind);
    expect(kinds.filter((k) => k === 'Domain')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'System')).toHaveLength(1);
    const services = [...new Set(p.environments.flatMap((e) => e.services.map((s) => s.name)))].sort();
    expect(entities().filter((e) => e.kind === 'Component').map((e) => e.metadata.name)).toEqual(services);
    const teams = new Set(p.environments.flatMap((e) => e.services.map((s) => s.team)).filter((t) => t !== undefined));
    expect(kinds.filter((k) => k === 'Group')).toHaveLength(teams.size + 1);
    // Kinds in KIND_ORDER, names sorted within a kind.
    const ranks = entities().map((e) => KIND_ORDER.indexOf(e.kind as never));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  test('every Component carries the plugin annotations, its runtime type, owner and per-environment data stores', () => {
    const p = platform();
    for (const env of p.environments) {
      for (const service of env.services) {
        const c = entities().find((e) => e.kind === 'Component' && e.metadata.name === service.name)!;
        const a = c.metadata.annotations!;
        expect(a['argocd/app-name']).toBe(`service-${service.name}`);
        expect(a['backstage.io/kubernetes-id']).toBe(service.name);
        expect(a['backstage.io/kubernetes-label-selector']).toBe(`app.kubernetes.io/name=${service.name},app.kubernetes.io/part-of=${p.organization}`);
        expect(a['paved.dev/environments'].split(',')).toContain(env.name);
        const ci = p.ci.services.find((s) => s.service === service.name);
        expect(a['github.com/project-slug']).toBe(ci?.repository);
        expect(a['backstage.io/techdocs-ref']).toBe(ci ? `url:https://github.com/${ci.repository}/tree/${ci.branch}` : undefined);
        expect(c.spec.type).toBe(service.runtime === 'static-site' ? 'website' : service.kind === 'worker' ? 'worker' : service.kind === 'job' || service.kind === 'cron' ? 'job' : 'service');
        expect(c.spec.owner).toBe(`group:default/${service.team ? service.team.toLowerCase() : `${p.organization}-platform-team`}`);
        for (const store of service.dependsOn) expect(c.spec.dependsOn).toContain(`resource:default/${p.organization}-${env.name}-${store}`);
        if (service.ingress) expect(c.metadata.links).toContainEqual({ url: expect.stringMatching(new RegExp(`^https://${service.ingress.host.replace(/\./g, '\\.')}`)), title: `${service.name} (${env.name})` });
      }
    }
  });

  test('every data store is a Resource per environment, named by AWS in its annotations', () => {
    const p = platform();
    for (const env of p.environments) {
      const resource = (what: string) => entities().find((e) => e.kind === 'Resource' && e.metadata.name === `${p.organization}-${env.name}-${what}`);
      if (env.postgres) {
        expect(resource('postgres')?.metadata.annotations).toMatchObject({
          'paved.dev/aws-name': env.postgres.identifier,
          'paved.dev/aws-arn': `arn:aws:rds:${env.region}:${env.account}:db:${env.postgres.identifier}`,
          'paved.dev/environment': env.name,
        });
      } else {
        expect(resource('postgres')).toBeUndefined();
      }
      if (env.redis) {
        expect(resource('redis')?.metadata.annotations).toMatchObject({
          'paved.dev/aws-name': env.redis.replicationGroupId,
          'paved.dev/aws-arn': `arn:aws:elasticache:${env.region}:${env.account}:replicationgroup:${env.redis.replicationGroupId}`,
        });
      }
      expect(resource('cluster')?.metadata.annotations?.['paved.dev/aws-arn']).toBe(`arn:aws:eks:${env.region}:${env.account}:cluster/${env.cluster.name}`);
      for (const addon of env.addons) {
        expect(resource(addon.name)?.metadata.annotations).toMatchObject({ 'argocd/app-name': addon.name, 'paved.dev/helm-chart': expect.stringContaining(`${addon.chart}@${addon.version}`) });
      }
    }
  });

  test('the System points TechDocs and GitHub at the platform repository', () => {
    const system = entities().find((e) => e.kind === 'System')!;
    expect(system.metadata.annotations).toMatchObject({
      'github.com/project-slug': platform().ci.platformRepository,
      'backstage.io/techdocs-ref': `url:https://github.com/${platform().ci.platformRepository}/tree/main/docs/platform`,
    });
  });

  test('the file is the same bytes on every run, and parses back to the entities', () => {
    const first = catalogOutputFiles(platform());
    const again = catalogOutputFiles(resolvePlatform(checkConfig(loadConfig(config, ROOT)).config));
    expect(again).toEqual(first);
    expect(first.map((f) => f.path)).toEqual([CATALOG_FILE]);
    const docs = YAML.parseAllDocuments(first[0].content).map((d) => d.toJS());
    expect(docs).toEqual(JSON.parse(JSON.stringify(entities())));
  });
});

test('argocd/app-name names an Argo CD Application that gitops-apps renders, in every environment', () => {
  const p = platformOf('platform.config.ts');
  type Doc = { kind?: string; metadata?: { name?: string }; spec?: { template?: { metadata?: { name?: string } } } };
  const documents = renderGitops(p, p.environments.map((e) => e.name)).flatMap((f) => f.documents as unknown as Doc[]);
  // An ApplicationSet generates Applications named by its template (one per matching cluster secret).
  const applications = new Set([
    ...documents.filter((d) => d.kind === 'Application').map((d) => d.metadata!.name),
    ...documents.filter((d) => d.kind === 'ApplicationSet').map((d) => d.spec!.template!.metadata!.name),
  ]);
  const named = platformCatalog(p).map((e) => e.metadata.annotations?.['argocd/app-name']).filter((n): n is string => n !== undefined);
  expect(named.length).toBeGreaterThan(3);
  for (const name of named) expect(applications).toContain(name);
  // The Kubernetes plugin looks in the namespace the service's Application deploys to.
  type App = { kind?: string; metadata?: { name?: string }; spec?: { destination?: { namespace?: string } } };
  const destinations = new Map(renderGitops(p).flatMap((f) => f.documents as unknown as App[])
    .filter((d) => d.kind === 'Application').map((d) => [d.metadata!.name, d.spec?.destination?.namespace]));
  for (const c of platformCatalog(p).filter((e) => e.kind === 'Component')) {
    expect(destinations.get(c.metadata.annotations!['argocd/app-name'])).toBe(c.metadata.annotations!['backstage.io/kubernetes-namespace']);
  }
});

test('calls become dependsOn on the called Component; MSK becomes a Resource per environment', () => {
  const config: PlatformConfig = {
    ...example,
    environments: example.environments.map((e) => ({ ...e, data: { ...e.data, kafka: { mode: 'serverless' } } })),
    services: (example.services ?? []).map((s) => (s.name === 'web' ? { ...s, calls: ['api'] } : s.name === 'worker' ? { ...s, dependsOn: [...(s.dependsOn ?? []), 'kafka'] } : s)),
  } as PlatformConfig;
  const p = resolvePlatform(config);
  const entities = platformCatalog(p);
  expect(catalogProblems(entities)).toEqual([]);
  const component = (name: string) => entities.find((e) => e.kind === 'Component' && e.metadata.name === name)!;
  expect(component('web').spec.dependsOn).toEqual(['component:default/api']);
  expect(component('worker').spec.dependsOn).toEqual(expect.arrayContaining(p.environments.map((e) => `resource:default/northwind-${e.name}-kafka`)));
  for (const env of p.environments) {
    const msk = entities.find((e) => e.metadata.name === `northwind-${env.name}-kafka`)!;
    expect(msk.spec.type).toBe('message-broker');
    expect(msk.metadata.annotations?.['paved.dev/aws-name']).toBe(env.kafka!.clusterName);
  }
});

describe('validateEntity', () => {
  const component = (): CatalogEntity => JSON.parse(JSON.stringify(platformCatalog(platformOf('platform.config.ts')).find((e) => e.kind === 'Component')));

  test('a missing required field is named by its path', () => {
    const e = component();
    delete (e.spec as Record<string, unknown>).owner;
    expect(validateEntity(e)).toEqual(['spec.owner: is required']);
  });

  test('a key the Entity schema does not allow is rejected', () => {
    expect(validateEntity({ ...component(), extra: 1 })).toEqual(['extra: is not allowed here']);
  });

  test('a wrong type and an empty string are rejected', () => {
    const e = component();
    (e.spec as Record<string, unknown>).dependsOn = 'resource:x';
    (e.spec as Record<string, unknown>).lifecycle = '';
    expect(validateEntity(e)).toEqual(['spec.lifecycle: must not be shorter than 1 characters', 'spec.dependsOn: must be of type array']);
  });

  test('the field formats the schemas leave to the catalog: names, annotation keys and tags', () => {
    const e = component();
    (e.metadata as { name: string }).name = 'Orders Service';
    (e.metadata.annotations as Record<string, string>)['bad key/x'] = 'v';
    e.metadata.tags!.push('Not_A_Tag');
    expect(validateEntity(e)).toEqual([
      expect.stringMatching(/^metadata\.name: 'Orders Service' is not a valid entity name/),
      expect.stringMatching(/^metadata\.annotations\.bad key\/x: is not a valid annotation key/),
      expect.stringMatching(/^metadata\.tags: 'Not_A_Tag' is not a valid tag/),
    ]);
  });

  test('an unknown kind and the wrong apiVersion are rejected', () => {
    expect(validateEntity({ ...component(), kind: 'Template' })).toEqual([expect.stringMatching(/^kind: 'Template' is not a kind Paved writes/)]);
    expect(validateEntity({ ...component(), apiVersion: 'backstage.io/v2' })).toEqual(['apiVersion: must be one of backstage.io/v1alpha1, backstage.io/v1beta1']);
  });

  test('catalogProblems finds a dangling ref and a duplicate', () => {
    const entities = platformCatalog(platformOf('platform.config.ts'));
    const c = component();
    (c.spec as Record<string, unknown>).owner = 'group:default/nobody';
    expect(catalogProblems([...entities, c])).toEqual([
      `component:default/${c.metadata.name}: duplicate entity ref`,
      `component:default/${c.metadata.name}: spec.owner: 'group:default/nobody' names no entity of the catalog`,
    ]);
  });

  test('catalogYaml starts with a comment and separates every entity', () => {
    const text = catalogYaml(platformCatalog(platformOf('platform.config.ts')));
    expect(text.split('\n')[0]).toMatch(/^# /);
    expect(text.match(/^---$/gm)).toHaveLength(platformCatalog(platformOf('platform.config.ts')).length);
  });
});

test('techdocsSite: mkdocs.yml with the pages in nav, techdocs-core, and the pages under docs/', () => {
  const pages = [{ path: 'index.md', content: '# i\n' }, { path: 'dev.md', content: '# d\n' }, { path: 'cost.json', content: '{}' }];
  const files = techdocsSite(platformOf('platform.config.ts'), pages);
  expect(files.map((f) => f.path)).toEqual(['mkdocs.yml', 'docs/index.md', 'docs/dev.md']);
  const mkdocs = YAML.parse(files[0].content);
  expect(mkdocs).toEqual({
    site_name: 'northwind platform',
    site_description: expect.any(String),
    docs_dir: 'docs',
    nav: [{ Overview: 'index.md' }, { dev: 'dev.md' }],
    plugins: ['techdocs-core'],
  });
  expect(files[1].content).toBe('# i\n');
});

// MkDocs (Debian's `mkdocs`) where it is installed; techdocs-core is not, so the check drops the plugins line.
const mkdocs = spawnSync('mkdocs', ['--version'], { encoding: 'utf8' }).status === 0;
(mkdocs ? test : test.skip)('the paved docs folder builds with MkDocs --strict (mkdocs.yml at the top, pages under docs/)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-techdocs-'));
  try {
    for (const [file, content] of renderGeneratedDocs(ROOT, { config: 'platform.config.ts', outDir: 'docs/platform' })) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), file === 'mkdocs.yml' ? content.replace(/^plugins:[\s\S]*$/m, '') : content);
    }
    const build = spawnSync('mkdocs', ['build', '--strict', '-f', path.join(dir, 'mkdocs.yml'), '-d', path.join(dir, 'site')], { encoding: 'utf8' });
    expect({ status: build.status, stderr: build.status === 0 ? '' : build.stderr }).toEqual({ status: 0, stderr: '' });
    expect(fs.existsSync(path.join(dir, 'site', 'prod', 'index.html'))).toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Planted bug this catches: every Component typed `service`, whatever its workload kind.
test('component types follow the workload kind: worker, job (job and cron), website, service', () => {
  const extra = [
    { name: 'indexer', kind: 'worker', image: { repository: 'ghcr.io/acme/indexer', tag: '1.0.0' } },
    { name: 'nightly', kind: 'cron', schedule: '0 3 * * *', image: { repository: 'ghcr.io/acme/nightly', tag: '1.0.0' } },
    { name: 'seed', kind: 'job', image: { repository: 'ghcr.io/acme/seed', tag: '1.0.0' } },
  ];
  const config = { ...example, services: [...(example.services ?? []), ...extra] } as unknown as PlatformConfig;
  const types = Object.fromEntries(platformCatalog(resolvePlatform(config)).filter((e) => e.kind === 'Component').map((e) => [e.metadata.name, e.spec.type]));
  expect(types).toMatchObject({ indexer: 'worker', nightly: 'job', seed: 'job', api: 'service' });
});
