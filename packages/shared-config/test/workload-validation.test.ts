import { formatProblem, resolvePlatform, validatePlatform, type PlatformConfig } from '../src';
import { type Mutable, mutableConfig } from './fixtures';

type Config = Mutable<PlatformConfig>;
type Service = NonNullable<Config['services']>[number];

/** The fixture with one more service appended (services[2]). */
function withService(service: Record<string, unknown>): Config {
  const config = mutableConfig();
  config.services!.push(service as unknown as Service);
  return config;
}

/** The error lines of a config, as the CLI prints them. */
function errorLines(config: Config): string[] {
  return validatePlatform(config).errors.map((p) => formatProblem(p, 'platform.config.ts'));
}

const base = { image: { tag: '1.0.0' } };

describe('bad workload input: one error line each, naming the field and what is allowed', () => {
  test.each<[string, Record<string, unknown>, RegExp]>([
    [
      'a volume on a web service',
      { ...base, name: 'store', port: 9000, volumes: [{ name: 'data', mountPath: '/data', size: '10Gi' }] },
      /^error: platform\.config\.ts: services\[2\]\.volumes: is set on a 'web' service \(volumes only with kind: 'stateful' \(sharedVolumes for scratch space\)\)$/,
    ],
    [
      'a cron without a schedule',
      { ...base, name: 'report', kind: 'cron' },
      /^error: platform\.config\.ts: services\[2\]\.schedule: is missing for a 'cron' service \(a 5-field cron expression such as '0 3 \* \* \*'\)$/,
    ],
    [
      'a schedule on a non-cron',
      { ...base, name: 'report', kind: 'job', schedule: '0 3 * * *' },
      /^error: platform\.config\.ts: services\[2\]\.schedule: is set on a 'job' service \(schedule only with kind: 'cron'\)$/,
    ],
    [
      'both port and ports',
      { ...base, name: 'node', port: 9000, ports: [{ name: 'http', port: 9000, http: true }] },
      /^error: platform\.config\.ts: services\[2\]\.ports: is set together with port \(either port \(one HTTP port\) or ports \(named ports\), not both\)$/,
    ],
    [
      'an unknown nodeGroup',
      { ...base, name: 'indexer', kind: 'worker', nodeGroup: 'gpu' },
      /^error: platform\.config\.ts: services\[2\]\.nodeGroup: 'gpu' is not a node group of 'dev' \(general\), 'prod' \(general\) \(the name of a node group in cluster\.nodeGroups of each environment the service runs in\)$/,
    ],
    [
      'duplicate port names',
      { ...base, name: 'node', kind: 'stateful', ports: [{ name: 'p2p', port: 30303 }, { name: 'p2p', port: 30304, protocol: 'UDP' }], volumes: [{ name: 'data', mountPath: '/data', size: '300Gi' }] },
      /^error: platform\.config\.ts: services\[2\]\.ports\[1\]\.name: 'p2p' is already the name of services\[2\]\.ports\[0\] \(a distinct name per port of the pod\)$/,
    ],
    [
      'a sidecar image tagged latest',
      { ...base, name: 'indexer', kind: 'worker', sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:latest' }] },
      /^error: platform\.config\.ts: services\[2\]\.sidecars\[0\]\.image: 'ghcr\.io\/acme\/proxy:latest' is tagged latest \(a pinned tag such as :1\.2\.3 or a digest @sha256:<64 hex>\)$/,
    ],
    [
      'a sidecar image without a tag',
      { ...base, name: 'indexer', kind: 'worker', initContainers: [{ name: 'wait', image: 'busybox' }] },
      /^error: platform\.config\.ts: services\[2\]\.initContainers\[0\]\.image: 'busybox' has no tag/,
    ],
    [
      'a web service without port or ports',
      { ...base, name: 'site' },
      /^error: platform\.config\.ts: services\[2\]\.port: is missing for a 'web' service \(port \(the HTTP port\) or ports \(named ports\)\)$/,
    ],
    [
      'a web service whose ports have no HTTP port',
      { ...base, name: 'site', ports: [{ name: 'grpc', port: 9000 }] },
      /^error: platform\.config\.ts: services\[2\]\.ports: has no HTTP port for a 'web' service/,
    ],
    [
      'a TCP probe on a port that does not exist',
      { ...base, name: 'indexer', kind: 'worker', ports: [{ name: 'metrics', port: 9100 }], probes: { liveness: { tcp: 'p2p' } } },
      /^error: platform\.config\.ts: services\[2\]\.probes\.liveness\.tcp: 'p2p' is not a port of the service \(one of metrics\)$/,
    ],
    [
      'a sidecar probe on a port of the main container',
      { ...base, name: 'indexer', kind: 'worker', ports: [{ name: 'api', port: 9000 }], sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0', probes: { liveness: { tcp: 'api' } } }] },
      /^error: platform\.config\.ts: services\[2\]\.sidecars\[0\]\.probes\.liveness\.tcp: 'api' is not a port of sidecar 'proxy' \(add the port to ports\)$/,
    ],
    [
      'probes on an init container',
      { ...base, name: 'indexer', kind: 'worker', initContainers: [{ name: 'wait', image: 'ghcr.io/acme/wait:1.0.0', probes: { liveness: { exec: ['true'] } } }] },
      /^error: platform\.config\.ts: services\[2\]\.initContainers\[0\]\.probes: is not a known field/,
    ],
    [
      'a probe naming two types',
      { ...base, name: 'indexer', kind: 'worker', probes: { liveness: { tcp: 'p2p', exec: ['true'] } } },
      /^error: platform\.config\.ts: services\[2\]\.probes\.liveness: names tcp and exec \(exactly one of http, tcp, exec, grpc\)$/,
    ],
    [
      'an ingress on a worker',
      { ...base, name: 'indexer', kind: 'worker', ingress: { host: 'indexer' } },
      /^error: platform\.config\.ts: services\[2\]\.ingress: is set on a 'worker' service \(ingress only with kind: 'web'\)$/,
    ],
    [
      'replicas on a cron',
      { ...base, name: 'report', kind: 'cron', schedule: '0 3 * * *', replicas: 2 },
      /^error: platform\.config\.ts: services\[2\]\.replicas: is set on a 'cron' service \(replicas only with kind: 'web', 'worker' or 'stateful' \(a run is one pod\)\)$/,
    ],
    [
      'an unknown kind',
      { ...base, name: 'indexer', kind: 'daemon' },
      /^error: platform\.config\.ts: services\[2\]\.kind: 'daemon' is not a known value \(one of 'web', 'worker', 'stateful', 'job', 'cron'\)$/,
    ],
    [
      'a relaxed security setting without a reason',
      { ...base, name: 'indexer', kind: 'worker', securityContext: { writableRootFilesystem: { reason: 'x' } } },
      /^error: platform\.config\.ts: services\[2\]\.securityContext\.writableRootFilesystem\.reason: 'x' is not valid \(a reason of at least 10 characters\)$/,
    ],
  ])('%s', (_name, service, line) => {
    const lines = errorLines(withService(service));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });
});

describe('valid workloads', () => {
  const services: Record<string, unknown>[] = [
    {
      ...base,
      name: 'node',
      kind: 'stateful',
      ports: [{ name: 'rpc', port: 8545, http: true }, { name: 'p2p', port: 30303 }, { name: 'p2p-udp', port: 30303, protocol: 'UDP' }],
      args: ['--datadir', '/data'],
      volumes: [{ name: 'data', mountPath: '/data', size: '300Gi' }],
      sharedVolumes: [{ name: 'socket', mountPath: '/run/node' }],
      sidecars: [{ name: 'exporter', image: 'ghcr.io/acme/exporter:2.1.0', ports: [{ name: 'metrics', port: 9100 }] }],
      probes: { liveness: { tcp: 'p2p' }, readiness: { http: '/ready' } },
      nodeGroup: 'general',
    },
    { ...base, name: 'indexer', kind: 'worker', probes: { liveness: { exec: ['/bin/health'] } }, command: ['node', 'dist/indexer.js'] },
    { ...base, name: 'nightly', kind: 'cron', schedule: '0 3 * * *', concurrencyPolicy: 'Replace', backoffLimit: 1, activeDeadlineSeconds: 900 },
    { ...base, name: 'seed', kind: 'job' },
    { ...base, name: 'ledger', port: 9000, migrate: { command: ['npx', 'prisma', 'migrate', 'deploy'] }, securityContext: { writableRootFilesystem: { reason: 'the vendor binary writes its cache beside itself' } } },
  ];

  test('validate without problems', () => {
    const config = mutableConfig();
    config.services!.push(...(services as unknown as Service[]));
    expect(validatePlatform(config).problems).toEqual([]);
  });

  test('resolve with their defaults', () => {
    const config = mutableConfig();
    config.services!.push(...(services as unknown as Service[]));
    const dev = resolvePlatform(config as PlatformConfig).environments.find((e) => e.name === 'dev')!;
    const byName = (n: string) => dev.services.find((s) => s.name === n)!;
    const api = byName('api');
    expect(api).toMatchObject({ kind: 'web', port: 8080, ports: [{ name: 'http', port: 8080, protocol: 'TCP', http: true }] });
    expect(api.probes.liveness).toEqual({ type: 'http', path: '/health', port: 'http' });
    expect(api.probes.startup).toEqual(api.probes.liveness);
    const node = byName('node');
    expect(node.httpPort?.name).toBe('rpc');
    expect(node.probes).toEqual({
      liveness: { type: 'tcp', port: 'p2p' },
      readiness: { type: 'http', path: '/ready', port: 'rpc' },
      startup: { type: 'tcp', port: 'p2p' },
    });
    expect(node.volumes).toEqual([{ name: 'data', mountPath: '/data', size: '300Gi', storageClass: 'paved-gp3-encrypted' }]);
    expect(node.nodeGroup).toEqual({ name: 'general', nodeSelector: { 'eks.amazonaws.com/nodegroup': dev.naming.nodeGroupName('general') } });
    expect(node.sidecars[0].resources).toEqual({ cpu: '50m', memory: '64Mi' });
    expect(byName('indexer').probes).toEqual({ liveness: { type: 'exec', command: ['/bin/health'] }, readiness: undefined, startup: { type: 'exec', command: ['/bin/health'] } });
    expect(byName('nightly').run).toEqual({
      schedule: '0 3 * * *', concurrencyPolicy: 'Replace', activeDeadlineSeconds: 900, backoffLimit: 1, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 3,
    });
    expect(byName('seed').run).toMatchObject({ concurrencyPolicy: 'Forbid', backoffLimit: 2, activeDeadlineSeconds: 3600 });
    expect(byName('seed').probes).toEqual({ liveness: undefined, readiness: undefined, startup: undefined });
    expect(byName('ledger').migrate).toEqual({ command: ['npx', 'prisma', 'migrate', 'deploy'], activeDeadlineSeconds: 600 });
    expect(byName('ledger').writableRootFilesystem).toEqual({ reason: 'the vendor binary writes its cache beside itself' });
  });
});
