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

/**
 * Apache Kafka versions accepted for provisioned MSK clusters: those without an end-of-support date in the MSK
 * developer guide's "Supported Apache Kafka versions" table (https://docs.aws.amazon.com/msk/latest/developerguide/supported-kafka-versions.html)
 * and endoflife.date/amazon-msk, read 2026-12-03: 3.6.0 ended 2026-06-01 and 3.7.x 2026-09-01; 3.8.x is the version MSK
 * recommends.
 */
export const SUPPORTED_KAFKA_VERSIONS = ['3.8.x', '3.9.x', '4.0.x', '4.1.x'] as const;
/** MSK's recommended version on 2026-12-03 (same sources). */
export const DEFAULT_KAFKA_VERSION = '3.8.x';
