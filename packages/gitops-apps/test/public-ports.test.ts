import { resolvePlatform, validatePlatform, type PlatformConfig } from '@paved/shared-config';
import example from '../../../platform.config';
import { PUBLIC_PORTS_ANNOTATION, renderGitops, validateRendered } from '../src';

// GIVEN the root example plus a peer-to-peer node with public TCP and UDP ports and a sidecar metrics port, and a worker
// with one public UDP port on its sidecar.
const node = {
  name: 'node',
  kind: 'stateful',
  image: { repository: 'ghcr.io/acme/chain-node', tag: '1.14.2' },
  ports: [
    { name: 'rpc', port: 8545, http: true },
    { name: 'p2p', port: 30303, public: true },
    { name: 'disc', port: 30303, protocol: 'UDP', public: true },
    { name: 'admin', port: 8551 },
  ],
  volumes: [{ name: 'data', mountPath: '/data', size: '300Gi' }],
  sidecars: [{ name: 'exporter', image: 'ghcr.io/acme/node-exporter:2.1.0', ports: [{ name: 'metrics', port: 9100 }] }],
  probes: { liveness: { tcp: 'p2p' }, readiness: { http: '/ready' } },
};
const relay = {
  name: 'relay',
  kind: 'worker',
  image: { repository: 'ghcr.io/acme/relay', tag: '0.3.0' },
  probes: { liveness: { exec: ['relay', 'health'] } },
  sidecars: [{ name: 'turn', image: 'ghcr.io/acme/turn:4.6.2', ports: [{ name: 'turn', port: 3478, protocol: 'UDP', public: true }] }],
};
const render = (config: PlatformConfig) => {
  const platform = resolvePlatform(config);
  const files = renderGitops(platform);
  return { platform, files, docs: (prefix: string) => files.filter((f) => f.path.startsWith(prefix)).flatMap((f) => f.documents) as any[] };
};
const config = { ...example, services: [...(example.services ?? []), node, relay] } as unknown as PlatformConfig;
const { platform, files, docs } = render(config);
const one = (prefix: string, kind: string, name: string) => {
  const found = docs(prefix).filter((d) => d.kind === kind && d.metadata.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${kind} ${name} under ${prefix}`);
  return found[0];
};
const ANY_SOURCE = [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }];

test('the config is valid and every rendered document is schema-valid and wired (validateRendered)', () => {
  expect(validatePlatform(config).errors).toEqual([]);
  expect(validateRendered(files, platform.gitops.path)).toEqual([]);
});

describe('public ports', () => {
  test('one internet-facing NLB Service (IP targets, the LBC class) with exactly the public ports', () => {
    const svc = one('prod/services/node/', 'Service', 'node-public');
    expect(svc.metadata.annotations).toEqual({
      [PUBLIC_PORTS_ANNOTATION]: 'p2p/TCP:30303,disc/UDP:30303',
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
    });
    expect(svc.spec).toEqual({
      type: 'LoadBalancer',
      loadBalancerClass: 'service.k8s.aws/nlb',
      selector: one('prod/services/node/', 'StatefulSet', 'node').spec.selector.matchLabels,
      ports: [
        { name: 'p2p', port: 30303, targetPort: 'p2p', protocol: 'TCP' },
        { name: 'disc', port: 30303, targetPort: 'disc', protocol: 'UDP' },
      ],
    });
    // The headless Service stays as it was; only one LoadBalancer per service.
    expect(one('prod/services/node/', 'Service', 'node').spec.clusterIP).toBe('None');
    expect(docs('prod/services/node/').filter((d) => d.kind === 'Service' && d.spec.type === 'LoadBalancer')).toHaveLength(1);
  });

  test('a NetworkPolicy admits any source (IPv4 and IPv6) on exactly the public ports, and dials out on their numbers', () => {
    const policy = one('prod/services/node/', 'NetworkPolicy', 'node-public');
    expect(policy.metadata.annotations).toEqual({ [PUBLIC_PORTS_ANNOTATION]: 'p2p/TCP:30303,disc/UDP:30303' });
    expect(policy.spec.ingress).toEqual([{ from: ANY_SOURCE, ports: [{ protocol: 'TCP', port: 'p2p' }, { protocol: 'UDP', port: 'disc' }] }]);
    expect(policy.spec.egress).toEqual([{
      to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'] } }],
      ports: [{ protocol: 'TCP', port: 30303 }, { protocol: 'UDP', port: 30303 }],
    }]);
    // No other policy of the namespace admits any source: `admin` and `rpc` stay closed to the internet.
    const open = docs('prod/services/node/')
      .filter((d) => d.kind === 'NetworkPolicy' && d.metadata.name !== 'node-public')
      .flatMap((d) => d.spec.ingress ?? [])
      .filter((rule: any) => (rule.from ?? []).some((f: any) => f.ipBlock?.cidr === '0.0.0.0/0'));
    expect(open).toEqual([]);
  });

  test("a worker's sidecar port can be public too", () => {
    expect(one('prod/services/relay/', 'Service', 'relay-public').spec.ports).toEqual([{ name: 'turn', port: 3478, targetPort: 'turn', protocol: 'UDP' }]);
    expect(one('prod/services/relay/', 'NetworkPolicy', 'relay-public').spec.ingress[0].ports).toEqual([{ protocol: 'UDP', port: 'turn' }]);
  });

  test("on EKS Auto Mode the NLB is Auto Mode's own class", () => {
    const autoMode = {
      ...config,
      environments: config.environments.map((e) => {
        const { nodeGroups: _dropped, ...cluster } = e.cluster ?? {};
        return { ...e, cluster: { ...cluster, compute: 'auto-mode' } };
      }),
      services: (config.services ?? []).map((s) => (s.name === 'node' ? { ...s, nodeGroup: undefined } : s)),
    } as PlatformConfig;
    const r = render(autoMode);
    const svc = r.docs('prod/services/node/').find((d) => d.metadata.name === 'node-public' && d.kind === 'Service');
    expect(svc.spec.loadBalancerClass).toBe('eks.amazonaws.com/nlb');
    expect(svc.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-nlb-target-type']).toBe('ip');
    expect(validateRendered(r.files, r.platform.gitops.path)).toEqual([]);
  });
});

describe('metrics ports', () => {
  test("the ServiceMonitor scrapes the HTTP port and every port named 'metrics' (a sidecar's too)", () => {
    const monitor = one('prod/services/node/', 'ServiceMonitor', 'node');
    expect(monitor.spec.endpoints.map((e: any) => [e.port, e.path])).toEqual([['rpc', '/metrics'], ['metrics', '/metrics']]);
    expect(one('prod/services/node/', 'Service', 'node').spec.ports.map((p: any) => p.name)).toEqual(['rpc', 'p2p', 'disc', 'admin', 'metrics']);
    const allow = one('prod/services/node/', 'NetworkPolicy', 'node');
    const fromPrometheus = allow.spec.ingress.find((r: any) => r.from[0].podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'prometheus');
    expect(fromPrometheus.ports).toEqual([{ protocol: 'TCP', port: 'rpc' }, { protocol: 'TCP', port: 'metrics' }]);
  });
});

test('without public or metrics ports the output is unchanged', () => {
  // Every file the root example renders is rendered the same when the two services are added beside it.
  const plain = render(example);
  const byPath = new Map(files.map((f) => [f.path, JSON.stringify(f.documents)]));
  const changed = plain.files.filter((f) => byPath.get(f.path) !== JSON.stringify(f.documents)).map((f) => f.path);
  expect(plain.files.length).toBeGreaterThan(20);
  // Only the lists of all services (catalog, app-of-apps) may name the two new ones.
  expect(changed.filter((p) => p.includes('/services/'))).toEqual([]);
  expect(plain.docs('').filter((d) => d.kind === 'Service' && d.spec?.type === 'LoadBalancer')).toEqual([]);
});
