import { BACKUP_TAG } from '@paved/shared-config';
import type { TfResource } from '../../../model/terraform';
import { blocks, bool, num, show, strings } from '../../../model/values';
import { ALWAYS, checkov, DEV_WARNING, type RuleContext } from '../../../rule';
import { terraformRule } from '../../define';
import { effectiveTags, inEnvironment, isSet, requireTrue } from '../terraform-helpers';

const DB = ['aws_db_instance'];

/** Parameters that make the engine refuse unencrypted connections. */
const TLS_PARAMETERS: Readonly<Record<string, { name: string; values: string[] }>> = {
  postgres: { name: 'rds.force_ssl', values: ['1', 'true'] },
  mysql: { name: 'require_secure_transport', values: ['1', 'ON', 'on', 'true'] },
  mariadb: { name: 'require_secure_transport', values: ['1', 'ON', 'on', 'true'] },
  sqlserver: { name: 'rds.force_ssl', values: ['1', 'true'] },
};

function engineFamily(r: TfResource): string {
  const engine = typeof r.attrs.engine === 'string' ? r.attrs.engine : 'postgres';
  return Object.keys(TLS_PARAMETERS).find((k) => engine.startsWith(k)) ?? engine;
}

/** Whether an AWS Backup selection of the environment picks `db`: by reference, ARN, wildcard or tag. */
function selectedByBackup(db: TfResource, context: RuleContext): boolean {
  const tags = effectiveTags(context, db);
  return inEnvironment(context, 'aws_backup_selection').some((sel) => {
    const resources = strings(sel.attrs.resources);
    if (resources.includes('*') || resources.some((r) => /^arn:aws:rds:[^:]*:[^:]*:db:\*$/.test(r))) return true;
    if (context.terraform.refersTo(sel.stack, sel.attrs.resources ?? [], db, ['arn', 'identifier'])) return true;
    const byTag = blocks(sel.attrs, 'selection_tag').some((t) => typeof t.key === 'string' && tags[t.key] !== undefined && tags[t.key] === t.value);
    const byCondition = blocks(sel.attrs, 'condition').some((c) =>
      blocks(c, 'string_equals').some((e) => {
        const key = typeof e.key === 'string' ? e.key.replace(/^aws:ResourceTag\//, '') : undefined;
        return key !== undefined && tags[key] === e.value;
      }),
    );
    return byTag || byCondition;
  });
}

export const RDS_RULES = [
  terraformRule({
    id: 'PAVED-AWS-RDS-001',
    title: 'RDS storage is encrypted at rest',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_16')],
    resourceTypes: DB,
    rationale: 'Unencrypted storage exposes the data in snapshots and on retired disks; encryption cannot be turned on later without a restore.',
    fix: 'set storage_encrypted = true with kms_key_id (Paved does; remove the override)',
    check: (r) => requireTrue(r, 'storage_encrypted'),
  }),
  terraformRule({
    id: 'PAVED-AWS-RDS-002',
    title: 'RDS is not publicly accessible',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_17')],
    resourceTypes: DB,
    rationale: 'A public database endpoint invites password spraying from the internet.',
    fix: 'set publicly_accessible = false and reach the database from the VPC (the data subnets have no internet route)',
    check: (r) => (bool(r.attrs.publicly_accessible) === true ? 'publicly_accessible is true' : undefined),
  }),
  terraformRule({
    id: 'PAVED-AWS-RDS-003',
    title: 'RDS IAM database authentication is on',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_161')],
    resourceTypes: DB,
    rationale: 'IAM authentication replaces long-lived database passwords with short-lived tokens tied to roles.',
    fix: 'set iam_database_authentication_enabled = true',
    check: (r) => requireTrue(r, 'iam_database_authentication_enabled'),
  }),
  terraformRule({
    id: 'PAVED-AWS-RDS-004',
    title: 'RDS exports its logs to CloudWatch',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_129')],
    resourceTypes: DB,
    rationale: 'Without log exports, database errors and connection logs vanish with the instance.',
    fix: 'set enabled_cloudwatch_logs_exports (for PostgreSQL: ["postgresql", "upgrade"])',
    check: (r) => (strings(r.attrs.enabled_cloudwatch_logs_exports).length ? undefined : 'enabled_cloudwatch_logs_exports is empty'),
  }),
  terraformRule({
    id: 'PAVED-AWS-RDS-005',
    title: 'RDS Performance Insights (or Database Insights) is on',
    severity: DEV_WARNING,
    mirrors: [checkov('CKV_AWS_353')],
    resourceTypes: DB,
    rationale: 'Performance Insights is how you find the query that is slowing production down; the smallest development classes do not support it.',
    fix: 'set performance_insights_enabled = true (or database_insights_mode = "standard"); use an instance class that supports it',
    check: (r) => (bool(r.attrs.performance_insights_enabled) === true || isSet(r.attrs.database_insights_mode) ? undefined : `performance_insights_enabled is ${show(r.attrs.performance_insights_enabled)}`),
  }),
  terraformRule({
    id: 'PAVED-AWS-RDS-006',
    title: 'RDS automated backups are kept long enough',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_133')],
    resourceTypes: DB,
    rationale: 'Automated backups are the point-in-time recovery window; zero turns them off.',
    fix: 'set data.postgres.backupRetentionDays (at least 7 in production; the presets use 7 and 30)',
    check(r, context) {
      const days = num(r.attrs.backup_retention_period) ?? 0;
      const min = context.profile === 'production' ? 7 : 1;
      return days >= min ? undefined : `backup_retention_period is ${show(r.attrs.backup_retention_period)} (at least ${min} days in ${context.profile})`;
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-RDS-007',
    title: 'RDS deletion protection is on',
    severity: DEV_WARNING,
    mirrors: [checkov('CKV_AWS_293')],
    resourceTypes: DB,
    rationale: 'Deletion protection stops a destroy or a mistaken replacement from deleting the production database.',
    fix: 'set data.postgres.deletionProtection: true (the production default) or remove the override of deletion_protection',
    check: (r) => requireTrue(r, 'deletion_protection'),
  }),
  terraformRule({
    id: 'PAVED-AWS-RDS-008',
    title: 'RDS runs Multi-AZ',
    severity: DEV_WARNING,
    mirrors: [checkov('CKV_AWS_157')],
    resourceTypes: DB,
    rationale: 'A synchronous standby in another zone turns an AZ outage or a host failure into a one-minute failover.',
    fix: 'set data.postgres.multiAz: true (the production default; development runs single-AZ on purpose)',
    check: (r) => requireTrue(r, 'multi_az'),
  }),
  terraformRule({
    id: 'PAVED-AWS-RDS-009',
    title: 'RDS applies minor engine upgrades automatically',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_226')],
    resourceTypes: DB,
    rationale: 'Minor versions carry security fixes; they are applied in the maintenance window.',
    fix: 'remove auto_minor_version_upgrade = false (the default is true)',
    check: (r) => (bool(r.attrs.auto_minor_version_upgrade) === false ? 'auto_minor_version_upgrade is false' : undefined),
  }),
  terraformRule({
    id: 'PAVED-AWS-RDS-010',
    title: 'RDS copies tags to snapshots',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_313')],
    resourceTypes: DB,
    rationale: 'Snapshots without tags lose their owner, environment and backup selection.',
    fix: 'set copy_tags_to_snapshot = true',
    check: (r) => requireTrue(r, 'copy_tags_to_snapshot'),
  }),
  terraformRule({
    id: 'PAVED-AWS-RDS-011',
    title: 'RDS is in an AWS Backup plan',
    severity: ALWAYS,
    mirrors: [checkov('CKV2_AWS_8')],
    resourceTypes: DB,
    rationale: 'AWS Backup keeps copies outside the instance lifecycle (a deleted instance takes its automated backups with it).',
    fix: `tag the instance ${BACKUP_TAG.key}=${BACKUP_TAG.value} (Paved's backup selection picks that tag) or list it in an aws_backup_selection`,
    check: (r, context) => (selectedByBackup(r, context) ? undefined : 'no aws_backup_selection of the environment selects it (by ARN, reference or tag)'),
  }),
  terraformRule({
    id: 'PAVED-AWS-RDS-012',
    title: 'RDS enforces TLS through its parameter group',
    severity: ALWAYS,
    mirrors: [checkov('CKV2_AWS_69')],
    resourceTypes: DB,
    rationale: 'Without the parameter, clients may connect in plain text inside the VPC.',
    fix: 'use an aws_db_parameter_group with rds.force_ssl = 1 (PostgreSQL) or require_secure_transport = ON (MySQL)',
    check(r, context) {
      const want = TLS_PARAMETERS[engineFamily(r)];
      if (!want) return undefined;
      const group = context.terraform.ofType('aws_db_parameter_group', r.stack).find((g) => context.terraform.refersTo(r.stack, r.attrs.parameter_group_name, g, ['name', 'id']));
      if (!group) return `parameter_group_name ${show(r.attrs.parameter_group_name)} is not a parameter group of this stack`;
      const parameter = blocks(group.attrs, 'parameter').find((p) => p.name === want.name);
      return parameter && want.values.includes(String(parameter.value)) ? undefined : `${group.ref} does not set ${want.name} = 1 (${show(parameter?.value)})`;
    },
  }),
  terraformRule({
    id: 'PAVED-AWS-RDS-013',
    title: 'RDS takes a final snapshot on deletion',
    severity: DEV_WARNING,
    mirrors: [],
    resourceTypes: DB,
    rationale: 'skip_final_snapshot deletes the last copy of the data together with the instance.',
    fix: 'set skip_final_snapshot = false with a final_snapshot_identifier (development skips it on purpose so environments can be torn down)',
    check(r) {
      if (bool(r.attrs.skip_final_snapshot) === true) return 'skip_final_snapshot is true';
      // Without an identifier, a destroy fails instead of snapshotting: the protection only works with one.
      return isSet(r.attrs.final_snapshot_identifier) ? undefined : 'final_snapshot_identifier is not set';
    },
  }),
];
