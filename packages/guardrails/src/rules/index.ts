import type { Rule } from '../rule';
import { LAUNCH_TEMPLATE_RULES } from './aws/ec2/launch-template-rules';
import { EKS_ACCESS_RULES } from './aws/eks/eks-access-rules';
import { EKS_RULES } from './aws/eks/eks-rules';
import { NETWORK_POLICY_ENGINE_RULES } from './aws/eks/network-policy-engine-rules';
import { ELASTICACHE_RULES } from './aws/elasticache/elasticache-rules';
import { IAM_POLICY_SIZE_RULES } from './aws/iam/iam-policy-size-rules';
import { IAM_ROLE_RULES } from './aws/iam/iam-role-rules';
import { KMS_POLICY_RULES } from './aws/kms/kms-policy-rules';
import { MSK_RULES } from './aws/msk/msk-rules';
import { SECURITY_GROUP_RULES } from './aws/network/security-group-rules';
import { PLATFORM_RULES } from './aws/platform/platform-rules';
import { RDS_RULES } from './aws/rds/rds-rules';
import { S3_PUBLIC_POLICY_RULES } from './aws/s3/s3-public-policy-rules';
import { S3_RULES } from './aws/s3/s3-rules';
import { SECRET_ATTRIBUTE_RULES, STATE_SECRET_RULES } from './aws/secrets/secret-attribute-rules';
import { ADDON_NAMESPACE_RULES } from './kubernetes/addon-namespace-rules';
import { ALB_INGRESS_RULES } from './kubernetes/alb-ingress-rules';
import { ARGOCD_CAPABILITY_RULES } from './kubernetes/argocd-capability-rules';
import { ARGOCD_RULES } from './kubernetes/argocd-rules';
import { CHART_VALUES_RULES } from './kubernetes/chart-values-rules';
import { DATABASE_TLS_RULES } from './kubernetes/database-tls-rules';
import { EXTERNAL_SECRET_SCOPE_RULES } from './kubernetes/external-secret-scope-rules';
import { HELM_VALUES_RULES } from './kubernetes/helm-values-rules';
import { KUBERNETES_RULES } from './kubernetes/kubernetes-rules';
import { PLAINTEXT_SECRET_RULES } from './kubernetes/plaintext-secret-rules';
import { PUBLIC_PORT_RULES } from './kubernetes/public-port-rules';
import { RELAXED_SECURITY_RULES } from './kubernetes/relaxed-security-rules';
import { SECRET_STORE_RULES } from './kubernetes/secret-store-rules';

/** Every rule Paved checks, AWS first. Ids are stable: waivers and SARIF results refer to them. */
export const ALL_RULES: readonly Rule[] = [
  ...EKS_RULES,
  ...EKS_ACCESS_RULES,
  ...NETWORK_POLICY_ENGINE_RULES,
  ...ELASTICACHE_RULES,
  ...MSK_RULES,
  ...RDS_RULES,
  ...S3_RULES,
  ...S3_PUBLIC_POLICY_RULES,
  ...PLATFORM_RULES,
  ...IAM_ROLE_RULES,
  ...IAM_POLICY_SIZE_RULES,
  ...KMS_POLICY_RULES,
  ...SECURITY_GROUP_RULES,
  ...LAUNCH_TEMPLATE_RULES,
  ...SECRET_ATTRIBUTE_RULES,
  ...STATE_SECRET_RULES,
  ...KUBERNETES_RULES,
  ...RELAXED_SECURITY_RULES,
  ...PUBLIC_PORT_RULES,
  ...ALB_INGRESS_RULES,
  ...PLAINTEXT_SECRET_RULES,
  ...DATABASE_TLS_RULES,
  ...EXTERNAL_SECRET_SCOPE_RULES,
  ...SECRET_STORE_RULES,
  ...ARGOCD_RULES,
  ...ARGOCD_CAPABILITY_RULES,
  ...ADDON_NAMESPACE_RULES,
  ...HELM_VALUES_RULES,
  ...CHART_VALUES_RULES,
];
