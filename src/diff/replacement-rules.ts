/**
 * Which argument changes make Terraform replace (destroy, then create) a resource instead of updating it in place,
 * for every resource type Paved emits. Terraform's own plan knows this from the provider schema, but the JSON schema
 * that `terraform providers schema -json` prints does not carry `ForceNew`, and a plan needs credentials: this table
 * is what lets `paved diff` warn offline.
 *
 * Source: the `ForceNew: true` / `RequiresReplace()` markers in hashicorp/terraform-provider-aws
 * (`internal/service/<service>/<resource>.go`; eks/cluster.go and eks/node_group.go read 2025-06) and the
 * "(Forces new resource)" notes of the Terraform Registry pages for AWS provider 5.x (the version mirrored here,
 * 5.100) and hashicorp/helm 2.x (`helm_release`). Attributes only ever computed are left out. Review this table when
 * the provider pin moves (6.x made a few of these updatable) or Paved emits a new type: an unknown type is reported as
 * "changed, replacement not known" rather than guessed.
 *
 * Paths are attribute paths without list indexes: `vpc_config.subnet_ids` matches `vpc_config[0].subnet_ids[2]`.
 */
export const FORCE_NEW: Readonly<Record<string, readonly string[]>> = {
  // ACM: a certificate is reissued for another name set or key; its validation is tied to one certificate.
  aws_acm_certificate: ['domain_name', 'subject_alternative_names', 'key_algorithm', 'certificate_authority_arn', 'validation_option'],
  aws_acm_certificate_validation: ['certificate_arn', 'validation_record_fqdns'],
  aws_backup_plan: ['name'],
  aws_backup_selection: ['name', 'plan_id', 'iam_role_arn', 'resources', 'not_resources', 'selection_tag', 'condition'],
  aws_backup_vault: ['name', 'kms_key_arn'],
  aws_cloudwatch_log_group: ['name', 'name_prefix', 'log_group_class'],
  aws_db_instance: [
    'identifier', 'identifier_prefix', 'engine', 'availability_zone', 'db_name', 'character_set_name', 'nchar_character_set_name',
    'kms_key_id', 'storage_encrypted', 'username', 'snapshot_identifier', 'timezone', 'restore_to_point_in_time', 's3_import',
    'custom_iam_instance_profile',
  ],
  aws_db_parameter_group: ['name', 'name_prefix', 'family', 'description'],
  aws_db_subnet_group: ['name', 'name_prefix'],
  aws_default_security_group: ['vpc_id'],
  aws_ecr_lifecycle_policy: ['repository'],
  aws_ecr_repository: ['name', 'encryption_configuration'],
  aws_ecr_repository_policy: ['repository'],
  aws_eip: ['domain', 'address', 'network_border_group', 'public_ipv4_pool', 'customer_owned_ipv4_pool', 'ipam_pool_id'],
  aws_eks_access_entry: ['cluster_name', 'principal_arn', 'type'],
  aws_eks_access_policy_association: ['cluster_name', 'principal_arn', 'policy_arn', 'access_scope'],
  aws_eks_addon: ['cluster_name', 'addon_name'],
  aws_eks_cluster: [
    'name', 'role_arn', 'vpc_config.subnet_ids', 'vpc_config.security_group_ids', 'kubernetes_network_config.ip_family',
    'kubernetes_network_config.service_ipv4_cidr', 'access_config.bootstrap_cluster_creator_admin_permissions', 'outpost_config',
  ],
  aws_eks_node_group: [
    'cluster_name', 'node_group_name', 'node_group_name_prefix', 'node_role_arn', 'subnet_ids', 'ami_type', 'capacity_type',
    'disk_size', 'instance_types', 'remote_access', 'launch_template.id', 'launch_template.name',
  ],
  aws_eks_pod_identity_association: ['cluster_name', 'namespace', 'service_account'],
  aws_elasticache_replication_group: [
    'replication_group_id', 'at_rest_encryption_enabled', 'kms_key_id', 'subnet_group_name', 'port', 'snapshot_arns',
    'snapshot_name', 'data_tiering_enabled', 'global_replication_group_id', 'network_type',
  ],
  aws_elasticache_subnet_group: ['name'],
  aws_elasticache_user: ['user_id', 'user_name'],
  aws_elasticache_user_group: ['user_group_id', 'engine'],
  aws_flow_log: [
    'vpc_id', 'subnet_id', 'eni_id', 'transit_gateway_id', 'log_destination', 'log_destination_type', 'log_group_name',
    'traffic_type', 'iam_role_arn', 'deliver_cross_account_role', 'max_aggregation_interval', 'log_format', 'destination_options',
  ],
  aws_iam_openid_connect_provider: ['url'],
  aws_iam_policy: ['name', 'name_prefix', 'path', 'description'],
  aws_iam_role: ['name', 'name_prefix', 'path'],
  aws_iam_role_policy: ['name', 'name_prefix', 'role'],
  aws_iam_role_policy_attachment: ['role', 'policy_arn'],
  aws_internet_gateway: [],
  aws_kms_alias: ['name', 'name_prefix'],
  aws_kms_key: ['customer_master_key_spec', 'key_usage', 'multi_region', 'custom_key_store_id', 'xks_key_id'],
  aws_launch_template: ['name', 'name_prefix'],
  // MSK (internal/service/kafka/cluster.go and serverless_cluster.go, read 2026-12-03): a provisioned cluster keeps
  // its name, subnets, security groups and key; MSK Serverless has no update API but for tags.
  aws_msk_cluster: [
    'cluster_name', 'broker_node_group_info.az_distribution', 'broker_node_group_info.client_subnets', 'broker_node_group_info.security_groups',
    'encryption_info.encryption_at_rest_kms_key_arn', 'encryption_info.encryption_in_transit.in_cluster',
  ],
  aws_msk_serverless_cluster: ['cluster_name', 'client_authentication', 'vpc_config'],
  aws_nat_gateway: ['allocation_id', 'subnet_id', 'connectivity_type', 'private_ip'],
  aws_route: ['route_table_id', 'destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id'],
  aws_route53_record: ['zone_id', 'name'],
  aws_route53_zone: ['name', 'delegation_set_id'],
  aws_route_table: ['vpc_id'],
  aws_route_table_association: ['subnet_id', 'gateway_id'],
  aws_s3_bucket: ['bucket', 'bucket_prefix', 'object_lock_enabled'],
  aws_s3_bucket_lifecycle_configuration: ['bucket', 'expected_bucket_owner'],
  aws_s3_bucket_logging: ['bucket', 'expected_bucket_owner'],
  aws_s3_bucket_ownership_controls: ['bucket'],
  aws_s3_bucket_policy: ['bucket'],
  aws_s3_bucket_public_access_block: ['bucket'],
  aws_s3_bucket_server_side_encryption_configuration: ['bucket', 'expected_bucket_owner'],
  aws_s3_bucket_versioning: ['bucket', 'expected_bucket_owner'],
  aws_secretsmanager_secret: ['name', 'name_prefix'],
  aws_secretsmanager_secret_version: ['secret_id', 'secret_string', 'secret_binary'],
  aws_security_group: ['name', 'name_prefix', 'description', 'vpc_id'],
  aws_subnet: ['vpc_id', 'cidr_block', 'availability_zone', 'availability_zone_id', 'outpost_arn'],
  aws_vpc: ['cidr_block', 'ipv4_ipam_pool_id', 'ipv4_netmask_length'],
  aws_vpc_security_group_ingress_rule: ['security_group_id'],
  helm_release: ['name', 'namespace'],
  terraform_data: ['triggers_replace'],
};

