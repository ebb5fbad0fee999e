import { ALL_RULES, runChecks, type CheckInput } from '../src';

/**
 * PAVED-ARGO-CAP-001..004 (issue 14): with `gitops.argocd: 'eks-capability'`, what the EKS Capability for Argo CD
 * does not run is an error, each with its fix; the same objects under a self-managed ArgoCD pass.
 */
const IDS = ['PAVED-ARGO-CAP-001', 'PAVED-ARGO-CAP-002', 'PAVED-ARGO-CAP-003', 'PAVED-ARGO-CAP-004'];
const rules = ALL_RULES.filter((r) => IDS.includes(r.id));
const ARN = 'arn:aws:eks:eu-west-1:345678901234:cluster/northwind-prod-eks';

function doc(kind: string, name: string, object: Record<string, unknown>, apiVersion = 'v1') {
  const file = `gitops/prod/apps/${name}.yaml`;
  return {
    environment: 'prod',
    file,
    line: 1,
    apiVersion,
    kind,
    name,
    namespace: 'argocd',
    address: `${file}#${kind}/argocd/${name}`,
    object: { apiVersion, kind, ...object, metadata: { name, namespace: 'argocd', ...(object.metadata as object) } },
  };
}
const app = (name: string, server: string, extra: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) =>
  doc('Application', name, { metadata, spec: { project: 'platform', destination: { server }, source: { repoURL: 'https://github.com/northwind/platform-gitops.git', path: 'x' }, ...extra } }, 'argoproj.io/v1alpha1');

type Doc = ReturnType<typeof doc>;
const input = (documents: Doc[], stacks: CheckInput['stacks'] = []): CheckInput => ({ environments: [{ name: 'prod', profile: 'production' }], stacks, documents });
const findings = (documents: Doc[], stacks?: CheckInput['stacks']) =>
  runChecks(input(documents, stacks), { rules, today: '2026-12-03' }).findings.map((f) => ({ id: f.ruleId, problem: f.problem, severity: f.severity }));

const argocdCm = doc('ConfigMap', 'argocd-cm', {
  data: {
    'resource.customizations.health.argoproj.io_Application': 'hs = {}\nreturn hs',
    'resource.customizations.ignoreDifferences.apps_Deployment': 'jsonPointers: [/spec/replicas]',
    'configManagementPlugins': '- name: kustomized-helm',
    'admin.enabled': 'false',
  },
});
const fixtures: Doc[] = [
  argocdCm,
  doc('ConfigManagementPlugin', 'cdk8s', { spec: { version: 'v1' } }, 'argoproj.io/v1alpha1'),
  app('plugged', ARN, { source: { repoURL: 'https://github.com/northwind/x.git', path: 'x', plugin: { name: 'cdk8s' } } }),
  doc('ConfigMap', 'argocd-notifications-cm', { data: { 'service.slack': 'token: $slack-token' } }),
  doc('Secret', 'argocd-notifications-secret', { stringData: {} }),
  app('noisy', ARN, {}, { annotations: { 'notifications.argoproj.io/subscribe.on-sync-failed.slack': 'platform' } }),
];

test('on the capability (destinations by cluster ARN), each unsupported feature is an error naming what is set', () => {
  expect(findings(fixtures)).toEqual([
    { id: 'PAVED-ARGO-CAP-001', severity: 'error', problem: 'argocd-cm sets resource.customizations.health.argoproj.io_Application: the capability runs no custom Lua health check' },
    { id: 'PAVED-ARGO-CAP-002', severity: 'error', problem: 'argocd-cm sets configManagementPlugins' },
    { id: 'PAVED-ARGO-CAP-002', severity: 'error', problem: 'ConfigManagementPlugin cdk8s: the capability runs no plugin sidecar' },
    { id: 'PAVED-ARGO-CAP-002', severity: 'error', problem: 'source https://github.com/northwind/x.git uses a plugin (cdk8s)' },
    { id: 'PAVED-ARGO-CAP-003', severity: 'error', problem: 'ConfigMap argocd-notifications-cm: the capability has no Notifications controller' },
    { id: 'PAVED-ARGO-CAP-003', severity: 'error', problem: 'Secret argocd-notifications-secret: the capability has no Notifications controller' },
    { id: 'PAVED-ARGO-CAP-003', severity: 'error', problem: 'annotation notifications.argoproj.io/subscribe.on-sync-failed.slack: no Notifications controller reads it' },
    { id: 'PAVED-ARGO-CAP-004', severity: 'error', problem: 'argocd-cm sets resource.customizations.ignoreDifferences.apps_Deployment' },
  ].sort((a, b) => a.id.localeCompare(b.id)));
});

test('the platform stack creating aws_eks_capability marks the environment too', () => {
  const stack = { name: 'prod-platform', environment: 'prod', file: 'terraform/stacks/prod-platform/cdk.tf.json', json: { resource: { aws_eks_capability: { argocd: { type: 'ARGOCD' } } } } };
  expect(findings([argocdCm], [stack]).map((f) => f.id)).toEqual(['PAVED-ARGO-CAP-001', 'PAVED-ARGO-CAP-002', 'PAVED-ARGO-CAP-004']);
});

test('a self-managed ArgoCD (in-cluster destinations, no capability) may use all of it', () => {
  const selfManaged = fixtures.map((d) => (d.kind === 'Application' ? { ...d, object: { ...d.object, spec: { ...(d.object as any).spec, destination: { server: 'https://kubernetes.default.svc' } } } } : d));
  expect(findings(selfManaged)).toEqual([]);
});

test('every finding says how to fix it, and that self-managed is the other way out', () => {
  for (const rule of rules) expect(rule.fix).toMatch(/; or set gitops\.argocd: 'self-managed'$/);
  expect(rules.map((r) => r.id)).toEqual(IDS);
});
