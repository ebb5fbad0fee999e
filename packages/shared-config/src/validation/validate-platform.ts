import { PLATFORM_SCHEMA } from './platform-schema';
import { type Problem, ProblemCollector } from './problem';
import { UNKNOWN_FIELD } from './schema';
import type { PlatformConfig } from '../config/platform-config';
import { accessPrincipals, deployerClusterAccess } from './rules/access-rules';
import { addonRequirements } from './rules/addon-rules';
import { argocdCapabilityIdentityCenter } from './rules/argocd-capability-rules';
import { serviceAwsResourceDeclarations, serviceAwsResources } from './rules/aws-resources-rules';
import { serviceCiEnvironments } from './rules/ci-rules';
import { endpointAccess, kubernetesVersionSupported, nodeGroupSizes } from './rules/cluster-rules';
import { autoModeExclusive } from './rules/compute-rules';
import {
  dataEngineVersions,
  postgresStorage,
  productionDataSafety,
  redisFailoverNeedsReplica,
  serviceDependenciesAvailable,
} from './rules/data-rules';
import { accessRoleEnvironments, environmentDomainInRoot, environmentNamesUnique, rootZoneAccount } from './rules/environment-rules';
import { gitopsCredentials } from './rules/gitops-rules';
import { gatewayIngressScope, ingressNeedsController } from './rules/ingress-rules';
import { kafkaClusterSettings, kafkaDependencies, kafkaTopics } from './rules/kafka-rules';
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
  ssoPlatformHostsReserved,
} from './rules/service-rules';
import {
  stageAccessRoles,
  stageServicesSupported,
  stageDeployersDistinct,
  stageDomainInHost,
  stageFields,
  stageHostKnown,
  stageHostsUnique,
  stageNamespacesUnique,
  stageQuotaCapacity,
} from './rules/stage-rules';
import { chartValuesNoSecrets, serviceCallsKnown, serviceChartOrImage, ssoConfigured } from './rules/traffic-rules';
import { localDate, waiverDates } from './rules/waiver-rules';
import {
  serviceNodeGroupKnown,
  servicePortNamesUnique,
  servicePortsExclusive,
  servicePublicPorts,
  sidecarImagesPinned,
  workloadKindFields,
} from './rules/workload-rules';

/** Every semantic rule, in the order problems are reported. */
export const VALIDATION_RULES: readonly ValidationRule[] = [
  environmentNamesUnique,
  environmentDomainInRoot,
  rootZoneAccount,
  gitopsCredentials,
  argocdCapabilityIdentityCenter,
  stageHostKnown,
  stageFields,
  stageDomainInHost,
  stageHostsUnique,
  stageQuotaCapacity,
  stageNamespacesUnique,
  stageDeployersDistinct,
  stageAccessRoles,
  stageServicesSupported,
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
  autoModeExclusive,
  endpointAccess,
  dataEngineVersions,
  postgresStorage,
  redisFailoverNeedsReplica,
  productionDataSafety,
  serviceDependenciesAvailable,
  kafkaClusterSettings,
  kafkaDependencies,
  kafkaTopics,
  serviceNamesUnique,
  servicePortsUnique,
  ingressHostInDomain,
  ingressHostsUnique,
  ssoPlatformHostsReserved,
  ingressNeedsController,
  gatewayIngressScope,
  scalingBounds,
  productionReplicas,
  serviceEnvironmentNames,
  servicePortsExclusive,
  workloadKindFields,
  servicePortNamesUnique,
  servicePublicPorts,
  serviceNodeGroupKnown,
  sidecarImagesPinned,
  serviceCiEnvironments,
  serviceAwsResources,
  serviceAwsResourceDeclarations,
  serviceChartOrImage,
  serviceCallsKnown,
  ssoConfigured,
  chartValuesNoSecrets,
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

export interface ValidateOptions {
  /** `YYYY-MM-DD`; waivers that expire before it are errors. Injected so tests control the clock. @default today, local time */
  readonly today?: string;
}

/**
 * Checks a config: the structural schema first, then every semantic rule, collecting all problems instead of stopping
 * at the first. `value` is `unknown` because configs are loaded without type-checking.
 *
 * The rules run only on data the schema accepted: a value of the wrong type (a string where a list belongs, a profile
 * named `toString`) would otherwise reach code written for the right type. Unknown fields are the exception: the rules
 * never read them, so a typo such as `deletionProtecton` is reported together with what the rules find.
 */
export function validatePlatform(value: unknown, options: ValidateOptions = {}): ValidationResult {
  const out = new ProblemCollector('schema');
  PLATFORM_SCHEMA(value, '', out);
  const schemaAccepted = out.problems.every((p) => p.message === UNKNOWN_FIELD);
  if (schemaAccepted) {
    const context = { today: options.today ?? localDate() };
    for (const rule of VALIDATION_RULES) {
      rule.check(value as PlatformConfig, out.forRule(rule.id), context);
    }
  }
  const problems = out.problems;
  const errors = problems.filter((p) => p.severity === 'error');
  return { problems, errors, warnings: problems.filter((p) => p.severity === 'warning'), ok: errors.length === 0 };
}