/**
 * Types whose destruction loses something a re-create does not bring back, with what is lost. Shown next to every
 * destroy or replace of such a resource.
 */
export const HOLDS_DATA: Readonly<Record<string, string>> = {
  aws_backup_vault: 'its recovery points',
  aws_cloudwatch_log_group: 'its log events',
  aws_db_instance: 'the database (only a final snapshot, if not skipped, remains)',
  aws_ecr_repository: 'every image in it (running pods can no longer pull)',
  aws_eks_cluster: 'the cluster and every workload and volume claim in it',
  aws_elasticache_replication_group: 'the cache data',
  aws_kms_key: 'the key after its deletion window: everything encrypted with it becomes unreadable',
  aws_msk_cluster: 'every topic and message (MSK has no AWS Backup support)',
  aws_msk_serverless_cluster: 'every topic and message (MSK has no AWS Backup support)',
  aws_route53_zone: 'the zone and its records (a new zone gets new name servers: delegation must be redone)',
  aws_s3_bucket: 'the bucket and its objects',
  aws_secretsmanager_secret: 'the secret value (after its recovery window)',
};

/** Meta-arguments and Paved metadata: never part of the remote object. */
export const META_ARGUMENTS: ReadonlySet<string> = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'provisioner', 'connection']);

/** Whether `FORCE_NEW` knows the type. */
export function knowsType(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(FORCE_NEW, type);
}

/** The attribute path without list indexes: `vpc_config[0].subnet_ids[1]` -> `vpc_config.subnet_ids`. */
export function normalizePath(path: string): string {
  return path.replace(/\[\d+\]/g, '');
}

/** The force-new rule a changed attribute path falls under, if any. */
export function forceNewRuleFor(type: string, changedPath: string): string | undefined {
  const normalized = normalizePath(changedPath);
  return (FORCE_NEW[type] ?? []).find((rule) => normalized === rule || normalized.startsWith(`${rule}.`));
}
