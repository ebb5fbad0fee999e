import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizeGitops } from '@paved/gitops-apps';
import { ALL_RULES, readOutput, runChecks, type CheckInput } from '@paved/guardrails';
import { synthesizeInfrastructure } from '@paved/platform-infra';
import { resolvePlatform } from '@paved/shared-config';
import example from '../platform.config';

/**
 * Every rule has a passing fixture (the real example output, where the rule holds) and a failing one (the same output
 * with one attribute or object changed, as an escape-hatch override or a hand edit would). The table must cover every
 * registered rule: a rule without fixtures fails the test.
 */
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-guardrails-'));
const platform = resolvePlatform(example);
const { stacks } = synthesizeInfrastructure(platform, { outdir: path.join(out, 'terraform') });
const written = synthesizeGitops(platform, { outdir: path.join(out, 'gitops') });
fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify({
  environments: platform.environments.map((e) => ({ name: e.name, profile: e.profile })),
  terraform: { stacks: stacks.map((s) => ({ name: s.name, environment: s.environment })) },
}));
const base = readOutput(out);

type Subject = { kind: 'tf'; stack: string; type: string; path: string } | { kind: 'k8s'; env: string; docKind: string; name: string; namespace?: string };
interface Fixture {
  readonly subject: Subject;
  /** Turns the passing output into a failing one. */
  readonly fail: (target: any, input: CheckInput) => void;
  /** The passing case needs a change too (rules about things the example does not have). @default - none */
  readonly pass?: (target: any, input: CheckInput) => void;
}

const tf = (stack: string, type: string, p: string): Subject => ({ kind: 'tf', stack, type, path: p });
const k8s = (env: string, docKind: string, name: string, namespace?: string): Subject => ({ kind: 'k8s', env, docKind, name, namespace });

function locate(input: CheckInput, s: Subject): { target: any; address: string } {
  if (s.kind === 'tf') {
    const stack = input.stacks.find((x) => x.name === s.stack)!;
    const byName = (stack.json as any).resource?.[s.type] ?? {};
    const name = Object.keys(byName).find((n) => String(byName[n]['//']?.metadata?.path ?? '').endsWith(s.path));
    if (!name) throw new Error(`fixture subject ${s.stack} ${s.type} ${s.path} not found`);
    return { target: byName[name], address: `${s.stack}:${s.type}.${name}` };
  }
  const doc = input.documents.find(
    (d) => d.environment === s.env && d.kind === s.docKind && d.name === s.name && (s.namespace === undefined || d.namespace === s.namespace),
  );
  if (!doc) throw new Error(`fixture subject ${s.env} ${s.docKind} ${s.name} not found`);
  return { target: doc.object, address: doc.address };
}

const remove = (input: CheckInput, stack: string, type: string, pathPart: string) => {
  const byName = (input.stacks.find((x) => x.name === stack)!.json as any).resource[type];
  for (const n of Object.keys(byName)) if (String(byName[n]['//']?.metadata?.path).includes(pathPart)) delete byName[n];
};
const container = (d: any) => d.spec.template.spec.containers[0];
const withPolicy = (mutate: (doc: any) => void) => (t: any) => {
  const doc = JSON.parse(t.policy);
  mutate(doc);
  t.policy = JSON.stringify(doc);
};

const DB = tf('prod-data', 'aws_db_instance', 'postgres/instance');
const REDIS = tf('prod-data', 'aws_elasticache_replication_group', 'redis/replication-group');
const EKS = tf('prod-cluster', 'aws_eks_cluster', 'eks/cluster');
const BUCKET = tf('prod-cluster', 'aws_s3_bucket', 'velero-bucket/bucket');
const ECR = tf('shared', 'aws_ecr_repository', 'ecr-prod-api/repository');
const API = k8s('prod', 'Deployment', 'api', 'api');
const APP = k8s('prod', 'Application', 'service-api');
const ADDON = k8s('prod', 'Application', 'cert-manager');

