import { RELEASE_TRAINS } from './release-train';

/**
 * Kubernetes minor versions Paved synthesizes clusters for: every minor EKS still runs (standard or extended support)
 * that has a release train (release-train.ts) with its add-on builds, charts and CRD API versions. On 2026-12-03 1.35
 * and 1.36 are in EKS standard support; 1.32 to 1.34 are in extended support ($0.60 instead of $0.10 per cluster-hour),
 * and `paved validate` warns about them with the date their extended support ends.
 */
export const SUPPORTED_KUBERNETES_VERSIONS: readonly string[] = RELEASE_TRAINS.map((t) => t.kubernetesVersion);
/** The newest minor in EKS standard support on 2026-12-03 (a test keeps it so against the release trains). */
export const DEFAULT_KUBERNETES_VERSION = '1.36';

/** RDS PostgreSQL major versions accepted (the minor is free). */
export const SUPPORTED_POSTGRES_MAJORS = ['14', '15', '16', '17'] as const;

/** ElastiCache Redis OSS engine versions accepted: 7.0 and later, the versions with IAM authentication (issue 13). */
export const SUPPORTED_REDIS_VERSIONS = ['7.0', '7.1'] as const;
