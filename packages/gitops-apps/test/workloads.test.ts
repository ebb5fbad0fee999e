import { BACKUP_TAG, resolvePlatform, TAG_KEYS, validatePlatform, type PlatformConfig } from '@paved/shared-config';
import example from '../../../platform.config';
import { renderGitops, SECRET_STORE, validateRendered } from '../src';

// GIVEN the root example with one service of each new kind added (the example's own services stay as they are).
const services = [
  {
    name: 'node',
    kind: 'stateful',
    image: { repository: 'ghcr.io/acme/chain-node', tag: '1.14.2' },
    ports: [{ name: 'rpc', port: 8545, http: true }, { name: 'p2p', port: 30303 }, { name: 'p2p-udp', port: 30303, protocol: 'UDP' }],
    args: ['--datadir', '/data', '--ipc', '/run/node/node.ipc'],
    volumes: [{ name: 'data', mountPath: '/data', size: '300Gi' }],
    sharedVolumes: [{ name: 'socket', mountPath: '/run/node' }],
    sidecars: [{
      name: 'exporter',
      image: 'ghcr.io/acme/node-exporter:2.1.0',
      args: ['--ipc', '/run/node/node.ipc'],
      ports: [{ name: 'metrics', port: 9100, http: true }],
      probes: { liveness: { tcp: 'metrics' }, readiness: { http: '/metrics' } },
    }],
    initContainers: [{ name: 'init-config', image: 'ghcr.io/acme/node-init:1.0.0', command: ['/bin/init'] }],
    probes: { liveness: { tcp: 'p2p' }, readiness: { http: '/ready' } },
    nodeGroup: 'general',
    resources: { cpu: '2', memory: '8Gi' },
  },
  {
    name: 'indexer',
    kind: 'worker',
    image: { repository: 'ghcr.io/acme/indexer', tag: '0.9.0' },
    command: ['node', 'dist/indexer.js'],
    probes: { liveness: { exec: ['node', 'dist/health.js'] } },
    securityContext: { writableRootFilesystem: { reason: 'the vendor SDK writes its cache beside its binary' } },
  },
  {
    name: 'nightly',
    kind: 'cron',
    image: { repository: 'ghcr.io/acme/reports', tag: '3.0.1' },
    schedule: '0 3 * * *',
    activeDeadlineSeconds: 1800,
    secrets: { REPORT_TOKEN: { secret: 'nightly/token' } },
  },
  { name: 'seed', kind: 'job', image: { repository: 'ghcr.io/acme/seed', tag: '1.0.0' }, backoffLimit: 0 },
  {
    name: 'ledger',
    image: { repository: 'ghcr.io/acme/ledger', tag: '2.4.0' },
    port: 8090,
    dependsOn: ['postgres'],
    secrets: { JWT_KEY: { secret: 'ledger/jwt' } },
    migrate: { command: ['npx', 'prisma', 'migrate', 'deploy'] },
  },
];
const config = { ...example, services: [...(example.services ?? []), ...services] } as unknown as PlatformConfig;
const platform = resolvePlatform(config);
const files = renderGitops(platform);
const docs = (prefix: string) => files.filter((f) => f.path.startsWith(prefix)).flatMap((f) => f.documents) as any[];
const one = (prefix: string, kind: string, name: string) => {
  const found = docs(prefix).filter((d) => d.kind === kind && d.metadata.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${kind} ${name} under ${prefix}`);
  return found[0];
};
const kinds = (service: string) => docs(`prod/services/${service}/`).map((d) => d.kind).sort();
const RESTRICTED = {
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

test('the config is valid and every rendered document is schema-valid and wired (validateRendered)', () => {
  expect(validatePlatform(config).errors).toEqual([]);
  expect(validateRendered(files, platform.gitops.path)).toEqual([]);
});

describe('stateful', () => {
  const set = one('prod/services/node/', 'StatefulSet', 'node');

  test('a StatefulSet with a PVC template on the encrypted StorageClass, kept on delete and scale-down', () => {
    expect(set.spec.serviceName).toBe('node');
    expect(set.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(set.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'data', labels: { 'app.kubernetes.io/name': 'node', 'app.kubernetes.io/instance': 'node' } },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'paved-gp3-encrypted', resources: { requests: { storage: '300Gi' } } },
      },
    ]);
    const pod = set.spec.template.spec;
    const main = pod.containers[0];
    expect(main.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }, { name: 'socket', mountPath: '/run/node' }, { name: 'data', mountPath: '/data' }]);
    expect(main.args).toEqual(['--datadir', '/data', '--ipc', '/run/node/node.ipc']);
    expect(main.ports).toEqual([
      { name: 'rpc', containerPort: 8545, protocol: 'TCP' },
      { name: 'p2p', containerPort: 30303, protocol: 'TCP' },
      { name: 'p2p-udp', containerPort: 30303, protocol: 'UDP' },
    ]);
    expect(main.livenessProbe).toMatchObject({ tcpSocket: { port: 'p2p' } });
    expect(main.readinessProbe).toMatchObject({ httpGet: { path: '/ready', port: 'rpc' } });
    expect(main.startupProbe).toMatchObject({ tcpSocket: { port: 'p2p' }, failureThreshold: 24 });
    // Sidecar and init container: same restricted security context, the shared socket volume, their own resources.
    expect(pod.containers[1]).toMatchObject({ name: 'exporter', image: 'ghcr.io/acme/node-exporter:2.1.0', securityContext: RESTRICTED });
    expect(pod.containers[1].volumeMounts).toContainEqual({ name: 'socket', mountPath: '/run/node' });
    expect(pod.containers[1].livenessProbe).toMatchObject({ tcpSocket: { port: 'metrics' } });
    expect(pod.containers[1].readinessProbe).toMatchObject({ httpGet: { path: '/metrics', port: 'metrics' } });
    expect(pod.initContainers[0].livenessProbe).toBeUndefined();
    expect(pod.initContainers).toEqual([expect.objectContaining({ name: 'init-config', command: ['/bin/init'], securityContext: RESTRICTED })]);
    for (const c of [...pod.containers, ...pod.initContainers]) expect(c.securityContext).toEqual(RESTRICTED);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }, { name: 'socket', emptyDir: { sizeLimit: '64Mi' } }]);
    expect(pod.nodeSelector).toEqual({ 'eks.amazonaws.com/nodegroup': platform.environments[2].naming.nodeGroupName('general') });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  });

  test('a headless Service with every port on its own number; no Deployment, no ingress', () => {
    const svc = one('prod/services/node/', 'Service', 'node');
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.ports).toEqual([
      { name: 'rpc', port: 8545, targetPort: 'rpc', protocol: 'TCP' },
      { name: 'p2p', port: 30303, targetPort: 'p2p', protocol: 'TCP' },
      { name: 'p2p-udp', port: 30303, targetPort: 'p2p-udp', protocol: 'UDP' },
      // the exporter sidecar's `metrics` port, for the ServiceMonitor
      { name: 'metrics', port: 9100, targetPort: 'metrics', protocol: 'TCP' },
    ]);
    expect(kinds('node')).not.toContain('Deployment');
    expect(kinds('node')).not.toContain('Ingress');
  });

  test('the environment installs the encrypted gp3 StorageClass, tagged for the AWS Backup selection', () => {
    const sc = one('prod/platform/storage/', 'StorageClass', 'paved-gp3-encrypted');
    expect(sc).toMatchObject({
      provisioner: 'ebs.csi.aws.com',
      parameters: {
        type: 'gp3',
        encrypted: 'true',
        tagSpecification_1: `${BACKUP_TAG.key}=${BACKUP_TAG.value}`,
        tagSpecification_2: `${TAG_KEYS.environment}=prod`,
      },
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    });
    expect(one('prod/apps/', 'Application', 'storage').spec.project).toBe('platform');
  });
});

describe('worker', () => {
  test('a Deployment without Service, ingress or ServiceMonitor; exec probes; the relaxed root file system is annotated', () => {
    expect(kinds('indexer')).toEqual(
      ['Deployment', 'Namespace', 'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget', 'PrometheusRule', 'ServiceAccount'],
    );
    const deployment = one('prod/services/indexer/', 'Deployment', 'indexer');
    const main = deployment.spec.template.spec.containers[0];
    expect(main.command).toEqual(['node', 'dist/indexer.js']);
    expect(main.ports).toBeUndefined();
    expect(main.livenessProbe).toMatchObject({ exec: { command: ['node', 'dist/health.js'] } });
    expect(main.readinessProbe).toBeUndefined();
    expect(main.securityContext.readOnlyRootFilesystem).toBe(false);
    expect(deployment.spec.template.metadata.annotations).toEqual({
      'paved.dev/writable-root-filesystem-reason': 'the vendor SDK writes its cache beside its binary',
    });
    const allow = one('prod/services/indexer/', 'NetworkPolicy', 'indexer');
    expect(allow.spec.ingress ?? []).toEqual([]);
  });
});

describe('cron and job', () => {
  test('a CronJob on the schedule, Forbid by default, with deadlines, history limits and the secrets', () => {
    const cron = one('prod/services/nightly/', 'CronJob', 'nightly');
    expect(cron.spec).toMatchObject({
      schedule: '0 3 * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
    });
    expect(cron.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 1800, ttlSecondsAfterFinished: 86400 });
    const pod = cron.spec.jobTemplate.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers[0].livenessProbe).toBeUndefined();
    expect(pod.containers[0].env).toContainEqual({ name: 'REPORT_TOKEN', valueFrom: { secretKeyRef: { name: 'nightly-secrets', key: 'REPORT_TOKEN' } } });
    expect(kinds('nightly')).not.toContain('PodDisruptionBudget');
    expect(kinds('nightly')).not.toContain('Service');
  });

  test('a Job that Argo CD deletes and recreates when its template changes', () => {
    const job = one('prod/services/seed/', 'Job', 'seed');
    expect(job.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'Force=true,Replace=true' });
    expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 3600 });
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
  });
});

describe('migrations', () => {
  const dir = 'prod/services/ledger/';
  const wave = (d: any) => Number(d.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);

  test('a hook Job with the service image, env and secrets, no retries, that runs before the Deployment', () => {
    const job = one(dir, 'Job', 'ledger-migrate');
    expect(job.metadata.annotations).toEqual({
      'argocd.argoproj.io/hook': 'Sync',
      'argocd.argoproj.io/sync-wave': '-1',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
    });
    expect(job.spec.backoffLimit).toBe(0);
    const deployment = one(dir, 'Deployment', 'ledger');
    const pod = job.spec.template.spec;
    const main = pod.containers[0];
    expect(main.image).toBe(deployment.spec.template.spec.containers[0].image);
    expect(main.command).toEqual(['npx', 'prisma', 'migrate', 'deploy']);
    expect(main.env).toEqual(deployment.spec.template.spec.containers[0].env);
    expect(main.securityContext).toEqual(RESTRICTED);
    expect(pod.serviceAccountName).toBe('ledger');
    expect(pod.restartPolicy).toBe('Never');
    // The migration pods are not the service's: its Service and PDB never select them.
    expect(job.spec.template.metadata.labels['app.kubernetes.io/instance']).toBe('ledger-migrate');
    // Order: what the migration needs, then the migration, then the workload.
    expect(wave(deployment)).toBe(0);
    expect(wave(job)).toBeLessThan(wave(deployment));
    for (const [kind, name] of [['ServiceAccount', 'ledger'], ['SecretStore', SECRET_STORE], ['ExternalSecret', 'ledger-secrets'], ['ExternalSecret', 'ledger-postgres'], ['NetworkPolicy', 'ledger-migrate']]) {
      const found = docs(dir).find((d) => d.kind === kind && d.metadata.name === name);
      expect([kind, name, found && wave(found) < wave(job)]).toEqual([kind, name, true]);
    }
    // The migration reaches the database like the service does.
    expect(one(dir, 'NetworkPolicy', 'ledger-migrate').spec.egress).toEqual(one(dir, 'NetworkPolicy', 'ledger').spec.egress);
  });

  test('services without migrate get no hook and no wave annotations', () => {
    expect(docs('prod/services/api/').filter((d) => d.metadata.annotations?.['argocd.argoproj.io/sync-wave'] !== undefined)).toEqual([]);
    expect(docs('prod/services/').filter((d) => d.metadata.annotations?.['argocd.argoproj.io/hook'] !== undefined).map((d) => d.metadata.name)).toEqual(['ledger-migrate']);
  });
});

describe('web services stay as they were', () => {
  test('a web service with port renders a ClusterIP Service on port 80 and HTTP probes on health', () => {
    const svc = one('prod/services/ledger/', 'Service', 'ledger');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    const main = one('prod/services/ledger/', 'Deployment', 'ledger').spec.template.spec.containers[0];
    expect(main.livenessProbe).toEqual({ httpGet: { path: '/health', port: 'http' }, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 });
    expect(main.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5, failureThreshold: 2, timeoutSeconds: 2 });
  });

  test('the example without new kinds renders no StorageClass of its own', () => {
    const plain = renderGitops(resolvePlatform(example));
    expect(plain.some((f) => f.path.includes('/platform/storage/'))).toBe(false);
    expect(plain.flatMap((f) => f.documents).filter((d: any) => ['StatefulSet', 'CronJob'].includes(d.kind))).toEqual([]);
  });
});
