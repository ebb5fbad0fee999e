import { type PlatformConfig, resolvePlatform, type SsoConfig, validatePlatform } from '@paved/shared-config';
import example from '../../../platform.config';
import { renderGitops, validateRendered } from '../src';

/**
 * With `sso`, the environment's ALB serves Grafana at grafana.<env domain> and the self-managed Argo CD at
 * argocd.<env domain> (the `root_url` and `url` the provider redirects to), with the services' class, group, TLS policy,
 * certificate discovery and WAF, and a NetworkPolicy that admits the ALB (the VPC) to their pods.
 */
type Env = PlatformConfig['environments'][number];
const GOOGLE: SsoConfig = { provider: 'google', clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'sso/google', allowedDomains: ['northwind.dev'] };
const WAF = 'arn:aws:wafv2:eu-west-1:345678901234:regional/webacl/edge/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const withSso = (more: Partial<PlatformConfig> = {}): PlatformConfig => ({ ...example, sso: GOOGLE, ...more });
const mapEnvs = (config: PlatformConfig, f: (e: Env) => Env): PlatformConfig => ({ ...config, environments: config.environments.map(f) });
const onAutoMode = (env: Env): Env => {
  const { nodeGroups: _dropped, ...cluster } = env.cluster ?? {};
  return { ...env, cluster: { ...cluster, compute: 'auto-mode' }, ...(env.name === 'prod' ? { ingress: { wafAclArn: WAF } } : {}) };
};

const render = (config: PlatformConfig) => {
  const platform = resolvePlatform(config);
  const files = renderGitops(platform);
  const docs = (path: string) => files.filter((f) => f.path === path).flatMap((f) => f.documents) as any[];
  const manifests = (env: string) => docs(`${env}/platform/sso-ingress/manifests.yaml`);
  const find = (env: string, kind: string, name: string) => manifests(env).find((d) => d.kind === kind && d.metadata.name === name);
  return { platform, files, docs, manifests, find };
};
const sso = render(withSso());

