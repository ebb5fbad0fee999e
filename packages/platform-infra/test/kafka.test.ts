import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EnvironmentNaming, type ResolvedKafka } from '@paved/shared-config';
import { App, TerraformStack } from 'cdktf';
import { KAFKA_ENVIRONMENTS, kafkaExample } from './support/feature-examples';
import { example, synthesize } from './support/synthesized';
import { KafkaCluster, type KafkaClusterProps } from '../src/constructs/data/kafka-cluster';

// Issue 16: Amazon MSK per environment (`data.kafka`), IAM authentication only, and a service's Pod Identity role
// scoped to the topics it names.

const config = kafkaExample;
const out = synthesize(config, KAFKA_ENVIRONMENTS);
afterAll(() => fs.rmSync(out.outdir, { recursive: true, force: true }));
const data = (env: string) => `${env}-data`;
const ref = (type: string, pathSuffix: string, attr: string, env = 'dev') => {
  const r = out.resource(data(env), type, pathSuffix);
  return `\${${type}.${r.name}.${attr}}`;
};

describe('MSK Serverless (dev)', () => {
  const cluster = out.resource(data('dev'), 'aws_msk_serverless_cluster', 'kafka/serverless-cluster').body;

  test('IAM is the only client authentication', () => {
    expect(cluster.client_authentication).toEqual({ sasl: { iam: { enabled: true } } });
  });

  test('in the data subnets, behind its own security group only', () => {
    expect(cluster.cluster_name).toBe(`${config.organization}-dev-kafka`);
    expect(cluster.vpc_config).toHaveLength(1);
    const vpc = cluster.vpc_config[0];
    expect(vpc.security_group_ids).toEqual([ref('aws_security_group', 'kafka/security-group', 'id')]);
    // The data subnets (the network stack's `data-<i>` subnets, through its remote state), the same as the database's.
    expect(vpc.subnet_ids).toEqual([0, 1].map((i) => expect.stringMatching(new RegExp(`remote_state\\.cross-stack-reference-input-dev-network\\.outputs\\.cross-stack-output-aws_subnetnetwork_data-${i}_\\w+id\\}$`))));
    expect(vpc.subnet_ids).toEqual(out.resource(data('dev'), 'aws_db_subnet_group', 'postgres/subnets').body.subnet_ids);
  });

  test('no provisioned cluster, no broker log group, no extra key', () => {
    expect(out.resources(data('dev'), 'aws_msk_cluster')).toEqual([]);
    expect(out.resources(data('dev'), 'aws_cloudwatch_log_group')).toEqual([]);
    expect(out.resources(data('dev'), 'aws_kms_key').filter((k) => k.path.includes('kafka'))).toEqual([]);
  });
});

describe.each(['dev', 'prod'])('%s: the Kafka security group', (env) => {
  test('admits port 9098 (SASL/IAM over TLS) from the EKS cluster security group, and nothing else', () => {
    const group = out.resource(data(env), 'aws_security_group', 'kafka/security-group').body;
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    expect(group.description).toMatch(/only the EKS cluster/);
    const rules = out.resources(data(env), 'aws_vpc_security_group_ingress_rule').filter((r) => r.path.includes('/kafka/'));
    expect(rules.map((r) => r.body)).toEqual([
      expect.objectContaining({
        security_group_id: ref('aws_security_group', 'kafka/security-group', 'id', env),
        ip_protocol: 'tcp',
        from_port: 9098,
        to_port: 9098,
        referenced_security_group_id: expect.stringMatching(/cluster_security_group_id/),
        description: 'Kafka SASL/IAM over TLS from the cluster',
      }),
    ]);
    expect(rules[0].body.cidr_ipv4).toBeUndefined();
    expect(rules[0].body.cidr_ipv6).toBeUndefined();
    expect(out.resources(data(env), 'aws_vpc_security_group_egress_rule').filter((r) => r.path.includes('/kafka/'))).toEqual([]);
  });
});

