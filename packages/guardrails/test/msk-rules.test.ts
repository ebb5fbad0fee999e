import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolvePlatform, type EnvironmentConfig, type PlatformConfig, type ServiceConfig } from '@paved/shared-config';
import example from '../../../platform.config';
// guardrails does not depend on platform-infra (the rules read any Terraform JSON): the test takes its compiled
// package, as the root tests do through `@paved/platform-infra` (`npx tsc --build` first).
import { synthesizeInfrastructure } from '../../platform-infra/lib';
import { ALL_RULES, ruleDomain, runChecks, type CheckInput } from '../src';

/**
 * The MSK rules (issue 16) on the real synthesized output: the root example with MSK Serverless in dev, a provisioned
 * cluster in prod and `worker` granted two topics, synthesized once. The unedited output passes; each fixture is that
 * output with ONE insecure setting planted, as a hand edit or a regressed construct would write it.
 */
function withKafka(base: PlatformConfig): PlatformConfig {
  const kafka: Record<string, EnvironmentConfig['data']> = {
    dev: { kafka: { mode: 'serverless' } },
    prod: { kafka: { mode: 'provisioned' } },
  };
  const environments = base.environments.map((e) => ({ ...e, data: { ...e.data, ...kafka[e.name] } }));
  const services = (base.services ?? []).map((s): ServiceConfig =>
    s.name === 'worker' ? { ...s, dependsOn: [...(s.dependsOn ?? []), 'kafka'], kafka: { topics: ['orders', 'payments.v1'] } } : s);
  return { ...base, environments, services };
}

const platform = resolvePlatform(withKafka(example));
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-msk-rules-'));
const { stacks } = synthesizeInfrastructure(platform, { outdir, environments: ['dev', 'prod'] });
const base: CheckInput = {
  environments: platform.environments.map((e) => ({ name: e.name, profile: e.profile })),
  stacks: stacks.map((s) => ({
    name: s.name,
    environment: s.environment,
    file: `terraform/stacks/${s.name}/cdk.tf.json`,
    json: JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', s.name, 'cdk.tf.json'), 'utf8')),
  })),
  documents: [],
};
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

const rule = (id: string) => ALL_RULES.find((r) => r.id === id)!;
const MSK_IDS = ALL_RULES.map((r) => r.id).filter((id) => id.startsWith('PAVED-AWS-MSK-'));
const findings = (input: CheckInput, ids: readonly string[]) =>
  runChecks(input, { rules: ids.map(rule), today: '2026-12-03' }).findings.map((f) => `${f.ruleId} ${f.severity} ${f.address}: ${f.problem}`);

/** The base output with one resource (the single one of `type` in `stack` whose construct path ends with `pathEnd`) edited. */
function planted(stack: string, type: string, pathEnd: string, mutate: (r: any, json: any) => void): { input: CheckInput; address: string } {
  let address = '';
  const edited = base.stacks.map((s) => {
    if (s.name !== stack) return s;
    const json = structuredClone(s.json) as any;
    const byName = json.resource?.[type] ?? {};
    const names = Object.keys(byName).filter((n) => String(byName[n]['//']?.metadata?.path ?? '').endsWith(pathEnd));
    if (names.length !== 1) throw new Error(`${stack}: ${names.length} ${type} at ${pathEnd}`);
    mutate(byName[names[0]], json);
    address = `${stack}:${type}.${names[0]}`;
    return { ...s, json };
  });
  return { input: { ...base, stacks: edited }, address };
}

const provisioned = (mutate: (cluster: any) => void) => planted('prod-data', 'aws_msk_cluster', 'kafka/cluster', mutate);
const serverless = (mutate: (cluster: any) => void) => planted('dev-data', 'aws_msk_serverless_cluster', 'kafka/serverless-cluster', mutate);
/** The worker's Pod Identity policy (the one with the Kafka grants) in `env`. */
const workerPolicy = (env: string, mutate: (statements: any[]) => void) =>
  planted(`${env}-data`, 'aws_iam_role_policy', 'service-worker-identity/policy', (r) => {
    const doc = JSON.parse(r.policy);
    mutate(doc.Statement);
    r.policy = JSON.stringify(doc);
  });
const kafkaStatement = (statements: any[], sid: string) => statements.find((s) => s.Sid === sid);

/**
 * Findings of `id` only on the planted resource (one per problem), errors in its profile, and together saying
 * `message` (problems joined with ", ").
 */
