import {
  ADDON_CATALOG,
  DB_PROVISIONER,
  KEYCLOAK_DATABASE_ROLE,
  POSTGRES_SSL_MODE,
  RDS_CA_BUNDLE_PATH,
  databasePasswordSecret,
  databaseRole,
  redisUser,
  resolvePlatform,
} from '@paved/shared-config';
import { parse } from 'yaml';
import communityHealth from '../../../examples/community-health-api-gateway/platform.config';
import example from '../../../platform.config';
import { DB_PROVISIONER_IMAGES, provisionSql, renderGitops, toYaml, validateRendered } from '../src';
import { schemaValidator } from '../src/validation/schema-validators';

// Issue 13: services and Keycloak get their own database roles; only the db-provisioner can read the master secret.
const platform = resolvePlatform(example);
const files = renderGitops(platform);
const docsOf = (prefix: string) => files.filter((f) => f.path.startsWith(prefix)).flatMap((f) => f.documents) as any[];

describe('db-provisioner', () => {
  const envs = platform.environments.filter((e) => e.postgres);

  test('rendered per environment with postgres, every document schema-valid, in its own restricted namespace', () => {
    expect(envs.length).toBeGreaterThan(0);
    for (const env of envs) {
      const docs = docsOf(`${env.name}/platform/db-provisioner/`);
      expect(docs.map((d) => d.kind).sort()).toEqual(['ConfigMap', 'Job', 'Namespace', 'NetworkPolicy', 'NetworkPolicy', 'ServiceAccount']);
      for (const doc of docs) {
        const validate = schemaValidator(doc.apiVersion, doc.kind);
        expect(validate).toBeDefined();
        expect(() => validate!(doc)).not.toThrow();
        if (doc.kind !== 'Namespace') expect(doc.metadata.namespace).toBe(DB_PROVISIONER.namespace);
      }
      const ns = docs.find((d) => d.kind === 'Namespace');
      expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
      const app = docsOf(`${env.name}/apps/platform-db-provisioner.yaml`)[0];
      expect(app.spec).toMatchObject({ project: 'platform', source: { path: `environments/${env.name}/platform/db-provisioner` } });
    }
    expect(validateRendered(files, platform.gitops.path)).toEqual([]);
  });

  test('the Job is a Sync hook that reads the master secret through its own Pod Identity, with pinned images', () => {
    const env = envs[0];
    const job = docsOf(`${env.name}/platform/db-provisioner/`).find((d) => d.kind === 'Job');
    expect(job.metadata.annotations).toMatchObject({
      'argocd.argoproj.io/hook': 'Sync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
    });
    const pod = job.spec.template.spec;
    expect(pod.serviceAccountName).toBe(DB_PROVISIONER.serviceAccount);
    const images = [...pod.initContainers, ...pod.containers].map((c: any) => c.image);
    expect(images).toEqual([DB_PROVISIONER_IMAGES.awsCli, DB_PROVISIONER_IMAGES.postgres]);
    expect(pod.initContainers[0].env).toEqual(expect.arrayContaining([{ name: 'DB_INSTANCE', value: env.postgres!.identifier }]));
    expect(pod.containers[0].env).toEqual(expect.arrayContaining([{ name: 'PGSSLMODE', value: 'verify-full' }]));
    // The credential lives in memory only; no Kubernetes Secret holds it.
    expect(pod.volumes.find((v: any) => v.name === 'secrets').emptyDir.medium).toBe('Memory');
    for (const c of [...pod.initContainers, ...pod.containers]) {
      expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, runAsNonRoot: true });
      expect(c.envFrom).toBeUndefined();
    }
  });

  test('the SQL creates one role and database per service that uses postgres, idempotently, IAM auth only', () => {
    for (const env of envs) {
      const config = docsOf(`${env.name}/platform/db-provisioner/`).find((d) => d.kind === 'ConfigMap');
      const sql: string = config.data['provision.sql'];
      for (const service of env.services) {
        const role = databaseRole(service.name);
        const uses = service.dependsOn.includes('postgres');
        expect(sql.includes(`GRANT rds_iam TO ${role};`)).toBe(uses);
        if (uses) {
          expect(sql).toContain(`SELECT format('CREATE ROLE %I LOGIN', '${role}') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}')\\gexec`);
          expect(sql).toContain(`REVOKE ALL ON DATABASE ${role} FROM PUBLIC;`);
        }
      }
      expect(sql).not.toMatch(/PASSWORD/);
    }
  });

  test('password roles take their password from the psql variable, never from the manifest', () => {
    const sql = provisionSql([{ role: 'keycloak', auth: 'password', secretName: 'x/y/keycloak/database-password' }]);
    expect(sql).toContain('\\set password_keycloak `cat /run/db/keycloak.password`');
    expect(sql).toContain("ALTER ROLE keycloak WITH LOGIN PASSWORD :'password_keycloak';");
    expect(sql).not.toContain('GRANT rds_iam TO keycloak');
  });

  test('nothing rendered names the master user or reads a password into a service namespace', () => {
    const text = files.map((f) => toYaml(f.documents)).join('\n');
    expect(text).not.toMatch(/paved_admin/);
    for (const es of docsOf('').filter((d) => d.kind === 'ExternalSecret')) {
      expect(es.metadata.namespace).not.toBe(DB_PROVISIONER.namespace);
      // Connection secrets hold where a store is, never a credential.
      for (const entry of (es.spec.data ?? []).filter((d: any) => d.remoteRef.key.endsWith('/connection'))) {
        expect(['host', 'port']).toContain(entry.remoteRef.property);
      }
    }
  });
});

