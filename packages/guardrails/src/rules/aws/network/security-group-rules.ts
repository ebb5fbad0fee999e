import type { TfResource } from '../../../model/terraform';
import { blocks, num, type Obj, strings } from '../../../model/values';
import { ALWAYS, checkov } from '../../../rule';
import { terraformRule } from '../../define';

const ANYWHERE = ['0.0.0.0/0', '::/0'];
/** Ports a public load balancer serves on purpose; everything else open to the internet is a finding. */
const WEB_PORTS = [80, 443];

/** One ingress permission, from any of the three ways Terraform writes one. */
interface Ingress {
  readonly cidrs: readonly string[];
  readonly protocol: string;
  readonly from?: number;
  readonly to?: number;
}

function ingressesOf(r: TfResource): Ingress[] {
  const of = (b: Obj, cidrs: string[], protocol: unknown): Ingress => ({ cidrs, protocol: String(protocol ?? 'tcp'), from: num(b.from_port), to: num(b.to_port) });
  switch (r.type) {
    case 'aws_security_group':
      return blocks(r.attrs, 'ingress').map((b) => of(b, [...strings(b.cidr_blocks), ...strings(b.ipv6_cidr_blocks)], b.protocol));
    case 'aws_security_group_rule':
      return r.attrs.type === 'ingress' ? [of(r.attrs, [...strings(r.attrs.cidr_blocks), ...strings(r.attrs.ipv6_cidr_blocks)], r.attrs.protocol)] : [];
    case 'aws_vpc_security_group_ingress_rule':
      return [of(r.attrs, [...strings(r.attrs.cidr_ipv4), ...strings(r.attrs.cidr_ipv6)], r.attrs.ip_protocol)];
    default:
      return [];
  }
}

function describePorts(i: Ingress): string | undefined {
  const all = i.protocol === '-1' || i.protocol === 'all' || (i.from === 0 && (i.to === 0 || i.to === 65535));
  if (all) return 'every port';
  if (i.from === undefined) return 'an unknown port';
  const to = i.to ?? i.from;
  if (i.from === to && WEB_PORTS.includes(i.from)) return undefined;
  return i.from === to ? `port ${i.from}` : `ports ${i.from}-${to}`;
}

export const SECURITY_GROUP_RULES = [
  terraformRule({
    id: 'PAVED-AWS-SG-001',
    title: 'No security group admits the internet to a non-web port',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_24'), checkov('CKV_AWS_25'), checkov('CKV_AWS_277')],
    resourceTypes: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
    rationale:
      'Databases, caches, SSH and RDP reached from 0.0.0.0/0 are one weak password away from a breach. Paved admits '
      + 'PostgreSQL and Redis from the cluster security group only; only ports 80 and 443 may be open to the internet '
      + '(public load balancers).',
    fix: 'admit the cluster (referenced_security_group_id) or a known CIDR instead of 0.0.0.0/0 or ::/0',
    check: (r) => ingressesOf(r).flatMap((i) => {
      const open = i.cidrs.filter((c) => ANYWHERE.includes(c));
      const ports = open.length > 0 ? describePorts(i) : undefined;
      return ports ? [`ingress from ${open.join(', ')} to ${ports} (${i.protocol})`] : [];
    }),
  }),
];
