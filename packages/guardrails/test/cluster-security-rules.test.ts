import { ALL_RULES, runChecks, type CheckInput } from '../src';

/**
 * The three cluster rules of issue 13 on tiny hand-made outputs: each fixture is the smallest misconfiguration a hand
 * edit or a new add-on could introduce, next to the case that must pass.
 */
const rule = (id: string) => ALL_RULES.find((r) => r.id === id)!;

function manifest(kind: string, name: string, object: Record<string, unknown>, namespace?: string) {
  const file = `gitops/prod/${namespace ?? 'cluster'}/manifests.yaml`;
  const apiVersion = (object.apiVersion as string) ?? 'v1';
  return {
    environment: 'prod',
    file,
    line: 1,
    apiVersion,
    kind,
    name,
    namespace,
    address: `${file}#${kind}/${namespace ? `${namespace}/` : ''}${name}`,
    object: { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...object },
  };
}

function input(documents: ReturnType<typeof manifest>[], addon?: Record<string, unknown>): CheckInput {
  return {
    environments: [{ name: 'prod', profile: 'production' }],
    stacks: [{
      name: 'prod-cluster',
      environment: 'prod',
      file: 'terraform/stacks/prod-cluster/cdk.tf.json',
      json: {
        resource: {
          aws_eks_cluster: { eks: { name: 'northwind-prod' } },
          ...(addon ? { aws_eks_addon: { cni: { cluster_name: 'northwind-prod', addon_name: 'vpc-cni', ...addon } } } : {}),
        },
      },
    }],
    documents,
  };
}

const problems = (id: string, i: CheckInput) => runChecks(i, { rules: [rule(id)], today: '2026-12-03' }).findings.map((f) => `${f.address}: ${f.problem}`);

describe('PAVED-AWS-CNI-001: NetworkPolicies have an enforcing engine', () => {
  const policy = manifest('NetworkPolicy', 'default-deny', { apiVersion: 'networking.k8s.io/v1', spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } }, 'api');
  const on = { configuration_values: JSON.stringify({ enableNetworkPolicy: 'true' }) };

  test('passes with enableNetworkPolicy "true"', () => {
    expect(problems('PAVED-AWS-CNI-001', input([policy], on))).toEqual([]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['unset', {}, 'unset'],
    ['false', { configuration_values: JSON.stringify({ enableNetworkPolicy: 'false' }) }, '"false"'],
    ['a boolean (EKS wants the string)', { configuration_values: JSON.stringify({ enableNetworkPolicy: true }) }, 'true'],
    ['not JSON', { configuration_values: 'enableNetworkPolicy: true' }, 'unset'],
  ])('fails when the setting is %s', (_case, addon, shown) => {
    expect(problems('PAVED-AWS-CNI-001', input([policy], addon))).toEqual([
      `prod-cluster:aws_eks_addon.cni: configuration_values does not set enableNetworkPolicy to "true" (${shown}), so the 1 NetworkPolicies of prod are not enforced`,
    ]);
  });

  test('fails on the cluster when there is no vpc-cni add-on at all', () => {
    expect(problems('PAVED-AWS-CNI-001', input([policy]))).toEqual([
      'prod-cluster:aws_eks_cluster.eks: no vpc-cni add-on in prod-cluster, so the 1 NetworkPolicies of prod are not enforced',
    ]);
  });

  test('does not apply where the environment renders no NetworkPolicy', () => {
    expect(problems('PAVED-AWS-CNI-001', input([], {}))).toEqual([]);
  });
});

