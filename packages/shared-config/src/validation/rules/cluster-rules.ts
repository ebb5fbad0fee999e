import { Ipv4Cidr } from '../../net/ipv4-cidr';
import { PROFILES } from '../../profiles/profiles';
import { EKS_CONTROL_PLANE_PRICE, RELEASE_TRAINS, releaseTrain, supportPhase } from '../../versions/release-train';
import { versionBelow } from '../../versions/retired-components';
import { DEFAULT_KUBERNETES_VERSION, SUPPORTED_KUBERNETES_VERSIONS } from '../../versions/supported-versions';
import { PATTERNS } from '../platform-schema';
import { at } from '../problem';
import { environmentsOf, reportDuplicates, type ValidationRule } from './rule';
import { isStage } from '../../resolve/resolve-stages';

/** AWS prices a month as 730 hours. */
const HOURS_PER_MONTH = 730;

export const kubernetesVersionSupported: ValidationRule = {
  id: 'kubernetes-version',
  description:
    'The cluster runs a Kubernetes version Paved has a release train for; past EKS standard support it warns (extended ' +
    'support costs 6x), past extended support it is an error.',
  check(config, out, context) {
    for (const { env, path } of environmentsOf(config)) {
      const version = env.cluster?.kubernetesVersion;
      if (typeof version !== 'string' || !/^1\.\d{2}$/.test(version)) continue;
      const field = at(at(path, 'cluster'), 'kubernetesVersion');
      const train = releaseTrain(version);
      if (!train) {
        out.error(field, `Kubernetes ${version} is not supported`, `one of ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')} (default ${DEFAULT_KUBERNETES_VERSION})`);
        continue;
      }
      if (!context) continue;
      const phase = supportPhase(train, context.today);
      const next = RELEASE_TRAINS.find((t) => versionBelow(version, t.kubernetesVersion));
      const upgrade = next
        ? `upgrade one minor at a time: paved upgrade plan --env ${String(env.name)} --to ${next.kubernetesVersion}`
        : 'upgrade to a newer minor';
      const { standardPerHour, extendedPerHour } = EKS_CONTROL_PLANE_PRICE;
      if (phase === 'extended') {
        const extraPerMonth = Math.round((extendedPerHour - standardPerHour) * HOURS_PER_MONTH);
        out.warning(
          field,
          `Kubernetes ${version} left EKS standard support on ${train.endOfStandardSupport}: extended support costs ` +
            `$${extendedPerHour.toFixed(2)} instead of $${standardPerHour.toFixed(2)} per cluster-hour (+$${extraPerMonth} a month) ` +
            `and ends on ${train.endOfExtendedSupport}, when EKS upgrades the cluster itself`,
          upgrade,
        );
      } else if (phase === 'ended') {
        out.error(field, `Kubernetes ${version} left EKS extended support on ${train.endOfExtendedSupport}: EKS upgrades such clusters itself`, upgrade);
      }
    }
  },
};

export const nodeGroupSizes: ValidationRule = {
  id: 'node-group-sizes',
  description: 'Node groups satisfy minSize <= desiredSize <= maxSize and have unique names.',
  check(config, out) {
    for (const { env, path } of environmentsOf(config)) {
      const groups = env.cluster?.nodeGroups;
      if (!Array.isArray(groups)) continue;
      const groupsPath = at(at(path, 'cluster'), 'nodeGroups');
      groups.forEach((g, i) => {
        if (typeof g?.minSize !== 'number' || typeof g.maxSize !== 'number') return;
        const p = at(groupsPath, i);
        if (g.minSize > g.maxSize) {
          out.error(at(p, 'minSize'), `${g.minSize} is greater than maxSize ${g.maxSize}`, 'minSize <= maxSize');
        }
        if (typeof g.desiredSize === 'number' && (g.desiredSize < g.minSize || g.desiredSize > g.maxSize)) {
          out.error(at(p, 'desiredSize'), `${g.desiredSize} is outside ${g.minSize}..${g.maxSize}`, 'minSize <= desiredSize <= maxSize');
        }
      });
      reportDuplicates(
        groups.map((g, i) => ({ g, i })),
        ({ g }) => (typeof g?.name === 'string' ? g.name : undefined),
        ({ g, i }, first) => out.error(at(at(groupsPath, i), 'name'), `'${g.name}' is already used by nodeGroups[${first}]`, 'unique node group names'),
      );
    }
  },
};

export const endpointAccess: ValidationRule = {
  id: 'endpoint-access',
  description: 'A public API endpoint lists valid CIDRs; in production it is not open to the whole internet.',
  check(config, out) {
    // Stages have no cluster of their own (they use their host's).
    for (const { env, path } of environmentsOf(config).filter(({ env: e }) => !isStage(e))) {
      const profile = PROFILES[env.profile];
      if (!profile) continue;
      const cluster = env.cluster ?? {};
      const isPublic = cluster.endpointPublicAccess ?? profile.cluster.endpointPublicAccess;
      const cidrs = cluster.publicAccessCidrs ?? profile.cluster.publicAccessCidrs;
      const cidrPath = at(at(path, 'cluster'), 'publicAccessCidrs');
      if (!Array.isArray(cidrs)) continue;
      cidrs.forEach((text, i) => {
        if (typeof text === 'string' && PATTERNS.cidr.pattern.test(text) && !Ipv4Cidr.parse(text)) {
          out.error(at(cidrPath, i), `'${text}' is not a network address`, 'an IPv4 network with host bits zero, such as 203.0.113.0/24');
        }
      });
      if (!isPublic || env.profile !== 'production') continue;
      if (cidrs.length === 0) {
        out.error(cidrPath, 'is empty, but the production API endpoint is public', 'the CIDRs of your VPN or CI runners, or cluster.endpointPublicAccess: false');
      } else if (cidrs.includes('0.0.0.0/0')) {
        out.error(cidrPath, 'opens the production API endpoint to the whole internet', 'the CIDRs of your VPN or CI runners, or cluster.endpointPublicAccess: false');
      }
    }
  },
};
