import { PLATFORM_SCHEMA } from './platform-schema';
import { type Problem, ProblemCollector } from './problem';
import type { PlatformConfig } from '../config/platform-config';
import { accessPrincipals, deployerClusterAccess } from './rules/access-rules';
import { addonRequirements } from './rules/addon-rules';
import { serviceCiEnvironments } from './rules/ci-rules';
import { endpointAccess, kubernetesVersionSupported, nodeGroupSizes } from './rules/cluster-rules';
import {
  dataEngineVersions,
  postgresStorage,
  productionDataSafety,
  redisFailoverNeedsReplica,
  serviceDependenciesAvailable,
} from './rules/data-rules';
import { accessRoleEnvironments, environmentDomainInRoot, environmentNamesUnique, rootZoneAccount } from './rules/environment-rules';
import { gitopsCredentials } from './rules/gitops-rules';
import { existingVpcExclusive, natPerAzInProduction, subnetsFit, vpcCidrOverlap, vpcCidrValid } from './rules/network-rules';
import type { ValidationRule } from './rules/rule';
import { noSecretLiterals } from './rules/secret-rules';
import {
  ingressHostInDomain,
  ingressHostsUnique,
  productionReplicas,
  scalingBounds,
  serviceEnvironmentNames,
  serviceNamesUnique,
  servicePortsUnique,
} from './rules/service-rules';
import { waiverDates } from './rules/waiver-rules';

/** Every semantic rule, in the order problems are reported. */
export const VALIDATION_RULES: readonly ValidationRule[] = [
  environmentNamesUnique,
  environmentDomainInRoot,
  rootZoneAccount,
  gitopsCredentials,
  accessRoleEnvironments,
  accessPrincipals,
  deployerClusterAccess,
  vpcCidrValid,
  subnetsFit,
  vpcCidrOverlap,
  natPerAzInProduction,
  existingVpcExclusive,
  kubernetesVersionSupported,
  nodeGroupSizes,
  endpointAccess,
  dataEngineVersions,
  postgresStorage,
  redisFailoverNeedsReplica,
  productionDataSafety,
  serviceDependenciesAvailable,
  serviceNamesUnique,
  servicePortsUnique,
  ingressHostInDomain,
  ingressHostsUnique,
  scalingBounds,
  productionReplicas,
  serviceEnvironmentNames,
  serviceCiEnvironments,
  noSecretLiterals,
  addonRequirements,
  waiverDates,
];

export interface ValidationResult {
  readonly problems: readonly Problem[];
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
  /** True when there is no error (warnings allowed). */
  readonly ok: boolean;
}

/**
 * Checks a config completely: the structural schema first, then every semantic rule, collecting all problems instead
 * of stopping at the first. `value` is `unknown` because configs are loaded without type-checking.
 */
export function validatePlatform(value: unknown): ValidationResult {
  const out = new ProblemCollector('schema');
  PLATFORM_SCHEMA(value, '', out);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const rule of VALIDATION_RULES) {
      rule.check(value as PlatformConfig, out.forRule(rule.id));
    }
  }
  const problems = out.problems;
  const errors = problems.filter((p) => p.severity === 'error');
  return { problems, errors, warnings: problems.filter((p) => p.severity === 'warning'), ok: errors.length === 0 };
}
