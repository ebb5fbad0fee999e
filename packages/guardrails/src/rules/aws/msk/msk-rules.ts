import type { TfResource } from '../../../model/terraform';
import { blocks, bool, isExpression, type Obj, show } from '../../../model/values';
import { ALWAYS, checkov } from '../../../rule';
import { terraformRule } from '../../define';
import { isSet } from '../terraform-helpers';
import { kafkaGrantProblems } from './kafka-iam';

const PROVISIONED = ['aws_msk_cluster'];
const CLUSTERS = ['aws_msk_cluster', 'aws_msk_serverless_cluster'];

/**
 * The first block at a dotted path: Terraform JSON writes a nested block as an object or as a one-element array, at
 * every level (`encryption_info[0].encryption_in_transit[0]`), so `at()` of values.ts, which stops at arrays, is not
 * enough here.
 */
function block(value: unknown, path: string): Obj | undefined {
  let current: Obj | undefined = value as Obj;
  for (const key of path.split('.')) {
    current = current ? blocks(current, key)[0] : undefined;
  }
  return current;
}

/** `attr` of `on` must not be true: unset and literal false pass; true and expressions (unknown at check time) fail. */
function notTrue(on: Obj | undefined, attr: string, path: string): string | undefined {
  const value = on?.[attr];
  if (value === undefined || bool(value) === false) return undefined;
  return isExpression(value) ? `${path} is an expression (${show(value)}), not literally false` : `${path} is ${show(value)}`;
}

/** `attr` of `on` must be literally true. */
function isTrue(on: Obj | undefined, attr: string, path: string): string | undefined {
  const value = on?.[attr];
  if (bool(value) === true) return undefined;
  return isExpression(value) ? `${path} is an expression (${show(value)}), not literally true` : `${path} is ${show(value)}`;
}

const present = (problems: readonly (string | undefined)[]): string[] => problems.filter((p): p is string => p !== undefined);

/** Why a provisioned cluster admits a client that is not an IAM principal. */
function provisionedAuthProblems(r: TfResource): string[] {
  const auth = block(r.attrs, 'client_authentication');
  // Without the block MSK admits every client that reaches a broker, unauthenticated.
  if (!auth) return ['client_authentication is not set (clients connect unauthenticated)'];
  const sasl = block(auth, 'sasl');
  const tls = block(auth, 'tls');
  return present([
    notTrue(auth, 'unauthenticated', 'client_authentication.unauthenticated'),
    isTrue(sasl, 'iam', 'client_authentication.sasl.iam'),
    notTrue(sasl, 'scram', 'client_authentication.sasl.scram'),
    tls && isSet(tls.certificate_authority_arns) ? 'client_authentication.tls admits clients by certificate (mutual TLS)' : undefined,
  ]);
}

