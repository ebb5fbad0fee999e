import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT, runPaved } from './support/run-paved';
import { sharedSynth } from './support/shared-synth';
import { costOf } from '../src/cli/cost-command';

/** The seed platforms as configs: each validates, synthesizes (which runs paved check) and has what its write-up asks. */
const EXAMPLES = ['community-health-api-gateway', 'api-spa-helm', 'fastapi-react', 'event-driven-chain', 'stages'];

const outputs = new Map<string, string>();
beforeAll(() => {
  // `paved synth --config examples/<name>/platform.config.ts --no-timings`, made once per run for the files that read
  // it (support/shared-synth.ts); it throws with paved's stderr when the synth fails.
  for (const name of EXAMPLES) outputs.set(name, sharedSynth(path.join('examples', name, 'platform.config.ts')));
}, 120_000);

const resources = (example: string, stack: string, type: string): any[] =>
  Object.values(JSON.parse(fs.readFileSync(path.join(outputs.get(example)!, 'terraform', 'stacks', stack, 'cdk.tf.json'), 'utf8')).resource?.[type] ?? {});
const manifests = (example: string, file: string): any[] =>
  parseAllDocuments(fs.readFileSync(path.join(outputs.get(example)!, 'gitops', file), 'utf8')).map((d) => d.toJS());

test.each(EXAMPLES)('%s validates with no problems', (name) => {
  const run = runPaved(['validate', '--config', path.join(ROOT, 'examples', name, 'platform.config.ts')]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});

describe('community-health-api-gateway (seed 000)', () => {
  test('Keycloak and Kong are installed by ArgoCD in both environments', () => {
    for (const env of ['dev', 'prod']) {
      expect(manifests('community-health-api-gateway', `${env}/apps/addon-keycloak.yaml`)[0].spec.source.chart).toBe('keycloakx');
      expect(manifests('community-health-api-gateway', `${env}/apps/addon-kong.yaml`)[0].spec.source.chart).toBe('kong');
      // Keycloak's database is the environment's PostgreSQL, through External Secrets.
      // Its own role's password, never the master user's (issue 13), through the namespace's own SecretStore.
      const docs = manifests('community-health-api-gateway', `${env}/addons/keycloak/manifests.yaml`);
      const db = docs.find((d: any) => d.kind === 'ExternalSecret' && d.metadata.name === 'keycloak-database');
      expect(db).toMatchObject({ metadata: { namespace: 'keycloak' }, spec: { secretStoreRef: { kind: 'SecretStore' } } });
      expect(db.spec.data.map((d: any) => d.remoteRef.key)).toEqual([
        `ikure/${env}/postgres/connection`, `ikure/${env}/postgres/connection`, `ikure/${env}/keycloak/database-password`,
      ]);
    }
  });

  test('ECR lifecycle: development keeps the latest build, production the latest plus three; scans on push', () => {
    // Rule 3 expires superseded `build-*` tags beyond the profile's count; promoted `release-*` images never expire.
    const keep = (env: string) => resources('community-health-api-gateway', 'shared', 'aws_ecr_lifecycle_policy')
      .filter((p) => p['//'].metadata.path.includes(`ecr-${env}-acc-be`))
      .map((p) => JSON.parse(p.policy).rules.find((r: any) => r.selection.tagPatternList?.includes('build-*')).selection.countNumber);
    expect(keep('dev')).toEqual([1]);
    expect(keep('prod')).toEqual([4]);
    expect(resources('community-health-api-gateway', 'shared', 'aws_ecr_repository').every((r) => r.image_scanning_configuration.scan_on_push)).toBe(true);
  });

  test('per-environment values, like values.dev.yaml and values.prod.yaml', () => {
    const dev = manifests('community-health-api-gateway', 'dev/services/acc-be/manifests.yaml').find((d) => d.kind === 'Deployment');
    expect(dev.spec.replicas).toBe(1);
    expect(dev.spec.template.spec.containers[0].env).toContainEqual({ name: 'LOG_LEVEL', value: 'debug' });
    const prodHpa = manifests('community-health-api-gateway', 'prod/services/acc-be/manifests.yaml').find((d) => d.kind === 'HorizontalPodAutoscaler');
    expect(prodHpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 6 });
  });
});

