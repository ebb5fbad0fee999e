import { ADDON_NAMES, resolvePlatform, type PlatformConfig } from '@paved/shared-config';
import example from '../../../platform.config';
import { renderGitops, validateRendered } from '../src';
import { schemaValidator } from '../src/validation/schema-validators';

/**
 * Issue 14 (add-on versions): External Secrets objects are `external-secrets.io/v1` (v1beta1 is not served since 0.17),
 * and the rendered documents pass schema validation at the new versions, every add-on on.
 */
const config = structuredClone(example) as PlatformConfig & { environments: any[] };
for (const env of config.environments) {
  env.addons = { ...env.addons, ...Object.fromEntries(ADDON_NAMES.map((n) => [n, { ...env.addons?.[n], enabled: true }])) };
}
const platform = resolvePlatform(config);
const files = renderGitops(platform);
const docs = files.flatMap((f) => f.documents) as any[];

test('every External Secrets object is external-secrets.io/v1, and nothing mentions v1beta1', () => {
  const eso = docs.filter((d) => d.apiVersion.startsWith('external-secrets.io/'));
  expect(eso.length).toBeGreaterThan(10);
  expect([...new Set(eso.map((d) => d.apiVersion))]).toEqual(['external-secrets.io/v1']);
  expect(JSON.stringify(docs)).not.toContain('external-secrets.io/v1beta1');
});

test('the rendered tree validates at the new versions (ESO v1, Argo CD Application/AppProject/ApplicationSet)', () => {
  expect(validateRendered(files, platform.gitops.path)).toEqual([]);
  const kinds = new Set(docs.map((d) => `${d.apiVersion}/${d.kind}`));
  for (const k of ['argoproj.io/v1alpha1/Application', 'argoproj.io/v1alpha1/AppProject', 'argoproj.io/v1alpha1/ApplicationSet', 'external-secrets.io/v1/SecretStore']) {
    expect(kinds).toContain(k);
  }
});

test('the v1 validator checks the schema, and v1beta1 documents are rejected as not served', () => {
  const store = docs.find((d) => d.kind === 'SecretStore');
  const v1 = schemaValidator('external-secrets.io/v1', 'SecretStore')!;
  expect(() => v1(store)).not.toThrow();
  // A wrong type is caught by the v1 CRD schema of the pinned chart (src/validation/schemas).
  expect(() => v1({ ...store, spec: { ...store.spec, refreshInterval: 'x', provider: 'aws' } })).toThrow();
  expect(() => schemaValidator('external-secrets.io/v1beta1', 'SecretStore')!({ ...store, apiVersion: 'external-secrets.io/v1beta1' }))
    .toThrow(/not served since External Secrets 0\.17/);
});
