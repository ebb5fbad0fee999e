import { awsCall } from './aws-session';
import type { Interrupts } from './interrupts';
import type { Io } from '../cli/commands';

export interface LeftoverContext {
  readonly clusterName: string;
  readonly region: string;
  /** DNS name of the zone external-dns writes to (the environment's domain). */
  readonly domain: string;
  /** Credentials of the environment's account. */
  readonly env: NodeJS.ProcessEnv;
  /** Credentials of the account that holds the zone (the management account when the environment uses the root zone). */
  readonly zoneEnv: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly io: Io;
  readonly interrupts: Interrupts;
}

/** Tags the AWS Load Balancer Controller (and the in-tree controller) put on the load balancers it creates. */
const isClusterTag = (cluster: string) => (tag: { Key: string; Value?: string }) =>
  (tag.Key === 'elbv2.k8s.aws/cluster' && tag.Value === cluster) || tag.Key === `kubernetes.io/cluster/${cluster}`;

/** Load balancers the cluster's controllers created and that still exist. */
export async function clusterLoadBalancers(c: LeftoverContext): Promise<string[]> {
  const described = JSON.parse(
    await awsCall(['elbv2', 'describe-load-balancers', '--region', c.region, '--output', 'json'], c.env, c.cwd, c.io, c.interrupts),
  ) as { LoadBalancers?: { LoadBalancerArn: string }[] };
  const arns = (described.LoadBalancers ?? []).map((lb) => lb.LoadBalancerArn);
  const owned: string[] = [];
  // describe-tags takes at most 20 ARNs per call.
  for (let i = 0; i < arns.length; i += 20) {
    const tags = JSON.parse(
      await awsCall(['elbv2', 'describe-tags', '--region', c.region, '--resource-arns', ...arns.slice(i, i + 20), '--output', 'json'], c.env, c.cwd, c.io, c.interrupts),
    ) as { TagDescriptions?: { ResourceArn: string; Tags?: { Key: string; Value?: string }[] }[] };
    for (const d of tags.TagDescriptions ?? []) if ((d.Tags ?? []).some(isClusterTag(c.clusterName))) owned.push(d.ResourceArn);
  }
  return owned;
}

/** Records external-dns created for this cluster (its TXT ownership records name the cluster as owner). */
export async function externalDnsRecords(c: LeftoverContext): Promise<string[]> {
  const zones = JSON.parse(
    await awsCall(['route53', 'list-hosted-zones-by-name', '--dns-name', c.domain, '--output', 'json'], c.zoneEnv, c.cwd, c.io, c.interrupts),
  ) as { HostedZones?: { Id: string; Name: string; Config?: { PrivateZone?: boolean } }[] };
  const zone = (zones.HostedZones ?? []).find((z) => z.Name === `${c.domain}.` && !z.Config?.PrivateZone);
  if (!zone) return [];
  const records = JSON.parse(
    await awsCall(['route53', 'list-resource-record-sets', '--hosted-zone-id', zone.Id, '--output', 'json'], c.zoneEnv, c.cwd, c.io, c.interrupts),
  ) as { ResourceRecordSets?: { Name: string; Type: string; ResourceRecords?: { Value: string }[] }[] };
  const owner = new RegExp(`heritage=external-dns,.*external-dns/owner=${c.clusterName.replace(/[^a-z0-9]/gi, (ch) => `\\${ch}`)}(,|"|$)`);
  return (records.ResourceRecordSets ?? [])
    .filter((r) => r.Type === 'TXT' && (r.ResourceRecords ?? []).some((v) => owner.test(v.Value)))
    .map((r) => r.Name);
}