/** Rules on Amazon MSK (provisioned and serverless) and on the IAM grants that let workloads use it. */
export const MSK_RULES = [
  terraformRule({
    id: 'PAVED-AWS-MSK-001',
    title: 'MSK clients authenticate with IAM only',
    severity: ALWAYS,
    mirrors: [],
    resourceTypes: CLUSTERS,
    rationale:
      'Unauthenticated clients can read and write every topic; SCRAM passwords and client certificates bypass the '
      + 'per-topic IAM policies Paved writes. With IAM only, what a pod may do is what its Pod Identity role allows.',
    fix: 'set client_authentication { unauthenticated = false, sasl { iam = true, scram = false } } and no tls block '
      + '(serverless: sasl { iam { enabled = true } }); Paved does: remove the override',
    check: (r) => {
      if (r.type === 'aws_msk_cluster') return provisionedAuthProblems(r);
      return isTrue(block(r.attrs, 'client_authentication.sasl.iam'), 'enabled', 'client_authentication.sasl.iam.enabled');
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-MSK-002',
    title: 'MSK encrypts traffic in transit, between clients and brokers and between brokers',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_81')],
    resourceTypes: PROVISIONED,
    rationale: 'PLAINTEXT or TLS_PLAINTEXT listeners let anything on the network path read and alter the messages.',
    fix: 'set encryption_info.encryption_in_transit { client_broker = "TLS", in_cluster = true }',
    check: (r) => {
      const transit = block(r.attrs, 'encryption_info.encryption_in_transit');
      const broker = transit?.client_broker;
      return present([
        broker === 'TLS' ? undefined : `encryption_info.encryption_in_transit.client_broker is ${show(broker)}, not "TLS"`,
        isTrue(transit, 'in_cluster', 'encryption_info.encryption_in_transit.in_cluster'),
      ]);
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-MSK-003',
    title: 'MSK encrypts broker storage with a customer managed KMS key',
    severity: ALWAYS,
    mirrors: [],
    resourceTypes: PROVISIONED,
    rationale: 'Without a key of its own the cluster uses the AWS managed aws/kafka key, whose policy you cannot scope or audit.',
    fix: 'set encryption_info.encryption_at_rest_kms_key_arn to the environment\'s data key',
    check: (r) => {
      const key = block(r.attrs, 'encryption_info')?.encryption_at_rest_kms_key_arn;
      if (!isSet(key)) return 'encryption_info.encryption_at_rest_kms_key_arn is not set (the AWS managed key is used)';
      return typeof key === 'string' && key.includes('alias/aws/') ? `encryption_info.encryption_at_rest_kms_key_arn is the AWS managed key ${show(key)}` : undefined;
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-MSK-004',
    title: 'MSK sends broker logs to CloudWatch Logs',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_80')],
    resourceTypes: PROVISIONED,
    rationale: 'Broker logs record failed authentications and authorization denials: the trail of a misused or stolen role.',
    fix: 'set logging_info.broker_logs.cloudwatch_logs { enabled = true, log_group = <KMS-encrypted log group> }',
    check: (r) => {
      const cloudwatch = block(r.attrs, 'logging_info.broker_logs.cloudwatch_logs');
      if (!cloudwatch) return 'logging_info.broker_logs.cloudwatch_logs is not set';
      return present([
        isTrue(cloudwatch, 'enabled', 'logging_info.broker_logs.cloudwatch_logs.enabled'),
        isSet(cloudwatch.log_group) ? undefined : 'logging_info.broker_logs.cloudwatch_logs.log_group is not set',
      ]);
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-MSK-005',
    title: 'MSK brokers are not publicly accessible',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_291')],
    resourceTypes: PROVISIONED,
    rationale: 'Public broker endpoints put the Kafka listeners on the internet; Paved reaches MSK from the cluster only.',
    fix: 'remove broker_node_group_info.connectivity_info.public_access or set its type = "DISABLED"',
    check: (r) => {
      const type = block(r.attrs, 'broker_node_group_info.connectivity_info.public_access')?.type;
      if (type === undefined || type === 'DISABLED') return undefined;
      return `broker_node_group_info.connectivity_info.public_access.type is ${show(type)}`;
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-MSK-006',
    title: 'IAM grants Kafka access with named actions on named topics and consumer groups',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_355')],
    resourceTypes: ['aws_iam_role_policy', 'aws_iam_policy', 'aws_iam_role'],
    rationale:
      'With IAM authentication the policy is the only access control: kafka-cluster:* (or kafka:*) or data actions on '
      + '"*" or on every topic let one compromised pod read, write or delete every topic and consumer group of the cluster.',
    fix: 'list the kafka-cluster actions (Connect, DescribeTopic, ReadData, WriteData...) and name the topic and group '
      + 'ARNs (Paved: services[].kafka.topics; groups <service> and <service>-*)',
    check: (r, c) => {
      const policies = r.type === 'aws_iam_role' ? blocks(r.attrs, 'inline_policy').map((b) => b.policy) : [r.attrs.policy];
      return policies.flatMap((p) => kafkaGrantProblems(c.terraform, r.stack, p));
    },
  }),
];