describe('provisioned MSK (prod)', () => {
  const cluster = out.resource(data('prod'), 'aws_msk_cluster', 'kafka/cluster').body;

  test('IAM only: no unauthenticated, SCRAM or TLS-certificate clients', () => {
    expect(cluster.client_authentication).toEqual({ unauthenticated: false, sasl: { iam: true, scram: false } });
  });

  test('TLS between clients and brokers and between brokers; storage encrypted with the environment key', () => {
    expect(cluster.encryption_info).toEqual({
      encryption_at_rest_kms_key_arn: expect.stringMatching(/aws_kms_keysecrets-key_[A-F0-9]+arn\}$/),
      encryption_in_transit: { client_broker: 'TLS', in_cluster: true },
    });
  });

  test('sized by the profile, pinned version, in the data subnets with one broker each', () => {
    expect(cluster.broker_node_group_info.client_subnets).toHaveLength(3);
    expect(cluster.cluster_name).toBe(`${config.organization}-prod-kafka`);
    expect(cluster.kafka_version).toBe('3.9.x');
    expect(cluster.number_of_broker_nodes).toBe(3);
    expect(cluster.broker_node_group_info).toEqual({
      instance_type: 'kafka.m7g.large',
      client_subnets: out.resource(data('prod'), 'aws_db_subnet_group', 'postgres/subnets').body.subnet_ids,
      security_groups: [ref('aws_security_group', 'kafka/security-group', 'id', 'prod')],
      storage_info: { ebs_storage_info: { volume_size: 100 } },
    });
  });

  test('broker logs go to a KMS-encrypted log group with the environment retention', () => {
    const group = out.resource(data('prod'), 'aws_cloudwatch_log_group', 'kafka/broker-logs');
    expect(group.body).toEqual(expect.objectContaining({ name: `/${config.organization}/prod/msk-broker`, retention_in_days: 365 }));
    expect(group.body.kms_key_id).toBe(ref('aws_kms_key', 'kafka-logs-key/key', 'arn', 'prod'));
    expect(cluster.logging_info).toEqual({
      broker_logs: { cloudwatch_logs: { enabled: true, log_group: `\${aws_cloudwatch_log_group.${group.name}.name}` } },
    });
    const keyPolicy = out.resource(data('prod'), 'aws_kms_key', 'kafka-logs-key/key').body.policy as string;
    expect(keyPolicy).toContain('logs.eu-west-1.amazonaws.com');
  });
});

describe.each(['dev', 'prod'])('%s: bootstrap brokers reach the services like the other endpoints', (env) => {
  test('the kafka connection secret holds the IAM bootstrap brokers, encrypted with the environment key', () => {
    const secret = out.resource(data(env), 'aws_secretsmanager_secret', 'kafka-connection').body;
    expect(secret.name).toBe(`${config.organization}/${env}/kafka/connection`);
    expect(secret.kms_key_id).toMatch(/aws_kms_keysecrets-key_[A-F0-9]+arn\}$/);
    const value = out.resource(data(env), 'aws_secretsmanager_secret_version', 'kafka-connection-value').body;
    const type = env === 'dev' ? 'aws_msk_serverless_cluster' : 'aws_msk_cluster';
    const cluster = out.resources(data(env), type)[0];
    expect(value.secret_string).toBe(`\${jsonencode({"bootstrapServers" = ${type}.${cluster.name}.bootstrap_brokers_sasl_iam})}`);
  });
});

