import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { MskCluster } from '@cdktf/provider-aws/lib/msk-cluster';
import { MskServerlessCluster } from '@cdktf/provider-aws/lib/msk-serverless-cluster';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { EnvironmentNaming, ResolvedKafka } from '@paved/shared-config';
import { Construct } from 'constructs';
import { KAFKA_CLUSTER_ACTIONS, KAFKA_GROUP_ACTIONS, KAFKA_TOPIC_ACTIONS } from './kafka-perms';
import type { PolicyStatement } from '../iam/policy-document';

/** The brokers' SASL/IAM listener inside the VPC (TLS); the only one Paved opens. */
export const KAFKA_IAM_PORT = 9098;

export interface KafkaClusterProps {
  readonly naming: EnvironmentNaming;
  readonly spec: ResolvedKafka;
  readonly account: string;
  readonly region: string;
  readonly vpcId: string;
  /** The data subnets: one per availability zone. */
  readonly subnetIds: readonly string[];
  /** The only security group admitted (the EKS cluster's, which its nodes and pods carry). */
  readonly clientSecurityGroupId: string;
  /** Encrypts the brokers' storage (provisioned; MSK Serverless always encrypts with a key of its own). */
  readonly kmsKeyArn: string;
  /**
   * Encrypts the broker log group; its key policy must admit CloudWatch Logs.
   * Required for a provisioned cluster; unused by MSK Serverless, which exposes no broker logs.
   * @default - none
   */
  readonly logsKmsKeyArn?: string;
}

/**
 * Amazon MSK for one environment, serverless or provisioned: in the data subnets, reachable on the IAM listener only and
 * only from the EKS cluster's security group; clients authenticate with IAM (SASL/IAM) and nothing else (no
 * unauthenticated, SCRAM or mTLS access), over TLS; brokers talk to each other over TLS. A provisioned cluster encrypts
 * its storage with the environment's key and sends its broker logs to a KMS-encrypted CloudWatch log group.
 *
 * Who may do what is IAM's business: `grantTopics()` gives a principal its topics and consumer groups, nothing wider.
 */
export class KafkaCluster extends Construct {
  readonly securityGroup: SecurityGroup;
  /** ARN of the cluster. */
  readonly clusterArn: string;
  /** `host:9098,host:9098,...`: the IAM bootstrap brokers. */
  readonly bootstrapBrokersIam: string;
  /** Name of the cluster: the `<cluster>` segment of topic and group ARNs. */
  readonly clusterName: string;
  /** The UUID MSK gives the cluster: the segment after the name in topic and group ARNs. */
  readonly clusterUuid: string;
  /** Provisioned only. */
  readonly brokerLogGroup?: CloudwatchLogGroup;
  private readonly arnPrefix: string;

  constructor(scope: Construct, id: string, props: KafkaClusterProps) {
    super(scope, id);
    const { naming, spec } = props;
    this.clusterName = spec.clusterName;
    this.arnPrefix = `arn:aws:kafka:${props.region}:${props.account}`;

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: naming.name('security-group', 'kafka'),
      description: 'Kafka (MSK): IAM listener, only the EKS cluster',
      vpcId: props.vpcId,
    });
    new VpcSecurityGroupIngressRule(this, 'from-cluster', {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: props.clientSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: KAFKA_IAM_PORT,
      toPort: KAFKA_IAM_PORT,
      description: 'Kafka SASL/IAM over TLS from the cluster',
    });

    if (spec.mode === 'serverless') {
      // Serverless supports IAM authentication only, always over TLS, always encrypted at rest (AWS-owned key).
      const cluster = new MskServerlessCluster(this, 'serverless-cluster', {
        clusterName: spec.clusterName,
        clientAuthentication: { sasl: { iam: { enabled: true } } },
        vpcConfig: [{ subnetIds: [...props.subnetIds], securityGroupIds: [this.securityGroup.id] }],
      });
      this.clusterArn = cluster.arn;
      this.bootstrapBrokersIam = cluster.bootstrapBrokersSaslIam;
      this.clusterUuid = cluster.clusterUuid;
      return;
    }

    if (!props.logsKmsKeyArn) throw new Error(`kafka ${spec.clusterName}: a provisioned cluster needs logsKmsKeyArn for its broker logs`);
    if (spec.brokers % props.subnetIds.length !== 0) {
      throw new Error(`kafka brokers ${spec.brokers}: not a multiple of the ${props.subnetIds.length} data subnets`);
    }
    this.brokerLogGroup = new CloudwatchLogGroup(this, 'broker-logs', {
      name: naming.logGroup('msk-broker'),
      retentionInDays: spec.logRetentionDays,
      kmsKeyId: props.logsKmsKeyArn,
    });
    const cluster = new MskCluster(this, 'cluster', {
      clusterName: spec.clusterName,
      kafkaVersion: spec.version,
      numberOfBrokerNodes: spec.brokers,
      brokerNodeGroupInfo: {
        instanceType: spec.instanceType,
        clientSubnets: [...props.subnetIds],
        securityGroups: [this.securityGroup.id],
        storageInfo: { ebsStorageInfo: { volumeSize: spec.storageGiB } },
      },
      clientAuthentication: { unauthenticated: false, sasl: { iam: true, scram: false } },
      encryptionInfo: {
        encryptionAtRestKmsKeyArn: props.kmsKeyArn,
        encryptionInTransit: { clientBroker: 'TLS', inCluster: true },
      },
      loggingInfo: { brokerLogs: { cloudwatchLogs: { enabled: true, logGroup: this.brokerLogGroup.name } } },
      enhancedMonitoring: 'DEFAULT',
    });
    this.clusterArn = cluster.arn;
    this.bootstrapBrokersIam = cluster.bootstrapBrokersSaslIam;
    this.clusterUuid = cluster.clusterUuid;
  }

  /** ARN of a topic of this cluster (MSK IAM access control: `topic/<cluster name>/<cluster uuid>/<topic>`). */
  topicArn(topic: string): string {
    return `${this.arnPrefix}:topic/${this.clusterName}/${this.clusterUuid}/${topic}`;
  }

  /** ARN of a consumer group (or a pattern of them) of this cluster: `group/<cluster name>/<cluster uuid>/<group>`. */
  groupArn(group: string): string {
    return `${this.arnPrefix}:group/${this.clusterName}/${this.clusterUuid}/${group}`;
  }

  /**
   * The statements that let a service use exactly `topics` of this cluster: connect and describe the cluster (and
   * write idempotently, which Kafka producers do by default since 3.0), create, describe, read and write these topics,
   * and use the consumer groups named `<service>` or `<service>-…`. No wildcard action, no other topic or group.
   */
  grantTopics(service: string, topics: readonly string[]): PolicyStatement[] {
    if (topics.length === 0) throw new Error(`kafka grant for ${service}: no topics`);
    return [
      { sid: 'KafkaConnect', actions: [...KAFKA_CLUSTER_ACTIONS], resources: [this.clusterArn] },
      { sid: 'KafkaOwnTopics', actions: [...KAFKA_TOPIC_ACTIONS], resources: topics.map((t) => this.topicArn(t)) },
      { sid: 'KafkaOwnConsumerGroups', actions: [...KAFKA_GROUP_ACTIONS], resources: [this.groupArn(service), this.groupArn(`${service}-*`)] },
    ];
  }
}
