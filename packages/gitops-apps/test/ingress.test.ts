import { ADDON_CATALOG, GATEWAY_API_CRDS, resolvePlatform, SYNC_WAVES, type PlatformConfig } from '@paved/shared-config';
import example from '../../../platform.config';
import { renderGitops, validateRendered } from '../src';

type Env = PlatformConfig['environments'][number];
const render = (change: (env: Env) => Env = (e) => e, services = example.services) =>
  renderGitops(resolvePlatform({ ...example, environments: example.environments.map(change), services }));
const docsOf = (files: ReturnType<typeof renderGitops>, prefix: string) =>
  files.filter((f) => f.path.startsWith(prefix)).flatMap((f) => f.documents) as any[];
const lbcValues = (files: ReturnType<typeof renderGitops>, env: string) =>
  docsOf(files, `${env}/apps/addon-aws-load-balancer-controller.yaml`)[0].spec.template.spec.source.helm.valuesObject;

const WAF = 'arn:aws:wafv2:eu-west-1:345678901234:regional/webacl/edge/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
/** Whether the Gateway API schema package is installed (see the report: a dependency to add). */
const gatewayModels = (() => {
  try {
    require.resolve('@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute');
    return true;
  } catch {
    return false;
  }
})();

describe('ingress on the AWS Load Balancer Controller (default)', () => {
  const files = render((e) => (e.name === 'prod' ? { ...e, ingress: { wafAclArn: WAF } } : e));

  test('no ingress-nginx: the controller 3.x is the ingress, with one shared internet-facing ALB per environment', () => {
    expect(files.some((f) => f.path.includes('ingress-nginx'))).toBe(false);
    const app = docsOf(files, 'prod/apps/addon-aws-load-balancer-controller.yaml')[0];
    expect(app.spec.template.spec.source).toMatchObject({ chart: 'aws-load-balancer-controller', targetRevision: ADDON_CATALOG['aws-load-balancer-controller'].version });
    expect(ADDON_CATALOG['aws-load-balancer-controller'].version).toMatch(/^3\./);
    const values = lbcValues(files, 'prod');
    expect(values).toMatchObject({ ingressClass: 'alb', createIngressClassResource: true, ingressClassConfig: { default: true }, defaultTargetType: 'ip' });
    expect(values.ingressClassParams).toEqual({
      create: true,
      name: 'alb',
      spec: {
        group: { name: 'northwind-prod-public' },
        scheme: 'internet-facing',
        targetType: 'ip',
        sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        sslRedirectPort: '443',
        wafv2AclArn: WAF,
      },
    });
    expect(lbcValues(files, 'dev').ingressClassParams.spec.wafv2AclArn).toBeUndefined();
  });

  test('each service with an ingress gets an Ingress on the alb class: HTTPS listener, IP targets, TLS by host from ACM', () => {
    const ingress = docsOf(files, 'prod/services/api/').find((d) => d.kind === 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(ingress.metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/healthcheck-path': expect.stringMatching(/^\//),
    });
    expect(ingress.spec.tls).toEqual([{ hosts: ['api.northwind.dev'] }]);
    expect(docsOf(files, 'prod/').some((d) => d.kind === 'HTTPRoute' || d.kind === 'Gateway')).toBe(false);
  });

  test('an internal service joins the internal ALB through the alb-internal class, open to the VPC only', () => {
    const services = example.services!.map((s) => (s.name === 'api' ? { ...s, ingress: { host: 'api', visibility: 'internal' as const } } : s));
    const internal = render(undefined, services);
    expect(docsOf(internal, 'prod/addons/aws-load-balancer-controller/').find((d) => d.kind === 'IngressClass')).toMatchObject({
      metadata: { name: 'alb-internal' },
      spec: { controller: 'ingress.k8s.aws/alb' },
    });
    const ingress = docsOf(internal, 'prod/services/api/').find((d) => d.kind === 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('alb-internal');
    expect(ingress.metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/scheme': 'internal',
      'alb.ingress.kubernetes.io/group.name': 'northwind-prod-internal',
      'alb.ingress.kubernetes.io/ssl-redirect': '443',
      'alb.ingress.kubernetes.io/inbound-cidrs': '10.30.0.0/16',
    });
    expect(validateRendered(internal, example.gitops.path ?? 'environments')).toEqual([]);
  });

  test('the rendered tree validates', () => {
    expect(validateRendered(files, example.gitops.path ?? 'environments')).toEqual([]);
  });
});

