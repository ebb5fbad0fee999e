import * as fs from 'node:fs';
import * as path from 'node:path';
import { DB_PROVISIONER_IMAGES } from '@paved/gitops-apps';
import { ADDON_CATALOG, ARGOCD_CHART, EKS_MANAGED_ADDONS, GATEWAY_API_CRDS, RELEASE_TRAINS } from '@paved/shared-config';
import * as blueprint from '../packages/service-blueprint/src/versions';
import { RENOVATE_CONFIG } from '../projenrc/renovate';
import { ROOT } from './support/run-paved';

/**
 * Renovate can only propose a new pin it finds. This applies the regex managers of renovate.json to the sources, as
 * Renovate does (each match string with the `g` flag over every file the manager's patterns select), and compares the
 * matches with the pins of the release trains, the add-on catalog and the service blueprint: every pin must be found
 * by exactly one manager, and nothing else may be found.
 */
interface Manager {
  readonly managerFilePatterns: string[];
  readonly matchStrings: string[];
  readonly datasourceTemplate: string;
  readonly depNameTemplate?: string;
}

interface Pin {
  readonly datasource: string;
  readonly depName?: string;
  readonly packageName?: string;
  readonly registryUrl?: string;
  readonly currentValue: string;
  readonly file: string;
}

const renovate = JSON.parse(fs.readFileSync(path.join(ROOT, 'renovate.json'), 'utf8')) as { customManagers: Manager[] };

/** Source files a manager may read: TypeScript under the packages' and the CLI's src/. */
function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts')) files.push(rel);
    }
  };
  for (const p of fs.readdirSync(path.join(ROOT, 'packages'))) if (fs.existsSync(path.join(ROOT, 'packages', p, 'src'))) walk(`packages/${p}/src`);
  walk('src');
  return files;
}

/** `/regex/` patterns as Renovate reads them. */
const pattern = (p: string) => new RegExp(/^\/(.*)\/$/.exec(p)![1]);

function matches(): Pin[] {
  const files = sourceFiles();
  const found: Pin[] = [];
  for (const m of renovate.customManagers) {
    for (const file of files.filter((f) => m.managerFilePatterns.some((p) => pattern(p).test(f)))) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (const s of m.matchStrings) {
        for (const match of text.matchAll(new RegExp(s, 'g'))) {
          const g = match.groups ?? {};
          found.push(clean({
            datasource: m.datasourceTemplate,
            depName: g.depName ?? m.depNameTemplate,
            packageName: g.packageName,
            registryUrl: g.registryUrl,
            currentValue: g.currentValue,
            file,
          }));
        }
      }
    }
  }
  return found;
}

function clean(pin: Pin): Pin {
  return Object.fromEntries(Object.entries(pin).filter(([, v]) => v !== undefined)) as unknown as Pin;
}

const image = (ref: string, file: string): Pin => {
  const at = ref.lastIndexOf(':');
  return { datasource: 'docker', depName: ref.slice(0, at), currentValue: ref.slice(at + 1), file };
};

function expectedPins(): Pin[] {
  const catalog = 'packages/shared-config/src/addons/catalog.ts';
  const trains = 'packages/shared-config/src/versions/release-train.ts';
  const versions = 'packages/service-blueprint/src/versions.ts';
  const observability = 'packages/gitops-apps/src/addons/observability.ts';
  const velero = /'(velero\/velero-plugin-for-aws:[^']+)'/.exec(fs.readFileSync(path.join(ROOT, observability), 'utf8'))![1];
  return [
    ...[...Object.values(ADDON_CATALOG), ARGOCD_CHART].map((c) => ({ datasource: 'helm', depName: c.chart, registryUrl: c.repoUrl, currentValue: c.version, file: catalog })),
    { datasource: 'github-tags', depName: GATEWAY_API_CRDS.repoUrl.replace('https://github.com/', ''), currentValue: GATEWAY_API_CRDS.version, file: catalog },
    ...RELEASE_TRAINS.flatMap((t) => EKS_MANAGED_ADDONS.flatMap((name) => {
      const build = t.eksAddons[name];
      return build ? [{ datasource: 'aws-eks-addon', packageName: JSON.stringify({ kubernetesVersion: t.kubernetesVersion, addonName: name }), currentValue: build, file: trains }] : [];
    })),
    ...[blueprint.PYTHON_IMAGE, blueprint.NGINX_IMAGE, blueprint.POSTGRES_IMAGE, blueprint.REDIS_IMAGE].map((ref) => image(ref, versions)),
    ...Object.values(DB_PROVISIONER_IMAGES).map((ref) => image(ref, 'packages/gitops-apps/src/services/db-provisioner.ts')),
    image(velero, observability),
    { datasource: 'node-version', depName: 'node', currentValue: blueprint.NODE_VERSION, file: versions },
    { datasource: 'github-releases', depName: 'astral-sh/uv', currentValue: blueprint.UV_VERSION, file: versions },
  ];
}

const key = (p: Pin) => JSON.stringify(clean(p), Object.keys(clean(p)).sort());

describe('renovate.json', () => {
  test('is what projenrc/renovate.ts writes (run `npx tsx .projenrc.ts` after changing it)', () => {
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'renovate.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(RENOVATE_CONFIG)));
  });

  test('every pin of the release trains, the catalog and the blueprint is matched by exactly one manager, and nothing else', () => {
    const found = matches().map(key).sort();
    const expected = expectedPins().map(key).sort();
    expect(found).toEqual(expected);
    expect(new Set(found).size).toBe(found.length);
  });

  test('the release trains pin the catalog charts that the helm manager updates', () => {
    const helm = new Set(matches().filter((p) => p.datasource === 'helm').map((p) => `${p.depName}@${p.currentValue}`));
    for (const t of RELEASE_TRAINS) for (const c of Object.values(t.charts)) expect(helm).toContain(`${c.chart}@${c.version}`);
  });

  test('the EKS add-on filter of each pin names its own train and add-on', () => {
    const text = fs.readFileSync(path.join(ROOT, 'packages/shared-config/src/versions/release-train.ts'), 'utf8');
    const filters = [...text.matchAll(/eksAddonsFilter=(\{.*\})\n\s*'([a-z-]+)':/g)].map((m) => [JSON.parse(m[1]).addonName, m[2]]);
    expect(filters.length).toBeGreaterThan(0);
    for (const [named, field] of filters) expect(named).toBe(field);
  });
});
