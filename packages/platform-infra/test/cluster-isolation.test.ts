import { resolvePlatform, secretReaders } from '@paved/shared-config';
import { example, synthesize, type TfResource } from './support/synthesized';

/**
 * Issue 13, cluster findings: NetworkPolicies enforced by the VPC CNI, Pod Identity roles tied to their cluster, one
 * secret reader role per namespace (the External Secrets controller reads nothing itself), external-dns limited to host
 * records below the environment's domain.
 */
const out = synthesize();
const platform = resolvePlatform(example);
const statements = (r: TfResource, attribute: string) => out.policyStatements(r.body[attribute]);
const ENVS = ['dev', 'staging', 'prod'];

describe('network policy engine', () => {
  test.each(ENVS)('%s: the vpc-cni add-on enables network policy enforcement', (env) => {
    const cni = out.resources(`${env}-cluster`, 'aws_eks_addon').find((a) => a.body.addon_name === 'vpc-cni')!;
    expect(JSON.parse(cni.body.configuration_values)).toEqual({ enableNetworkPolicy: 'true' });
    // Only the CNI is configured: the other core add-ons keep their defaults.
    const configured = out.resources(`${env}-cluster`, 'aws_eks_addon').filter((a) => a.body.configuration_values !== undefined);
    expect(configured.map((a) => a.body.addon_name)).toEqual(['vpc-cni']);
  });
});

describe('Pod Identity trust', () => {
  test.each(ENVS)('%s: every Pod Identity role trusts only its namespace and service account of this cluster', (env) => {
    const roles = out.resources(`${env}-cluster`, 'aws_iam_role').filter((r) => statements(r, 'assume_role_policy')[0].principals?.[0].identifiers[0] === 'pods.eks.amazonaws.com');
    expect(roles.length).toBeGreaterThanOrEqual(8);
    for (const role of roles) {
      const trust = statements(role, 'assume_role_policy');
      expect(trust).toHaveLength(1);
      expect(trust[0].actions).toEqual(['sts:AssumeRole', 'sts:TagSession']);
      expect(trust[0].condition.map((c: any) => `${c.test} ${c.variable}`)).toEqual([
        'StringEquals aws:RequestTag/eks-cluster-arn',
        'StringEquals aws:RequestTag/kubernetes-namespace',
        'StringEquals aws:RequestTag/kubernetes-service-account',
      ]);
      expect(trust[0].condition[0].values).toEqual([expect.stringMatching(/^\$\{aws_eks_cluster\.eks_cluster_[0-9A-F]+\.arn\}$/)]);
    }
  });
});

