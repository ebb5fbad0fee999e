import { Ipv4Cidr } from './ipv4-cidr';

/** AWS rejects subnets smaller than /28. */
export const SMALLEST_SUBNET_PREFIX = 28;

export interface SubnetLayout {
  readonly public: string[];
  readonly private: string[];
  readonly data: string[];
}

/**
 * Carves a VPC into one public, private and data subnet per availability zone. Private subnets get the lion's share
 * because the VPC CNI gives every pod a VPC address; public subnets only hold load balancers and NAT gateways, data
 * subnets only RDS and ElastiCache.
 *
 * Layout: the VPC is split into 2^k equal blocks (k the smallest with 2^k > azCount); the first azCount blocks are the
 * private subnets, the last block is split again for the public and data subnets.
 */
export function carveSubnets(vpc: Ipv4Cidr, azCount: number): SubnetLayout {
  const privateBits = Math.ceil(Math.log2(azCount + 1));
  const spare = vpc.subnet(privateBits, 2 ** privateBits - 1);
  const smallBits = Math.ceil(Math.log2(2 * azCount));
  const range = (n: number, f: (i: number) => Ipv4Cidr) => Array.from({ length: n }, (_, i) => f(i).toString());
  return {
    private: range(azCount, (i) => vpc.subnet(privateBits, i)),
    public: range(azCount, (i) => spare.subnet(smallBits, i)),
    data: range(azCount, (i) => spare.subnet(smallBits, azCount + i)),
  };
}

/** Prefix length of the smallest subnet `carveSubnets` would make, to check it before carving. */
export function smallestCarvedPrefix(vpcPrefix: number, azCount: number): number {
  return vpcPrefix + Math.ceil(Math.log2(azCount + 1)) + Math.ceil(Math.log2(2 * azCount));
}
