import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesizeGitops } from '@paved/gitops-apps';
import { ALL_RULES, formatTextReport } from '@paved/guardrails';
import { synthesizeInfrastructure } from '@paved/platform-infra';
import { resolvePlatform, secretByShape } from '@paved/shared-config';
import { parseAllDocuments, stringify } from 'yaml';
import example from '../platform.config';
import { runPaved, tempDir } from './support/run-paved';
import { checkOutput } from '../src/check/check-output';

/**
 * Issue 13's security review, replayed. Each finding is a fixture: the real synthesized example with ONE thing
 * changed, as a hand edit, an escape-hatch override or a careless pull request would change it. `paved check` must
 * fail with the rule id that guards it, on the resource that was changed; the unedited output must pass with 0 errors
 * (through the compiled CLI). The cases run the check the CLI runs (`checkOutput`: read the directory, every rule,
 * the config's waivers) in process: a CLI start per case cost half a minute of the suite and proved nothing more. Planted secrets in the config must be refused by validate and
 * synth and appear nowhere.
 */
const work = tempDir('paved-red-team-');
const configFile = path.join(work, 'platform.json');
fs.writeFileSync(configFile, JSON.stringify(example));
const base = path.join(work, 'base');

interface Finding {
  readonly ruleId: string;
  readonly address: string;
  readonly severity: string;
  readonly problem: string;
  readonly waiver?: unknown;
}

/** What `paved check --output <dir> --format json` reports, in process. */
function checkInProcess(dir: string): { status: number | null; errors: Finding[]; text: string } {
  const report = checkOutput(dir, example.waivers ?? []);
  const json = JSON.parse(JSON.stringify(report)) as { findings: Finding[] };
  return {
    status: report.ok ? 0 : 1,
    errors: json.findings.filter((f) => f.severity === 'error' && !f.waiver),
    text: `${JSON.stringify(report)}\n${formatTextReport(report).join('\n')}`,
  };
}

function check(dir: string): { status: number | null; errors: Finding[]; text: string } {
  const run = runPaved(['check', '--config', configFile, '--output', dir, '--format', 'json']);
  const report = JSON.parse(run.stdout) as { findings: Finding[] };
  return { status: run.status, errors: report.findings.filter((f) => f.severity === 'error' && !f.waiver), text: run.stdout + run.stderr };
}

/** A copy of the example output with one edit. */
function variant(name: string, edit: (dir: string) => void): string {
  const dir = path.join(work, name);
  fs.cpSync(base, dir, { recursive: true });
  edit(dir);
  return dir;
}