function expectOnly(id: string, { input, address }: { input: CheckInput; address: string }, message: RegExp) {
  const found = findings(input, [id]);
  const prefix = `${id} error ${address}: `;
  expect(found.length).toBeGreaterThan(0);
  expect(found.filter((f) => !f.startsWith(prefix))).toEqual([]);
  expect(found.map((f) => f.slice(prefix.length)).join(', ')).toMatch(message);
}

describe('the synthesized output with MSK', () => {
  test('has a provisioned cluster in prod, a serverless one in dev, and Kafka grants for worker', () => {
    const types = (stack: string) => Object.keys(base.stacks.find((s) => s.name === stack)!.json.resource as object);
    expect(types('prod-data')).toContain('aws_msk_cluster');
    expect(types('dev-data')).toContain('aws_msk_serverless_cluster');
    expect(MSK_IDS).toEqual(['PAVED-AWS-MSK-001', 'PAVED-AWS-MSK-002', 'PAVED-AWS-MSK-003', 'PAVED-AWS-MSK-004', 'PAVED-AWS-MSK-005', 'PAVED-AWS-MSK-006']);
  });

  test('passes every AWS rule (the MSK rules, SG-001, IAM-001, the log group rules...) with 0 errors', () => {
    // Development's preset warnings (single-AZ, no deletion protection) are not MSK's business.
    const errors = findings(base, ALL_RULES.filter((r) => ruleDomain(r) === 'aws').map((r) => r.id)).filter((f) => !/^\S+ warning /.test(f));
    expect(errors).toEqual([]);
    expect(findings(base, MSK_IDS)).toEqual([]);
  });
});

describe('PAVED-AWS-MSK-001: IAM is the only client authentication', () => {
  test.each<[string, (c: any) => void, RegExp]>([
    ['unauthenticated = true', (c) => { c.client_authentication.unauthenticated = true; }, /client_authentication\.unauthenticated is true$/],
    ['unauthenticated from a variable', (c) => { c.client_authentication.unauthenticated = '${var.open}'; }, /unauthenticated is an expression .*not literally false/],
    ['SASL/SCRAM on', (c) => { c.client_authentication.sasl.scram = true; }, /client_authentication\.sasl\.scram is true$/],
    ['IAM off', (c) => { c.client_authentication.sasl.iam = false; }, /client_authentication\.sasl\.iam is false$/],
    ['mutual TLS clients', (c) => { c.client_authentication.tls = { certificate_authority_arns: ['arn:aws:acm-pca:eu-west-1:1:certificate-authority/x'] }; }, /mutual TLS/],
    ['no client_authentication block', (c) => { delete c.client_authentication; }, /client_authentication is not set \(clients connect unauthenticated\)/],
    ['blocks written as arrays, unauthenticated', (c) => { c.client_authentication = [{ unauthenticated: true, sasl: [{ iam: true }] }]; }, /unauthenticated is true$/],
  ])('provisioned: %s fails', (_case, mutate, message) => {
    expectOnly('PAVED-AWS-MSK-001', provisioned(mutate), message);
  });

  test.each<[string, (c: any) => void, RegExp]>([
    ['IAM disabled', (c) => { c.client_authentication.sasl.iam.enabled = false; }, /client_authentication\.sasl\.iam\.enabled is false$/],
    ['no client_authentication block', (c) => { delete c.client_authentication; }, /client_authentication\.sasl\.iam\.enabled is \(unset\)$/],
  ])('serverless: %s fails (a development environment too)', (_case, mutate, message) => {
    expectOnly('PAVED-AWS-MSK-001', serverless(mutate), message);
  });
});

describe('PAVED-AWS-MSK-002: TLS in transit', () => {
  test.each<[string, (c: any) => void, RegExp]>([
    ['client_broker PLAINTEXT', (c) => { c.encryption_info.encryption_in_transit.client_broker = 'PLAINTEXT'; }, /client_broker is "PLAINTEXT", not "TLS"/],
    ['client_broker TLS_PLAINTEXT', (c) => { c.encryption_info.encryption_in_transit.client_broker = 'TLS_PLAINTEXT'; }, /client_broker is "TLS_PLAINTEXT"/],
    ['in_cluster false', (c) => { c.encryption_info.encryption_in_transit.in_cluster = false; }, /encryption_in_transit\.in_cluster is false$/],
    ['no encryption_in_transit block', (c) => { delete c.encryption_info.encryption_in_transit; }, /client_broker is \(unset\).*, .*in_cluster is \(unset\)/],
  ])('%s fails', (_case, mutate, message) => {
    expectOnly('PAVED-AWS-MSK-002', provisioned(mutate), message);
  });
});

