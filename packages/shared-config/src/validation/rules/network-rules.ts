import { Ipv4Cidr, isPrivate } from '../../net/ipv4-cidr';
import { SMALLEST_SUBNET_PREFIX, smallestCarvedPrefix } from '../../net/subnet-layout';
import { COMMON_DEFAULTS, PROFILES } from '../../profiles/profiles';
import { PATTERNS } from '../platform-schema';
import { at } from '../problem';
import { environmentsOf, type ValidationRule } from './rule';
import { isStage } from '../../resolve/resolve-stages';

const VPC_PREFIX = { min: 16, max: 24 };

/** The environment's VPC CIDR when it is parseable, with the path to report at. */
function vpcOf(env: { network?: { vpcCidr?: string; existingVpc?: unknown } }, path: string) {
  if (env.network?.existingVpc) return undefined;
  const text = env.network?.vpcCidr ?? COMMON_DEFAULTS.vpcCidr;
  return { cidr: typeof text === 'string' ? Ipv4Cidr.parse(text) : undefined, text, path: at(at(path, 'network'), 'vpcCidr') };
}

export const vpcCidrValid: ValidationRule = {
  id: 'vpc-cidr',
  description: 'The VPC CIDR is a well-formed private (RFC 1918) range between /16 and /24.',
  check(config, out) {
    for (const { env, path } of environmentsOf(config)) {
      const vpc = vpcOf(env, path);
      // Malformed text is the schema's to report; this rule judges well-formed ranges.
      if (!vpc || typeof vpc.text !== 'string' || !PATTERNS.cidr.pattern.test(vpc.text)) continue;
      if (!vpc.cidr) {
        out.error(vpc.path, `'${vpc.text}' is not a network address`, 'an IPv4 network with host bits zero, such as 10.20.0.0/16');
      } else if (!isPrivate(vpc.cidr)) {
        out.error(vpc.path, `'${vpc.text}' is not a private range`, 'a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16');
      } else if (vpc.cidr.prefix < VPC_PREFIX.min || vpc.cidr.prefix > VPC_PREFIX.max) {
        out.error(vpc.path, `/${vpc.cidr.prefix} is outside what AWS and Paved accept`, `a prefix from /${VPC_PREFIX.min} to /${VPC_PREFIX.max}`);
      }
    }
  },
};

export const subnetsFit: ValidationRule = {
  id: 'subnets-fit',
  description: 'Subnets fit in the VPC: one per availability zone and tier, inside the VPC, not overlapping, at least /28.',
  check(config, out) {
    for (const { env, path } of environmentsOf(config)) {
      const vpc = vpcOf(env, path);
      if (!vpc?.cidr || !isPrivate(vpc.cidr)) continue;
      const netPath = at(path, 'network');
      const azCount = env.network?.azCount ?? env.network?.subnets?.private?.length ?? PROFILES[env.profile]?.network.azCount;
      if (typeof azCount !== 'number') continue;
      const explicit = env.network?.subnets;
      if (!explicit) {
        const smallest = smallestCarvedPrefix(vpc.cidr.prefix, azCount);
        if (smallest > SMALLEST_SUBNET_PREFIX) {
          const layout = `${vpc.text} across ${azCount} availability zones leaves /${smallest} public and data subnets`;
          out.error(vpc.path, `${layout}, smaller than AWS allows`, `a larger VPC (/${vpc.cidr.prefix - (smallest - SMALLEST_SUBNET_PREFIX)} or bigger), fewer zones, or explicit network.subnets`);
        }
        continue;
      }
      const all: { cidr: Ipv4Cidr; path: string }[] = [];
      for (const tier of ['public', 'private', 'data'] as const) {
        const list = explicit[tier];
        if (!Array.isArray(list)) continue;
        const tierPath = at(at(netPath, 'subnets'), tier);
        if (list.length !== azCount) {
          out.error(tierPath, `has ${list.length} subnets for ${azCount} availability zones`, 'exactly one subnet per availability zone');
        }
        list.forEach((text, i) => {
          const p = at(tierPath, i);
          const cidr = typeof text === 'string' ? Ipv4Cidr.parse(text) : undefined;
          if (!cidr) {
            out.error(p, `'${text}' is not a network address`, 'an IPv4 network with host bits zero, such as 10.0.1.0/24');
          } else if (!vpc.cidr!.contains(cidr)) {
            out.error(p, `${text} is outside the VPC ${vpc.text}`, `a subnet of ${vpc.text}`);
          } else if (cidr.prefix > SMALLEST_SUBNET_PREFIX) {
            out.error(p, `/${cidr.prefix} is smaller than AWS allows`, `a prefix of /${SMALLEST_SUBNET_PREFIX} or larger`);
          } else {
            const clash = all.find((other) => other.cidr.overlaps(cidr));
            if (clash) out.error(p, `${text} overlaps ${clash.path} (${clash.cidr})`, 'non-overlapping subnets');
            all.push({ cidr, path: p });
          }
        });
      }
    }
  },
};

export const vpcCidrOverlap: ValidationRule = {
  id: 'vpc-cidr-overlap',
  description: 'Environments in the same account and region use distinct VPC ranges, so they can be peered later.',
  check(config, out) {
    const seen: { key: string; cidr: Ipv4Cidr; path: string; name: string }[] = [];
    // Stages have no VPC of their own (they use their host's).
    for (const { env, path } of environmentsOf(config).filter(({ env: e }) => !isStage(e))) {
      const vpc = vpcOf(env, path);
      if (!vpc?.cidr) continue;
      const key = `${env.account}/${env.region}`;
      const clash = seen.find((s) => s.key === key && s.cidr.overlaps(vpc.cidr!));
      if (clash) {
        // An error, not a warning: peering, Transit Gateway and VPN routes cannot tell two equal ranges apart.
        out.error(vpc.path, `${vpc.cidr} overlaps the VPC of '${clash.name}' (${clash.cidr}) in the same account and region`, 'a distinct range per environment, such as 10.1.0.0/16');
      }
      seen.push({ key, cidr: vpc.cidr, path: vpc.path, name: env.name });
    }
  },
};

export const natPerAzInProduction: ValidationRule = {
  id: 'nat-per-az-in-production',
  description: 'Production environments have a NAT gateway per availability zone (warning).',
  check(config, out) {
    for (const { env, path } of environmentsOf(config)) {
      if (env.profile === 'production' && env.network?.natGateways === 'single' && !env.network.existingVpc) {
        out.warning(at(at(path, 'network'), 'natGateways'), "a single NAT gateway makes every zone's egress depend on one zone", "'per-az' in production");
      }
    }
  },
};

export const existingVpcExclusive: ValidationRule = {
  id: 'existing-vpc-exclusive',
  description: 'An existing VPC is not combined with settings that only apply to a VPC Paved creates.',
  check(config, out) {
    for (const { env, path } of environmentsOf(config)) {
      const net = env.network;
      if (!net?.existingVpc) continue;
      for (const key of ['vpcCidr', 'azCount', 'natGateways', 'subnets', 'flowLogRetentionDays'] as const) {
        if (net[key] !== undefined) {
          out.error(at(at(path, 'network'), key), 'has no effect with network.existingVpc', 'remove it, or remove existingVpc to let Paved create the VPC');
        }
      }
    }
  },
};
