import { renderGitops } from '@paved/gitops-apps';
import { ADDON_CATALOG, ADDON_NAMES, ARGOCD_CHART, DEFAULT_KUBERNETES_VERSION, EKS_MANAGED_ADDONS, findRetired, RELEASE_TRAINS, resolvePlatform, SUPPORTED_KUBERNETES_VERSIONS, type ComponentKind, type PlatformConfig } from '@paved/shared-config';
import { NODE_IMAGE, NODE_VERSION, PYTHON_IMAGE, UV_IMAGE } from '../packages/service-blueprint/src/versions';
import example from '../platform.config';

/**
 * Issue 14: nothing Paved pins may be retired or past end of life (packages/shared-config/src/versions/retired-components.ts):
 * charts, images in rendered values, API versions of rendered documents, EKS add-ons, Kubernetes versions and the
 * blueprint's Node runtime.
 */
interface Pin { readonly kind: ComponentKind; readonly name: string; readonly version?: string; readonly where: string }

/** `repo:tag` of an image reference (a registry port is not a tag). */
function splitImage(image: string): { name: string; version?: string } {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? { name: image.slice(0, at), version: image.slice(at + 1) } : { name: image };
}

function pins(): Pin[] {
  const out: Pin[] = [];
  for (const c of [...Object.values(ADDON_CATALOG), ARGOCD_CHART]) out.push({ kind: 'chart', name: c.chart, version: c.version, where: 'catalog' });
  // Every add-on on, so that add-ons off by default are rendered too.
  const config = structuredClone(example) as PlatformConfig & { environments: any[] };
  for (const env of config.environments) {
    env.addons = { ...env.addons, ...Object.fromEntries(ADDON_NAMES.map((n) => [n, { ...env.addons?.[n], enabled: true }])) };
  }
  for (const file of renderGitops(resolvePlatform(config))) {
    for (const doc of file.documents as any[]) {
      out.push({ kind: 'api', name: doc.apiVersion, where: file.path });
      const walk = (value: unknown): void => {
        if (Array.isArray(value)) {value.forEach(walk);} else if (value && typeof value === 'object') {
          for (const [k, v] of Object.entries(value)) {
            if (k === 'image' && typeof v === 'string') out.push({ kind: 'image', ...splitImage(v), where: file.path });
            walk(v);
          }
        }
      };
      walk(doc);
    }
  }
  for (const image of [NODE_IMAGE, PYTHON_IMAGE, UV_IMAGE]) out.push({ kind: 'image', ...splitImage(image), where: 'service-blueprint' });
  out.push({ kind: 'runtime', name: 'node', version: NODE_VERSION, where: 'service-blueprint NODE_VERSION' });
  for (const v of [...SUPPORTED_KUBERNETES_VERSIONS, DEFAULT_KUBERNETES_VERSION]) out.push({ kind: 'kubernetes', name: 'kubernetes', version: v, where: 'supported-versions' });
  // The EKS add-ons the cluster stack installs, at the build each release train pins (cluster-stack reads the same table).
  for (const train of RELEASE_TRAINS) {
    for (const name of EKS_MANAGED_ADDONS) out.push({ kind: 'eks-addon', name, version: train.eksAddons[name], where: `release train ${train.kubernetesVersion}` });
  }
  return out;
}

const all = pins();

test('no pinned component is retired or end of life', () => {
  const retired = all.map((p) => ({ ...p, retired: findRetired(p.kind, p.name, p.version) })).filter((p) => p.retired)
    .map((p) => `${p.where}: ${p.kind} ${p.name}${p.version ? ` ${p.version}` : ''} (retired ${p.retired!.retired}, ${p.retired!.source}): use ${p.retired!.instead}`);
  expect(retired).toEqual([]);
});

test('the scan sees every kind of pin', () => {
  const kinds = new Set(all.map((p) => p.kind));
  expect([...kinds].sort()).toEqual(['api', 'chart', 'eks-addon', 'image', 'kubernetes', 'runtime']);
  expect(all).toContainEqual(expect.objectContaining({ kind: 'image', name: 'velero/velero-plugin-for-aws' }));
  expect(all).toContainEqual(expect.objectContaining({ kind: 'api', name: 'external-secrets.io/v1' }));
  expect(all.filter((p) => p.kind === 'eks-addon').map((p) => p.name)).toContain('aws-ebs-csi-driver');
});
