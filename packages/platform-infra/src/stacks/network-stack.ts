import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import type { ResolvedEnvironment, ResolvedPlatform } from '@paved/shared-config';
import type { Construct } from 'constructs';
import { PavedStack } from './paved-stack';
import { EncryptionKey } from '../constructs/kms/encryption-key';
import { EnvironmentCertificate } from '../constructs/network/environment-certificate';
import { VpcNetwork } from '../constructs/network/vpc-network';

/** What the other stacks of an environment need from its network, created here or brought by the config. */
export interface NetworkRefs {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly publicSubnetIds: readonly string[];
  readonly privateSubnetIds: readonly string[];
  readonly dataSubnetIds: readonly string[];
}

/** A hosted zone by id and ARN. */
export interface ZoneRef {
  readonly zoneId: string;
  readonly arn: string;
}

export interface NetworkStackProps {
  readonly platform: ResolvedPlatform;
  readonly environment: ResolvedEnvironment;
  /** The root domain's zone, owned by the shared stack. */
  readonly rootZone: ZoneRef;
}

/** `<env>-network`: the VPC (or a reference to an existing one), subnets, NAT, flow logs. */
export class NetworkStack extends PavedStack {
  readonly refs: NetworkRefs;
  /** The zone the environment's hosts live in: the root zone, or a delegated zone of the environment's own. */
  readonly zone: ZoneRef;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    const env = props.environment;
    super(scope, id, { platform: props.platform, account: env.account, region: env.region, tags: env.tags, environment: env.name });
    this.zone = env.usesRootZone ? props.rootZone : this.delegatedZone(props);
    if (env.addons.some((a) => a.name === 'aws-load-balancer-controller')) {
      // TLS of the shared ALB: the controller discovers this certificate by host (an environment using the root zone
      // runs in the account that owns it, so the validation records go through this stack's own provider).
      const deeper = env.services.flatMap((s) => (s.ingress && s.ingress.host.endsWith(`.${env.domain}`) && s.ingress.host.slice(0, -env.domain.length - 1).includes('.') ? [s.ingress.host] : []));
      new EnvironmentCertificate(this, 'ingress-certificate', { domain: env.domain, extraNames: [...new Set(deeper)].sort(), zoneId: this.zone.zoneId });
    }
    const net = env.network;
    if (net.mode === 'existing') {
      // Brought by the config: read, never managed, so a destroy of this stack cannot touch it.
      const vpc = new DataAwsVpc(this, 'existing-vpc', { id: net.vpcId });
      this.refs = {
        vpcId: vpc.id,
        vpcCidr: vpc.cidrBlock,
        publicSubnetIds: net.publicSubnetIds,
        privateSubnetIds: net.privateSubnetIds,
        dataSubnetIds: net.dataSubnetIds,
      };
      return;
    }
    const logsKey = new EncryptionKey(this, 'logs-key', {
      alias: env.naming.kmsAlias('network-logs'),
      description: `${env.naming.prefix} VPC flow logs`,
      account: env.account,
      region: env.region,
      servicePrincipals: ['logs'],
    });
    const network = new VpcNetwork(this, 'network', {
      naming: env.naming,
      clusterName: env.cluster.name,
      vpcCidr: net.vpcCidr,
      subnets: net.subnets,
      natGateways: net.natGateways,
      flowLogRetentionDays: net.flowLogRetentionDays,
      logsKeyArn: logsKey.arn,
    });
    this.refs = {
      vpcId: network.vpc.id,
      vpcCidr: network.vpc.cidrBlock,
      publicSubnetIds: network.publicSubnets.map((s) => s.id),
      privateSubnetIds: network.privateSubnets.map((s) => s.id),
      dataSubnetIds: network.dataSubnets.map((s) => s.id),
    };
  }

  /**
   * A zone for the environment's subdomain in the environment's own account (so that its external-dns and
   * cert-manager never need rights on the root zone), delegated from the root zone through the management account.
   */
  private delegatedZone(props: NetworkStackProps): ZoneRef {
    const env = props.environment;
    const zone = new Route53Zone(this, 'zone', { name: env.domain, comment: `${env.naming.prefix}: hosts of ${env.name}` });
    // Runs with the management credentials as they are: the root zone is theirs.
    const management = this.awsProvider('aws-management', {
      alias: 'management',
      account: props.platform.management.account,
      region: props.platform.management.region,
      tags: env.tags,
    });
    new Route53Record(this, 'zone-delegation', {
      provider: management,
      zoneId: props.rootZone.zoneId,
      name: env.domain,
      type: 'NS',
      ttl: 172800,
      records: zone.nameServers,
    });
    return { zoneId: zone.zoneId, arn: zone.arn };
  }
}
