import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ADDON_CATALOG, ARGOCD_CHART, type PlatformConfig } from '@paved/shared-config';
import example from '../platform.config';
import { CHART_SOURCES, valuesUrl } from '../src/addons-check/chart-sources';
import { checkChartValues, pavedChartValues } from '../src/addons-check/main';
import { mergeValues, undefinedKeyPaths } from '../src/addons-check/values-keys';

/** Issue 14: the key-path logic of `addons:check-values`, offline, on a tiny values.yaml. */
const SAMPLE = `
replicaCount: 1
server:
  ingress:
    enabled: false
  # name: ""
annotations: {}
config:
  cm:
    admin.enabled: true
extraArgs: []
`;

describe('undefinedKeyPaths', () => {
  const defaults = { replicaCount: 1, server: { ingress: { enabled: false } }, annotations: {}, config: { cm: { 'admin.enabled': true } }, extraArgs: [] };

  test('reports keys the chart does not define, and marks those documented in a comment', () => {
    const found = undefinedKeyPaths({ replicaCount: 2, server: { ingres: { enabled: true }, name: 'x' }, replicas: 3 }, defaults, SAMPLE);
    expect(found).toEqual([
      { path: 'server.ingres', commented: false },
      { path: 'server.name', commented: true },
      { path: 'replicas', commented: false },
    ]);
  });

  test('accepts anything below an empty map, a list, or a free-form path', () => {
    expect(undefinedKeyPaths({ annotations: { 'a/b': 'c' }, extraArgs: ['--x'] }, defaults)).toEqual([]);
    expect(undefinedKeyPaths({ config: { cm: { 'exec.enabled': false } } }, defaults)).toEqual([{ path: 'config.cm.exec.enabled', commented: false }]);
    expect(undefinedKeyPaths({ config: { cm: { 'exec.enabled': false } } }, defaults, '', ['config.cm'])).toEqual([]);
  });

  test('mergeValues unions environments deeply', () => {
    expect(mergeValues([{ a: { b: 1 } }, { a: { c: 2 }, d: [1] }])).toEqual({ a: { b: 1, c: 2 }, d: [1] });
  });
});

describe('checkChartValues', () => {
  test('reads <chart>-<version>.yaml from a directory and reports per chart; unreadable charts are skipped, not passed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-addons-check-'));
    try {
      fs.writeFileSync(path.join(dir, 'velero-1.0.0.yaml'), SAMPLE);
      const result = await checkChartValues([
        { chart: 'velero', version: '1.0.0', values: { replicaCount: 2, server: { ingress: { enabled: true, hosts: ['x'] } } } },
        { chart: 'alloy', version: '9.9.9', values: {} },
        { chart: 'unknown-chart', version: '1', values: {} },
      ], dir);
      expect(result.undefinedKeys).toBe(1);
      expect(result.skipped).toBe(2);
      expect(result.lines[0]).toBe('undefined: velero 1.0.0: server.ingress.hosts');
      expect(result.lines[1]).toMatch(/^skipped: alloy 9\.9\.9: values\.yaml could not be read/);
      expect(result.lines[2]).toMatch(/^skipped: unknown-chart 1: no values\.yaml source known/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pavedChartValues', () => {
  const charts = pavedChartValues(example as PlatformConfig);

  test('covers every catalog chart (add-ons off by default too) and Argo CD, at the pinned versions', () => {
    expect(charts.map((c) => `${c.chart}@${c.version}`).sort()).toEqual(
      [...Object.values(ADDON_CATALOG), ARGOCD_CHART].map((c) => `${c.chart}@${c.version}`).sort());
    expect(charts.find((c) => c.chart === 'alloy')!.values).toHaveProperty('controller.type', 'daemonset');
    expect(charts.find((c) => c.chart === 'argo-cd')!.values).toHaveProperty(['configs', 'cm', 'application.resourceTrackingMethod'], 'annotation');
  });

  test('every pinned chart has a values.yaml source at its tag', () => {
    for (const c of charts) expect({ chart: c.chart, known: CHART_SOURCES[c.chart] !== undefined }).toEqual({ chart: c.chart, known: true });
    expect(valuesUrl(CHART_SOURCES.alloy, '1.11.1')).toBe('https://raw.githubusercontent.com/grafana/alloy/helm-chart/1.11.1/operations/helm/charts/alloy/values.yaml');
  });
});