describe('PAVED-AWS-MSK-003: storage encrypted with a customer managed key', () => {
  test.each<[string, (c: any) => void, RegExp]>([
    ['no key', (c) => { delete c.encryption_info.encryption_at_rest_kms_key_arn; }, /encryption_at_rest_kms_key_arn is not set \(the AWS managed key is used\)/],
    ['no encryption_info at all', (c) => { delete c.encryption_info; }, /encryption_at_rest_kms_key_arn is not set/],
    ['the AWS managed alias', (c) => { c.encryption_info.encryption_at_rest_kms_key_arn = 'arn:aws:kms:eu-west-1:123456789012:alias/aws/kafka'; }, /AWS managed key "arn:aws:kms:.*alias\/aws\/kafka"/],
  ])('%s fails', (_case, mutate, message) => {
    expectOnly('PAVED-AWS-MSK-003', provisioned(mutate), message);
  });
});

describe('PAVED-AWS-MSK-004: broker logs in CloudWatch', () => {
  test.each<[string, (c: any) => void, RegExp]>([
    ['logging disabled', (c) => { c.logging_info.broker_logs.cloudwatch_logs.enabled = false; }, /cloudwatch_logs\.enabled is false$/],
    ['no log group', (c) => { delete c.logging_info.broker_logs.cloudwatch_logs.log_group; }, /cloudwatch_logs\.log_group is not set$/],
    ['no logging_info', (c) => { delete c.logging_info; }, /logging_info\.broker_logs\.cloudwatch_logs is not set$/],
  ])('%s fails', (_case, mutate, message) => {
    expectOnly('PAVED-AWS-MSK-004', provisioned(mutate), message);
  });
});

describe('PAVED-AWS-MSK-005: brokers are private', () => {
  test('public access through service-provided EIPs fails', () => {
    expectOnly('PAVED-AWS-MSK-005', provisioned((c) => {
      c.broker_node_group_info.connectivity_info = { public_access: { type: 'SERVICE_PROVIDED_EIPS' } };
    }), /public_access\.type is "SERVICE_PROVIDED_EIPS"$/);
  });

  test('public access type DISABLED passes', () => {
    const { input } = provisioned((c) => { c.broker_node_group_info.connectivity_info = { public_access: { type: 'DISABLED' } }; });
    expect(findings(input, ['PAVED-AWS-MSK-005'])).toEqual([]);
  });
});

describe('the MSK security group: PAVED-AWS-SG-001 already covers it (no MSK duplicate)', () => {
  test.each(['dev', 'prod'])('%s: 0.0.0.0/0 to 9098 on the Kafka ingress rule fails SG-001', (env) => {
    expectOnly('PAVED-AWS-SG-001', planted(`${env}-data`, 'aws_vpc_security_group_ingress_rule', 'kafka/from-cluster', (r) => {
      delete r.referenced_security_group_id;
      r.cidr_ipv4 = '0.0.0.0/0';
    }), /ingress from 0\.0\.0\.0\/0 to port 9098 \(tcp\)/);
  });

  test('::/0 inline on the Kafka security group fails SG-001', () => {
    expectOnly('PAVED-AWS-SG-001', planted('prod-data', 'aws_security_group', 'kafka/security-group', (r) => {
      r.ingress = [{ description: 'debug', from_port: 9092, to_port: 9098, protocol: 'tcp', ipv6_cidr_blocks: ['::/0'] }];
    }), /ingress from ::\/0 to ports 9092-9098/);
  });
});

