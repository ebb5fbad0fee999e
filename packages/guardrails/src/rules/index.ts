import type { Rule } from '../rule';
import { EKS_RULES } from './aws/eks/eks-rules';
import { ELASTICACHE_RULES } from './aws/elasticache/elasticache-rules';
import { PLATFORM_RULES } from './aws/platform/platform-rules';
import { RDS_RULES } from './aws/rds/rds-rules';
import { S3_RULES } from './aws/s3/s3-rules';
import { ARGOCD_RULES } from './kubernetes/argocd-rules';
import { KUBERNETES_RULES } from './kubernetes/kubernetes-rules';

/** Every rule Paved checks, AWS first. Ids are stable: waivers and SARIF results refer to them. */
export const ALL_RULES: readonly Rule[] = [
  ...EKS_RULES,
  ...ELASTICACHE_RULES,
  ...RDS_RULES,
  ...S3_RULES,
  ...PLATFORM_RULES,
  ...KUBERNETES_RULES,
  ...ARGOCD_RULES,
];
