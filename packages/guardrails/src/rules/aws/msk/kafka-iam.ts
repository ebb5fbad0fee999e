import { readPolicy } from '../../../model/iam-policy';
import type { TerraformModel } from '../../../model/terraform';
import { globMatch } from '../terraform-helpers';

/**
 * MSK IAM access control actions (service prefix `kafka-cluster`) that act on topics, consumer groups and
 * transactional ids: the data plane. The cluster-level actions (Connect, DescribeCluster, AlterCluster, their dynamic
 * configuration, WriteDataIdempotently) give nothing on a topic by themselves, so they may name the cluster ARN or "*".
 * From the MSK developer guide, "Semantics of IAM authorization policy actions and resources".
 */
const DATA_ACTIONS = [
  'CreateTopic', 'DescribeTopic', 'AlterTopic', 'DeleteTopic', 'DescribeTopicDynamicConfiguration',
  'AlterTopicDynamicConfiguration', 'ReadData', 'WriteData', 'DescribeGroup', 'AlterGroup', 'DeleteGroup',
  'DescribeTransactionalId', 'AlterTransactionalId',
].map((a) => `kafka-cluster:${a}`.toLowerCase());

const WILDCARD = /[*?]/;
/** Terraform references inside an ARN (`${aws_msk_cluster.x.cluster_uuid}`) name one resource: not a wildcard. */
const withoutReferences = (s: string) => s.replace(/\$\{[^}]*\}/g, 'ref');
/** IAM action names are case-insensitive; `*` and `?` are wildcards. */
const matches = (pattern: string, action: string) => globMatch(pattern.toLowerCase().replace(/\?/g, '*'), action);

/** `kafka:*` or `kafka-cluster:*` (or any wildcard service matching them): every Kafka action at once. */
function isKafkaWildcard(action: string): boolean {
  const [service, name] = action.toLowerCase().split(':');
  if (name === undefined || action === '*' || action === '*:*') return false; // PAVED-AWS-IAM-001's
  const kafka = ['kafka', 'kafka-cluster'].some((s) => matches(service, s));
  return kafka && (name === '*' || (matches(service, 'kafka-cluster') && WILDCARD.test(name)));
}

/** Whether `action` (a name or a pattern) allows at least one data-plane action (`*` and `*:*` are PAVED-AWS-IAM-001's). */
const isDataAction = (action: string) => action !== '*' && action !== '*:*' && DATA_ACTIONS.some((a) => matches(action, a));

/** Why `resource` names more than one topic, or every group, for data actions; undefined when it is narrow enough. */
function broadResource(resource: string): string | undefined {
  const arn = withoutReferences(resource);
  if (arn === '*') return 'every topic and group of every cluster';
  const m = /^arn:[^:]*:([^:]*):[^:]*:[^:]*:(.*)$/.exec(arn);
  if (!m) return undefined;
  if (WILDCARD.test(m[1]) && matches(m[1], 'kafka-cluster')) return 'every resource of every service';
  if (m[1] !== 'kafka') return undefined;
  const [type, cluster, uuid, name] = m[2].split('/');
  if (WILDCARD.test(type)) return 'every Kafka resource';
  if (!['topic', 'group', 'transactional-id'].includes(type)) return undefined;
  if ([cluster, uuid].some((s) => s === undefined || WILDCARD.test(s))) return `${type}s of every cluster`;
  // A topic is named exactly; consumer groups and transactional ids may share a prefix (`<service>-*`), not be all.
  if (type === 'topic' && (name === undefined || WILDCARD.test(name))) return 'topics by wildcard';
  if (name === undefined || /^[*?]*$/.test(name)) return `every ${type}`;
  return undefined;
}

/** What is wrong with the Kafka grants of one policy attribute (unreadable policies are PAVED-AWS-IAM-001's). */
export function kafkaGrantProblems(terraform: TerraformModel, stack: string, policy: unknown): string[] {
  const reading = readPolicy(terraform, stack, policy);
  if (!reading.readable) return [];
  return reading.statements.filter((s) => s.effect === 'Allow').flatMap((s) => {
    const problems: string[] = [];
    const wildcards = s.actions.filter(isKafkaWildcard);
    if (wildcards.length > 0) problems.push(`a statement allows ${wildcards.join(', ')} (a wildcard Kafka action)`);
    const data = s.actions.filter(isDataAction);
    if (data.length === 0) return problems;
    for (const resource of s.resources) {
      const broad = broadResource(resource);
      if (broad) problems.push(`a statement allows ${data.join(', ')} on "${resource}" (${broad})`);
    }
    if (s.notResources.length > 0) problems.push(`a statement allows ${data.join(', ')} on every resource but NotResource`);
    return problems;
  });
}
