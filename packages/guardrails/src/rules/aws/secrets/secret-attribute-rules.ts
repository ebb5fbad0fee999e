import { referencesIn, type TfResource } from '../../../model/terraform';
import { at, blocks, isExpression } from '../../../model/values';
import { ALWAYS } from '../../../rule';
import { terraformRule } from '../../define';

/**
 * Arguments that hold a credential, per resource type (dotted paths go through nested blocks). Their write-only
 * twins (`password_wo`, Terraform 1.11) and the service-managed options (`manage_master_user_password`) keep the value
 * out of plan and state, and are not listed.
 */
const SECRET_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_db_instance: ['password'],
  aws_rds_cluster: ['master_password'],
  aws_docdb_cluster: ['master_password'],
  aws_neptune_cluster: ['master_password'],
  aws_redshift_cluster: ['master_password'],
  aws_elasticache_replication_group: ['auth_token'],
  aws_elasticache_user: ['passwords'],
  aws_mq_broker: ['user.password'],
  aws_opensearch_domain: ['advanced_security_options.master_user_options.master_user_password'],
  aws_secretsmanager_secret_version: ['secret_string'],
  aws_ssm_parameter: ['value'],
};

/** Values of a (possibly nested, possibly list) attribute path. */
function valuesAt(r: TfResource, path: string): unknown[] {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) {
    const v = r.attrs[head];
    return Array.isArray(v) ? v : v === undefined ? [] : [v];
  }
  return blocks(r.attrs, head).flatMap((b) => {
    const v = at(b, rest.join('.'));
    return Array.isArray(v) ? v : v === undefined ? [] : [v];
  });
}

/** Sources whose value is generated or fetched into plan and state: what a credential must never come from. */
const STATEFUL_SOURCES = ['random_password', 'random_string', 'aws_secretsmanager_random_password', 'aws_secretsmanager_secret_version'];

export const SECRET_ATTRIBUTE_RULES = [
  terraformRule({
    id: 'PAVED-AWS-SECRET-001',
    title: 'No credential is written as a literal in Terraform',
    severity: ALWAYS,
    mirrors: [],
    resourceTypes: Object.keys(SECRET_ATTRIBUTES),
    rationale:
      'A literal password, auth token or secret string sits in Git, in every plan and in state, readable by anyone who '
      + 'can read the repository. (checkov\'s secret scanning, CKV_SECRET_*, covers the same ground by value shape.)',
    fix: 'let the service own it (manage_master_user_password = true), or pass it through a write-only argument '
      + '(password_wo, Terraform 1.11) from an ephemeral source; SSM SecureString values and secret versions are created outside Terraform',
    check: (r) => {
      const paths = SECRET_ATTRIBUTES[r.type] ?? [];
      const problems: string[] = [];
      for (const path of paths) {
        if (r.type === 'aws_ssm_parameter' && r.attrs.type !== 'SecureString') continue;
        for (const value of valuesAt(r, path)) {
          // The value is never echoed: findings end up in CI logs and SARIF.
          if (typeof value === 'string' && value !== '' && !isExpression(value)) problems.push(`${path} is a literal value`);
        }
      }
      return problems;
    },
  }),
];

/**
 * Issue 13: the RDS master password and the Redis auth token came from aws_secretsmanager_random_password and sat in
 * the data stack's state, readable by every role that could read state. RDS now owns its master password.
 */
export const STATE_SECRET_RULES = [
  terraformRule({
    id: 'PAVED-AWS-SECRET-002',
    title: 'Database credentials never pass through Terraform state',
    severity: ALWAYS,
    mirrors: [],
    resourceTypes: Object.keys(SECRET_ATTRIBUTES).filter((t) => t !== 'aws_secretsmanager_secret_version' && t !== 'aws_ssm_parameter'),
    rationale:
      'A password read from random_password or aws_secretsmanager_random_password is stored in plan and state; whoever '
      + 'reads the state bucket (plan roles, pull requests) reads the database password.',
    fix: 'set manage_master_user_password = true (RDS), or write the value with a write-only argument from an ephemeral resource',
    check: (r) => {
      const problems: string[] = [];
      for (const path of SECRET_ATTRIBUTES[r.type] ?? []) {
        for (const value of valuesAt(r, path)) {
          const sources = referencesIn(value).filter((ref) => STATEFUL_SOURCES.includes(ref.type));
          if (sources.length > 0) problems.push(`${path} comes from ${sources.map((s) => `${s.mode === 'data' ? 'data.' : ''}${s.type}`).join(', ')}, which stores it in state`);
        }
      }
      return problems;
    },
  }),
];