describe.each(['dev', 'prod'])('%s: the Pod Identity role of a Kafka consumer', (env) => {
  const type = env === 'dev' ? 'aws_msk_serverless_cluster' : 'aws_msk_cluster';
  const policy = out.resources(data(env), 'aws_iam_role_policy').find((p) => p.path.endsWith('service-worker-identity/policy'))!;
  const statements = out.policyStatements(policy.body.policy);
  const cluster = out.resources(data(env), type)[0];
  const arn = `\${${type}.${cluster.name}.arn}`;
  const uuid = `\${${type}.${cluster.name}.cluster_uuid}`;
  const account = config.environments.find((e) => e.name === env)!.account;
  const prefix = `arn:aws:kafka:eu-west-1:${account}`;

  test('exact actions on exactly its cluster, its topics and its consumer groups', () => {
    const kafka = statements.filter((s) => String(s.sid).startsWith('Kafka'));
    expect(kafka).toEqual([
      {
        sid: 'KafkaConnect',
        effect: 'Allow',
        actions: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster', 'kafka-cluster:WriteDataIdempotently'],
        resources: [arn],
      },
      {
        sid: 'KafkaOwnTopics',
        effect: 'Allow',
        actions: ['kafka-cluster:CreateTopic', 'kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData', 'kafka-cluster:WriteData'],
        resources: [`${prefix}:topic/${config.organization}-${env}-kafka/${uuid}/orders`, `${prefix}:topic/${config.organization}-${env}-kafka/${uuid}/payments.v1`],
      },
      {
        sid: 'KafkaOwnConsumerGroups',
        effect: 'Allow',
        actions: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'],
        resources: [`${prefix}:group/${config.organization}-${env}-kafka/${uuid}/worker`, `${prefix}:group/${config.organization}-${env}-kafka/${uuid}/worker-*`],
      },
    ]);
  });

  test('no wildcard action, no wildcard topic, nothing granted to a service without kafka', () => {
    for (const s of statements) for (const a of s.actions) expect(a).not.toMatch(/\*/);
    expect(statements.flatMap((s) => s.resources).filter((r: string) => r.includes(':topic/') && r.includes('*'))).toEqual([]);
    const api = out.resources(data(env), 'aws_iam_role_policy').find((p) => p.path.endsWith('service-api-identity/policy'))!;
    expect(api.body.policy).not.toContain('kafka');
  });

  test('the role is the worker\'s service account in its namespace', () => {
    const association = out.resources(data(env), 'aws_eks_pod_identity_association').find((a) => a.path.includes('service-worker-identity'))!;
    expect(association.body).toEqual(expect.objectContaining({ namespace: 'worker', service_account: 'worker' }));
  });
});

describe('KafkaCluster guards', () => {
  const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-kafka-unit-'));
  afterAll(() => fs.rmSync(appDir, { recursive: true, force: true }));
  const provisioned: ResolvedKafka = {
    mode: 'provisioned', clusterName: 'o-e-kafka', brokers: 3, instanceType: 'kafka.t3.small', version: '3.8.x', storageGiB: 100, logRetentionDays: 30,
  };
  const props = {
    naming: new EnvironmentNaming('o', 'e'),
    account: '111111111111',
    region: 'eu-west-1',
    vpcId: 'vpc-1',
    subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
    clientSecurityGroupId: 'sg-1',
    kmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/k',
  };
  const make = (extra: Partial<KafkaClusterProps>) =>
    new KafkaCluster(new TerraformStack(new App({ outdir: appDir }), 's'), 'kafka', { ...props, spec: provisioned, ...extra });

  test('a provisioned cluster needs the key of its broker logs', () => {
    expect(() => make({})).toThrow(/needs logsKmsKeyArn/);
  });

  test('brokers spread evenly over the data subnets', () => {
    expect(() => make({ logsKmsKeyArn: 'k', spec: { ...provisioned, brokers: 4 } })).toThrow(/kafka brokers 4: not a multiple of the 3 data subnets/);
  });

  test('a grant names at least one topic', () => {
    expect(() => make({ logsKmsKeyArn: 'k' }).grantTopics('svc', [])).toThrow(/kafka grant for svc: no topics/);
  });
});

test('the root example has no MSK resource', () => {
  const plain = synthesize(example, ['dev']);
  try {
    for (const stack of plain.allStacks()) {
      const types = Object.keys(stack.json.resource ?? {});
      expect(types.filter((t) => t.startsWith('aws_msk'))).toEqual([]);
    }
  } finally {
    fs.rmSync(plain.outdir, { recursive: true, force: true });
  }
});

// `terraform validate` of the stacks with MSK (dev-data, prod-data) runs in terraform-validate.test.ts, in the same
// validate as the examples (support/feature-examples.ts): the provider schema checks every MSK argument and attribute.
