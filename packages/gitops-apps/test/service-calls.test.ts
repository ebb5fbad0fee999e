import { resolvePlatform, validatePlatform, type PlatformConfig, type ServiceConfig } from '@paved/shared-config';
import example from '../../../platform.config';
import { renderGitops, validateRendered } from '../src';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const withServices = (change: (services: Mutable<ServiceConfig>[]) => void): PlatformConfig => {
  const services = structuredClone(example.services ?? []) as Mutable<ServiceConfig>[];
  change(services);
  return { ...example, services };
};
const render = (config: PlatformConfig) => renderGitops(resolvePlatform(config));
const policies = (files: ReturnType<typeof render>, env: string, service: string) =>
  files.filter((f) => f.path === `${env}/services/${service}/manifests.yaml`).flatMap((f) => f.documents).filter((d) => d.kind === 'NetworkPolicy') as any[];
const callPolicies = (files: ReturnType<typeof render>, env: string, service: string) =>
  policies(files, env, service).filter((p) => /^(calls|called-by)-/.test(p.metadata.name));

describe('NetworkPolicies of calls edges', () => {
  const config = withServices((s) => {
    s[0].calls = ['worker']; // api -> worker, on worker's port
    s[1].calls = [{ service: 'api', port: 8080 }, { service: 'api', port: 'http' }]; // web -> api, two ports, one policy
  });
  const files = render(config);

  test('the config with calls is valid', () => {
    expect(validatePlatform(config, { today: '2026-12-03' }).errors).toEqual([]);
  });

  test('without calls there is no call policy at all (default deny stays)', () => {
    const plain = render(example);
    for (const env of ['dev', 'staging', 'prod']) {
      for (const svc of ['api', 'web', 'worker']) expect(callPolicies(plain, env, svc)).toEqual([]);
    }
  });

  test('GIVEN api calls worker THEN api has the egress policy to worker pods and port, worker the ingress policy from api pods', () => {
    const egress = callPolicies(files, 'prod', 'api').find((p) => p.metadata.name === 'calls-worker');
    expect(egress.metadata.namespace).toBe('api');
    expect(egress.spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'api' } },
      policyTypes: ['Egress'],
      egress: [{
        to: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'worker' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'worker', 'app.kubernetes.io/instance': 'worker' } },
        }],
        ports: [{ protocol: 'TCP', port: 8082 }],
      }],
    });
    const ingress = callPolicies(files, 'prod', 'worker');
    expect(ingress.map((p) => p.metadata.name)).toEqual(['called-by-api']);
    expect(ingress[0].metadata.namespace).toBe('worker');
    expect(ingress[0].spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'worker', 'app.kubernetes.io/instance': 'worker' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'api' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'api' } },
        }],
        ports: [{ protocol: 'TCP', port: 8082 }],
      }],
    });
  });

  test('each edge is one pair: web -> api with two ports, api -> worker; nothing for pairs without an edge', () => {
    expect(callPolicies(files, 'dev', 'web').map((p) => p.metadata.name)).toEqual(['calls-api']);
    expect(callPolicies(files, 'dev', 'web')[0].spec.egress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }, { protocol: 'TCP', port: 'http' }]);
    expect(callPolicies(files, 'dev', 'api').map((p) => p.metadata.name).sort()).toEqual(['called-by-web', 'calls-worker']);
    expect(callPolicies(files, 'dev', 'worker').map((p) => p.metadata.name)).toEqual(['called-by-api']);
  });

  test('the default-deny and the service allowances are unchanged by the edges', () => {
    const before = policies(render(example), 'prod', 'api').filter((p) => !/^(calls|called-by)-/.test(p.metadata.name));
    const after = policies(files, 'prod', 'api').filter((p) => !/^(calls|called-by)-/.test(p.metadata.name));
    expect(after).toEqual(before);
  });

  test('a chart caller opens the callee to its namespace; a chart callee is reached by namespace on the named port', () => {
    const withChart = withServices((s) => {
      s.push({ name: 'node', chart: { repoUrl: 'https://charts.example.com', name: 'node', version: '1.2.3' }, calls: ['api'] });
      s[0].calls = [{ service: 'node', port: 8545 }];
    });
    expect(validatePlatform(withChart, { today: '2026-12-03' }).errors).toEqual([]);
    const out = render(withChart);
    const api = callPolicies(out, 'dev', 'api');
    expect(api.find((p) => p.metadata.name === 'calls-node').spec.egress).toEqual([
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'node' } } }], ports: [{ protocol: 'TCP', port: 8545 }] },
    ]);
    expect(api.find((p) => p.metadata.name === 'called-by-node').spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'node' } } }], ports: [{ protocol: 'TCP', port: 8080 }] },
    ]);
    expect(validateRendered(out, example.gitops.path ?? 'environments')).toEqual([]);
  });

  test('every rendered document is schema-valid', () => {
    expect(validateRendered(files, example.gitops.path ?? 'environments')).toEqual([]);
  });
});
