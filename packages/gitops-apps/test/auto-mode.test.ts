import { resolvePlatform, type PlatformConfig } from '@paved/shared-config';
import example from '../../../platform.config';
import { renderGitops, validateRendered } from '../src';

/**
 * Issue 14: an environment on EKS Auto Mode (`cluster.compute: 'auto-mode'`). Auto Mode serves Ingresses itself, so the
 * AWS Load Balancer Controller chart is not installed and the `alb` IngressClass names Auto Mode's controller with an
 * `eks.amazonaws.com` IngressClassParams; Auto Mode's network policy controller is switched on by its ConfigMap.
 */
type Env = PlatformConfig['environments'][number];
const WAF = 'arn:aws:wafv2:eu-west-1:345678901234:regional/webacl/edge/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
function onAutoMode(env: Env): Env {
  const { nodeGroups: _dropped, ...cluster } = env.cluster ?? {};
  return { ...env, cluster: { ...cluster, compute: 'auto-mode' }, ...(env.name === 'prod' ? { ingress: { wafAclArn: WAF } } : {}) };
}
const config: PlatformConfig = { ...example, environments: example.environments.map(onAutoMode) };
const platform = resolvePlatform(config);
const files = renderGitops(platform);
const docsOf = (prefix: string) => files.filter((f) => f.path.startsWith(prefix)).flatMap((f) => f.documents) as any[];

describe('GitOps of an EKS Auto Mode environment', () => {
  test('no AWS Load Balancer Controller chart: only its configuration Application', () => {
    expect(files.map((f) => f.path)).not.toContain('prod/apps/addon-aws-load-balancer-controller.yaml');
    expect(files.map((f) => f.path)).toContain('prod/apps/addon-aws-load-balancer-controller-config.yaml');
  });

  test("the default 'alb' IngressClass names Auto Mode's controller and its IngressClassParams", () => {
    const manifests = docsOf('prod/addons/aws-load-balancer-controller/');
    const ingressClass = manifests.find((d) => d.kind === 'IngressClass' && d.metadata.name === 'alb');
    expect(ingressClass.spec).toEqual({
      controller: 'eks.amazonaws.com/alb',
      parameters: { apiGroup: 'eks.amazonaws.com', kind: 'IngressClassParams', name: 'alb' },
    });
    expect(ingressClass.metadata.annotations).toEqual({ 'ingressclass.kubernetes.io/is-default-class': 'true' });
    const params = manifests.find((d) => d.kind === 'IngressClassParams');
    expect(params.apiVersion).toBe('eks.amazonaws.com/v1');
    expect(params.spec).toEqual({ group: { name: 'northwind-prod-public' }, scheme: 'internet-facing', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    // Nothing of the self-managed controller's API group.
    expect(manifests.filter((d) => String(d.apiVersion).startsWith('elbv2.k8s.aws'))).toEqual([]);
  });

  test('service Ingresses use the class and carry the HTTPS redirect and WAF ACL as annotations', () => {
    const ingresses = docsOf('prod/services/').filter((d) => d.kind === 'Ingress');
    expect(ingresses.length).toBeGreaterThan(0);
    for (const ingress of ingresses) {
      expect(ingress.spec.ingressClassName).toBe('alb');
      expect(ingress.metadata.annotations).toMatchObject({ 'alb.ingress.kubernetes.io/ssl-redirect': '443', 'alb.ingress.kubernetes.io/wafv2-acl-arn': WAF });
    }
  });

  test.each(['dev', 'staging', 'prod'])('%s: the network policy controller is switched on, and NetworkPolicies are rendered', (env) => {
    const configMap = docsOf(`${env}/platform/auto-mode/`).find((d) => d.kind === 'ConfigMap');
    expect(configMap).toMatchObject({ metadata: { name: 'amazon-vpc-cni', namespace: 'kube-system' }, data: { 'enable-network-policy-controller': 'true' } });
    const app = docsOf(`${env}/apps/platform-auto-mode.yaml`)[0];
    expect(app.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-3');
    expect(docsOf(`${env}/`).filter((d) => d.kind === 'NetworkPolicy').length).toBeGreaterThan(0);
  });

  test('every rendered document passes its schema and our own checks', () => {
    expect(validateRendered(files, platform.gitops.path)).toEqual([]);
  });

  test('managed node groups (the default) keep the chart and render no Auto Mode objects', () => {
    const managed = renderGitops(resolvePlatform(example), ['prod']);
    expect(managed.map((f) => f.path)).toContain('prod/apps/addon-aws-load-balancer-controller.yaml');
    expect(managed.some((f) => f.path.includes('auto-mode'))).toBe(false);
    expect(managed.flatMap((f) => f.documents).filter((d: any) => d.kind === 'IngressClassParams')).toEqual([]);
  });

  // Planted bug this catches: a StorageClass naming the EBS CSI add-on's driver (`ebs.csi.aws.com`) on Auto Mode, which
  // installs no such add-on: every claim (Prometheus, Grafana, stateful services) would stay Pending.
  test("every StorageClass names Auto Mode's EBS driver; managed node groups keep the add-on's", () => {
    const statefulConfig = (base: PlatformConfig): PlatformConfig => ({
      ...base,
      services: [...(base.services ?? []), { name: 'chain', kind: 'stateful', image: { repository: 'ghcr.io/acme/chain', tag: '1.0.0' }, port: 8545, volumes: [{ name: 'data', mountPath: '/data', size: '10Gi' }] }],
    } as unknown as PlatformConfig);
    const classes = (c: PlatformConfig) => renderGitops(resolvePlatform(c)).flatMap((f) => f.documents as any[]).filter((d) => d.kind === 'StorageClass');
    const auto = classes(statefulConfig(config));
    const managed = classes(statefulConfig(example));
    expect(auto.length).toBeGreaterThanOrEqual(2 * example.environments.length);
    expect(new Set(auto.map((d) => d.provisioner))).toEqual(new Set(['ebs.csi.eks.amazonaws.com']));
    expect(managed.length).toBe(auto.length);
    expect(new Set(managed.map((d) => d.provisioner))).toEqual(new Set(['ebs.csi.aws.com']));
  });
});