const FIXTURES: Record<string, Fixture> = {
  'PAVED-AWS-EKS-001': { subject: EKS, fail: (t) => { t.enabled_cluster_log_types = ['api']; } },
  'PAVED-AWS-EKS-002': { subject: EKS, fail: (t) => { t.vpc_config.public_access_cidrs = ['0.0.0.0/0']; } },
  'PAVED-AWS-EKS-003': { subject: EKS, fail: (t) => { delete t.encryption_config; } },
  'PAVED-AWS-EKS-004': { subject: tf('prod-cluster', 'aws_eks_node_group', 'nodes-general/node-group'), fail: (t) => { t.remote_access = { ec2_ssh_key: 'admin' }; } },
  'PAVED-AWS-EKS-005': { subject: EKS, fail: (t) => { t.version = '1.19'; } },
  'PAVED-AWS-EC-001': { subject: REDIS, fail: (t) => { t.at_rest_encryption_enabled = 'false'; } },
  'PAVED-AWS-EC-002': { subject: REDIS, fail: (t) => { t.transit_encryption_enabled = false; } },
  'PAVED-AWS-EC-003': { subject: REDIS, fail: (t) => { delete t.auth_token; delete t.user_group_ids; } },
  'PAVED-AWS-EC-004': { subject: REDIS, fail: (t) => { delete t.kms_key_id; } },
  'PAVED-AWS-EC-005': { subject: REDIS, fail: (t) => { t.snapshot_retention_limit = 0; } },
  'PAVED-AWS-EC-006': { subject: REDIS, fail: (t) => { delete t.subnet_group_name; } },
  'PAVED-AWS-EC-007': { subject: REDIS, fail: (t) => { t.automatic_failover_enabled = false; t.multi_az_enabled = false; } },
  'PAVED-AWS-RDS-001': { subject: DB, fail: (t) => { t.storage_encrypted = false; } },
  'PAVED-AWS-RDS-002': { subject: DB, fail: (t) => { t.publicly_accessible = true; } },
  'PAVED-AWS-RDS-003': { subject: DB, fail: (t) => { t.iam_database_authentication_enabled = false; } },
  'PAVED-AWS-RDS-004': { subject: DB, fail: (t) => { t.enabled_cloudwatch_logs_exports = []; } },
  'PAVED-AWS-RDS-005': { subject: DB, fail: (t) => { t.performance_insights_enabled = false; } },
  'PAVED-AWS-RDS-006': { subject: DB, fail: (t) => { t.backup_retention_period = 1; } },
  'PAVED-AWS-RDS-007': { subject: DB, fail: (t) => { t.deletion_protection = false; } },
  'PAVED-AWS-RDS-008': { subject: DB, fail: (t) => { t.multi_az = false; } },
  'PAVED-AWS-RDS-009': { subject: DB, fail: (t) => { t.auto_minor_version_upgrade = false; } },
  'PAVED-AWS-RDS-010': { subject: DB, fail: (t) => { t.copy_tags_to_snapshot = false; } },
  'PAVED-AWS-RDS-011': { subject: DB, fail: (_t, i) => remove(i, 'prod-data', 'aws_backup_selection', 'backup/selection') },
  'PAVED-AWS-RDS-012': { subject: DB, fail: (_t, i) => { locate(i, tf('prod-data', 'aws_db_parameter_group', 'postgres/parameters')).target.parameter = []; } },
  'PAVED-AWS-RDS-013': { subject: DB, fail: (t) => { t.skip_final_snapshot = true; } },
  'PAVED-AWS-S3-001': { subject: BUCKET, fail: (_t, i) => remove(i, 'prod-cluster', 'aws_s3_bucket_versioning', 'velero-bucket/') },
  'PAVED-AWS-S3-002': { subject: BUCKET, fail: (_t, i) => remove(i, 'prod-cluster', 'aws_s3_bucket_server_side_encryption_configuration', 'velero-bucket/') },
  'PAVED-AWS-S3-003': {
    subject: BUCKET,
    fail: (_t, i) => {
      const encryption = locate(i, tf('prod-cluster', 'aws_s3_bucket_server_side_encryption_configuration', 'velero-bucket/encryption')).target;
      encryption.rule = [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }];
    },
  },
  ...Object.fromEntries(['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].map((flag, i) => [
    `PAVED-AWS-S3-00${4 + i}`,
    { subject: BUCKET, fail: (_t: any, input: CheckInput) => { locate(input, tf('prod-cluster', 'aws_s3_bucket_public_access_block', 'velero-bucket/public-access')).target[flag] = false; } },
  ])),
  'PAVED-AWS-S3-008': { subject: BUCKET, fail: (_t, i) => remove(i, 'prod-cluster', 'aws_s3_bucket_policy', 'velero-bucket/') },
  'PAVED-AWS-S3-009': { subject: BUCKET, fail: (_t, i) => { delete locate(i, tf('prod-cluster', 'aws_s3_bucket_lifecycle_configuration', 'velero-bucket/lifecycle')).target.rule[0].abort_incomplete_multipart_upload; } },
  'PAVED-AWS-S3-010': { subject: BUCKET, fail: (_t, i) => remove(i, 'prod-cluster', 'aws_s3_bucket_lifecycle_configuration', 'velero-bucket/') },
  'PAVED-AWS-S3-011': { subject: BUCKET, fail: (_t, i) => remove(i, 'prod-cluster', 'aws_s3_bucket_ownership_controls', 'velero-bucket/') },
  'PAVED-AWS-IAM-001': {
    subject: tf('prod-cluster', 'aws_iam_role_policy', 'velero-identity/policy'),
    fail: withPolicy((doc) => { doc.Statement[0].Action = ['*']; }),
  },
  'PAVED-AWS-IAM-003': {
    subject: tf('bootstrap', 'aws_iam_role', 'github/deploy-role'),
    fail: (t) => {
      const trust = JSON.parse(t.assume_role_policy);
      delete trust.Statement[0].Condition.StringEquals;
      t.assume_role_policy = JSON.stringify(trust);
    },
  },
  // Issue 13: CI identities. The red-team edits: a wildcard subject, AdministratorAccess, iam:* on *, no boundary.
  'PAVED-AWS-IAM-004': {
    subject: tf('bootstrap', 'aws_iam_role', 'github/deploy-role'),
    fail: (t) => {
      const trust = JSON.parse(t.assume_role_policy);
      trust.Statement[0].Condition = { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:northwind/*:environment:*' } };
      t.assume_role_policy = JSON.stringify(trust);
    },
  },
  'PAVED-AWS-IAM-005': {
    subject: tf('bootstrap', 'aws_iam_role', 'github/plan-role'),
    fail: (_t, i) => { locate(i, tf('bootstrap', 'aws_iam_role_policy_attachment', 'github/plan-managed-0')).target.policy_arn = 'arn:aws:iam::aws:policy/AdministratorAccess'; },
  },
  'PAVED-AWS-IAM-006': {
    subject: tf('bootstrap', 'aws_iam_role', 'github/deploy-role'),
    fail: (t) => { delete t.permissions_boundary; },
  },
  // An account boundary grown past the managed-policy quota (6,144 characters) by 80 more exact ARNs.
  'PAVED-AWS-IAM-007': {
    subject: tf('bootstrap', 'aws_iam_policy', 'boundary/Resource'),
    fail: withPolicy((doc) => {
      doc.Statement.push(...Array.from({ length: 80 }, (_, i) => ({ Sid: `Extra${i}`, Effect: 'Deny', Action: 's3:DeleteBucket', Resource: `arn:aws:s3:::northwind-prod-extra-${i}` })));
    }),
  },
  'PAVED-AWS-KMS-001': { subject: tf('prod-cluster', 'aws_kms_key', 'secrets-key/key'), fail: (t) => { t.enable_key_rotation = false; } },
  'PAVED-AWS-VPC-001': { subject: tf('prod-network', 'aws_vpc', 'network/vpc'), fail: (_t, i) => remove(i, 'prod-network', 'aws_flow_log', 'network/flow-log') },
  'PAVED-AWS-VPC-002': { subject: tf('prod-network', 'aws_default_security_group', 'network/default-security-group'), fail: (t) => { t.ingress = [{ from_port: 0, to_port: 0, protocol: '-1', self: true }]; } },
  'PAVED-AWS-VPC-003': { subject: tf('prod-network', 'aws_subnet', 'network/public-0'), fail: (t) => { t.map_public_ip_on_launch = true; } },
  'PAVED-AWS-ECR-001': { subject: ECR, fail: (t) => { t.image_tag_mutability = 'MUTABLE'; } },
  'PAVED-AWS-ECR-002': { subject: ECR, fail: (t) => { t.image_scanning_configuration = { scan_on_push: false }; } },
  'PAVED-AWS-ECR-003': { subject: ECR, fail: (t) => { delete t.encryption_configuration; } },
  'PAVED-AWS-ECR-004': { subject: ECR, fail: (_t, i) => remove(i, 'shared', 'aws_ecr_lifecycle_policy', 'ecr-prod-api/') },
  'PAVED-AWS-LOG-001': { subject: tf('prod-network', 'aws_cloudwatch_log_group', 'network/flow-logs'), fail: (t) => { delete t.retention_in_days; } },
  'PAVED-AWS-LOG-002': { subject: tf('prod-network', 'aws_cloudwatch_log_group', 'network/flow-logs'), fail: (t) => { delete t.kms_key_id; } },
  'PAVED-AWS-SM-001': { subject: tf('prod-data', 'aws_secretsmanager_secret', 'postgres-connection'), fail: (t) => { delete t.kms_key_id; } },
  'PAVED-AWS-BKP-001': { subject: tf('prod-data', 'aws_backup_vault', 'backup/vault'), fail: (t) => { delete t.kms_key_arn; } },

  'PAVED-K8S-POD-001': { subject: API, fail: (d) => { container(d).securityContext.runAsNonRoot = false; } },
  'PAVED-K8S-POD-002': { subject: API, fail: (d) => { container(d).securityContext.runAsUser = 0; } },
  'PAVED-K8S-POD-003': { subject: API, fail: (d) => { container(d).securityContext.readOnlyRootFilesystem = false; } },
  'PAVED-K8S-POD-004': { subject: API, fail: (d) => { container(d).securityContext.allowPrivilegeEscalation = true; } },
  'PAVED-K8S-POD-005': { subject: API, fail: (d) => { container(d).securityContext.privileged = true; } },
  'PAVED-K8S-POD-006': { subject: API, fail: (d) => { container(d).securityContext.capabilities = { drop: ['NET_RAW'] }; } },
  'PAVED-K8S-POD-007': { subject: API, fail: (d) => { delete d.spec.template.spec.securityContext.seccompProfile; delete container(d).securityContext.seccompProfile; } },
  'PAVED-K8S-POD-008': { subject: API, fail: (d) => { d.spec.template.spec.hostNetwork = true; } },
  'PAVED-K8S-POD-009': { subject: API, fail: (d) => { d.spec.template.spec.hostPID = true; } },
  'PAVED-K8S-POD-010': { subject: API, fail: (d) => { d.spec.template.spec.volumes = [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }]; } },
  'PAVED-K8S-POD-011': { subject: API, fail: (d) => { d.spec.template.spec.automountServiceAccountToken = true; } },
  'PAVED-K8S-POD-012': {
    subject: API,
    fail: (d) => {
      d.spec.template.metadata.annotations = { ...d.spec.template.metadata.annotations, 'paved.dev/writable-root-filesystem-reason': 'the vendor SDK writes beside its binary' };
      container(d).securityContext.readOnlyRootFilesystem = false;
    },
  },
  'PAVED-K8S-RES-001': { subject: API, fail: (d) => { delete container(d).resources.requests.cpu; } },
  'PAVED-K8S-RES-002': { subject: API, fail: (d) => { delete container(d).resources.requests.memory; } },
  'PAVED-K8S-RES-003': { subject: API, fail: (d) => { delete container(d).resources.limits; } },
  'PAVED-K8S-PROBE-001': { subject: API, fail: (d) => { delete container(d).readinessProbe; } },
  'PAVED-K8S-PROBE-002': { subject: API, fail: (d) => { delete container(d).livenessProbe; } },
  'PAVED-K8S-IMG-001': { subject: API, fail: (d) => { container(d).image = 'nginx:latest'; } },
  'PAVED-K8S-AVAIL-001': { subject: API, fail: (_d, i) => { (i.documents as any[]).splice(i.documents.findIndex((x) => x.environment === 'prod' && x.kind === 'PodDisruptionBudget' && x.name === 'api'), 1); } },
  'PAVED-K8S-AVAIL-002': { subject: API, fail: (_d, i) => { locate(i, k8s('prod', 'HorizontalPodAutoscaler', 'api', 'api')).target.spec.minReplicas = 1; } },
  'PAVED-K8S-AVAIL-003': { subject: API, fail: (d) => { d.spec.template.spec.topologySpreadConstraints = []; } },
  'PAVED-K8S-PDB-001': { subject: k8s('prod', 'PodDisruptionBudget', 'api', 'api'), fail: (d) => { delete d.spec.minAvailable; d.spec.maxUnavailable = 0; } },
  'PAVED-K8S-HPA-001': { subject: k8s('prod', 'HorizontalPodAutoscaler', 'api', 'api'), fail: (d) => { d.spec.scaleTargetRef.name = 'gone'; } },
  'PAVED-K8S-HPA-002': { subject: k8s('prod', 'HorizontalPodAutoscaler', 'api', 'api'), fail: (d) => { d.spec.minReplicas = 1; } },
  'PAVED-K8S-NET-001': { subject: k8s('prod', 'Ingress', 'api', 'api'), fail: (d) => { delete d.spec.tls; } },
  'PAVED-K8S-NET-002': { subject: k8s('prod', 'Ingress', 'api', 'api'), fail: (d) => { d.spec.rules[0].http.paths[0].backend.service.name = 'gone'; } },
  'PAVED-K8S-NET-003': { subject: k8s('prod', 'Service', 'api', 'api'), fail: (d) => { d.spec.selector = { app: 'nothing' }; } },
  'PAVED-K8S-NET-004': { subject: k8s('prod', 'Service', 'api', 'api'), fail: (d) => { d.spec.type = 'NodePort'; } },
  'PAVED-K8S-NET-005': { subject: k8s('prod', 'Namespace', 'api'), fail: (_d, i) => { (i.documents as any[]).splice(i.documents.findIndex((x) => x.environment === 'prod' && x.kind === 'NetworkPolicy' && x.name === 'default-deny' && x.namespace === 'api'), 1); } },
  'PAVED-K8S-NET-006': { subject: k8s('prod', 'Service', 'api', 'api'), fail: (d) => { d.spec.type = 'LoadBalancer'; } },
  'PAVED-K8S-NET-007': {
    subject: k8s('prod', 'Service', 'api', 'api'),
    fail: (d) => {
      d.spec.type = 'LoadBalancer';
      d.metadata.annotations = { 'paved.dev/public-ports': 'http/TCP:8080' };
    },
  },
  'PAVED-K8S-NS-001': { subject: k8s('prod', 'Namespace', 'api'), fail: (d) => { delete d.metadata.labels['pod-security.kubernetes.io/enforce']; } },
  'PAVED-ARGO-001': { subject: APP, fail: (d) => { d.spec.project = 'default'; } },
  'PAVED-ARGO-002': { subject: APP, fail: (d) => { d.spec.syncPolicy.automated = { prune: false, selfHeal: true }; } },
  'PAVED-ARGO-003': { subject: APP, fail: (d) => { delete d.spec.syncPolicy.retry; } },
  'PAVED-ARGO-004': { subject: ADDON, fail: (d) => { d.spec.source.targetRevision = '1.*'; } },
  'PAVED-ARGO-005': { subject: ADDON, fail: (d) => { d.spec.source.helm.values = 'crds:\n  enabled: true\n'; } },
  'PAVED-ARGO-006': { subject: ADDON, fail: (d) => { d.metadata.finalizers = ['resources-finalizer.argocd.argoproj.io']; } },
  'PAVED-ARGO-007': { subject: k8s('prod', 'ApplicationSet', 'external-dns'), fail: (d) => { delete d.spec.syncPolicy; } },
  'PAVED-ARGO-008': { subject: k8s('prod', 'AppProject', 'services'), fail: (d) => { d.spec.sourceRepos = ['*']; } },
  'PAVED-ARGO-009': { subject: k8s('prod', 'AppProject', 'services'), fail: (d) => { d.spec.clusterResourceWhitelist = [{ group: '*', kind: '*' }]; } },
  'PAVED-ARGO-010': { subject: k8s('prod', 'AppProject', 'services'), fail: (d) => { d.spec.destinations = [{ server: 'https://kubernetes.default.svc', namespace: '*' }]; } },

  // Issue 13 (red team): open security groups, literal credentials, public key and bucket policies, promoted access,
  // IMDSv1, plaintext secrets in manifests and Helm values.
  'PAVED-AWS-SG-001': { subject: tf('prod-data', 'aws_vpc_security_group_ingress_rule', 'postgres/from-cluster'), fail: (t) => { delete t.referenced_security_group_id; t.cidr_ipv4 = '0.0.0.0/0'; } },
  'PAVED-AWS-EC2-001': { subject: tf('prod-cluster', 'aws_launch_template', 'nodes-general/launch-template'), fail: (t) => { t.metadata_options.http_tokens = 'optional'; } },
  'PAVED-AWS-KMS-002': { subject: tf('prod-cluster', 'aws_kms_key', 'secrets-key/key'), fail: withPolicy((doc) => { doc.Statement[0].Principal = '*'; }) },
  'PAVED-AWS-S3-012': {
    subject: tf('prod-cluster', 'aws_s3_bucket_policy', 'velero-bucket/policy'),
    fail: withPolicy((doc) => { doc.Statement.push({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }); }),
  },
  'PAVED-AWS-EKS-006': {
    subject: tf('prod-cluster', 'aws_eks_access_policy_association', 'access-AWSReservedSSO_Developer_1a2b3c4d5e6f7a8b/policy'),
    fail: (t) => { t.policy_arn = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy'; },
  },
  'PAVED-AWS-SECRET-001': { subject: DB, fail: (t) => { t.password = 'hunter2'; } },
  'PAVED-AWS-SECRET-002': { subject: DB, fail: (t) => { delete t.manage_master_user_password; t.password = '${data.aws_secretsmanager_random_password.pw.random_password}'; } },
  'PAVED-K8S-ENV-001': { subject: API, fail: (d) => { container(d).env.push({ name: 'DB_PASS', value: 'hunter2' }); } },
  'PAVED-K8S-TLS-001': { subject: API, fail: (d) => { container(d).env.find((e: any) => e.name === 'PGSSLMODE').value = 'require'; } },
  'PAVED-ARGO-011': { subject: ADDON, fail: (d) => { d.spec.source.helm.valuesObject.webhook = { adminPassword: 'hunter2' }; } },
  'PAVED-ARGO-012': { subject: ADDON, fail: (d) => { d.spec.source.helm.valuesObject.webhook = { hostNetwork: true }; } },
  // Issue 14 (add-on versions): a retired chart version pinned by hand.
  'PAVED-ARGO-013': { subject: ADDON, fail: (d) => { d.spec.source.chart = 'promtail'; d.spec.source.targetRevision = '6.16.6'; } },
  'PAVED-ARGO-014': { subject: k8s('prod', 'ApplicationSet', 'loki'), fail: (d) => { d.spec.template.spec.source.helm.valuesObject.gateway.basicAuth.enabled = false; } },
  'PAVED-K8S-ESO-001': { subject: k8s('prod', 'ExternalSecret', 'api-secrets', 'api'), fail: (d) => { d.spec.data[0].remoteRef.key = 'northwind/prod/worker/queue-token'; } },

  // Issue 13 (cluster): NetworkPolicies enforced, secret stores per namespace, Pod Security on add-on namespaces.
  'PAVED-AWS-CNI-001': { subject: tf('prod-cluster', 'aws_eks_addon', 'addon-vpc-cni'), fail: (t) => { delete t.configuration_values; } },
  'PAVED-K8S-STORE-001': {
    subject: k8s('prod', 'ExternalSecret', 'api-secrets', 'api'),
    fail: (d, i) => {
      d.spec.secretStoreRef = { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' };
      const file = 'gitops/prod/addons/external-secrets/manifests.yaml';
      const object = { apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', metadata: { name: 'aws-secrets-manager' }, spec: { provider: { aws: { service: 'SecretsManager', region: 'eu-west-1' } } } };
      (i.documents as any[]).push({ environment: 'prod', file, line: 1, apiVersion: object.apiVersion, kind: object.kind, name: 'aws-secrets-manager', address: `${file}#ClusterSecretStore/aws-secrets-manager`, object });
    },
  },
  'PAVED-ARGO-PSA-001': { subject: ADDON, fail: (d) => { delete d.spec.syncPolicy.managedNamespaceMetadata; } },
  // Issue 14: the ALB ingress.
  'PAVED-K8S-ALB-001': { subject: k8s('prod', 'Ingress', 'api', 'api'), fail: (d) => { d.metadata.annotations['alb.ingress.kubernetes.io/listen-ports'] = '[{"HTTP":80}]'; } },
  'PAVED-K8S-ALB-002': {
    subject: k8s('prod', 'ApplicationSet', 'aws-load-balancer-controller'),
    // The example brings no web ACL: the passing case is prod with ingress.wafAclArn set.
    pass: (d) => { d.spec.template.spec.source.helm.valuesObject.ingressClassParams.spec.wafv2AclArn = 'arn:aws:wafv2:eu-west-1:345678901234:regional/webacl/edge/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b'; },
    fail: () => undefined,
  },
};

// Rules about resources the example does not have get their subject added for both cases.
FIXTURES['PAVED-AWS-IAM-002'] = {
  subject: tf('prod-cluster', 'aws_iam_user', 'ci-user'),
  pass: (_t, i) => remove(i, 'prod-cluster', 'aws_iam_user', 'ci-user'),
  fail: () => undefined,
};

FIXTURES['PAVED-K8S-PLAIN-001'] = {
  subject: k8s('prod', 'Secret', 'api-db', 'api'),
  pass: (d) => { delete d.stringData; },
  fail: () => undefined,
};

// Issue 14 (EKS Argo CD capability): the example runs ArgoCD self-managed, where these are allowed (passing case); the
// failing case adds the capability to prod's platform stack. The subjects are added by hand, as a user would.
const onCapability = (_d: any, i: CheckInput) => {
  const json = i.stacks.find((s) => s.name === 'prod-platform')!.json as any;
  json.resource.aws_eks_capability = { argocd: { type: 'ARGOCD', capability_name: 'argocd' } };
};
FIXTURES['PAVED-ARGO-CAP-001'] = { subject: k8s('prod', 'ConfigMap', 'argocd-cm', 'argocd'), fail: onCapability };
FIXTURES['PAVED-ARGO-CAP-002'] = { subject: k8s('prod', 'ConfigMap', 'argocd-cm', 'argocd'), fail: onCapability };
FIXTURES['PAVED-ARGO-CAP-003'] = { subject: k8s('prod', 'ConfigMap', 'argocd-notifications-cm', 'argocd'), fail: onCapability };
FIXTURES['PAVED-ARGO-CAP-004'] = { subject: k8s('prod', 'ConfigMap', 'argocd-cm', 'argocd'), fail: onCapability };

// Issue 16 (Amazon MSK): the example has no Kafka, so prod-data gets the provisioned cluster KafkaCluster writes
// (packages/guardrails/test/msk-rules.test.ts runs these rules on a real synthesized output with MSK).
const MSK = tf('prod-data', 'aws_msk_cluster', 'kafka/cluster');
FIXTURES['PAVED-AWS-MSK-001'] = { subject: MSK, fail: (t) => { t.client_authentication.unauthenticated = true; } };
FIXTURES['PAVED-AWS-MSK-002'] = { subject: MSK, fail: (t) => { t.encryption_info.encryption_in_transit.client_broker = 'TLS_PLAINTEXT'; } };
FIXTURES['PAVED-AWS-MSK-003'] = { subject: MSK, fail: (t) => { delete t.encryption_info.encryption_at_rest_kms_key_arn; } };
FIXTURES['PAVED-AWS-MSK-004'] = { subject: MSK, fail: (t) => { t.logging_info.broker_logs.cloudwatch_logs.enabled = false; } };
FIXTURES['PAVED-AWS-MSK-005'] = { subject: MSK, fail: (t) => { t.broker_node_group_info.connectivity_info = { public_access: { type: 'SERVICE_PROVIDED_EIPS' } }; } };
FIXTURES['PAVED-AWS-MSK-006'] = {
  subject: tf('prod-data', 'aws_iam_role_policy', 'service-worker-identity/policy'),
  fail: withPolicy((doc) => { doc.Statement.push({ Effect: 'Allow', Action: 'kafka-cluster:*', Resource: '*' }); }),
};

// Issue 16 (third-party chart values): the example has no chart entry, so prod gets the Application the renderer writes
// for one (packages/guardrails/test/chart-values-rules.test.ts runs these rules on a real rendered chart entry).
const CHART = k8s('prod', 'Application', 'service-node', 'argocd');
const chartValues = (d: any) => d.spec.source.helm.valuesObject;
FIXTURES['PAVED-ARGO-CHART-001'] = { subject: CHART, fail: (d) => { chartValues(d).securityContext.runAsUser = 0; } };
FIXTURES['PAVED-ARGO-CHART-002'] = { subject: CHART, fail: (d) => { chartValues(d).securityContext.capabilities.add = ['SYS_ADMIN']; } };
FIXTURES['PAVED-ARGO-CHART-003'] = { subject: CHART, fail: (d) => { chartValues(d).image.tag = 'latest'; } };
FIXTURES['PAVED-ARGO-CHART-004'] = { subject: CHART, fail: (d) => { chartValues(d).service.type = 'LoadBalancer'; } };
FIXTURES['PAVED-ARGO-CHART-005'] = { subject: CHART, fail: (d) => { d.spec.source.repoURL = 'http://charts.example.com/stable'; } };

function withChart(input: CheckInput): void {
  const file = 'gitops/prod/apps/service-node.yaml';
  const object = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'service-node', namespace: 'argocd' },
    spec: {
      project: 'chart-node',
      source: {
        repoURL: 'ghcr.io/vendor/charts',
        chart: 'chain-node',
        targetRevision: '4.2.0',
        helm: {
          releaseName: 'node',
          valuesObject: {
            image: { repository: 'ghcr.io/vendor/node', tag: '4.2.0' },
            securityContext: { runAsUser: 10001, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
            service: { type: 'ClusterIP', port: 8545 },
          },
        },
      },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'node' },
    },
  };
  (input.documents as any[]).push({ environment: 'prod', file, line: 1, apiVersion: object.apiVersion, kind: 'Application', name: 'service-node', namespace: 'argocd', address: `${file}#Application/argocd/service-node`, object });
}

function withMsk(input: CheckInput): void {
  const json = input.stacks.find((s) => s.name === 'prod-data')!.json as any;
  json.resource.aws_msk_cluster = {
    kafka_cluster: {
      '//': { metadata: { path: 'prod-data/kafka/cluster' } },
      'cluster_name': 'northwind-prod-kafka',
      'kafka_version': '3.8.x',
      'number_of_broker_nodes': 3,
      'broker_node_group_info': { instance_type: 'kafka.m7g.large', client_subnets: ['subnet-a', 'subnet-b', 'subnet-c'], security_groups: ['${aws_security_group.kafka.id}'] },
      'client_authentication': { unauthenticated: false, sasl: { iam: true, scram: false } },
      'encryption_info': { encryption_at_rest_kms_key_arn: '${aws_kms_key.data.arn}', encryption_in_transit: { client_broker: 'TLS', in_cluster: true } },
      'logging_info': { broker_logs: { cloudwatch_logs: { enabled: true, log_group: '${aws_cloudwatch_log_group.broker.name}' } } },
    },
  };
}

/** ArgoCD configuration a self-managed user might add by hand: a Lua health check, a plugin, notifications. */
function withArgoCdConfig(input: CheckInput): void {
  const file = 'gitops/prod/apps/argocd-config.yaml';
  const configMap = (name: string, data: Record<string, string>) => {
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'argocd' }, data };
    (input.documents as any[]).push({ environment: 'prod', file, line: 1, apiVersion: 'v1', kind: 'ConfigMap', name, namespace: 'argocd', address: `${file}#ConfigMap/argocd/${name}`, object });
  };
  configMap('argocd-cm', {
    'resource.customizations.health.argoproj.io_Application': 'hs = {}\nreturn hs',
    'resource.customizations.ignoreDifferences.apps_Deployment': 'jsonPointers: [/spec/replicas]',
    'configManagementPlugins': '- name: kustomized-helm',
  });
  configMap('argocd-notifications-cm', { 'service.slack': 'token: $slack-token' });
}

/** The example renders no Secret (ExternalSecrets create them in the cluster): add the one a hand edit would. */
function withSecret(input: CheckInput): void {
  const file = 'gitops/prod/services/api/manifests.yaml';
  const object = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api-db', namespace: 'api' }, stringData: { DB_PASS: 'hunter2' } };
  (input.documents as any[]).push({ environment: 'prod', file, line: 1, apiVersion: 'v1', kind: 'Secret', name: 'api-db', namespace: 'api', address: `${file}#Secret/api/api-db`, object });
}

function withIamUser(input: CheckInput): void {
  const json = input.stacks.find((s) => s.name === 'prod-cluster')!.json as any;
  json.resource.aws_iam_user = { ci_user: { '//': { metadata: { path: 'prod-cluster/ci-user' } }, 'name': 'ci' } };
}

function run(ruleId: string, fixture: Fixture, failing: boolean) {
  const input = structuredClone(base) as CheckInput;
  if (ruleId === 'PAVED-AWS-IAM-002') withIamUser(input);
  if (ruleId === 'PAVED-K8S-PLAIN-001') withSecret(input);
  if (ruleId.startsWith('PAVED-ARGO-CAP-')) withArgoCdConfig(input);
  if (ruleId.startsWith('PAVED-AWS-MSK-')) withMsk(input);
  if (ruleId.startsWith('PAVED-ARGO-CHART-')) withChart(input);
  const { target, address } = locate(input, fixture.subject);
  if (failing) fixture.fail(target, input);
  else fixture.pass?.(target, input);
  const rule = ALL_RULES.find((r) => r.id === ruleId)!;
  const report = runChecks(input, { rules: [rule], today: '2026-01-01' });
  return { address, findings: report.findings.filter((f) => f.ruleId === ruleId) };
}

describe('rule fixtures', () => {
  test('every rule has fixtures, and there are at least 40 AWS and 30 Kubernetes/ArgoCD rules', () => {
    expect(ALL_RULES.map((r) => r.id).filter((id) => !FIXTURES[id])).toEqual([]);
    expect(ALL_RULES.filter((r) => r.id.startsWith('PAVED-AWS-')).length).toBeGreaterThanOrEqual(40);
    expect(ALL_RULES.filter((r) => !r.id.startsWith('PAVED-AWS-')).length).toBeGreaterThanOrEqual(30);
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
  });

  test.each(ALL_RULES.map((r) => [r.id]))('%s passes on its passing fixture and fails on its failing one', (id) => {
    const fixture = FIXTURES[id];
    const passing = run(id, fixture, false);
    expect(passing.findings.filter((f) => f.address === passing.address)).toEqual([]);
    const failing = run(id, fixture, true);
    expect(failing.findings.map((f) => f.address)).toContain(failing.address);
  });
});

test('docs/guardrails.md lists every rule', () => {
  const docs = fs.readFileSync(path.join(__dirname, '..', 'docs', 'guardrails.md'), 'utf8');
  expect(ALL_RULES.map((r) => r.id).filter((id) => !docs.includes(`| ${id} |`))).toEqual([]);
});

test('documents handed over in memory (paved synth) read exactly like the files on disk', () => {
  const inMemory = readOutput(out, written.documents);
  const strip = (input: CheckInput) => input.documents
    .map((d) => ({ address: d.address, line: d.line, object: d.object }))
    .sort((a, b) => a.address.localeCompare(b.address));
  expect(strip(inMemory)).toEqual(strip(base));
  expect(inMemory.manifestFiles).toBe(base.manifestFiles);
});
