import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolvePlatform, type PlatformConfig, type ServiceConfig } from '@paved/shared-config';
import example from '../../../platform.config';
// guardrails does not depend on gitops-apps (the rules read any manifests): the test takes its compiled package, as
// the root tests do through `@paved/gitops-apps` (`npx tsc --build` first).
import { renderGitops } from '../../gitops-apps/lib';
import { ALL_RULES, readOutput, runChecks, type CheckInput } from '../src';
import { isChartApplication } from '../src/rules/kubernetes/chart-values-rules';

/**
 * The guardrails over third-party chart values (issue 16): the example plus a chart entry, rendered by gitops-apps and
 * read through the in-memory path `paved synth` uses; each failing fixture plants one value in the Application's
 * valuesObject, as a hand edit or a careless values override would.
 */
const NODE: ServiceConfig = {
  name: 'node',
  team: 'chain',
  chart: {
    repoUrl: 'oci://ghcr.io/vendor/charts',
    name: 'chain-node',
    version: '4.2.0',
    // The shape a careful user writes: a pinned image, a non-root user, only a harmless capability, a ClusterIP.
    values: {
      image: { repository: 'ghcr.io/vendor/node', tag: '4.2.0' },
      securityContext: { runAsUser: 10001, runAsNonRoot: true, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } },
      service: { type: 'ClusterIP', port: 8545 },
      persistence: { size: '300Gi' },
    },
  },
};
const config: PlatformConfig = { ...example, services: [...(example.services ?? []), NODE] };
const platform = resolvePlatform(config);

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-chart-values-'));
fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify({ environments: platform.environments.map((e) => ({ name: e.name, profile: e.profile })) }));
const base = readOutput(out, renderGitops(platform).flatMap((f) => f.documents.map((object, i) => ({ file: f.path, line: i + 1, object }))));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const CHART_IDS = ALL_RULES.filter((r) => r.id.startsWith('PAVED-ARGO-CHART-')).map((r) => r.id);
/** The add-on rules that judge every Application's Helm source, chart entries included. */
const SHARED_IDS = ['PAVED-ARGO-004', 'PAVED-ARGO-011', 'PAVED-ARGO-012'];

/** The prod (or dev) chart Application of a copy of the base input, after `plant` edits it. */
function findings(plant: (app: any) => void, env = 'prod', ids = [...CHART_IDS, ...SHARED_IDS]) {
  const input = structuredClone(base) as CheckInput;
  const doc = input.documents.find((d) => d.environment === env && d.kind === 'Application' && d.name === 'service-node')!;
  plant(doc.object);
  const rules = ALL_RULES.filter((r) => ids.includes(r.id));
  return runChecks(input, { rules, today: '2026-12-03' }).findings.map((f) => ({ id: f.ruleId, severity: f.severity, address: f.address, problem: f.problem }));
}
const values = (app: any) => app.spec.source.helm.valuesObject;
const PROD_APP = 'gitops/prod/apps/service-node.yaml#Application/argocd/service-node';

test('there are five chart-values rules, Argo CD family', () => {
  expect(CHART_IDS).toEqual(['PAVED-ARGO-CHART-001', 'PAVED-ARGO-CHART-002', 'PAVED-ARGO-CHART-003', 'PAVED-ARGO-CHART-004', 'PAVED-ARGO-CHART-005']);
});

test('the renderer\'s chart Applications, and only they, are recognised by their chart-<name> project', () => {
  const charts = base.documents.filter(isChartApplication).map((d) => d.address);
  expect(charts).toEqual(platform.environments.map((e) => `gitops/${e.name}/apps/service-node.yaml#Application/argocd/service-node`));
  // Add-on and service Applications are many, none of them a chart entry.
  expect(base.documents.filter((d) => d.kind === 'Application' && !isChartApplication(d)).length).toBeGreaterThan(10);
});