describe('api-spa-helm (seed 001)', () => {
  test('Multi-AZ PostgreSQL 16 and encrypted Redis in production, AWS Backup for 30 days', () => {
    const [db] = resources('api-spa-helm', 'production-data', 'aws_db_instance');
    expect(db).toMatchObject({ engine_version: '16.6', multi_az: true, storage_encrypted: true });
    const [redis] = resources('api-spa-helm', 'production-data', 'aws_elasticache_replication_group');
    expect(redis).toMatchObject({ at_rest_encryption_enabled: 'true', transit_encryption_enabled: true });
    expect(resources('api-spa-helm', 'production-data', 'aws_backup_plan')[0].rule[0].lifecycle.delete_after).toBe(30);
  });

  test('the SPA is a static site behind TLS; API and SPA hosts; Slack alerts; Velero nightly', () => {
    const spa = manifests('api-spa-helm', 'production/services/frontend/manifests.yaml');
    expect(spa.find((d) => d.kind === 'Ingress').spec.tls[0].hosts).toEqual(['app.ddms.io']);
    expect(spa.find((d) => d.kind === 'Deployment').spec.template.spec.containers[0].livenessProbe.httpGet.path).toBe('/');
    expect(spa.some((d) => d.kind === 'ServiceMonitor')).toBe(false);
    const api = manifests('api-spa-helm', 'production/services/backend/manifests.yaml');
    expect(api.find((d) => d.kind === 'Ingress').spec.tls[0].hosts).toEqual(['api.ddms.io']);
    expect(api.some((d) => d.kind === 'NetworkPolicy')).toBe(true);
    const prometheus = manifests('api-spa-helm', 'production/apps/addon-kube-prometheus-stack.yaml')[0];
    expect(prometheus.spec.source.helm.valuesObject.alertmanager.config.receivers[1].slack_configs[0].channel).toBe('#ddms-alerts');
    expect(manifests('api-spa-helm', 'production/apps/addon-velero.yaml')[0].kind).toBe('ApplicationSet');
  });

  test('EKS runs a supported version instead of the seed\'s 1.30', () => {
    expect(resources('api-spa-helm', 'production-cluster', 'aws_eks_cluster')[0].version).toBe('1.36');
  });
});

describe('fastapi-react (seed 003)', () => {
  test('VPC 10.0.0.0/16 over two zones; NAT per zone in production, one in development', () => {
    expect(resources('fastapi-react', 'prod-network', 'aws_vpc')[0].cidr_block).toBe('10.0.0.0/16');
    expect(resources('fastapi-react', 'prod-network', 'aws_subnet')).toHaveLength(6);
    expect(resources('fastapi-react', 'prod-network', 'aws_nat_gateway')).toHaveLength(2);
    expect(resources('fastapi-react', 'dev-network', 'aws_nat_gateway')).toHaveLength(1);
  });

  test('RDS and Redis sized per environment as the seed describes', () => {
    expect(resources('fastapi-react', 'dev-data', 'aws_db_instance')[0]).toMatchObject({ instance_class: 'db.t3.micro', backup_retention_period: 7 });
    expect(resources('fastapi-react', 'prod-data', 'aws_db_instance')[0]).toMatchObject({ instance_class: 'db.t3.small', backup_retention_period: 30, multi_az: true });
    expect(resources('fastapi-react', 'dev-data', 'aws_elasticache_replication_group')[0]).toMatchObject({ node_type: 'cache.t3.micro', num_cache_clusters: 1 });
    expect(resources('fastapi-react', 'prod-data', 'aws_elasticache_replication_group')[0]).toMatchObject({ node_type: 'cache.t3.small', num_cache_clusters: 3, automatic_failover_enabled: true });
  });

  test('the Python service probes its health endpoints; secrets come from Secrets Manager', () => {
    const api = manifests('fastapi-react', 'prod/services/backend/manifests.yaml');
    const container = api.find((d) => d.kind === 'Deployment').spec.template.spec.containers[0];
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    expect(container.readinessProbe.httpGet.path).toBe('/health/db');
    expect(api.filter((d) => d.kind === 'ExternalSecret').map((d) => d.metadata.name).sort()).toEqual(['backend-postgres', 'backend-redis', 'backend-secrets']);
  });
});