describe('secret scope per namespace', () => {
  const readerRoles = (env: string) => out.resources(`${env}-cluster`, 'aws_iam_role').filter((r) => r.path.includes('/secrets-reader-'));
  const readerPolicy = (env: string, ns: string) => statements(out.resource(`${env}-cluster`, 'aws_iam_role_policy', `secrets-reader-${ns}/policy`), 'policy');
  const controller = (env: string) => out.resource(`${env}-cluster`, 'aws_iam_role', 'external-secrets-identity/role');

  test('one reader role per namespace that reads secrets, named after it', () => {
    expect(readerRoles('prod').map((r) => r.body.name).sort()).toEqual([
      'northwind-prod-secrets-alloy', 'northwind-prod-secrets-api', 'northwind-prod-secrets-logging', 'northwind-prod-secrets-monitoring', 'northwind-prod-secrets-worker',
    ]);
    for (const env of platform.environments) {
      expect(readerRoles(env.name).map((r) => r.body.name).sort()).toEqual(secretReaders(platform, env).map((r) => `northwind-${env.name}-secrets-${r.namespace}`));
    }
  });

  test('a reader role reads exactly its namespace prefix and the secrets its ExternalSecrets name, decrypting only through Secrets Manager', () => {
    const sm = 'arn:aws:secretsmanager:eu-west-1:345678901234:secret:';
    expect(readerPolicy('prod', 'api')).toEqual([
      {
        sid: 'ReadTheNamespaceSecrets',
        effect: 'Allow',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [`${sm}northwind/prod/api/*`, `${sm}northwind/prod/postgres/connection-??????`, `${sm}northwind/prod/redis/connection-??????`],
        principals: undefined,
        condition: undefined,
      },
      {
        sid: 'DecryptThroughSecretsManager',
        effect: 'Allow',
        actions: ['kms:Decrypt'],
        resources: [expect.stringMatching(/^\$\{aws_kms_key\.secrets-key_[0-9A-F]+\.arn\}$/)],
        principals: undefined,
        condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['secretsmanager.eu-west-1.amazonaws.com'] }],
      },
    ]);
    expect(readerPolicy('prod', 'monitoring')[0].resources).toEqual([
      `${sm}northwind/prod/monitoring/*`, `${sm}northwind/prod/alerting/slack-webhook-??????`, `${sm}northwind/prod/grafana/admin-??????`,
      `${sm}northwind/prod/loki/gateway-??????`,
    ]);
    // No reader role can read another service's prefix (planted bug: the environment-wide `northwind/prod/*`).
    expect(readerPolicy('prod', 'worker')[0].resources.filter((r: string) => r.includes('/api/') || r.endsWith('northwind/prod/*'))).toEqual([]);
  });

  test('reader roles trust only the External Secrets controller of this cluster, matched by its Pod Identity session tags', () => {
    for (const role of readerRoles('prod')) {
      expect(statements(role, 'assume_role_policy')).toEqual([{
        sid: 'ExternalSecretsControllerOfThisCluster',
        effect: 'Allow',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: undefined,
        principals: [{ type: 'AWS', identifiers: [expect.stringMatching(/^\$\{aws_iam_role\.external-secrets-identity_role_[0-9A-F]+\.arn\}$/)] }],
        condition: [
          { test: 'StringEquals', variable: 'aws:PrincipalTag/eks-cluster-arn', values: [expect.stringMatching(/^\$\{aws_eks_cluster\.eks_cluster_[0-9A-F]+\.arn\}$/)] },
          { test: 'StringEquals', variable: 'aws:PrincipalTag/kubernetes-namespace', values: ['external-secrets'] },
          { test: 'StringEquals', variable: 'aws:PrincipalTag/kubernetes-service-account', values: ['external-secrets'] },
        ],
      }]);
    }
  });

  test('the controller role reads no secret itself: it may only assume the reader roles of its environment', () => {
    const policy = out.resources('prod-cluster', 'aws_iam_role_policy').find((p) => p.path.startsWith('prod-cluster/external-secrets-identity/'))!;
    expect(statements(policy, 'policy')).toEqual([{
      sid: 'AssumeTheNamespaceReaderRoles',
      effect: 'Allow',
      actions: ['sts:AssumeRole', 'sts:TagSession'],
      resources: ['arn:aws:iam::345678901234:role/northwind-prod-secrets-*'],
      principals: undefined,
      condition: undefined,
    }]);
    expect(controller('prod').body.name).toBe('northwind-prod-external-secrets');
  });
});

describe('external-dns', () => {
  test('changes only address and registry records below the environment domain, in the environment zone', () => {
    const policy = out.resources('prod-cluster', 'aws_iam_role_policy').find((p) => p.path.startsWith('prod-cluster/external-dns-identity/'))!;
    const change = statements(policy, 'policy').find((s) => s.actions.includes('route53:ChangeResourceRecordSets'))!;
    expect(change.resources).toEqual([expect.stringMatching(/root-zone.*arn/)]);
    expect(change.condition).toEqual([
      { test: 'ForAllValues:StringEquals', variable: 'route53:ChangeResourceRecordSetsRecordTypes', values: ['A', 'AAAA', 'CNAME', 'TXT'] },
      { test: 'ForAllValues:StringLike', variable: 'route53:ChangeResourceRecordSetsNormalizedRecordNames', values: ['*.northwind.dev'] },
    ]);
    const devPolicy = out.resources('dev-cluster', 'aws_iam_role_policy').find((p) => p.path.startsWith('dev-cluster/external-dns-identity/'))!;
    const devChange = statements(devPolicy, 'policy').find((s) => s.actions.includes('route53:ChangeResourceRecordSets'))!;
    expect(devChange.condition[1].values).toEqual(['*.dev.northwind.dev']);
  });
});