/** Edits the first resource of `type` in a stack whose construct path ends with `pathEnd`; returns its address. */
function editResource(dir: string, stack: string, type: string, pathEnd: string, mutate: (r: any, json: any) => void): string {
  const file = path.join(dir, 'terraform', 'stacks', stack, 'cdk.tf.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byName = json.resource?.[type] ?? {};
  const name = Object.keys(byName).find((n) => String(byName[n]['//']?.metadata?.path ?? '').endsWith(pathEnd));
  if (!name) throw new Error(`${stack} has no ${type} at ${pathEnd}`);
  mutate(byName[name], json);
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
  return `${stack}:${type}.${name}`;
}

/** Edits the documents of a manifest file (`gitops/<env>/...`); `mutate` may return extra documents to append. */
function editManifests(dir: string, file: string, mutate: (docs: any[]) => void): void {
  const target = path.join(dir, file);
  const docs = parseAllDocuments(fs.readFileSync(target, 'utf8')).map((d) => d.toJS());
  mutate(docs);
  fs.writeFileSync(target, docs.map((d) => stringify(d)).join('---\n'));
}

const withPolicy = (mutate: (doc: any) => void) => (r: any) => {
  const doc = JSON.parse(r.policy);
  mutate(doc);
  r.policy = JSON.stringify(doc);
};

/** Rewrites the GitHub `sub` condition of a role's trust policy. */
const withTrust = (mutate: (sub: { test: string; values: unknown }) => void) => (r: any) => {
  const trust = JSON.parse(r.assume_role_policy);
  for (const statement of trust.Statement) {
    for (const [test, vars] of Object.entries<any>(statement.Condition ?? {})) {
      const key = Object.keys(vars).find((k) => k.endsWith(':sub'));
      if (!key) continue;
      const sub = { test, values: vars[key] };
      mutate(sub);
      delete vars[key];
      if (Object.keys(vars).length === 0) delete statement.Condition[test];
      statement.Condition[sub.test] = { ...statement.Condition[sub.test], [key]: sub.values };
    }
  }
  r.assume_role_policy = JSON.stringify(trust);
};

const API = 'gitops/prod/services/api/manifests.yaml';
const WORKER = 'gitops/prod/services/worker/manifests.yaml';

/**
 * Adds to prod-data the provisioned MSK cluster KafkaCluster writes (the example has no Kafka), with `mutate` applied:
 * the secure shape plus one insecure setting. Returns its address.
 */
function plantMsk(dir: string, mutate: (cluster: any) => void): string {
  const file = path.join(dir, 'terraform', 'stacks', 'prod-data', 'cdk.tf.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const cluster = {
    '//': { metadata: { path: 'prod-data/kafka/cluster' } },
    'cluster_name': 'northwind-prod-kafka',
    'kafka_version': '3.8.x',
    'number_of_broker_nodes': 3,
    'broker_node_group_info': { instance_type: 'kafka.m7g.large', client_subnets: ['subnet-a', 'subnet-b', 'subnet-c'], security_groups: ['sg-kafka'] },
    'client_authentication': { unauthenticated: false, sasl: { iam: true, scram: false } },
    'encryption_info': { encryption_at_rest_kms_key_arn: 'arn:aws:kms:eu-west-1:345678901234:key/data', encryption_in_transit: { client_broker: 'TLS', in_cluster: true } },
    'logging_info': { broker_logs: { cloudwatch_logs: { enabled: true, log_group: '/northwind/prod/msk-broker' } } },
  };
  mutate(cluster);
  json.resource.aws_msk_cluster = { kafka_cluster: cluster };
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
  return 'prod-data:aws_msk_cluster.kafka_cluster';
}

const CHART_APP = 'gitops/prod/apps/service-node.yaml';

/**
 * Adds to prod the Application gitops-apps renders for a third-party chart entry (`services[].chart`; the example has
 * none), with `mutate` applied to its values. Returns its address.
 */
function plantChart(dir: string, mutate: (values: any) => void): string {
  const values = {
    image: { repository: 'ghcr.io/vendor/node', tag: '4.2.0' },
    securityContext: { runAsUser: 10001, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
    service: { type: 'ClusterIP', port: 8545 },
  };
  mutate(values);
  const app = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'service-node', namespace: 'argocd' },
    spec: {
      project: 'chart-node',
      source: { repoURL: 'ghcr.io/vendor/charts', chart: 'chain-node', targetRevision: '4.2.0', helm: { releaseName: 'node', valuesObject: values } },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'node' },
    },
  };
  fs.writeFileSync(path.join(dir, CHART_APP), stringify(app));
  return `${CHART_APP}#Application/argocd/service-node`;
}

interface RedTeamCase {
  /** The finding of issue 13, in its words. */
  readonly finding: string;
  readonly rule: string;
  /** Makes the edit; returns the address the error must name (a prefix is enough for manifests). */
  readonly edit: (dir: string) => string;
}

