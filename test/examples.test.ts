import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT, runPaved, tempDir } from './support/run-paved';

/** The seed platforms as configs: each validates, synthesizes (which runs paved check) and has what its write-up asks. */
const work = tempDir('paved-examples-');
const EXAMPLES = ['community-health-api-gateway', 'api-spa-helm', 'fastapi-react'];

const outputs = new Map<string, string>();
beforeAll(() => {
  for (const name of EXAMPLES) {
    const out = path.join(work, name);
    const run = runPaved(['synth', '--config', path.join(ROOT, 'examples', name, 'platform.config.ts'), '--out', out, '--no-timings']);
    if (run.status !== 0) throw new Error(`${name}: paved synth failed\n${run.stderr}`);
    outputs.set(name, out);
  }
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
