import { ALL_RULES, runChecks, type CheckInput } from '../src';

/**
 * PAVED-K8S-POD-012 with PAVED-K8S-POD-003 (issue 16): a main container may write to its root file system only when
 * its pod template records the config's reason; the check then reports a warning with that reason instead of an error.
 */
const IDS = ['PAVED-K8S-POD-003', 'PAVED-K8S-POD-012'];
const rules = ALL_RULES.filter((r) => IDS.includes(r.id));
const REASON = 'the vendor SDK writes its cache beside its binary';

function deployment(name: string, annotations: Record<string, string> | undefined, readOnly: { main: boolean; sidecar: boolean }) {
  const file = `gitops/prod/services/${name}/manifests.yaml`;
  const container = (n: string, ro: boolean) => ({ name: n, image: `ghcr.io/acme/${n}:1.0.0`, securityContext: { readOnlyRootFilesystem: ro } });
  const object = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: name },
    spec: { template: { metadata: { labels: {}, ...(annotations ? { annotations } : {}) }, spec: { containers: [container(name, readOnly.main), container('proxy', readOnly.sidecar)] } } },
  };
  return { environment: 'prod', file, line: 1, apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: name, address: `${file}#Deployment/${name}/${name}`, object };
}
const input = (documents: ReturnType<typeof deployment>[]): CheckInput => ({ environments: [{ name: 'prod', profile: 'production' }], stacks: [], documents });
const findings = (documents: ReturnType<typeof deployment>[]) =>
  runChecks(input(documents), { rules, today: '2026-12-03' }).findings.map((f) => ({ id: f.ruleId, severity: f.severity, problem: f.problem }));

test('passing: a relaxed main container with its reason is a warning naming the reason, not an error', () => {
  expect(findings([deployment('indexer', { 'paved.dev/writable-root-filesystem-reason': REASON }, { main: false, sidecar: true })])).toEqual([
    { id: 'PAVED-K8S-POD-012', severity: 'warning', problem: `container indexer writes to its root file system: ${REASON}` },
  ]);
});

test('failing: without the reason, or on a sidecar the reason does not cover, a writable root is an error', () => {
  expect(findings([deployment('indexer', undefined, { main: false, sidecar: true })])).toEqual([
    { id: 'PAVED-K8S-POD-003', severity: 'error', problem: 'container indexer: readOnlyRootFilesystem is not true' },
  ]);
  expect(findings([deployment('indexer', { 'paved.dev/writable-root-filesystem-reason': REASON }, { main: true, sidecar: false })])).toEqual([
    { id: 'PAVED-K8S-POD-003', severity: 'error', problem: 'container proxy: readOnlyRootFilesystem is not true' },
  ]);
});

test('a fully restricted workload has no finding', () => {
  expect(findings([deployment('api', undefined, { main: true, sidecar: true })])).toEqual([]);
});