test('passing: the rendered output with a chart entry has no finding of these rules', () => {
  expect(findings(() => undefined)).toEqual([]);
});

describe.each<[string, (app: any) => void, { id: string; problem: string }[], 'error' | 'warning', 'error' | 'warning']>([
  ['runAsUser 0', (a) => { values(a).securityContext.runAsUser = 0; },
    [{ id: 'PAVED-ARGO-CHART-001', problem: 'chart chain-node: securityContext.runAsUser is 0 (root)' }], 'error', 'warning'],
  ['runAsGroup 0 in the pod security context', (a) => { values(a).podSecurityContext = { runAsGroup: 0 }; },
    [{ id: 'PAVED-ARGO-CHART-001', problem: 'chart chain-node: podSecurityContext.runAsGroup is 0 (root)' }], 'error', 'warning'],
  ['runAsNonRoot false, quoted, on a sub-chart', (a) => { values(a).postgresql = { primary: { podSecurityContext: { runAsNonRoot: 'false' } } }; },
    [{ id: 'PAVED-ARGO-CHART-001', problem: 'chart chain-node: postgresql.primary.podSecurityContext.runAsNonRoot is false' }], 'error', 'warning'],
  ['capabilities SYS_ADMIN, cap_net_admin and ALL', (a) => { values(a).securityContext.capabilities.add = ['NET_BIND_SERVICE', 'SYS_ADMIN', 'cap_net_admin', 'ALL']; },
    [
      { id: 'PAVED-ARGO-CHART-002', problem: 'chart chain-node: securityContext.capabilities.add[1] adds SYS_ADMIN' },
      { id: 'PAVED-ARGO-CHART-002', problem: 'chart chain-node: securityContext.capabilities.add[2] adds cap_net_admin' },
      { id: 'PAVED-ARGO-CHART-002', problem: 'chart chain-node: securityContext.capabilities.add[3] adds ALL' },
    ], 'error', 'warning'],
  ['image.tag latest', (a) => { values(a).image.tag = 'latest'; },
    [{ id: 'PAVED-ARGO-CHART-003', problem: 'chart chain-node: image.tag is latest' }], 'error', 'error'],
  ['an empty image tag', (a) => { values(a).image.tag = ''; },
    [{ id: 'PAVED-ARGO-CHART-003', problem: 'chart chain-node: image.tag is empty' }], 'error', 'error'],
  ['an image reference with :latest', (a) => { values(a).sidecar = { image: 'docker.io/library/busybox:latest' }; },
    [{ id: 'PAVED-ARGO-CHART-003', problem: 'chart chain-node: sidecar.image uses latest' }], 'error', 'error'],
  ['service.type LoadBalancer', (a) => { values(a).service.type = 'LoadBalancer'; },
    [{ id: 'PAVED-ARGO-CHART-004', problem: 'chart chain-node: service.type is LoadBalancer' }], 'warning', 'warning'],
  ['a p2p NodePort service and a serviceType key', (a) => { values(a).p2pService = { type: 'NodePort' }; values(a).rpc = { serviceType: 'LoadBalancer' }; },
    [
      { id: 'PAVED-ARGO-CHART-004', problem: 'chart chain-node: p2pService.type is NodePort' },
      { id: 'PAVED-ARGO-CHART-004', problem: 'chart chain-node: rpc.serviceType is LoadBalancer' },
    ], 'warning', 'warning'],
  ['a plain http:// repository', (a) => { a.spec.source.repoURL = 'http://charts.example.com/stable'; },
    [{ id: 'PAVED-ARGO-CHART-005', problem: 'chart chain-node: repoURL http://charts.example.com/stable is plain http' }], 'error', 'error'],
])('failing: %s', (_name, plant, expected, prod, dev) => {
  test(`${prod} in production`, () => {
    expect(findings(plant)).toEqual(expected.map((e) => ({ ...e, severity: prod, address: PROD_APP })));
  });
  test(`${dev} in development`, () => {
    expect(findings(plant, 'dev').map((f) => [f.id, f.severity])).toEqual(expected.map((e) => [e.id, dev]));
  });
});