const CASES: RedTeamCase[] = [
  // CI identities (PAVED-AWS-IAM-004/005/006 are the CI helper's rules; the fixtures are issue 13's findings).
  {
    finding: 'the CI deploy role trusts repo:northwind/*:environment:* (any repository, any environment)',
    rule: 'PAVED-AWS-IAM-004',
    edit: (dir) => editResource(dir, 'bootstrap', 'aws_iam_role', 'github/deploy-role', withTrust((sub) => { sub.values = 'repo:northwind/*:environment:*'; })),
  },
  {
    finding: 'an OIDC sub of *',
    rule: 'PAVED-AWS-IAM-004',
    edit: (dir) => editResource(dir, 'bootstrap', 'aws_iam_role', 'github/plan-role', withTrust((sub) => { sub.test = 'StringLike'; sub.values = '*'; })),
  },
  {
    finding: 'AdministratorAccess on a CI role',
    rule: 'PAVED-AWS-IAM-005',
    edit: (dir) => {
      editResource(dir, 'bootstrap', 'aws_iam_role_policy_attachment', 'github/plan-managed-0', (r) => { r.policy_arn = 'arn:aws:iam::aws:policy/AdministratorAccess'; });
      return 'bootstrap:aws_iam_role.github_plan-role_';
    },
  },
  {
    finding: 'iam:* on * in an inline policy',
    rule: 'PAVED-AWS-IAM-005',
    edit: (dir) => editResource(dir, 'bootstrap', 'aws_iam_role', 'github/push-api-role', (role, json) => {
      const name = Object.keys(json.resource.aws_iam_role).find((n) => json.resource.aws_iam_role[n] === role);
      json.resource.aws_iam_role_policy = {
        ...json.resource.aws_iam_role_policy,
        red_team: { name: 'red-team', role: `\${aws_iam_role.${name}.name}`, policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }) },
      };
    }),
  },
  {
    finding: 'PowerUserAccess without a permissions boundary',
    rule: 'PAVED-AWS-IAM-006',
    edit: (dir) => editResource(dir, 'bootstrap', 'aws_iam_role', 'github/deploy-role', (r) => { delete r.permissions_boundary; }),
  },
  // Secrets in state, network policy, secret scope (the data and cluster helpers' rules).
  {
    finding: 'the RDS master password from aws_secretsmanager_random_password lands in state',
    rule: 'PAVED-AWS-SECRET-002',
    edit: (dir) => editResource(dir, 'prod-data', 'aws_db_instance', 'postgres/instance', (r) => {
      delete r.manage_master_user_password;
      r.password = '${data.aws_secretsmanager_random_password.password.random_password}';
    }),
  },
  {
    finding: 'NetworkPolicies are never enforced (vpc-cni without enableNetworkPolicy)',
    rule: 'PAVED-AWS-CNI-001',
    edit: (dir) => {
      editResource(dir, 'prod-cluster', 'aws_eks_addon', 'addon-vpc-cni', (r) => { r.configuration_values = '{}'; });
      return 'prod-cluster:aws_eks_';
    },
  },
  {
    finding: 'any namespace can read any secret through an unconditioned ClusterSecretStore',
    rule: 'PAVED-K8S-STORE-001',
    edit: (dir) => {
      editManifests(dir, API, (docs) => {
        const es = docs.find((d) => d.kind === 'ExternalSecret');
        es.spec.secretStoreRef = { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' };
      });
      return `${API}#ExternalSecret/api/`;
    },
  },
  {
    finding: 'add-on namespaces without Pod Security labels',
    rule: 'PAVED-ARGO-PSA-001',
    edit: (dir) => {
      editManifests(dir, 'gitops/prod/apps/addon-loki.yaml', (docs) => {
        const spec = docs[0].kind === 'ApplicationSet' ? docs[0].spec.template.spec : docs[0].spec;
        delete spec.syncPolicy.managedNamespaceMetadata;
      });
      return 'gitops/prod/apps/addon-loki.yaml#Application';
    },
  },
  // The guardrail misses of issue 13.
  {
    finding: '0.0.0.0/0 to 5432',
    rule: 'PAVED-AWS-SG-001',
    edit: (dir) => editResource(dir, 'prod-data', 'aws_vpc_security_group_ingress_rule', 'postgres/from-cluster', (r) => {
      delete r.referenced_security_group_id;
      r.cidr_ipv4 = '0.0.0.0/0';
    }),
  },
  {
    finding: '::/0 to Redis 6379, inline in the security group',
    rule: 'PAVED-AWS-SG-001',
    edit: (dir) => editResource(dir, 'prod-data', 'aws_security_group', 'redis/security-group', (r) => {
      r.ingress = [{ description: 'debug', from_port: 6379, to_port: 6379, protocol: 'tcp', ipv6_cidr_blocks: ['::/0'] }];
    }),
  },
  {
    finding: 'a literal password attribute (RDS)',
    rule: 'PAVED-AWS-SECRET-001',
    edit: (dir) => editResource(dir, 'prod-data', 'aws_db_instance', 'postgres/instance', (r) => { r.password = 'Sup3r-Secret-Passw0rd'; }),
  },
  {
    finding: 'a literal auth token (ElastiCache)',
    rule: 'PAVED-AWS-SECRET-001',
    edit: (dir) => editResource(dir, 'prod-data', 'aws_elasticache_replication_group', 'redis/replication-group', (r) => { r.auth_token = 'a-literal-auth-token-0123456789'; }),
  },
  {
    finding: 'a public KMS key policy',
    rule: 'PAVED-AWS-KMS-002',
    edit: (dir) => editResource(dir, 'prod-cluster', 'aws_kms_key', 'secrets-key/key', withPolicy((doc) => { doc.Statement[0].Principal = { AWS: '*' }; })),
  },
  {
    finding: 'a public S3 bucket policy',
    rule: 'PAVED-AWS-S3-012',
    edit: (dir) => editResource(dir, 'prod-cluster', 'aws_s3_bucket_policy', 'velero-bucket/policy', withPolicy((doc) => {
      doc.Statement.push({ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' });
    })),
  },
  {
    finding: 'a view role promoted to cluster-admin',
    rule: 'PAVED-AWS-EKS-006',
    edit: (dir) => editResource(dir, 'prod-cluster', 'aws_eks_access_policy_association', 'access-AWSReservedSSO_Developer_1a2b3c4d5e6f7a8b/policy', (r) => {
      r.policy_arn = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
    }),
  },
  {
    // The rule once judged admins by role name; a role named like an admin but configured as view must not pass.
    finding: 'a view role promoted to cluster-admin and its access-level tag removed',
    rule: 'PAVED-AWS-EKS-006',
    edit: (dir) => {
      editResource(dir, 'prod-cluster', 'aws_eks_access_entry', 'access-AWSReservedSSO_Developer_1a2b3c4d5e6f7a8b/entry', (r) => {
        delete r.tags['paved:access-level'];
        r.principal_arn = 'arn:aws:iam::345678901234:role/PlatformAdmin';
      });
      return editResource(dir, 'prod-cluster', 'aws_eks_access_policy_association', 'access-AWSReservedSSO_Developer_1a2b3c4d5e6f7a8b/policy', (r) => {
        r.policy_arn = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
      });
    },
  },
  {
    finding: 'IMDSv1 on a launch template',
    rule: 'PAVED-AWS-EC2-001',
    edit: (dir) => editResource(dir, 'prod-cluster', 'aws_launch_template', 'nodes-general/launch-template', (r) => { r.metadata_options.http_tokens = 'optional'; }),
  },
  {
    finding: 'a plaintext Kubernetes Secret',
    rule: 'PAVED-K8S-PLAIN-001',
    edit: (dir) => {
      editManifests(dir, API, (docs) => docs.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api-db', namespace: 'api' }, stringData: { DB_PASS: 'hunter2' } }));
      return `${API}#Secret/api/api-db`;
    },
  },
  {
    finding: '`sslmode=require` without certificate verification in a connection string',
    rule: 'PAVED-K8S-TLS-001',
    edit: (dir) => {
      editManifests(dir, API, (docs) => {
        const secret = docs.find((d) => d.kind === 'ExternalSecret' && d.metadata.name === 'api-postgres');
        secret.spec.target.template.data.DATABASE_URL = secret.spec.target.template.data.DATABASE_URL.replace('sslmode=verify-full', 'sslmode=require');
      });
      return `${API}#ExternalSecret/api/api-postgres`;
    },
  },
  {
    finding: 'Loki without authentication (the gateway\'s basic auth turned off)',
    rule: 'PAVED-ARGO-014',
    edit: (dir) => {
      const file = 'gitops/prod/apps/addon-loki.yaml';
      editManifests(dir, file, (docs) => { docs[0].spec.template.spec.source.helm.valuesObject.gateway.basicAuth = { enabled: false }; });
      return `${file}#ApplicationSet/argocd/loki`;
    },
  },
  {
    finding: 'a cross-namespace ExternalSecret',
    rule: 'PAVED-K8S-ESO-001',
    edit: (dir) => {
      editManifests(dir, WORKER, (docs) => {
        const es = docs.find((d) => d.kind === 'ExternalSecret');
        es.spec.data[0].remoteRef.key = 'northwind/prod/api/jwt';
      });
      return `${WORKER}#ExternalSecret/worker/`;
    },
  },
  {
    finding: 'plaintext secrets reach the GitOps branch: a password under DB_PASS in a Deployment',
    rule: 'PAVED-K8S-ENV-001',
    edit: (dir) => {
      editManifests(dir, API, (docs) => docs.find((d) => d.kind === 'Deployment').spec.template.spec.containers[0].env.push({ name: 'DB_PASS', value: 'hunter2' }));
      return `${API}#Deployment/api/api`;
    },
  },
  {
    finding: 'plaintext secrets reach the GitOps branch: an sk_live_ token under an innocent name',
    rule: 'PAVED-K8S-ENV-001',
    edit: (dir) => {
      editManifests(dir, WORKER, (docs) => docs.find((d) => d.kind === 'Deployment').spec.template.spec.containers[0].env.push({ name: 'PAYMENTS', value: 'sk_live_51HxYzAbCdEfGhIjKl' }));
      return `${WORKER}#Deployment/worker/worker`;
    },
  },
  {
    finding: 'Helm add-on values: a Grafana admin password in valuesObject',
    rule: 'PAVED-ARGO-011',
    edit: (dir) => {
      editManifests(dir, 'gitops/prod/apps/addon-kube-prometheus-stack.yaml', (docs) => { docs[0].spec.source.helm.valuesObject.grafana.adminPassword = 'prom-operator'; });
      return 'gitops/prod/apps/addon-kube-prometheus-stack.yaml#Application/';
    },
  },
  {
    finding: 'Helm add-on values: hostNetwork for the ingress controller',
    rule: 'PAVED-ARGO-012',
    edit: (dir) => {
      // The AWS Load Balancer Controller's chart has a hostNetwork value (issue 14: it replaced ingress-nginx).
      editManifests(dir, 'gitops/prod/apps/addon-aws-load-balancer-controller.yaml', (docs) => {
        const helm = docs[0].spec.template.spec.source.helm;
        helm.valuesObject = { ...helm.valuesObject, hostNetwork: true };
      });
      return 'gitops/prod/apps/addon-aws-load-balancer-controller.yaml#ApplicationSet/';
    },
  },
  // Third-party charts (issue 16): the values Paved writes for a vendor chart are judged like an add-on's.
  {
    finding: 'a third-party chart\'s values make its pods privileged',
    rule: 'PAVED-ARGO-012',
    edit: (dir) => plantChart(dir, (v) => { v.securityContext.privileged = true; }),
  },
  {
    finding: 'a third-party chart\'s values hold an admin password literal',
    rule: 'PAVED-ARGO-011',
    edit: (dir) => plantChart(dir, (v) => { v.auth = { adminPassword: 'hunter2-chart-admin' }; }),
  },
  // Amazon MSK (issue 16): IAM is the only authentication, TLS the only transport, grants name their topics.
  {
    finding: 'an MSK cluster that admits unauthenticated clients',
    rule: 'PAVED-AWS-MSK-001',
    edit: (dir) => plantMsk(dir, (c) => { c.client_authentication.unauthenticated = true; }),
  },
  {
    finding: 'MSK clients talk to brokers in plaintext (client_broker PLAINTEXT)',
    rule: 'PAVED-AWS-MSK-002',
    edit: (dir) => plantMsk(dir, (c) => { c.encryption_info.encryption_in_transit.client_broker = 'PLAINTEXT'; }),
  },
  {
    finding: 'kafka-cluster:* on * in a service\'s Pod Identity policy',
    rule: 'PAVED-AWS-MSK-006',
    edit: (dir) => editResource(dir, 'prod-data', 'aws_iam_role_policy', 'service-worker-identity/policy', withPolicy((doc) => {
      doc.Statement.push({ Effect: 'Allow', Action: 'kafka-cluster:*', Resource: '*' });
    })),
  },
];

/**
 * The base output is synthesized in process (as `paved synth` does, without its check gate), so that each case can
 * prove its finding appears only after its edit even while the unedited example has findings of its own.
 */
let baseErrors: Finding[] = [];
beforeAll(() => {
  fs.mkdirSync(base, { recursive: true });
  const platform = resolvePlatform(example);
  const { stacks } = synthesizeInfrastructure(platform, { outdir: path.join(base, 'terraform') });
  synthesizeGitops(platform, { outdir: path.join(base, 'gitops') });
  fs.writeFileSync(path.join(base, 'summary.json'), JSON.stringify({
    environments: platform.environments.map((e) => ({ name: e.name, profile: e.profile })),
    terraform: { stacks: stacks.map((s) => ({ name: s.name, environment: s.environment })) },
  }));
  baseErrors = check(base).errors;
});

test('the unedited example passes paved check with 0 errors', () => {
  expect(baseErrors.map((f) => `${f.ruleId} ${f.address}: ${f.problem}`)).toEqual([]);
  expect(check(base).status).toBe(0);
  // The in-process check the cases use reports exactly what the CLI reports.
  expect(checkInProcess(base).errors).toEqual(baseErrors);
});

test('every rule a case names exists', () => {
  const ids = new Set(ALL_RULES.map((r) => r.id));
  expect(CASES.map((c) => c.rule).filter((id) => !ids.has(id))).toEqual([]);
});

describe.each(CASES.map((c, i) => [c.finding, c, i] as const))('red team: %s', (_finding, c, i) => {
  test(`fails paved check with ${c.rule} on the edited resource`, () => {
    let address = '';
    const dir = variant(`case-${i}`, (d) => { address = c.edit(d); });
    const result = checkInProcess(dir);
    expect(result.status).toBe(1);
    const hits = result.errors.filter((f) => f.ruleId === c.rule);
    expect(hits.map((f) => f.address)).toEqual(expect.arrayContaining([expect.stringContaining(address)]));
    // The edit, not the base output, caused it.
    expect(baseErrors.filter((f) => f.ruleId === c.rule && f.address.includes(address))).toEqual([]);
    // Findings describe what is wrong, never the secret they found.
    expect(result.text).not.toMatch(/hunter2|Sup3r-Secret|sk_live_51|prom-operator|a-literal-auth-token/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('planted secrets in the config', () => {
  const PLANTED = {
    password: 'planted-password-do-not-ship',
    stripe: 'sk_live_51PlantedStripeKey0123456789',
    github: 'ghp_PlantedGitHubToken0123456789abcdefAB',
  };
  const planted = path.join(work, 'planted.json');
  const out = path.join(work, 'planted-out');
  beforeAll(() => {
    const config = structuredClone(example) as any;
    const api = config.services.find((s: any) => s.name === 'api');
    api.env = { ...api.env, DB_PASS: PLANTED.password, PAYMENTS: PLANTED.stripe };
    api.environments.prod = { ...api.environments.prod, env: { CI_HELPER: PLANTED.github } };
    fs.writeFileSync(planted, JSON.stringify(config));
  });
  const leaks = (text: string) => Object.values(PLANTED).filter((v) => text.includes(v));

  test('paved validate refuses them, one line each with the path and the fix, without echoing a value', () => {
    const run = runPaved(['validate', '--config', planted]);
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^error: .*: services\[0\]\.env\.DB_PASS: looks like a secret \(a literal password\) \(move it to secrets: \{ DB_PASS: \{ secret: '<name in Secrets Manager>', key: '<key>' \} \} and create it in Secrets Manager\)$/),
      expect.stringMatching(/: services\[0\]\.env\.PAYMENTS: looks like a secret \(a Stripe secret key\)/),
      expect.stringMatching(/: services\[0\]\.environments\.prod\.env\.CI_HELPER: looks like a secret \(a GitHub token\)/),
    ]));
    expect(leaks(run.stdout + run.stderr)).toEqual([]);
  });

  test('paved synth refuses them too, writes nothing and prints no value', () => {
    const run = runPaved(['synth', '--config', planted, '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/services\[0\]\.env\.DB_PASS: looks like a secret/);
    expect(fs.existsSync(out)).toBe(false);
    expect(leaks(run.stdout + run.stderr)).toEqual([]);
  });

  test('no file of the example output holds a planted value or any string shaped like a credential', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(base);
    const tf = files.filter((f) => f.endsWith('cdk.tf.json'));
    const yaml = files.filter((f) => /\.ya?ml$/.test(f));
    expect(tf.length).toBeGreaterThanOrEqual(15);
    expect(yaml.length).toBeGreaterThan(50);
    const found: string[] = [];
    const visit = (file: string, value: unknown) => {
      if (typeof value === 'string') {
        const what = secretByShape(value);
        if (what) found.push(`${path.relative(base, file)}: ${what}`);
      } else if (Array.isArray(value)) {
        value.forEach((v) => visit(file, v));
      } else if (value && typeof value === 'object') {
        Object.values(value).forEach((v) => visit(file, v));
      }
    };
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      expect(leaks(text)).toEqual([]);
      if (f.endsWith('.json')) visit(f, JSON.parse(text));
      else if (yaml.includes(f)) parseAllDocuments(text).forEach((d) => visit(f, d.toJS()));
    }
    expect(found).toEqual([]);
  });
});

test('docs/security.md names only rules that exist, and every rule this suite relies on', () => {
  const docs = fs.readFileSync(path.join(__dirname, '..', 'docs', 'security.md'), 'utf8');
  const ids = new Set(ALL_RULES.map((r) => r.id));
  const named = [...docs.matchAll(/PAVED-[A-Z0-9]+(?:-[A-Z0-9]+)*-\d{3}/g)].map((m) => m[0]);
  expect(named.filter((id) => !ids.has(id))).toEqual([]);
  // Short forms (`IAM-004`, `K8S-ESO-001`) count: the table abbreviates repeated prefixes.
  expect([...new Set(CASES.map((c) => c.rule))].filter((id) => !docs.includes(id.replace(/^PAVED-(AWS-)?/, '')))).toEqual([]);
});
