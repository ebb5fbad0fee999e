import { ALL_RULES, runChecks, type CheckInput } from '../src';

/** PAVED-ARGO-013 (issue 14): retired charts, images and External Secrets API versions in the output are errors. */
const rule = ALL_RULES.find((r) => r.id === 'PAVED-ARGO-013')!;

function doc(kind: string, name: string, object: Record<string, unknown>, namespace = 'argocd') {
  const file = `gitops/prod/apps/${name}.yaml`;
  const apiVersion = object.apiVersion as string;
  return {
    environment: 'prod',
    file,
    line: 1,
    apiVersion,
    kind,
    name,
    namespace,
    address: `${file}#${kind}/${namespace}/${name}`,
    object: { apiVersion, kind, metadata: { name, namespace }, ...object },
  };
}

const input = (documents: ReturnType<typeof doc>[]): CheckInput => ({ environments: [{ name: 'prod', profile: 'production' }], stacks: [], documents });
const problems = (documents: ReturnType<typeof doc>[]) => runChecks(input(documents), { rules: [rule], today: '2026-12-03' }).findings.map((f) => f.problem);

const app = (chart: string, targetRevision: string, valuesObject: Record<string, unknown> = {}) =>
  doc('Application', chart, { apiVersion: 'argoproj.io/v1alpha1', spec: { source: { repoURL: 'https://example.com/charts', chart, targetRevision, helm: { valuesObject } } } });

test('current charts, images and the v1 API pass', () => {
  expect(problems([
    app('alloy', '1.11.1'),
    app('argo-cd', '10.1.1'),
    app('velero', '12.1.0', { initContainers: [{ image: 'velero/velero-plugin-for-aws:v1.14.2' }] }),
    doc('ExternalSecret', 'x', { apiVersion: 'external-secrets.io/v1', spec: {} }, 'api'),
  ])).toEqual([]);
});

test('retired charts, chart versions, images and the v1beta1 API fail, with the date, the source and the replacement', () => {
  const found = problems([
    app('promtail', '6.16.6'),
    app('external-secrets', '0.12.1'),
    app('loki', '18.11.0', { sidecar: { image: 'grafana/agent:v0.44.2' } }),
    doc('SecretStore', 'y', { apiVersion: 'external-secrets.io/v1beta1', spec: {} }, 'api'),
  ]);
  expect(found).toEqual([
    expect.stringMatching(/^chart external-secrets 0\.12\.1 is retired since 2025-05 .*external-secrets\.io\/v1 manifests$/),
    expect.stringMatching(/^chart loki: sidecar\.image grafana\/agent:v0\.44\.2 is retired since 2025-11-01 .*: use grafana\/alloy$/),
    'chart promtail 6.16.6 is retired since 2026-03-02 (https://grafana.com/docs/loki/latest/send-data/promtail/): use Grafana Alloy (the alloy chart)',
    expect.stringMatching(/^external-secrets\.io\/v1beta1 is retired since 2025-05 .*: use external-secrets\.io\/v1$/),
  ]);
});