describe('PAVED-K8S-STORE-001: secret stores serve one namespace', () => {
  const aws = (extra: Record<string, unknown> = {}) => ({ apiVersion: 'external-secrets.io/v1', spec: { provider: { aws: { service: 'SecretsManager', region: 'eu-west-1', ...extra } } } });
  const role = (ns: string) => `arn:aws:iam::345678901234:role/northwind-prod-secrets-${ns}`;
  const externalSecret = (kind: string, name: string) => manifest('ExternalSecret', 'api-secrets', { apiVersion: 'external-secrets.io/v1', spec: { secretStoreRef: { kind, name }, data: [] } }, 'api');

  test('the namespace store with its own reader role passes', () => {
    expect(problems('PAVED-K8S-STORE-001', input([manifest('SecretStore', 'aws-secrets-manager', aws({ role: role('api') }), 'api'), externalSecret('SecretStore', 'aws-secrets-manager')]))).toEqual([]);
  });

  test('a SecretStore with another namespace\'s role, or none, fails', () => {
    expect(problems('PAVED-K8S-STORE-001', input([manifest('SecretStore', 'aws-secrets-manager', aws({ role: role('worker') }), 'api')]))).toEqual([
      'gitops/prod/api/manifests.yaml#SecretStore/api/aws-secrets-manager: SecretStore assumes arn:aws:iam::345678901234:role/northwind-prod-secrets-worker, not the reader role of its namespace api (<org>-<env>-secrets-api)',
    ]);
    expect(problems('PAVED-K8S-STORE-001', input([manifest('SecretStore', 'aws-secrets-manager', aws(), 'api')]))).toEqual([
      'gitops/prod/api/manifests.yaml#SecretStore/api/aws-secrets-manager: SecretStore reads with the controller\'s own identity (no spec.provider.aws.role), not a role of namespace api',
    ]);
  });

  test('a ClusterSecretStore without conditions fails, and so does every ExternalSecret that reads through it', () => {
    const store = manifest('ClusterSecretStore', 'aws-secrets-manager', aws());
    expect(problems('PAVED-K8S-STORE-001', input([store, externalSecret('ClusterSecretStore', 'aws-secrets-manager')]))).toEqual([
      'gitops/prod/api/manifests.yaml#ExternalSecret/api/api-secrets: reads through ClusterSecretStore aws-secrets-manager, which any namespace may use',
      'gitops/prod/cluster/manifests.yaml#ClusterSecretStore/aws-secrets-manager: ClusterSecretStore has no spec.conditions limiting the namespaces that may use it',
    ]);
  });

  test('a ClusterSecretStore whose every condition names namespaces passes; one empty condition does not', () => {
    const limited = aws();
    (limited.spec as any).conditions = [{ namespaces: ['api'] }, { namespaceSelector: { matchLabels: { team: 'core' } } }];
    expect(problems('PAVED-K8S-STORE-001', input([manifest('ClusterSecretStore', 'shared', limited), externalSecret('ClusterSecretStore', 'shared')]))).toEqual([]);
    (limited.spec as any).conditions.push({});
    expect(problems('PAVED-K8S-STORE-001', input([manifest('ClusterSecretStore', 'shared', limited)]))).toHaveLength(1);
  });

  test('an ExternalSecret naming a ClusterSecretStore that is not rendered fails (one applied by hand serves everyone)', () => {
    expect(problems('PAVED-K8S-STORE-001', input([externalSecret('ClusterSecretStore', 'by-hand')]))).toEqual([
      'gitops/prod/api/manifests.yaml#ExternalSecret/api/api-secrets: reads through ClusterSecretStore by-hand, which is not rendered here (any namespace may use a store applied by hand)',
    ]);
  });
});

describe('PAVED-ARGO-PSA-001: namespaces that Applications create enforce Pod Security', () => {
  const app = (namespace: string, managed?: Record<string, unknown>) => manifest('Application', 'x', {
    apiVersion: 'argoproj.io/v1alpha1',
    spec: {
      project: 'platform',
      destination: { server: 'https://kubernetes.default.svc', namespace },
      syncPolicy: { syncOptions: ['CreateNamespace=true'], ...(managed ? { managedNamespaceMetadata: managed } : {}) },
    },
  }, 'argocd');
  const enforce = (level: string, annotations?: Record<string, string>) => ({ labels: { 'pod-security.kubernetes.io/enforce': level }, ...(annotations ? { annotations } : {}) });
  const at = 'gitops/prod/argocd/manifests.yaml#Application/argocd/x';

  test('restricted and baseline pass; kube-system is never relabelled', () => {
    expect(problems('PAVED-ARGO-PSA-001', input([app('cert-manager', enforce('restricted')), app('loki', enforce('baseline')), app('kube-system')]))).toEqual([]);
  });

  test('no label, an unknown level, or privileged without a reason fails', () => {
    expect(problems('PAVED-ARGO-PSA-001', input([app('loki')]))).toEqual([`${at}: namespace loki is created without a pod-security.kubernetes.io/enforce label`]);
    expect(problems('PAVED-ARGO-PSA-001', input([app('loki', enforce('strict'))]))).toEqual([`${at}: namespace loki: pod-security.kubernetes.io/enforce is "strict" (allowed: restricted, baseline, privileged)`]);
    expect(problems('PAVED-ARGO-PSA-001', input([app('alloy', enforce('privileged'))]))).toEqual([`${at}: namespace alloy enforces privileged without a paved.dev/pod-security-reason annotation`]);
    expect(problems('PAVED-ARGO-PSA-001', input([app('alloy', enforce('privileged', { 'paved.dev/pod-security-reason': 'hostPath /var/log' }))]))).toEqual([]);
  });
});