describe("Gateway API (ingress.api: 'gateway')", () => {
  const files = render((e) => (e.name === 'dev' ? { ...e, ingress: { api: 'gateway' } } : e));

  test('the standard-channel CRDs at their exact tag, in the operators wave, from a repository the platform project allows', () => {
    const crds = docsOf(files, 'dev/apps/addon-gateway-api-crds.yaml')[0];
    expect(crds.spec.source).toEqual({ repoURL: GATEWAY_API_CRDS.repoUrl, targetRevision: GATEWAY_API_CRDS.version, path: 'config/crd/standard' });
    expect(GATEWAY_API_CRDS.version).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(Number(crds.metadata.annotations['argocd.argoproj.io/sync-wave'])).toBe(SYNC_WAVES.operators);
    expect(crds.spec.syncPolicy.syncOptions).toContain('ServerSideApply=true');
    expect(crds.metadata.finalizers).toBeUndefined();
    const platform = docsOf(files, 'dev/apps/projects.yaml').find((d) => d.metadata.name === 'platform');
    expect(platform.spec.sourceRepos).toContain(GATEWAY_API_CRDS.repoUrl);
    expect(files.some((f) => f.path === 'prod/apps/addon-gateway-api-crds.yaml')).toBe(false);
  });

  test('a GatewayClass and a Gateway per environment, an HTTPRoute per service instead of an Ingress, HTTP redirected', () => {
    const config = docsOf(files, 'dev/addons/aws-load-balancer-controller/');
    expect(config.find((d) => d.kind === 'GatewayClass').spec).toEqual({ controllerName: 'gateway.k8s.aws/alb' });
    const gateway = config.find((d) => d.kind === 'Gateway');
    expect(gateway.spec.listeners.map((l: any) => `${l.protocol}:${l.port}:${l.hostname ?? ''}`)).toEqual([
      'HTTP:80:', 'HTTPS:443:api.dev.northwind.dev', 'HTTPS:443:app.dev.northwind.dev',
    ]);
    const redirect = config.find((d) => d.kind === 'HTTPRoute');
    expect(redirect.spec.rules[0].filters[0]).toEqual({ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } });
    const api = docsOf(files, 'dev/services/api/');
    expect(api.some((d) => d.kind === 'Ingress')).toBe(false);
    const route = api.find((d) => d.kind === 'HTTPRoute');
    expect(route.spec).toMatchObject({ hostnames: ['api.dev.northwind.dev'], parentRefs: [{ name: 'public', namespace: 'gateway' }] });
    expect(route.spec.rules[0].backendRefs).toEqual([{ name: 'api', port: 80 }]);
    const values = lbcValues(files, 'dev');
    expect(values).toMatchObject({ defaultLoadBalancerScheme: 'internet-facing', controllerConfig: { featureGates: { ALBGatewayAPI: true } } });
    const services = docsOf(files, 'dev/apps/projects.yaml').find((d) => d.metadata.name === 'services');
    expect(services.spec.namespaceResourceWhitelist).toContainEqual({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' });
    expect(docsOf(files, 'dev/apps/addon-external-dns.yaml')[0].spec.template.spec.source.helm.valuesObject.sources).toContain('gateway-httproute');
  });

  (gatewayModels ? test : test.skip)('the Gateway API documents validate against the published schemas', () => {
    expect(validateRendered(files, example.gitops.path ?? 'environments')).toEqual([]);
  });
});
