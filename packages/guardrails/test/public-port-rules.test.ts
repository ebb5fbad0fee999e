import { ALL_RULES, runChecks, type CheckInput } from '../src';

/**
 * PAVED-K8S-NET-006 with PAVED-K8S-NET-007: a LoadBalancer Service or a NetworkPolicy rule admitting any source is
 * accepted only as gitops-apps renders it for `services[].ports[].public` (annotated with the port list, and only on
 * those ports), and then reported as a warning with the list; hand-written ones are errors.
 */
const rules = ALL_RULES.filter((r) => ['PAVED-K8S-NET-006', 'PAVED-K8S-NET-007'].includes(r.id));
const LIST = 'p2p/TCP:30303,disc/UDP:30303';
const ANY = [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }];

function doc(kind: 'Service' | 'NetworkPolicy', name: string, annotations: Record<string, string> | undefined, spec: object) {
  const file = 'gitops/prod/services/node/manifests.yaml';
  const object = { apiVersion: kind === 'Service' ? 'v1' : 'networking.k8s.io/v1', kind, metadata: { name, namespace: 'node', ...(annotations ? { annotations } : {}) }, spec };
  return { environment: 'prod', file, line: 1, apiVersion: object.apiVersion, kind, name, namespace: 'node', address: `${file}#${kind}/node/${name}`, object };
}
const lb = (annotations: Record<string, string> | undefined, ports: string[]) =>
  doc('Service', 'node-public', annotations, { type: 'LoadBalancer', selector: { app: 'node' }, ports: ports.map((name) => ({ name, port: 30303 })) });
const policy = (annotations: Record<string, string> | undefined, ports?: (string | number)[]) =>
  doc('NetworkPolicy', 'node-public', annotations, { podSelector: {}, ingress: [{ from: ANY, ...(ports ? { ports: ports.map((port) => ({ port })) } : {}) }] });
const findings = (documents: ReturnType<typeof doc>[]) => {
  const input: CheckInput = { environments: [{ name: 'prod', profile: 'production' }], stacks: [], documents };
  return runChecks(input, { rules, today: '2026-12-03' }).findings.map((f) => ({ id: f.ruleId, severity: f.severity, problem: f.problem }));
};

test("passing: the platform's public ports are a warning with their list, never an error", () => {
  const annotations = { 'paved.dev/public-ports': LIST };
  expect(findings([lb(annotations, ['p2p', 'disc']), policy(annotations, ['p2p', 'disc']), policy(annotations, [30303])])).toEqual([
    { id: 'PAVED-K8S-NET-007', severity: 'warning', problem: `ports ${LIST} face the internet through an internet-facing load balancer` },
  ]);
});

test('failing: a hand-written LoadBalancer or any-source rule, or one beyond the declared ports, is an error', () => {
  expect(findings([lb(undefined, ['p2p'])])).toEqual([
    { id: 'PAVED-K8S-NET-006', severity: 'error', problem: 'type is LoadBalancer without the paved.dev/public-ports annotation of a public port' },
  ]);
  expect(findings([policy(undefined, ['p2p'])])).toEqual([
    { id: 'PAVED-K8S-NET-006', severity: 'error', problem: 'ingress[0] admits any source without the paved.dev/public-ports annotation of a public port' },
  ]);
  const annotations = { 'paved.dev/public-ports': LIST };
  expect(findings([lb(annotations, ['p2p', 'rpc'])]).filter((f) => f.severity === 'error')).toEqual([
    { id: 'PAVED-K8S-NET-006', severity: 'error', problem: `exposes rpc, not declared public (${LIST})` },
  ]);
  expect(findings([policy(annotations, ['p2p', 'rpc']), policy(annotations)])).toEqual(expect.arrayContaining([
    { id: 'PAVED-K8S-NET-006', severity: 'error', problem: `ingress[0] admits any source on rpc, not declared public (${LIST})` },
    { id: 'PAVED-K8S-NET-006', severity: 'error', problem: 'ingress[0] admits any source on every port' },
  ]));
  expect(findings([policy(annotations, ['p2p', 'rpc']), policy(annotations)])).toHaveLength(2);
});
