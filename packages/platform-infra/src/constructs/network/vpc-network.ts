import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import type { EnvironmentNaming, NatGatewayMode } from '@paved/shared-config';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';

export interface VpcNetworkProps {
  readonly naming: EnvironmentNaming;
  readonly clusterName: string;
  readonly vpcCidr: string;
  /** Subnet CIDRs per tier, one per availability zone, in zone order. */
  readonly subnets: { readonly public: readonly string[]; readonly private: readonly string[]; readonly data: readonly string[] };
  readonly natGateways: NatGatewayMode;
  readonly flowLogRetentionDays: number;
  /** KMS key encrypting the flow-log group. */
  readonly logsKeyArn: string;
}

/**
 * A VPC with public, private and isolated data subnets per zone, tagged for EKS load balancers; NAT per zone or a
 * single one; flow logs of all traffic to an encrypted log group; the default security group emptied.
 */
export class VpcNetwork extends Construct {
  readonly vpc: Vpc;
  readonly publicSubnets: Subnet[];
  readonly privateSubnets: Subnet[];
  readonly dataSubnets: Subnet[];

  constructor(scope: Construct, id: string, props: VpcNetworkProps) {
    super(scope, id);
    const { naming } = props;
    const nameTag = (component: string) => ({ Name: naming.name('name-tag', component) });
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: nameTag('vpc'),
    });
    // Nothing may use the default group: without rules it denies everything.
    new DefaultSecurityGroup(this, 'default-security-group', { vpcId: this.vpc.id, ingress: [], egress: [], tags: nameTag('default-deny') });

    const igw = new InternetGateway(this, 'internet-gateway', { vpcId: this.vpc.id, tags: nameTag('igw') });
    const publicRoutes = new RouteTable(this, 'public-routes', { vpcId: this.vpc.id, tags: nameTag('public') });
    new Route(this, 'public-default-route', { routeTableId: publicRoutes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });

    const zones = new DataAwsAvailabilityZones(this, 'zones', {
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    const cluster = `kubernetes.io/cluster/${props.clusterName}`;
    const subnet = (tier: 'public' | 'private' | 'data', cidr: string, i: number, tags: Record<string, string>) =>
      new Subnet(this, `${tier}-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: Fn.element(zones.names, i),
        mapPublicIpOnLaunch: false,
        tags: { ...nameTag(`${tier}-${i}`), ...tags },
      });
    this.publicSubnets = props.subnets.public.map((c, i) => subnet('public', c, i, { 'kubernetes.io/role/elb': '1', [cluster]: 'shared' }));
    this.privateSubnets = props.subnets.private.map((c, i) =>
      subnet('private', c, i, { 'kubernetes.io/role/internal-elb': '1', [cluster]: 'shared' }),
    );
    this.dataSubnets = props.subnets.data.map((c, i) => subnet('data', c, i, {}));

    this.publicSubnets.forEach((s, i) => new RouteTableAssociation(this, `public-${i}-routes`, { subnetId: s.id, routeTableId: publicRoutes.id }));

    const natCount = props.natGateways === 'per-az' ? this.publicSubnets.length : 1;
    const nats = Array.from({ length: natCount }, (_, i) => {
      const eip = new Eip(this, `nat-${i}-ip`, { domain: 'vpc', tags: nameTag(`nat-${i}`) });
      return new NatGateway(this, `nat-${i}`, {
        allocationId: eip.allocationId,
        subnetId: this.publicSubnets[i].id,
        tags: nameTag(`nat-${i}`),
        dependsOn: [igw],
      });
    });
    this.privateSubnets.forEach((s, i) => {
      const routes = new RouteTable(this, `private-${i}-routes`, { vpcId: this.vpc.id, tags: nameTag(`private-${i}`) });
      new Route(this, `private-${i}-default-route`, {
        routeTableId: routes.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: nats[Math.min(i, nats.length - 1)].id,
      });
      new RouteTableAssociation(this, `private-${i}-association`, { subnetId: s.id, routeTableId: routes.id });
    });
    // Data subnets have no route out of the VPC at all.
    const dataRoutes = new RouteTable(this, 'data-routes', { vpcId: this.vpc.id, tags: nameTag('data') });
    this.dataSubnets.forEach((s, i) => new RouteTableAssociation(this, `data-${i}-association`, { subnetId: s.id, routeTableId: dataRoutes.id }));

    const logGroup = new CloudwatchLogGroup(this, 'flow-logs', {
      name: naming.logGroup('vpc-flow-logs'),
      retentionInDays: props.flowLogRetentionDays,
      kmsKeyId: props.logsKeyArn,
    });
    const trust = policyDocument([
      {
        sid: 'VpcFlowLogs',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
      },
    ]);
    const role = new IamRole(this, 'flow-logs-role', { name: naming.name('iam-role', 'vpc-flow-logs'), assumeRolePolicy: trust.json });
    const write = policyDocument([
      {
        sid: 'WriteFlowLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [logGroup.arn, `${logGroup.arn}:*`],
      },
    ]);
    new IamRolePolicy(this, 'flow-logs-policy', { role: role.id, name: 'write-flow-logs', policy: write.json });
    new FlowLog(this, 'flow-log', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
    });
  }
}
