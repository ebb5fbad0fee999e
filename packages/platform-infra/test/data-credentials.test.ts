import { DB_PROVISIONER, databaseRole, redisUser, resolvePlatform } from '@paved/shared-config';
import { example, synthesize } from './support/synthesized';

// Issue 13: no data-store credential in any stack's configuration (and so in no state), per-service database users.
const out = synthesize();
const platform = resolvePlatform(example);
const withPostgres = platform.environments.filter((e) => e.postgres);

/** Every key path of a JSON value, with the value at that path. */
function walk(value: unknown, at: string[] = [], into: Array<[string[], unknown]> = []): Array<[string[], unknown]> {
  into.push([at, value]);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, String(i)], into));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...at, k], into);
  return into;
}

const CREDENTIAL_KEYS = new Set(['password', 'master_password', 'auth_token', 'passwords', 'secret_string', 'random_password']);

describe('no credential in any stack', () => {
  test('no argument holds a password, token or random password; no random-password data source or resource', () => {
    const found: string[] = [];
    for (const stack of out.allStacks()) {
      const { ephemeral, ...state } = stack.json;
      for (const [at, value] of walk(state)) {
        const key = at[at.length - 1];
        const where = `${stack.name}:${at.join('.')}`;
        if (key === 'random_password' || key === 'aws_secretsmanager_random_password') found.push(where);
        if (CREDENTIAL_KEYS.has(key) && !at.includes('aws_secretsmanager_secret_version')) found.push(where);
        if (typeof value === 'string' && /random_password|\.auth_token\b|\.password\b/.test(value) && !key.endsWith('_wo')) found.push(`${where} = ${value}`);
      }
      // Ephemeral values never enter state; they may only feed write-only arguments.
      for (const [at, value] of walk(ephemeral ?? {})) {
        if (typeof value === 'string' && /\$\{/.test(value)) found.push(`${stack.name}:ephemeral.${at.join('.')} references ${value}`);
      }
    }
    expect(found).toEqual([]);
  });

  test('secret versions hold only connection details or write-only values', () => {
    for (const env of platform.environments) {
      for (const version of out.resources(`${env.name}-data`, 'aws_secretsmanager_secret_version')) {
        if (version.body.secret_string_wo !== undefined) {
          expect(version.body.secret_string).toBeUndefined();
          expect(version.body.secret_string_wo).toMatch(/^\$\{ephemeral\.aws_secretsmanager_random_password\.[a-zA-Z0-9_]+\.random_password\}$/);
          expect(version.body.secret_string_wo_version).toBe(1);
        } else {
          expect(version.body.secret_string).toMatch(/^\$\{jsonencode\(\{"host" = [^,]+, "port" = "\d+"\}\)\}$/);
          // Follows a replaced instance: no pinned value.
          expect(version.body.lifecycle).toBeUndefined();
        }
      }
    }
  });
});

describe('PostgreSQL', () => {
  test.each(withPostgres.map((e) => e.name))('%s: RDS manages the master password with the environment key', (env) => {
    const db = out.resource(`${env}-data`, 'aws_db_instance', 'postgres/instance').body;
    expect(db.manage_master_user_password).toBe(true);
    expect(db.master_user_secret_kms_key_id).toMatch(/aws_kms_keysecrets-key_[A-F0-9]+arn\}$/);
    expect(db.password).toBeUndefined();
    expect(db.lifecycle).toBeUndefined();
    expect(db.iam_database_authentication_enabled).toBe(true);
  });

  test.each(withPostgres.map((e) => e.name))('%s: each service may connect as its own database user only', (envName) => {
    const env = platform.environments.find((e) => e.name === envName)!;
    const stack = `${envName}-data`;
    for (const service of env.services) {
      const roles = out.resources(stack, 'aws_iam_role_policy').filter((r) => r.path.endsWith(`service-${service.name}-identity/policy`));
      if (service.dependsOn.length === 0) {
        expect(roles).toEqual([]);
        continue;
      }
      expect(roles).toHaveLength(1);
      const statements = out.policyStatements(roles[0].body.policy);
      const connect = statements.filter((s) => s.actions.includes('rds-db:connect'));
      if (service.dependsOn.includes('postgres')) {
        expect(connect).toHaveLength(1);
        expect(connect[0].actions).toEqual(['rds-db:connect']);
        expect(connect[0].resources).toEqual([
          `arn:aws:rds-db:${env.region}:${env.account}:dbuser:\${aws_db_instance.postgres_instance_919E2690.resource_id}/${databaseRole(service.name)}`,
        ]);
      } else {
        expect(connect).toEqual([]);
      }
      // Nothing else: no secret, no wildcard.
      for (const s of statements) {
        expect(s.actions.every((a: string) => a === 'rds-db:connect' || a === 'elasticache:Connect')).toBe(true);
        expect(s.resources.every((r: string) => !r.endsWith('*'))).toBe(true);
      }
      const association = out.resources(stack, 'aws_eks_pod_identity_association').find((r) => r.path.endsWith(`service-${service.name}-identity/association`))!;
      expect(association.body).toMatchObject({ namespace: service.name, service_account: service.name });
    }
  });

  test('the master secret is granted to the db-provisioner role only, trusted by its namespace only', () => {
    const readers: string[] = [];
    for (const s of out.allStacks()) {
      for (const [at, value] of walk(s.json.resource ?? {})) {
        if (typeof value === 'string' && value.includes('master_user_secret')) readers.push(`${s.name}:${at.slice(0, 2).join('.')}`);
      }
    }
    const provisionerPolicies = withPostgres.map((env) => {
      const policy = out.resource(`${env.name}-data`, 'aws_iam_role_policy', 'db-provisioner-identity/policy');
      return `${env.name}-data:aws_iam_role_policy.${policy.name}`;
    });
    expect([...new Set(readers)].sort()).toEqual(provisionerPolicies.sort());
    for (const env of withPostgres) {
      const stack = `${env.name}-data`;
      const policy = out.resource(stack, 'aws_iam_role_policy', 'db-provisioner-identity/policy');
      const trust = out.policyStatements(out.resource(stack, 'aws_iam_role', 'db-provisioner-identity/role').body.assume_role_policy);
      expect(trust[0].condition).toEqual(expect.arrayContaining([
        { test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-namespace', values: [DB_PROVISIONER.namespace] },
        { test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-service-account', values: [DB_PROVISIONER.serviceAccount] },
      ]));
      const statements = out.policyStatements(policy.body.policy);
      expect(statements.map((s) => s.sid)).toEqual(['FindMasterSecret', 'ReadDatabaseSecrets', 'DecryptDatabaseSecrets']);
      expect(statements[1].resources[0]).toBe('${aws_db_instance.postgres_instance_919E2690.master_user_secret[0].secret_arn}');
    }
  });
});

describe('Redis', () => {
  test('RBAC with IAM users: no AUTH token, the default user disabled, one IAM user per service', () => {
    for (const env of platform.environments.filter((e) => e.redis)) {
      const stack = `${env.name}-data`;
      const group = out.resource(stack, 'aws_elasticache_replication_group', 'redis/replication-group').body;
      expect(group.auth_token).toBeUndefined();
      expect(group.transit_encryption_enabled).toBe(true);
      expect(group.user_group_ids).toHaveLength(1);
      const users = out.resources(stack, 'aws_elasticache_user').map((u) => u.body);
      const byName = Object.fromEntries(users.map((u) => [u.user_name, u]));
      expect(byName.default).toMatchObject({ access_string: 'off -@all', authentication_mode: { type: 'no-password-required' } });
      const expected = env.services.filter((s) => s.dependsOn.includes('redis')).map((s) => redisUser(env.naming, s.name));
      expect(users.filter((u) => u.user_name !== 'default').map((u) => u.user_id).sort()).toEqual(expected.sort());
      for (const user of users.filter((u) => u.user_name !== 'default')) {
        expect(user).toMatchObject({ user_name: user.user_id, authentication_mode: { type: 'iam' } });
        expect(user.passwords).toBeUndefined();
      }
    }
  });

  test('each service may connect as its own cache user only', () => {
    for (const env of platform.environments.filter((e) => e.redis)) {
      for (const service of env.services.filter((s) => s.dependsOn.includes('redis'))) {
        const policy = out.resource(`${env.name}-data`, 'aws_iam_role_policy', `service-${service.name}-identity/policy`);
        const connect = out.policyStatements(policy.body.policy).filter((s) => s.actions.includes('elasticache:Connect'));
        expect(connect).toHaveLength(1);
        expect(connect[0].resources).toHaveLength(2);
        expect(connect[0].resources[0]).toMatch(/aws_elasticache_replication_group\.redis_replication-group_[A-F0-9]+\.arn/);
        const user = out.resources(`${env.name}-data`, 'aws_elasticache_user').find((u) => u.body.user_id === redisUser(env.naming, service.name))!;
        expect(connect[0].resources[1]).toBe(`\${aws_elasticache_user.${user.name}.arn}`);
      }
    }
  });
});