describe('event-driven-chain (issue 16)', () => {
  const prod = (service: string) => manifests('event-driven-chain', `prod/services/${service}/manifests.yaml`);
  const one = (docs: any[], kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);

  test('the node is a StatefulSet with a 300Gi claim per replica, a p2p port beside RPC, and a sidecar on the shared socket', () => {
    const docs = prod('node');
    expect(docs.some((d) => d.kind === 'Deployment')).toBe(false);
    const set = one(docs, 'StatefulSet', 'node');
    expect(set.spec).toMatchObject({ serviceName: 'node', replicas: 2, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' } });
    expect(set.spec.volumeClaimTemplates.map((t: any) => [t.metadata.name, t.spec.storageClassName, t.spec.resources.requests.storage]))
      .toEqual([['data', 'paved-gp3-encrypted', '300Gi']]);
    const [main, sidecar] = set.spec.template.spec.containers;
    expect(main.ports).toEqual([
      { name: 'rpc', containerPort: 8545, protocol: 'TCP' },
      { name: 'p2p', containerPort: 30303, protocol: 'TCP' },
      { name: 'discovery', containerPort: 30303, protocol: 'UDP' },
    ]);
    expect(main.args).toContain('--ipcpath=/run/node/node.ipc');
    expect(sidecar.name).toBe('peer-manager');
    for (const c of [main, sidecar]) expect(c.volumeMounts).toContainEqual({ name: 'ipc', mountPath: '/run/node' });
    expect(one(docs, 'Service', 'node').spec.clusterIP).toBe('None');
  });

  test('p2p and discovery face the internet through one NLB and a NetworkPolicy on exactly those ports; the sidecar is scraped', () => {
    const docs = prod('node');
    const nlb = one(docs, 'Service', 'node-public');
    expect(nlb.metadata.annotations).toMatchObject({
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
    });
    expect(nlb.spec.ports.map((p: any) => [p.name, p.port, p.protocol])).toEqual([['p2p', 30303, 'TCP'], ['discovery', 30303, 'UDP']]);
    expect(one(docs, 'NetworkPolicy', 'node-public').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 'p2p' }, { protocol: 'UDP', port: 'discovery' }]);
    expect(one(docs, 'ServiceMonitor', 'node').spec.endpoints.map((e: any) => e.port)).toEqual(['rpc', 'metrics']);
  });

  test('the indexer is a worker: a Deployment without Service or Ingress', () => {
    const docs = prod('indexer');
    expect(one(docs, 'Deployment', 'indexer')).toBeDefined();
    expect(docs.filter((d) => ['Service', 'Ingress'].includes(d.kind))).toEqual([]);
  });

  test("the API's Prisma migration is a hook Job in the wave before its Deployment", () => {
    const docs = prod('api');
    const job = one(docs, 'Job', 'api-migrate');
    expect(job.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/sync-wave': '-1' });
    expect(job.spec.template.spec.containers[0].command).toEqual(['npx', 'prisma', 'migrate', 'deploy']);
    const wave = (d: any) => Number(d.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
    expect(wave(job)).toBeLessThan(wave(one(docs, 'Deployment', 'api')));
  });

  test('each calls edge is a pair of NetworkPolicies on the RPC port: egress at the caller, ingress at the node', () => {
    for (const caller of ['indexer', 'api', 'ws', 'reconcile']) {
      expect(one(prod(caller), 'NetworkPolicy', 'calls-node').spec.egress[0].ports).toEqual([{ protocol: 'TCP', port: 'rpc' }]);
      expect(one(prod('node'), 'NetworkPolicy', `called-by-${caller}`).spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 'rpc' }]);
    }
    // The vendor chart calls by number, from its whole namespace; the dashboard calls the API.
    expect(one(prod('node'), 'NetworkPolicy', 'called-by-chain-metrics').spec.ingress[0].from)
      .toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'chain-metrics' } } }]);
    expect(one(prod('dashboard'), 'NetworkPolicy', 'calls-api')).toBeDefined();
    expect(one(prod('api'), 'NetworkPolicy', 'called-by-dashboard')).toBeDefined();
    // No edge, no policy: the dashboard never reaches the node.
    expect(one(prod('node'), 'NetworkPolicy', 'called-by-dashboard')).toBeUndefined();
  });

  test('the vendor chart is an Application at its exact version in a project of its own', () => {
    const [project, app] = manifests('event-driven-chain', 'prod/apps/service-chain-metrics.yaml');
    expect(app.spec.source).toMatchObject({ repoURL: 'https://ethpandaops.github.io/ethereum-helm-charts', chart: 'ethereum-metrics-exporter', targetRevision: '0.2.1' });
    expect(app.spec.project).toBe(project.metadata.name);
    expect(project.spec.sourceRepos).toEqual(['https://ethpandaops.github.io/ethereum-helm-charts']);
  });

  test('Kafka: MSK Serverless in dev, three provisioned brokers in prod, IAM authentication only', () => {
    const [serverless] = resources('event-driven-chain', 'dev-data', 'aws_msk_serverless_cluster');
    expect(serverless.client_authentication).toEqual({ sasl: { iam: { enabled: true } } });
    const [cluster] = resources('event-driven-chain', 'prod-data', 'aws_msk_cluster');
    expect(cluster).toMatchObject({
      number_of_broker_nodes: 3,
      client_authentication: { sasl: { iam: true, scram: false }, unauthenticated: false },
      encryption_info: { encryption_in_transit: { client_broker: 'TLS', in_cluster: true } },
    });
    expect(resources('event-driven-chain', 'dev-data', 'aws_msk_cluster')).toEqual([]);
  });

  test("the cost estimate counts the node's volumes: 300 GiB gp3 per replica", () => {
    const { report } = costOf('examples/event-driven-chain/platform.config.ts', ROOT);
    const volumes = report.environments.map((e) => e.lines.filter((l) => l.item.startsWith('node: ')).map((l) => [e.name, l.component, l.quantity, l.priceId]));
    expect(volumes).toEqual([[['dev', 'block-storage', 300, 'ebs.gp3.storage']], [['prod', 'block-storage', 600, 'ebs.gp3.storage']]]);
  });

  test('the dashboard Ingress points at the sign-in proxy, not at the dashboard', () => {
    const docs = prod('dashboard');
    expect(one(docs, 'Ingress', 'dashboard').spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'dashboard-sso', port: { name: 'http' } } });
    expect(one(docs, 'Deployment', 'dashboard-sso').spec.template.spec.containers[0].args)
      .toEqual(expect.arrayContaining(['--provider=google', '--email-domain=ledgerline.io']));
  });
});
