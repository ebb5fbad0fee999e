import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type PlatformConfig, resolvePlatform, type ServiceConfig, validatePlatform } from '@paved/shared-config';
import * as YAML from 'yaml';
import { CATALOG_INFO_FILE, DESCRIPTOR_FILE, PavedPythonService, PavedService, PavedStaticSite } from '../packages/service-blueprint/src';
import example from '../platform.config';
import { platformCatalog } from '../src/catalog/platform-catalog';

/**
 * One source of truth for a service's Backstage entity: a repository from the blueprint and the platform that deploys
 * it (its descriptor copied into the platform config, as CI proposes) write the same Component.
 */
const REQUIRED = { name: 'orders', organization: example.organization, team: 'core', awsAccount: '345678901234', awsRegion: 'eu-west-1' };

const PROJECTS = [
  ['PavedService with data stores and ingress', (outdir: string) => new PavedService({ ...REQUIRED, outdir, defaultReleaseBranch: 'main', postgres: true, redis: true, ingressHost: 'orders' })],
  ['PavedService in two environments', (outdir: string) => new PavedService({ ...REQUIRED, outdir, defaultReleaseBranch: 'main', environments: ['dev', 'prod'] })],
  ['PavedPythonService with PostgreSQL', (outdir: string) => new PavedPythonService({ ...REQUIRED, outdir, postgres: true })],
  // The descriptor's `migrate` (issue 16) is a services entry the platform accepts, rendered as its sync hook Job.
  ['PavedService with a migration', (outdir: string) => new PavedService({ ...REQUIRED, outdir, defaultReleaseBranch: 'main', postgres: true, migrate: { command: ['node', 'lib/migrate.js'] } })],
  ['PavedPythonService with a migration', (outdir: string) => new PavedPythonService({ ...REQUIRED, outdir, postgres: true, migrate: { command: ['alembic', 'upgrade', 'head'] } })],
  ['PavedStaticSite', (outdir: string) => new PavedStaticSite({ ...REQUIRED, outdir, ingressHost: 'app' })],
] as const;

// Projects synthesize into fresh temporary directories (never the cwd), without installing anything.
const outdirs: string[] = [];
let previousDisablePost: string | undefined;
beforeAll(() => {
  previousDisablePost = process.env.PROJEN_DISABLE_POST;
  process.env.PROJEN_DISABLE_POST = 'true';
});
afterAll(() => {
  if (previousDisablePost === undefined) delete process.env.PROJEN_DISABLE_POST;
  else process.env.PROJEN_DISABLE_POST = previousDisablePost;
  for (const dir of outdirs) fs.rmSync(dir, { recursive: true, force: true });
});

test.each(PROJECTS)('%s: catalog-info.yaml equals the platform catalog\'s Component for the service', (_, make) => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-catalog-blueprint-'));
  outdirs.push(outdir);
  make(outdir).synth();
  const descriptor = JSON.parse(fs.readFileSync(path.join(outdir, DESCRIPTOR_FILE), 'utf8')) as ServiceConfig;
  const fromRepository = YAML.parse(fs.readFileSync(path.join(outdir, CATALOG_INFO_FILE), 'utf8'));

  // The descriptor as the platform's only service; the environments it does not list disable it there.
  const listed = Object.keys(descriptor.environments ?? {});
  const config: PlatformConfig = {
    ...example,
    ci: { platformRepository: example.ci!.platformRepository },
    services: [{
      ...descriptor,
      image: { ...descriptor.image, tag: '1.0.0' },
      environments: Object.fromEntries(example.environments.map((e) =>
        [e.name, listed.includes(e.name) ? descriptor.environments![e.name] : { enabled: false }])),
    }],
  };
  expect(validatePlatform(config).errors).toEqual([]);
  const fromPlatform = platformCatalog(resolvePlatform(config)).find((e) => e.kind === 'Component' && e.metadata.name === descriptor.name)!;

  // Equal but for the endpoint links, which only the platform knows (the repository has no environment domains).
  const { links, ...metadata } = fromPlatform.metadata;
  expect({ ...fromPlatform, metadata }).toEqual(fromRepository);
  expect(links?.length ?? 0).toBe(descriptor.ingress ? listed.length : 0);
});