describe('PAVED-AWS-MSK-006: Kafka grants name their actions, topics and groups', () => {
  test.each<[string, string, (s: any[]) => void, RegExp]>([
    ['kafka-cluster:* on "*"', 'prod', (s) => { s.push({ Effect: 'Allow', Action: 'kafka-cluster:*', Resource: '*' }); },
      /allows kafka-cluster:\* \(a wildcard Kafka action\), a statement allows kafka-cluster:\* on "\*" \(every topic and group of every cluster\)$/],
    ['kafka:* (the control plane)', 'prod', (s) => { s.push({ Effect: 'Allow', Action: ['kafka:*'], Resource: '*' }); }, /allows kafka:\* \(a wildcard Kafka action\)$/],
    ['a wildcard inside kafka-cluster actions', 'dev', (s) => { kafkaStatement(s, 'KafkaOwnTopics').Action = ['kafka-cluster:*Data']; },
      /allows kafka-cluster:\*Data \(a wildcard Kafka action\)/],
    ['ReadData on "*"', 'dev', (s) => { kafkaStatement(s, 'KafkaOwnTopics').Resource = '*'; }, /allows .*kafka-cluster:ReadData, kafka-cluster:WriteData on "\*"/],
    ['every topic of the cluster', 'prod', (s) => {
      const t = kafkaStatement(s, 'KafkaOwnTopics');
      t.Resource = [t.Resource[0].replace(/\/orders$/, '/*')];
    }, /on "arn:aws:kafka:.*:topic\/.*\/\*" \(topics by wildcard\)$/],
    ['topics by prefix', 'prod', (s) => {
      const t = kafkaStatement(s, 'KafkaOwnTopics');
      t.Resource = [t.Resource[0].replace(/\/orders$/, '/orders*')];
    }, /topic\/.*\/orders\*" \(topics by wildcard\)$/],
    ['topics of every cluster', 'prod', (s) => {
      kafkaStatement(s, 'KafkaOwnTopics').Resource = ['arn:aws:kafka:eu-west-1:123456789012:topic/*/*/orders'];
    }, /\(topics of every cluster\)$/],
    ['every consumer group', 'prod', (s) => {
      const g = kafkaStatement(s, 'KafkaOwnConsumerGroups');
      g.Resource = [g.Resource[0].replace(/\/worker$/, '/*')];
    }, /kafka-cluster:AlterGroup, kafka-cluster:DescribeGroup on ".*group\/.*\/\*" \(every group\)$/],
    ['every Kafka resource of the account', 'prod', (s) => {
      kafkaStatement(s, 'KafkaOwnTopics').Resource = 'arn:aws:kafka:eu-west-1:123456789012:*';
    }, /\(every Kafka resource\)$/],
  ])('%s fails', (_case, env, mutate, message) => {
    expectOnly('PAVED-AWS-MSK-006', workerPolicy(env, mutate), message);
  });

  test('consumer groups by the service\'s prefix (worker-*) and cluster actions on the cluster ARN pass (the base grants them)', () => {
    expect(findings(base, ['PAVED-AWS-MSK-006'])).toEqual([]);
  });

  test('Connect and DescribeCluster on "*" pass: they reach no topic', () => {
    const { input } = workerPolicy('prod', (s) => { kafkaStatement(s, 'KafkaConnect').Resource = '*'; });
    expect(findings(input, ['PAVED-AWS-MSK-006'])).toEqual([]);
  });

  test('a Deny statement with kafka-cluster:* on "*" passes', () => {
    const { input } = workerPolicy('prod', (s) => { s.push({ Effect: 'Deny', Action: 'kafka-cluster:*', Resource: '*' }); });
    expect(findings(input, ['PAVED-AWS-MSK-006'])).toEqual([]);
  });

  test('PAVED-AWS-IAM-001 (Action "*") does not report kafka-cluster:*: MSK-006 is the only rule that does', () => {
    const { input } = workerPolicy('prod', (s) => { s.push({ Effect: 'Allow', Action: 'kafka-cluster:*', Resource: '*' }); });
    expect(findings(input, ['PAVED-AWS-IAM-001'])).toEqual([]);
  });

  test('a policy written as an aws_iam_policy_document data source is read too', () => {
    const { input, address } = planted('prod-data', 'aws_iam_role_policy', 'service-worker-identity/policy', (r, json) => {
      json.data = { ...json.data, aws_iam_policy_document: { wide: { statement: [{ effect: 'Allow', actions: ['kafka-cluster:*'], resources: ['*'] }] } } };
      r.policy = '${data.aws_iam_policy_document.wide.json}';
    });
    expect(findings(input, ['PAVED-AWS-MSK-006'])).toEqual([
      `PAVED-AWS-MSK-006 error ${address}: a statement allows kafka-cluster:* (a wildcard Kafka action)`,
      `PAVED-AWS-MSK-006 error ${address}: a statement allows kafka-cluster:* on "*" (every topic and group of every cluster)`,
    ]);
  });

  test('an inline_policy block of a role is read too', () => {
    const { input, address } = planted('prod-data', 'aws_iam_role', 'service-worker-identity/role', (r) => {
      r.inline_policy = [{ name: 'x', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kafka-cluster:ReadData', Resource: '*' }] }) }];
    });
    expect(findings(input, ['PAVED-AWS-MSK-006'])).toEqual([`PAVED-AWS-MSK-006 error ${address}: a statement allows kafka-cluster:ReadData on "*" (every topic and group of every cluster)`]);
  });
});
