/**
 * Kubernetes minor versions Paved synthesizes clusters for: versions in EKS standard support whose core add-ons and
 * pinned charts Paved has been checked against. Older versions fall into EKS extended support (6x control-plane price).
 */
export const SUPPORTED_KUBERNETES_VERSIONS = ['1.32', '1.33', '1.34', '1.35'] as const;
export const DEFAULT_KUBERNETES_VERSION = '1.34';

/** RDS PostgreSQL major versions accepted (the minor is free). */
export const SUPPORTED_POSTGRES_MAJORS = ['14', '15', '16', '17'] as const;

/** ElastiCache Redis OSS engine versions accepted: 7.0 and later, the versions with IAM authentication (issue 13). */
export const SUPPORTED_REDIS_VERSIONS = ['7.0', '7.1'] as const;
