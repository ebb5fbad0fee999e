import { ADDON_CATALOG, ARGOCD_CHART, findRetired, RETIRED_COMPONENTS, SUPPORTED_KUBERNETES_VERSIONS, versionBelow } from '../src';

describe('retired components', () => {
  test('the versions Paved used to pin are caught', () => {
    expect(findRetired('chart', 'promtail', '6.16.6')?.retired).toBe('2026-03-02');
    expect(findRetired('chart', 'ingress-nginx', '4.12.0')).toBeDefined();
    expect(findRetired('chart', 'argo-cd', '7.7.14')).toBeDefined();
    expect(findRetired('chart', 'external-secrets', '0.12.1')).toBeDefined();
    expect(findRetired('api', 'external-secrets.io/v1beta1')).toBeDefined();
    expect(findRetired('runtime', 'node', '20.19.0')?.retired).toBe('2026-04-30');
    expect(findRetired('kubernetes', 'kubernetes', '1.31')).toBeDefined();
    expect(findRetired('image', 'grafana/agent', 'v0.44.2')).toBeDefined();
  });

  test('current versions are not', () => {
    expect(findRetired('chart', 'argo-cd', '8.0.0')).toBeUndefined();
    expect(findRetired('chart', 'external-secrets', '0.17.0')).toBeUndefined();
    expect(findRetired('api', 'external-secrets.io/v1')).toBeUndefined();
    expect(findRetired('runtime', 'node', '22.0.0')).toBeUndefined();
    expect(findRetired('kubernetes', 'kubernetes', '1.32')).toBeUndefined();
  });

  test('version order is numeric, not lexical', () => {
    expect(versionBelow('v1.9.0', 'v1.10.0')).toBe(true);
    expect(versionBelow('10.1.1', '8.0.0')).toBe(false);
    expect(versionBelow('1.32', '1.32.0')).toBe(false);
  });

  test('every entry says when, where from, and what instead', () => {
    for (const r of RETIRED_COMPONENTS) {
      expect({ name: r.name, retired: /^\d{4}-\d{2}(-\d{2})?$/.test(r.retired), source: r.source.startsWith('https://'), instead: r.instead.length > 0 })
        .toEqual({ name: r.name, retired: true, source: true, instead: true });
    }
  });

  test('no catalog chart, Argo CD chart or supported Kubernetes version is retired', () => {
    const charts = [...Object.values(ADDON_CATALOG), ARGOCD_CHART].map((c) => ({ chart: c.chart, version: c.version, retired: findRetired('chart', c.chart, c.version) }));
    expect(charts.filter((c) => c.retired)).toEqual([]);
    expect(SUPPORTED_KUBERNETES_VERSIONS.filter((v) => findRetired('kubernetes', 'kubernetes', v))).toEqual([]);
  });
});
