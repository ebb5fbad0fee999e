import { type PlatformConfig, resolvePlatform, secretReaders } from '@paved/shared-config';
import example from '../../../platform.config';
import { renderGitops, validateRendered } from '../src';

// Issue 16: a service with `dependsOn: ['kafka']` gets the MSK bootstrap brokers through the connection secret, the
// egress to the brokers' IAM port, and nothing that carries a credential.
const config: PlatformConfig = {
  ...example,
  environments: example.environments.map((e) => (e.name === 'dev' ? { ...e, data: { ...e.data, kafka: { mode: 'serverless' } } } : e)),
  services: (example.services ?? []).map((s) =>
    s.name === 'worker'
      ? { ...s, dependsOn: [...(s.dependsOn ?? []), 'kafka'], kafka: { topics: ['orders'] }, environments: { ...s.environments, staging: { enabled: false }, prod: { enabled: false } } }
      : s),
};
const platform = resolvePlatform(config);
const dev = platform.environments.find((e) => e.name === 'dev')!;
const files = renderGitops(platform, ['dev']);
const docs = files.filter((f) => f.path.startsWith('dev/services/worker/')).flatMap((f) => f.documents) as any[];

test('KAFKA_BOOTSTRAP_SERVERS comes from the kafka connection secret; IAM over TLS in plain variables', () => {
  const external = docs.find((d) => d.kind === 'ExternalSecret' && d.metadata.name === 'worker-kafka');
  expect(external.spec.data).toEqual([
    { secretKey: 'bootstrapServers', remoteRef: { key: dev.naming.connectionSecret('kafka'), property: 'bootstrapServers' } },
  ]);
  expect(external.spec.target.template.data).toEqual({ KAFKA_BOOTSTRAP_SERVERS: '{{ .bootstrapServers }}' });
  const workload = docs.find((d) => ['Deployment', 'StatefulSet'].includes(d.kind));
  const env = workload.spec.template.spec.containers[0].env;
  expect(env).toEqual(expect.arrayContaining([
    { name: 'KAFKA_BOOTSTRAP_SERVERS', valueFrom: { secretKeyRef: { name: 'worker-kafka', key: 'KAFKA_BOOTSTRAP_SERVERS' } } },
    { name: 'KAFKA_AUTH', value: 'iam' },
    { name: 'KAFKA_SECURITY_PROTOCOL', value: 'SASL_SSL' },
    { name: 'KAFKA_CONSUMER_GROUP', value: 'worker' },
  ]));
});

test('egress to the data subnets on 9098 only for Kafka; the namespace reader role may read the kafka connection secret', () => {
  const policy = docs.find((d) => d.kind === 'NetworkPolicy' && d.metadata.name === 'worker');
  const kafka = policy.spec.egress.filter((r: any) => r.ports?.some((p: any) => p.port === 9098));
  expect(kafka).toEqual([{
    to: (dev.network.mode === 'create' ? dev.network.subnets.data : []).map((cidr) => ({ ipBlock: { cidr } })),
    ports: [{ protocol: 'TCP', port: 9098 }],
  }]);
  const readers = secretReaders(platform, dev);
  expect(readers.find((r) => r.namespace === 'worker')?.secrets).toContain(dev.naming.connectionSecret('kafka'));
});

test('the rendered output stays schema-valid', () => {
  expect(validateRendered(files, platform.gitops.path)).toEqual([]);
});