describe('what the add-on rules already judge on chart entries (no second rule, no second finding)', () => {
  test('a secret literal in chart values: PAVED-ARGO-011, error in both profiles, without the value', () => {
    const plant = (a: any) => { values(a).auth = { adminPassword: 'hunter2-but-longer' }; };
    expect(findings(plant)).toEqual([
      { id: 'PAVED-ARGO-011', severity: 'error', address: PROD_APP, problem: 'chart chain-node: auth.adminPassword looks like a secret (a literal password)' },
    ]);
    expect(findings(plant, 'dev').map((f) => f.severity)).toEqual(['error']);
    const token = (a: any) => { values(a).extraEnv = [{ name: 'RPC', value: 'ghp_PlantedGitHubToken0123456789abcdefAB' }]; };
    expect(findings(token).map((f) => f.id)).toEqual(['PAVED-ARGO-011']);
  });

  test('privileged, host namespaces and privilege escalation: PAVED-ARGO-012, error in both profiles', () => {
    const plant = (a: any) => {
      values(a).securityContext.privileged = true;
      values(a).securityContext.allowPrivilegeEscalation = true;
      values(a).hostNetwork = true;
      values(a).hostPID = 'true';
      values(a).hostIPC = true;
    };
    expect(findings(plant).map((f) => `${f.id} ${f.severity} ${f.problem}`)).toEqual([
      'PAVED-ARGO-012 error chart chain-node: hostIPC is true',
      'PAVED-ARGO-012 error chart chain-node: hostNetwork is true',
      'PAVED-ARGO-012 error chart chain-node: hostPID is true',
      'PAVED-ARGO-012 error chart chain-node: securityContext.allowPrivilegeEscalation is true',
      'PAVED-ARGO-012 error chart chain-node: securityContext.privileged is true',
    ]);
    expect(new Set(findings(plant, 'dev').map((f) => f.severity))).toEqual(new Set(['error']));
  });

  test('a version range: PAVED-ARGO-004', () => {
    expect(findings((a) => { a.spec.source.targetRevision = '^4.2.0'; })).toEqual([
      { id: 'PAVED-ARGO-004', severity: 'error', address: PROD_APP, problem: 'chart chain-node targetRevision ^4.2.0 is not an exact version' },
    ]);
  });
});

describe('what passes', () => {
  test('an empty tag beside a digest, a digest-pinned image, capabilities dropped, a ClusterIP, a non-service type', () => {
    expect(findings((a) => {
      values(a).image = { repository: 'ghcr.io/vendor/node', tag: '', digest: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' };
      values(a).init = { image: 'busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' };
      values(a).securityContext.capabilities = { drop: ['ALL', 'SYS_ADMIN'] };
      values(a).metrics = { service: { type: 'ClusterIP' } };
      values(a).updateStrategy = { type: 'RollingUpdate' };
      values(a).securityContext.runAsGroup = 10001;
    })).toEqual([]);
  });

  test('an https repository and the same values on a Paved add-on Application are not chart findings', () => {
    expect(findings((a) => { a.spec.source.repoURL = 'https://charts.example.com/stable'; })).toEqual([]);
    const input = structuredClone(base) as CheckInput;
    const addon = input.documents.find((d) => d.kind === 'Application' && !isChartApplication(d) && (d.object as any).spec?.source?.helm?.valuesObject)!;
    Object.assign((addon.object as any).spec.source.helm.valuesObject, { runAsUser: 0, service: { type: 'LoadBalancer' }, image: { tag: 'latest' } });
    const rules = ALL_RULES.filter((r) => CHART_IDS.includes(r.id));
    expect(runChecks(input, { rules, today: '2026-12-03' }).findings).toEqual([]);
  });
});
