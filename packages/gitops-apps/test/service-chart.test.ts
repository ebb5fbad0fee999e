import { resolvePlatform } from '@paved/shared-config';
import { parse } from 'yaml';
import example from '../../../platform.config';
import { chartVersionFor, escapeHelmTemplate, renderGitops, serviceChart, toYaml } from '../src';

/** What Helm's template engine does with the only actions the escaped text contains: print a string literal. */
const renderLiterals = (template: string) => template.replace(/\{\{ "((?:[^"\\]|\\.)*)" \}\}/g, (_, literal: string) => literal);

describe('service chart', () => {
  const manifests = renderGitops(resolvePlatform(example), ['prod']).find((f) => f.path === 'prod/services/api/manifests.yaml')!;
  const files = serviceChart({ service: 'api', environment: 'prod', manifests, version: '1.14.2', appVersion: '1.14.2' });
  const file = (p: string) => files.find((f) => f.path === p)!.content;

  test('Chart.yaml is apiVersion v2 with a semver version', () => {
    expect(parse(file('Chart.yaml'))).toMatchObject({ apiVersion: 'v2', name: 'api', version: '1.14.2', type: 'application' });
  });

  test('Prometheus and External Secrets templates are escaped and come out of Helm unchanged', () => {
    const template = file('templates/manifests.yaml');
    // Every action left in the template prints a literal: nothing for Helm to evaluate.
    expect(template.replace(/\{\{ "(\{\{|\}\})" \}\}/g, '')).not.toMatch(/\{\{|\}\}/);
    expect(renderLiterals(template)).toBe(toYaml(manifests.documents));
    expect(toYaml(manifests.documents)).toContain('{{ $labels');
  });

  test('escaping is one pass', () => {
    expect(escapeHelmTemplate('a {{ .x }} b')).toBe('a {{ "{{" }} .x {{ "}}" }} b');
  });

  test('chart versions follow the image tag when it is semver', () => {
    expect(chartVersionFor('1.14.2')).toBe('1.14.2');
    expect(chartVersionFor('v2.0.0-rc.1')).toBe('2.0.0-rc.1');
    expect(chartVersionFor('sha256:abc')).toBe('0.0.0-sha256-abc');
    expect(() => serviceChart({ service: 'api', environment: 'prod', manifests, version: 'latest', appVersion: 'latest' })).toThrow(/not semver/);
  });
});
