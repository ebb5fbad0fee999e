/**
 * MSK IAM access control actions a service gets (service prefix `kafka-cluster`), per resource type, as the MSK
 * developer guide's "Semantics of IAM authorization policy actions and resources" lists them (read 2026-12-03,
 * https://docs.aws.amazon.com/msk/latest/developerguide/kafka-actions.html). Each action's "required actions" are in
 * the same list (DescribeTopic needs Connect; ReadData needs DescribeTopic and AlterGroup; WriteDataIdempotently needs
 * WriteData).
 */

/** On the cluster ARN. `WriteDataIdempotently`: producers enable idempotence by default since Kafka 3.0. */
export const KAFKA_CLUSTER_ACTIONS = [
  'kafka-cluster:Connect',
  'kafka-cluster:DescribeCluster',
  'kafka-cluster:WriteDataIdempotently',
] as const;

/**
 * On the service's topic ARNs. `CreateTopic`: MSK Serverless cannot create topics on first use, so a service creates
 * its own topics (and only those) at start-up.
 */
export const KAFKA_TOPIC_ACTIONS = [
  'kafka-cluster:CreateTopic',
  'kafka-cluster:DescribeTopic',
  'kafka-cluster:ReadData',
  'kafka-cluster:WriteData',
] as const;

/** On the service's consumer group ARNs. */
export const KAFKA_GROUP_ACTIONS = ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'] as const;
