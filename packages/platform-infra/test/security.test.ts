import { ARGOCD_CHART, bridgeKeys, resolvePlatform } from '@paved/shared-config';
import { parse as parseYaml } from 'yaml';
import { example, synthesize, type TfResource } from './support/synthesized';

const out = synthesize();
const all = (type: string) => out.allStacks().flatMap((s) => out.resources(s.name, type));
const statements = (r: TfResource, attribute: string) => out.policyStatements(r.body[attribute]);

describe('state and CI (bootstrap)', () => {
  const bucket = out.resource('bootstrap', 'aws_s3_bucket', 'state/bucket');
  const ref = (type: string) => out.resources('bootstrap', type).filter((r) => r.path.startsWith('bootstrap/state/'));

  test('the state bucket is versioned, KMS-encrypted, private and TLS-only', () => {
    expect(bucket.body.bucket).toBe('northwind-tfstate-345678901234');
    expect(ref('aws_s3_bucket_versioning')[0].body.versioning_configuration.status).toBe('Enabled');
    const sse = ref('aws_s3_bucket_server_side_encryption_configuration')[0].body.rule[0];
    expect(sse.apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
    expect(sse.apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/^\$\{aws_kms_key\./);
    expect(ref('aws_s3_bucket_public_access_block')[0].body).toMatchObject({
      block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
    const policy = statements(ref('aws_s3_bucket_policy')[0], 'policy');
    expect(policy[0]).toMatchObject({ effect: 'Deny', actions: ['s3:*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] });
  });

  test('CI assumes roles through GitHub OIDC, limited by audience and an exact subject; no IAM users or keys exist', () => {
    expect(out.resource('bootstrap', 'aws_iam_openid_connect_provider', 'github/provider').body.url).toBe('https://token.actions.githubusercontent.com');
    for (const role of [...out.resources('bootstrap', 'aws_iam_role'), ...out.resources('bootstrap-210987654321', 'aws_iam_role')]) {
      const trust = statements(role, 'assume_role_policy')[0];
      expect(trust.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
      expect(trust.condition).toEqual([
        { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
        { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:sub', values: expect.any(Array) },
      ]);
      expect(trust.condition[1].values.filter((sub: string) => /[*?]/.test(sub))).toEqual([]);
    }
    expect(out.resources('bootstrap-210987654321', 'aws_iam_role').map((r) => r.body.name).sort()).toEqual(['northwind-ci-deploy', 'northwind-ci-plan']);
    expect([...all('aws_iam_user'), ...all('aws_iam_access_key')]).toEqual([]);
  });

  test('a service push role pushes only to its own repository of the first environment, from its main branch', () => {
    const push = out.resources('bootstrap', 'aws_iam_role').find((r) => r.body.name === 'northwind-web-ci-push')!;
    expect(statements(push, 'assume_role_policy')[0].condition[1].values).toEqual(['repo:northwind/web:ref:refs/heads/main']);
    const policy = out.resources('bootstrap', 'aws_iam_role_policy').find((p) => p.path.includes('push-web-policy'))!;
    const pushStatement = statements(policy, 'policy').find((s) => s.sid === 'PushBuilds')!;
    expect(pushStatement.resources).toEqual(['arn:aws:ecr:eu-west-1:345678901234:repository/northwind-dev-web']);
  });
});

describe('network', () => {
  test('NAT per zone in production, a single one in development', () => {
    expect(out.resources('dev-network', 'aws_nat_gateway')).toHaveLength(1);
    expect(out.resources('prod-network', 'aws_nat_gateway')).toHaveLength(3);
    expect(out.resources('staging-network', 'aws_nat_gateway')).toHaveLength(2);
  });

  test('subnets are private by default and tagged for load balancers; data subnets have no route out', () => {
    const subnets = out.resources('prod-network', 'aws_subnet');
    expect(subnets).toHaveLength(9);
    expect(subnets.every((s) => s.body.map_public_ip_on_launch === false)).toBe(true);
    expect(subnets.filter((s) => s.body.tags['kubernetes.io/role/elb'] === '1')).toHaveLength(3);
    expect(subnets.filter((s) => s.body.tags['kubernetes.io/role/internal-elb'] === '1')).toHaveLength(3);
    const dataRoutes = out.resource('prod-network', 'aws_route_table', 'network/data-routes');
    const routes = out.resources('prod-network', 'aws_route').filter((r) => r.body.route_table_id.includes(dataRoutes.name));
    expect(routes).toEqual([]);
  });

  test('the default security group allows nothing; flow logs capture all traffic into an encrypted group', () => {
    expect(out.resource('prod-network', 'aws_default_security_group', 'default-security-group').body).toMatchObject({ ingress: [], egress: [] });
    expect(out.resource('prod-network', 'aws_flow_log', 'flow-log').body.traffic_type).toBe('ALL');
    const group = out.resource('prod-network', 'aws_cloudwatch_log_group', 'flow-logs').body;
    expect(group).toMatchObject({ name: '/northwind/prod/vpc-flow-logs', retention_in_days: 365 });
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
  });

  test('environments off the root domain get their own zone, delegated from the root zone', () => {
    expect(out.resource('dev-network', 'aws_route53_zone', 'zone').body.name).toBe('dev.northwind.dev');
    const delegation = out.resource('dev-network', 'aws_route53_record', 'zone-delegation').body;
    expect(delegation).toMatchObject({ type: 'NS', name: 'dev.northwind.dev', provider: 'aws.management' });
    expect(out.resources('prod-network', 'aws_route53_zone')).toEqual([]);
  });
});

describe('data', () => {
  const db = (env: string) => out.resource(`${env}-data`, 'aws_db_instance', 'postgres/instance').body;

  test('PostgreSQL is encrypted, private, with a master password RDS manages, IAM auth and logs', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      expect(db(env)).toMatchObject({
        storage_encrypted: true,
        publicly_accessible: false,
        iam_database_authentication_enabled: true,
        performance_insights_enabled: true,
        enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
        copy_tags_to_snapshot: true,
        tags: { 'paved:backup': 'true' },
      });
      expect(db(env).kms_key_id).toContain('secrets-key');
      // Issue 13: RDS owns the master password (no value in state); details in data-credentials.test.ts.
      expect(db(env)).toMatchObject({ manage_master_user_password: true });
      expect(db(env).password).toBeUndefined();
    }
  });

  test('Multi-AZ, deletion protection and a final snapshot in production only', () => {
    expect(db('dev')).toMatchObject({ multi_az: false, deletion_protection: false, skip_final_snapshot: true, backup_retention_period: 7 });
    expect(db('prod')).toMatchObject({ multi_az: true, deletion_protection: true, skip_final_snapshot: false, backup_retention_period: 30 });
    expect(db('prod').final_snapshot_identifier).toBe('northwind-prod-postgres-final');
  });

  test('the parameter group forces TLS', () => {
    const params = out.resource('prod-data', 'aws_db_parameter_group', 'postgres/parameters').body.parameter;
    expect(params).toContainEqual({ name: 'rds.force_ssl', value: '1' });
  });

  test('only the cluster security group reaches the data stores', () => {
    const rules = out.resources('prod-data', 'aws_vpc_security_group_ingress_rule');
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      expect(rule.body.referenced_security_group_id).toMatch(/cross-stack-reference-input-prod-cluster.*cluster_security_group_id/);
      expect(rule.body.cidr_ipv4).toBeUndefined();
    }
  });

  test('Redis encrypts at rest and in transit, with IAM-authenticated users (no token) and failover per profile', () => {
    const redis = (env: string) => out.resource(`${env}-data`, 'aws_elasticache_replication_group', 'redis/replication-group').body;
    expect(redis('prod')).toMatchObject({ at_rest_encryption_enabled: 'true', transit_encryption_enabled: true, automatic_failover_enabled: true, multi_az_enabled: true, num_cache_clusters: 3 });
    expect(redis('dev')).toMatchObject({ automatic_failover_enabled: false, num_cache_clusters: 1 });
    expect(redis('prod').auth_token).toBeUndefined();
    expect(redis('prod').user_group_ids).toHaveLength(1);
  });

  test('connection secrets follow the contract and are encrypted with the environment key', () => {
    const secret = out.resource('prod-data', 'aws_secretsmanager_secret', 'postgres-connection').body;
    expect(secret.name).toBe('northwind/prod/postgres/connection');
    expect(secret.kms_key_id).toContain('secrets-key');
    const value = out.resource('prod-data', 'aws_secretsmanager_secret_version', 'postgres-connection-value').body.secret_string;
    // Where the database is, no credentials; rewritten when the instance is replaced.
    expect(value).toBe('${jsonencode({"host" = aws_db_instance.postgres_instance_919E2690.address, "port" = "5432"})}');
  });

  test('AWS Backup: a KMS-encrypted vault and a plan keeping the environment retention, selected by tag', () => {
    expect(out.resource('prod-data', 'aws_backup_vault', 'backup/vault').body.kms_key_arn).toContain('secrets-key');
    expect(out.resource('prod-data', 'aws_backup_plan', 'backup/plan').body.rule[0].lifecycle.delete_after).toBe(35);
    expect(out.resource('dev-data', 'aws_backup_plan', 'backup/plan').body.rule[0].lifecycle.delete_after).toBe(7);
    const selection = out.resource('prod-data', 'aws_backup_selection', 'backup/selection').body;
    expect(selection.condition[0].string_equals).toContainEqual({ key: 'aws:ResourceTag/paved:backup', value: 'true' });
  });
});

describe('cluster', () => {
  const eks = (env: string) => out.resource(`${env}-cluster`, 'aws_eks_cluster', 'eks/cluster').body;

  test('secrets encryption, every control-plane log, access entries instead of aws-auth', () => {
    const prod = eks('prod');
    expect(prod.encryption_config.resources).toEqual(['secrets']);
    expect(prod.enabled_cluster_log_types).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    expect(prod.access_config).toEqual({ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false });
    const entries = out.resources('prod-cluster', 'aws_eks_access_policy_association').map((a) => a.body.policy_arn).sort();
    expect(entries).toEqual([
      'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
      'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy',
    ]);
  });

  test('endpoint: public only to listed CIDRs in production', () => {
    expect(eks('prod').vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24', '198.51.100.16/28'] });
    // The development profile's default: reachable from anywhere, authenticated by IAM (override in the config).
    expect(eks('dev').vpc_config.public_access_cidrs).toEqual(['0.0.0.0/0']);
  });

  test('every node group launches from a template that requires IMDSv2 with hop limit 1 and encrypted volumes', () => {
    // Planted bug caught: node groups built without their launch template (no IMDSv2, no volume encryption); the loop
    // below would pass vacuously over zero templates, so the pairing is asserted first.
    const groups = all('aws_eks_node_group');
    expect(groups.length).toBeGreaterThanOrEqual(example.environments.length);
    for (const g of groups) {
      const templates = out.resources(g.stack, 'aws_launch_template');
      const template = templates.find((t) => g.body.launch_template?.id === `\${aws_launch_template.${t.name}.id}`);
      expect(template).toBeDefined();
      expect(g.body.launch_template.version).toBe(`\${aws_launch_template.${template!.name}.latest_version}`);
    }
    expect(all('aws_launch_template').length).toBe(groups.length);
    for (const t of all('aws_launch_template')) {
      expect(t.body.metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 });
      expect(t.body.block_device_mappings[0].ebs).toMatchObject({ encrypted: 'true', volume_type: 'gp3' });
    }
    const prodNodes = out.resource('prod-cluster', 'aws_eks_node_group', 'nodes-general/node-group').body;
    expect(prodNodes).toMatchObject({ capacity_type: 'ON_DEMAND', scaling_config: { min_size: 3, max_size: 9, desired_size: 3 } });
    expect(out.resources('dev-cluster', 'aws_eks_node_group')[0].body.capacity_type).toBe('SPOT');
  });

  test('core add-ons are installed', () => {
    expect(out.resources('prod-cluster', 'aws_eks_addon').map((a) => a.body.addon_name).sort()).toEqual([
      'aws-ebs-csi-driver', 'coredns', 'eks-pod-identity-agent', 'kube-proxy', 'vpc-cni',
    ]);
  });

  test('add-on roles are scoped to the zone, the buckets and the environment secrets', () => {
    const policy = (addon: string) => {
      const p = out.resources('prod-cluster', 'aws_iam_role_policy').find((r) => r.path.startsWith(`prod-cluster/${addon}-identity/`))!;
      return statements(p, 'policy');
    };
    const dns = policy('external-dns').find((s) => s.sid === 'ChangeHostRecordsInTheEnvironmentZone')!;
    expect(dns.resources).toEqual([expect.stringMatching(/cross-stack-reference-input-shared.*root-zone.*arn/)]);
    // The controller reads nothing itself: it assumes the reader role of the store's namespace (cluster-isolation.test.ts).
    expect(policy('external-secrets').flatMap((s) => s.actions)).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    const velero = policy('velero').find((s) => s.sid === 'BackupObjects')!;
    expect(velero.resources).toEqual([expect.stringMatching(/^\$\{aws_s3_bucket\.velero-bucket.*\.arn\}\/\*$/)]);
    const certManager = policy('cert-manager').find((s) => s.sid === 'Dns01ChallengeRecords')!;
    expect(certManager.condition[0].values).toEqual(['TXT']);
  });

  test('no role reads data on any resource (`*`)', () => {
    // Planted bug caught: `secretsmanager:GetSecretValue` (or s3:GetObject, kms:Decrypt) on `*`. The old check matched
    // `:Get` anywhere and so accepted it. Actions on `*` are those AWS offers no resource scope for, or that are limited
    // by tag conditions; reading secrets, objects or keys never is.
    const DATA_READS = /^(secretsmanager:(GetSecretValue|BatchGetSecretValue)|s3:GetObject|kms:(Decrypt|GenerateDataKey)|ssm:GetParameters?|ssm:GetParametersByPath|dynamodb:(GetItem|Scan|Query)|sts:AssumeRole)$/;
    let starStatements = 0;
    for (const p of all('aws_iam_role_policy')) {
      for (const s of statements(p, 'policy')) {
        // Denies on `*` (the plan roles' NoSecretValues) take away, they grant nothing.
        if (!s.resources?.includes('*') || s.effect === 'Deny') continue;
        starStatements++;
        // A key used only through one service (ECR's image layers) is scoped by that service, not by the ARN.
        if (s.condition?.some((c: any) => c.variable === 'kms:ViaService')) continue;
        expect({ policy: p.path, actions: s.actions.filter((a: string) => DATA_READS.test(a) || a.endsWith(':*') || a === '*') }).toEqual({ policy: p.path, actions: [] });
      }
    }
    expect(starStatements).toBeGreaterThan(0);
  });

  test('add-on buckets carry every guard and log to the access-log bucket', () => {
    const bucket = out.resource('prod-cluster', 'aws_s3_bucket', 'velero-bucket/bucket');
    expect(bucket.body.bucket).toBe('northwind-prod-velero-345678901234');
    expect(out.resource('prod-cluster', 'aws_s3_bucket_logging', 'velero-bucket/logging').body.target_prefix).toBe('velero/');
    expect(out.resources('prod-cluster', 'aws_s3_bucket_public_access_block')).toHaveLength(3);
    expect(out.resources('prod-cluster', 'aws_s3_bucket_policy')).toHaveLength(3);
  });
});

describe('shared', () => {
  test('registries: immutable tags, scan on push, KMS, lifecycle per environment', () => {
    const repos = out.resources('shared', 'aws_ecr_repository');
    expect(repos).toHaveLength(9);
    for (const r of repos) {
      expect(r.body).toMatchObject({ image_tag_mutability: 'IMMUTABLE', image_scanning_configuration: { scan_on_push: true } });
      expect(r.body.encryption_configuration[0].encryption_type).toBe('KMS');
    }
    const keep = (env: string) => {
      const lifecycle = out.resource('shared', 'aws_ecr_lifecycle_policy', `ecr-${env}-api/lifecycle`).body.policy;
      return JSON.parse(lifecycle).rules[2].selection.countNumber; // the build-* rule (registry-lifecycle.test.ts)
    };
    expect(keep('dev')).toBe(1);
    expect(keep('prod')).toBe(4);
  });

  test('environment accounts may pull, nothing else', () => {
    const policy = out.resource('shared', 'aws_ecr_repository_policy', 'ecr-dev-api/policy');
    expect(statements(policy, 'policy')[0]).toMatchObject({
      actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
      principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::210987654321:root'] }],
    });
    expect(out.resources('shared', 'aws_ecr_repository_policy').some((p) => p.path.includes('ecr-prod-'))).toBe(false);
  });

  test('every key rotates', () => {
    for (const key of all('aws_kms_key')) expect(key.body.enable_key_rotation).toBe(true);
  });
});

describe('platform', () => {
  const release = (env: string) => out.resource(`${env}-platform`, 'helm_release', 'argocd').body;
  /** The values YAML text (references are `${jsonencode(...)}` scalars, which parse as plain strings here). */
  const values = (env: string) => parseYaml(release(env).values[0] as string, { version: '1.1' });

  test('ArgoCD is the only chart, pinned, atomic', () => {
    expect(all('helm_release')).toHaveLength(3);
    expect(release('prod')).toMatchObject({ chart: 'argo-cd', repository: ARGOCD_CHART.repoUrl, version: ARGOCD_CHART.version, atomic: true });
  });

  test('HA in production and the Application health check', () => {
    expect(values('prod')['redis-ha']).toEqual({ enabled: true });
    expect(values('dev')['redis-ha']).toEqual({ enabled: false });
    expect(values('prod').configs.cm).toHaveProperty(['resource.customizations.health.argoproj.io_Application']);
  });

  test('the bridge Secret carries every key of the typed contract', () => {
    const prod = resolvePlatform(example).environments.find((e) => e.name === 'prod')!;
    const keys = bridgeKeys(prod.addons.map((a) => a.name));
    const secret = values('prod').extraObjects[0];
    expect(Object.keys(secret.metadata.labels).sort()).toEqual([...keys.labels].sort());
    expect(Object.keys(secret.metadata.annotations).sort()).toEqual([...keys.annotations].sort());
  });

  test('the helm provider authenticates with short-lived tokens', () => {
    const helm = out.stack('prod-platform').json.provider.helm[0];
    expect(helm.kubernetes.exec).toMatchObject({ command: 'aws', args: expect.arrayContaining(['eks', 'get-token']) });
    expect(helm.kubernetes.token).toBeUndefined();
  });
});

test('the same config gives the same bytes', () => {
  const again = synthesize();
  for (const { name } of out.stacks) expect(JSON.stringify(again.stack(name).json)).toBe(JSON.stringify(out.stack(name).json));
});