describe('Grafana and Argo CD served by the ALB with sso', () => {
  test.each([
    ['prod', 'northwind.dev'],
    ['dev', 'dev.northwind.dev'],
  ])('%s: the Ingresses name the hosts the provider redirects to, on the alb class, with TLS by host', (env, domain) => {
    const grafana = sso.find(env, 'Ingress', 'grafana');
    const argocd = sso.find(env, 'Ingress', 'argocd-server');
    expect(grafana.metadata.namespace).toBe('monitoring');
    expect(argocd.metadata.namespace).toBe('argocd');
    expect(grafana.spec).toEqual({
      ingressClassName: 'alb',
      tls: [{ hosts: [`grafana.${domain}`] }],
      rules: [{ host: `grafana.${domain}`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'kube-prometheus-stack-grafana', port: { name: 'http-web' } } } }] } }],
    });
    expect(argocd.spec.rules[0]).toEqual({
      host: `argocd.${domain}`,
      http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'argocd-server', port: { name: 'http' } } } }] },
    });
    expect(argocd.spec.tls).toEqual([{ hosts: [`argocd.${domain}`] }]);
    // The hosts are the ones the tools register with the provider.
    const values = sso.docs(`${env}/apps/addon-kube-prometheus-stack.yaml`)[0].spec.source.helm.valuesObject.grafana;
    expect(values['grafana.ini'].server.root_url).toBe(`https://grafana.${domain}/`);
  });

  test('the annotations are those of a public service Ingress (one source): IP targets, listeners, health path', () => {
    const service = sso.docs('prod/services/api/manifests.yaml').find((d) => d.kind === 'Ingress');
    const grafana = sso.find('prod', 'Ingress', 'grafana');
    const argocd = sso.find('prod', 'Ingress', 'argocd-server');
    const withoutHealth = (a: Record<string, string>) => Object.fromEntries(Object.entries(a).filter(([k]) => !k.endsWith('/healthcheck-path')));
    expect(withoutHealth(grafana.metadata.annotations)).toEqual(withoutHealth(service.metadata.annotations));
    expect(withoutHealth(argocd.metadata.annotations)).toEqual(withoutHealth(service.metadata.annotations));
    expect(grafana.metadata.annotations['alb.ingress.kubernetes.io/healthcheck-path']).toBe('/api/health');
    expect(argocd.metadata.annotations['alb.ingress.kubernetes.io/healthcheck-path']).toBe('/healthz');
    expect(argocd.metadata.annotations['alb.ingress.kubernetes.io/target-type']).toBe('ip');
    // The shared ALB's group, scheme, TLS policy, redirect and WAF come from the class's IngressClassParams.
    const params = sso.docs('prod/addons/aws-load-balancer-controller/manifests.yaml').find((d) => d.kind === 'IngressClassParams');
    const chart = sso.docs('prod/apps/addon-aws-load-balancer-controller.yaml')[0].spec.template.spec.source.helm.valuesObject;
    expect(params ?? chart.ingressClassParams.spec).toMatchObject({ group: { name: 'northwind-prod-public' }, scheme: 'internet-facing' });
  });

  test('a NetworkPolicy admits the ALB (the VPC) to the Grafana and Argo CD server pods on their container port', () => {
    const prod = sso.platform.environments.find((e) => e.name === 'prod')!;
    const vpc = prod.network.mode === 'create' ? [{ ipBlock: { cidr: prod.network.vpcCidr } }] : expect.any(Array);
    expect(sso.find('prod', 'NetworkPolicy', 'grafana-from-alb')).toMatchObject({
      metadata: { namespace: 'monitoring' },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': 'kube-prometheus-stack' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: vpc, ports: [{ protocol: 'TCP', port: 3000 }] }],
      },
    });
    expect(sso.find('prod', 'NetworkPolicy', 'argocd-server-from-alb')).toMatchObject({
      metadata: { namespace: 'argocd' },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'argocd-server', 'app.kubernetes.io/instance': 'argocd' } },
        ingress: [{ from: vpc, ports: [{ protocol: 'TCP', port: 8080 }] }],
      },
    });
  });

  test('one platform Application in the edge wave syncs the routes', () => {
    const app = sso.docs('prod/apps/platform-sso-ingress.yaml')[0];
    expect(app.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '1' });
    expect(app.spec.project).toBe('platform');
    expect(app.spec.source.path).toMatch(/prod\/platform\/sso-ingress$/);
  });

  test('every rendered manifest is schema-valid', () => {
    expect(validateRendered(sso.files, sso.platform.gitops.path)).toEqual([]);
  });

  test('without sso: no route, no policy, no Application', () => {
    const plain = render(example);
    expect(plain.files.filter((f) => f.path.includes('sso-ingress'))).toEqual([]);
    const all = plain.files.flatMap((f) => f.documents) as any[];
    expect(all.filter((d) => d.kind === 'Ingress' && ['monitoring', 'argocd'].includes(d.metadata.namespace))).toEqual([]);
  });

  test('EKS Auto Mode: the alb class of Auto Mode, with the redirect and production WAF as annotations', () => {
    const auto = render(mapEnvs(withSso(), onAutoMode));
    const grafana = auto.find('prod', 'Ingress', 'grafana');
    expect(grafana.spec.ingressClassName).toBe('alb');
    expect(grafana.metadata.annotations).toMatchObject({ 'alb.ingress.kubernetes.io/ssl-redirect': '443', 'alb.ingress.kubernetes.io/wafv2-acl-arn': WAF });
    expect(auto.find('prod', 'Ingress', 'argocd-server').metadata.annotations['alb.ingress.kubernetes.io/wafv2-acl-arn']).toBe(WAF);
    expect(validateRendered(auto.files, auto.platform.gitops.path)).toEqual([]);
  });

  test("Gateway API: HTTPRoutes on the environment's Gateway, which has an HTTPS listener per tool host", () => {
    const gw = render(mapEnvs(withSso(), (e) => (e.name === 'dev' ? { ...e, ingress: { api: 'gateway' } } : e)));
    const route = gw.find('dev', 'HTTPRoute', 'argocd-server');
    expect(route.metadata.namespace).toBe('argocd');
    expect(route.spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'gateway', name: 'public', sectionName: 'https-argocd-dev-northwind-dev' }],
      hostnames: ['argocd.dev.northwind.dev'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'argocd-server', port: 80 }] }],
    });
    expect(gw.find('dev', 'HTTPRoute', 'grafana').spec.rules[0].backendRefs).toEqual([{ name: 'kube-prometheus-stack-grafana', port: 80 }]);
    const gateway = gw.docs('dev/addons/aws-load-balancer-controller/manifests.yaml').find((d) => d.kind === 'Gateway');
    const hostnames = gateway.spec.listeners.map((l: any) => l.hostname).filter(Boolean);
    expect(hostnames).toEqual(expect.arrayContaining(['grafana.dev.northwind.dev', 'argocd.dev.northwind.dev']));
    // prod stays on Ingresses.
    expect(gw.find('prod', 'Ingress', 'grafana')).toBeDefined();
  });

  test('the EKS Argo CD capability has its own URL: Grafana only', () => {
    const capability = render(withSso({
      gitops: { ...example.gitops, argocd: 'eks-capability', identityCenter: { instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef' } },
    }));
    expect(capability.find('prod', 'Ingress', 'grafana')).toBeDefined();
    expect(capability.manifests('prod').filter((d) => d.metadata.namespace === 'argocd')).toEqual([]);
  });

  test("a service may not take Grafana's or Argo CD's host while sso is set (one line, field path)", () => {
    const taken = (host: string, more: Partial<PlatformConfig>) => {
      const services = example.services!.map((s, i) => (i === 0 ? { ...s, ingress: { ...s.ingress!, host } } : s));
      return validatePlatform({ ...example, ...more, services }, { today: '2026-12-03' }).errors.filter((e) => e.rule === 'sso-platform-hosts-reserved');
    };
    const errors = taken('grafana', { sso: GOOGLE });
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('services[0].ingress.host');
    expect(errors[0].message).toMatch(/'grafana\.northwind\.dev' in 'prod'/);
    expect(taken('argocd', { sso: GOOGLE })).toHaveLength(1);
    expect(taken('grafana', {})).toEqual([]);
    expect(validatePlatform(withSso(), { today: '2026-12-03' }).errors).toEqual([]);
  });
});
