import { bool, num, show } from '../../../model/values';
import { ALWAYS, checkov, DEV_WARNING } from '../../../rule';
import { terraformRule } from '../../define';
import { isSet, requireTrue } from '../terraform-helpers';

const RG = ['aws_elasticache_replication_group'];

export const ELASTICACHE_RULES = [
  terraformRule({
    id: 'PAVED-AWS-EC-001',
    title: 'ElastiCache encrypts data at rest',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_29')],
    resourceTypes: RG,
    rationale: 'Cached data often holds sessions and tokens; at-rest encryption cannot be added to an existing group.',
    fix: 'set at_rest_encryption_enabled = true (Paved does; remove the override)',
    check: (r) => requireTrue(r, 'at_rest_encryption_enabled'),
  }),
  terraformRule({
    id: 'PAVED-AWS-EC-002',
    title: 'ElastiCache encrypts data in transit',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_30')],
    resourceTypes: RG,
    rationale: 'Redis speaks plain text by default; anything on the network path can read sessions and tokens.',
    fix: 'set transit_encryption_enabled = true and connect with rediss://',
    check: (r) => requireTrue(r, 'transit_encryption_enabled'),
  }),
  terraformRule({
    id: 'PAVED-AWS-EC-003',
    title: 'ElastiCache requires authentication',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_31')],
    resourceTypes: RG,
    rationale: 'Without an AUTH token or RBAC user group any client in the VPC can read and flush the cache.',
    fix: 'set auth_token (from Secrets Manager) or user_group_ids, with transit encryption on',
    check(r) {
      if (isSet(r.attrs.auth_token) || isSet(r.attrs.user_group_ids)) return undefined;
      return 'neither auth_token nor user_group_ids is set';
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-EC-004',
    title: 'ElastiCache uses a customer managed KMS key',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_191')],
    resourceTypes: RG,
    rationale: 'A customer managed key gives you its policy, its rotation and an audit trail of its use.',
    fix: 'set kms_key_id to the environment\'s data key',
    check: (r) => (isSet(r.attrs.kms_key_id) ? undefined : 'kms_key_id is not set (an AWS owned key is used)'),
  }),
  terraformRule({
    id: 'PAVED-AWS-EC-005',
    title: 'ElastiCache takes automatic backups',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_134')],
    resourceTypes: RG,
    rationale: 'Snapshots let you recover a cache that carries state (queues, sessions) after a bad deploy.',
    fix: 'set data.redis.snapshotRetentionDays to at least 1',
    check: (r) => ((num(r.attrs.snapshot_retention_limit) ?? 0) >= 1 ? undefined : `snapshot_retention_limit is ${show(r.attrs.snapshot_retention_limit)}`),
  }),
  terraformRule({
    id: 'PAVED-AWS-EC-006',
    title: 'ElastiCache runs in its own subnet group',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_323')],
    resourceTypes: RG,
    rationale: 'The default subnet group spans the default VPC; Paved places caches in the isolated data subnets.',
    fix: 'set subnet_group_name to an aws_elasticache_subnet_group over the data subnets',
    check(r) {
      const group = r.attrs.subnet_group_name;
      if (!isSet(group)) return 'subnet_group_name is not set (the default subnet group is used)';
      return group === 'default' ? 'subnet_group_name is "default"' : undefined;
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-EC-007',
    title: 'ElastiCache fails over automatically across zones',
    severity: DEV_WARNING,
    mirrors: [checkov('CKV2_AWS_50')],
    resourceTypes: RG,
    rationale: 'Without a replica in another zone and automatic failover, losing the primary loses the cache.',
    fix: 'set data.redis.replicas >= 1 and data.redis.automaticFailover: true (the production defaults)',
    check(r) {
      const problems: string[] = [];
      if (bool(r.attrs.automatic_failover_enabled) !== true) problems.push(`automatic_failover_enabled is ${show(r.attrs.automatic_failover_enabled)}`);
      if (bool(r.attrs.multi_az_enabled) !== true) problems.push(`multi_az_enabled is ${show(r.attrs.multi_az_enabled)}`);
      return problems.length ? problems.join(', ') : undefined;
    },
  }),
];