describe('service connection settings', () => {
  const env = platform.environments.find((e) => e.name === 'prod')!;
  const docs = docsOf('prod/services/api/');
  const deployment = docs.find((d) => d.kind === 'Deployment');
  const vars = Object.fromEntries(deployment.spec.template.spec.containers[0].env.map((e: any) => [e.name, e]));

  test('its own user and database, verify-full with the RDS CA, IAM auth, no password anywhere', () => {
    const role = databaseRole('api');
    expect(vars.PGUSER.value).toBe(role);
    expect(vars.PGDATABASE.value).toBe(role);
    expect(vars.PGSSLMODE.value).toBe(POSTGRES_SSL_MODE);
    expect(vars.PGSSLROOTCERT.value).toBe(RDS_CA_BUNDLE_PATH);
    expect(vars.DATABASE_AUTH.value).toBe('iam');
    expect(vars.PGPASSWORD).toBeUndefined();
    expect(vars.REDIS_USER.value).toBe(redisUser(env.naming, 'api'));
    expect(vars.REDIS_AUTH.value).toBe('iam');
    const pg = docs.find((d) => d.kind === 'ExternalSecret' && d.metadata.name === 'api-postgres');
    expect(pg.spec.target.template.data.DATABASE_URL).toBe(
      `postgresql://${role}@{{ .host }}:{{ .port }}/${role}?sslmode=verify-full&sslrootcert=${RDS_CA_BUNDLE_PATH}`,
    );
    expect(pg.spec.data.map((d: any) => d.remoteRef.property)).toEqual(['host', 'port']);
    const redis = docs.find((d) => d.kind === 'ExternalSecret' && d.metadata.name === 'api-redis');
    expect(redis.spec.target.template.data.REDIS_URL).toBe(`rediss://${redisUser(env.naming, 'api')}@{{ .host }}:{{ .port }}`);
  });

  test('egress to the Pod Identity agent for services that sign IAM tokens, not for the others', () => {
    const allow = (service: string) => docsOf(`prod/services/${service}/`).find((d) => d.kind === 'NetworkPolicy' && d.metadata.name === service);
    const agent = (service: string) => allow(service).spec.egress.some((r: any) => r.to?.[0]?.ipBlock?.cidr === '169.254.170.23/32');
    expect(agent('api')).toBe(true);
    expect(agent('web')).toBe(false);
  });
});

describe('Keycloak', () => {
  const seeded = resolvePlatform(communityHealth);
  const seededFiles = renderGitops(seeded);

  test('uses its own role and database with the password from its own namespace prefix', () => {
    const env = seeded.environments.find((e) => e.postgres && e.addons.some((a) => a.name === 'keycloak'))!;
    expect(env).toBeDefined();
    const docs = seededFiles.filter((f) => f.path.startsWith(`${env.name}/addons/keycloak/`)).flatMap((f) => f.documents) as any[];
    const secret = docs.find((d) => d.kind === 'ExternalSecret' && d.metadata.name === 'keycloak-database');
    expect(secret.spec.target.template.data).toMatchObject({ KC_DB_USERNAME: KEYCLOAK_DATABASE_ROLE, KC_DB_URL_DATABASE: KEYCLOAK_DATABASE_ROLE });
    const passwordRef = secret.spec.data.find((d: any) => d.secretKey === 'password').remoteRef;
    expect(passwordRef).toEqual({ key: databasePasswordSecret(env.naming, ADDON_CATALOG.keycloak.namespace) });
    expect(passwordRef.key.startsWith(`${env.naming.secretsPrefix()}${ADDON_CATALOG.keycloak.namespace}/`)).toBe(true);
    const sql: string = (seededFiles.find((f) => f.path === `${env.name}/platform/db-provisioner/manifests.yaml`)!.documents as any[])
      .find((d) => d.kind === 'ConfigMap').data['provision.sql'];
    expect(sql).toContain(`ALTER ROLE ${KEYCLOAK_DATABASE_ROLE} WITH LOGIN PASSWORD :'password_${KEYCLOAK_DATABASE_ROLE}';`);
  });

  test('connects with sslmode=verify-full against the region\'s RDS authorities, fetched into a read-only volume', () => {
    const env = seeded.environments.find((e) => e.postgres && e.addons.some((a) => a.name === 'keycloak'))!;
    const docs = seededFiles.filter((f) => f.path.startsWith(`${env.name}/addons/keycloak/`)).flatMap((f) => f.documents) as any[];
    const secret = docs.find((d) => d.kind === 'ExternalSecret' && d.metadata.name === 'keycloak-database');
    expect(secret.spec.target.template.data.KC_DB_URL_PROPERTIES).toBe('?sslmode=verify-full&sslrootcert=/opt/rds-ca/rds-ca.pem');
    const app = (seededFiles.find((f) => f.path === `${env.name}/apps/addon-keycloak.yaml`)!.documents as any[])[0];
    const values = app.spec.source.helm.valuesObject;
    const [init] = parse(values.extraInitContainers);
    expect(init.command).toContain(`https://truststore.pki.rds.amazonaws.com/${env.region}/${env.region}-bundle.pem`);
    expect(init.command).toContain('/opt/rds-ca/rds-ca.pem');
    expect(init.securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(parse(values.extraVolumeMounts)).toEqual([{ name: 'rds-ca', mountPath: '/opt/rds-ca', readOnly: true }]);
  });
});
