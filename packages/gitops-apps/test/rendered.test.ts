import { ADDON_CATALOG, argoCdBootstrap, bridgeAnnotationRef, BRIDGE_ANNOTATIONS, resolvePlatform, SYNC_WAVES } from '@paved/shared-config';
import example from '../../../platform.config';
import { renderGitops, toYaml, validateRendered, type Manifest, type RenderedFile } from '../src';

const platform = resolvePlatform(example);
const files = renderGitops(platform);
const docs = (prefix: string) => files.filter((f) => f.path.startsWith(prefix)).flatMap((f) => f.documents) as any[];
const one = (prefix: string, kind: string, name: string) => {
  const found = docs(prefix).filter((d) => d.kind === kind && d.metadata.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${kind} ${name} under ${prefix}`);
  return found[0];
};

describe('app of apps', () => {
  test('each environment has a root Application over its apps folder and three projects, never default', () => {
    const root = one('prod/apps/', 'Application', 'root');
    expect(root.spec.source).toMatchObject({ repoURL: 'https://github.com/northwind/platform-gitops.git', path: 'environments/prod/apps', targetRevision: platform.gitops.branch });
    expect(root.spec.project).toBe('bootstrap');
    expect(docs('prod/apps/').filter((d) => d.kind === 'AppProject').map((d) => d.metadata.name)).toEqual(['bootstrap', 'platform', 'services']);
    const apps = docs('').filter((d) => d.kind === 'Application');
    expect(apps.every((a) => a.spec.project !== 'default')).toBe(true);
  });

  test('the root Application and the bootstrap project are the objects Terraform installs with ArgoCD', () => {
    for (const env of platform.environments) {
      const bootstrap = argoCdBootstrap(platform, env);
      expect(one(`${env.name}/apps/root.yaml`, 'Application', 'root')).toEqual(bootstrap.root);
      expect(one(`${env.name}/apps/projects.yaml`, 'AppProject', 'bootstrap')).toEqual(bootstrap.project);
    }
  });

  test('the services project is limited to the service namespaces and the GitOps repository', () => {
    const services = one('prod/apps/', 'AppProject', 'services');
    expect(services.spec.sourceRepos).toEqual(['https://github.com/northwind/platform-gitops.git']);
    expect(services.spec.destinations.map((d: any) => d.namespace)).toEqual(['api', 'web', 'worker']);
    expect(services.spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
  });

  test('automated sync with prune, self-heal and retry; the cascade finalizer on services only', () => {
    for (const app of docs('').filter((d) => d.kind === 'Application')) {
      expect(app.spec.syncPolicy.automated).toMatchObject({ prune: true, selfHeal: true });
      expect(app.spec.syncPolicy.retry.backoff).toBeDefined();
      const isService = app.metadata.name.startsWith('service-');
      expect(app.metadata.finalizers ?? []).toEqual(isService ? ['resources-finalizer.argocd.argoproj.io'] : []);
    }
  });

  test('add-ons are Helm sources at the exact catalog version, in sync waves', () => {
    const certManager = one('prod/apps/', 'Application', 'cert-manager');
    expect(certManager.spec.source).toMatchObject({ chart: 'cert-manager', repoURL: ADDON_CATALOG['cert-manager'].repoUrl, targetRevision: ADDON_CATALOG['cert-manager'].version });
    expect(certManager.spec.source.helm.valuesObject).toMatchObject({ crds: { enabled: true, keep: true } });
    const wave = (name: string) => Number(docs('prod/apps/').find((d) => d.metadata.name === name).metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect(wave('cert-manager')).toBe(SYNC_WAVES.operators);
    expect(wave('cert-manager-config')).toBe(SYNC_WAVES.issuersAndStores);
    expect(wave('aws-load-balancer-controller')).toBe(SYNC_WAVES.ingressAndDns);
    expect(wave('kube-prometheus-stack')).toBe(SYNC_WAVES.observability);
    expect(wave('service-api')).toBe(SYNC_WAVES.services);
    expect(one('prod/apps/', 'Application', 'kube-prometheus-stack').spec.syncPolicy.syncOptions).toContain('ServerSideApply=true');
  });

  test('add-ons that need Terraform outputs read them from the GitOps bridge', () => {
    const dns = one('prod/apps/', 'ApplicationSet', 'external-dns');
    expect(dns.spec.generators[0].clusters.selector.matchLabels).toEqual({
      'argocd.argoproj.io/secret-type': 'cluster',
      'environment': 'prod',
      'enable_external_dns': 'true',
    });
    expect(dns.spec.template.spec.source.helm.valuesObject.extraArgs).toContain(`--zone-id-filter=${bridgeAnnotationRef(BRIDGE_ANNOTATIONS.hostedZoneId)}`);
    const velero = one('prod/apps/', 'ApplicationSet', 'velero');
    const veleroValues = velero.spec.template.spec.source.helm.valuesObject;
    expect(veleroValues.configuration.backupStorageLocation[0].bucket).toBe(bridgeAnnotationRef(BRIDGE_ANNOTATIONS.veleroBucket));
    expect(veleroValues.schedules.nightly.schedule).toBe(platform.environments[2].backups.veleroSchedule);
  });

  test('cert-manager issues through DNS01 on Route53; External Secrets reads AWS Secrets Manager', () => {
    const issuer = one('prod/addons/', 'ClusterIssuer', 'letsencrypt');
    expect(issuer.spec.acme.solvers[0].dns01.route53.region).toBe('eu-west-1');
    // No cluster-wide store: each reading namespace has its own (see the secret scope tests).
    expect(docs('').filter((d) => d.kind === 'ClusterSecretStore')).toEqual([]);
  });

  test('Alertmanager routes to Slack from a Secret; platform rules cover the 5xx ratio and replica shortages', () => {
    const values = one('prod/apps/', 'Application', 'kube-prometheus-stack').spec.source.helm.valuesObject;
    expect(values.alertmanager.config.receivers[1].slack_configs[0]).toMatchObject({ channel: '#platform-alerts', api_url_file: '/etc/alertmanager/secrets/alertmanager-slack/webhook-url' });
    const rules = one('prod/addons/', 'PrometheusRule', 'paved-platform').spec.groups[0].rules;
    expect(rules.map((r: any) => r.alert)).toEqual(['IngressHighErrorRatio', 'DeploymentReplicasShort']);
    expect(rules[0].expr).toContain('>= 0.05');
  });
});

describe('services', () => {
  const api = (env: string, kind: string) => one(`${env}/services/api/`, kind, kind === 'NetworkPolicy' ? 'api' : 'api');

  test('the namespace enforces Pod Security restricted', () => {
    expect(one('prod/services/api/', 'Namespace', 'api').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  test('the Deployment runs restricted: non-root, read-only root, no capabilities, RuntimeDefault seccomp', () => {
    const pod = api('prod', 'Deployment').spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const container = pod.containers[0];
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.resources).toMatchObject({ requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '512Mi' } });
    expect(container.image).toBe('345678901234.dkr.ecr.eu-west-1.amazonaws.com/northwind-prod-api:1.14.2');
    expect(pod.topologySpreadConstraints[0].topologyKey).toBe('topology.kubernetes.io/zone');
  });

  test('no image is pulled by a moving tag', () => {
    for (const d of docs('').filter((x) => x.kind === 'Deployment')) {
      for (const c of d.spec.template.spec.containers) expect(c.image).not.toMatch(/:latest$|^[^:@]+$/);
    }
  });

  test('sizing per environment: autoscaling in production, fixed replicas where configured', () => {
    expect(api('prod', 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 3, maxReplicas: 12 });
    expect(api('prod', 'Deployment').spec.replicas).toBeUndefined();
    expect(one('staging/services/worker/', 'Deployment', 'worker').spec.replicas).toBe(2);
    expect(api('prod', 'PodDisruptionBudget').spec).toBeDefined();
  });

  test('ingress with TLS on the environment host', () => {
    expect(api('prod', 'Ingress').spec.tls).toEqual([{ hosts: ['api.northwind.dev'] }]);
    expect(api('prod', 'Ingress').spec.ingressClassName).toBe('alb');
    expect(api('dev', 'Ingress').spec.rules[0].host).toBe('api.dev.northwind.dev');
  });

  test('network policies: default deny, DNS, the ingress controller, the data subnets on the store ports', () => {
    expect(one('prod/services/api/', 'NetworkPolicy', 'default-deny').spec).toMatchObject({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const allow = api('prod', 'NetworkPolicy').spec;
    const dataSubnets = (platform.environments[2].network as any).subnets.data;
    const postgres = allow.egress.find((e: any) => e.ports[0].port === 5432);
    expect(postgres.to.map((t: any) => t.ipBlock.cidr)).toEqual(dataSubnets);
    const worker = one('prod/services/worker/', 'NetworkPolicy', 'worker').spec;
    expect(worker.ingress ?? []).not.toContainEqual(expect.objectContaining({ from: [expect.objectContaining({ ipBlock: expect.anything() })] }));
    expect(allow.ingress).toContainEqual({ from: [{ ipBlock: { cidr: (platform.environments[2].network as any).vpcCidr } }], ports: [{ protocol: 'TCP', port: 'http' }] });
    const web = one('prod/services/web/', 'NetworkPolicy', 'web').spec;
    expect(web.egress.some((e: any) => e.ports?.[0]?.port === 5432)).toBe(false);
  });

  test('data-store endpoints come from the connection secrets through External Secrets; no credential (issue 13)', () => {
    const postgres = one('prod/services/api/', 'ExternalSecret', 'api-postgres');
    expect(postgres.spec.data.map((d: any) => d.remoteRef.key)).toEqual(Array(2).fill('northwind/prod/postgres/connection'));
    expect(postgres.spec.data.map((d: any) => d.remoteRef.property)).toEqual(['host', 'port']);
    expect(postgres.spec.target.template.data.DATABASE_URL).toContain('sslmode=verify-full');
  });

  test('ServiceMonitor and PrometheusRule per service', () => {
    expect(one('prod/services/api/', 'ServiceMonitor', 'api').spec.endpoints[0].path).toBe('/metrics');
    expect(one('prod/services/api/', 'PrometheusRule', 'api').spec.groups[0].rules.length).toBeGreaterThan(0);
  });
});

describe('validation', () => {
  test('every rendered document passes its published schema and our own checks', () => {
    expect(validateRendered(files, platform.gitops.path)).toEqual([]);
  });

  const broken = (mutate: (f: RenderedFile[]) => void) => {
    const copy = structuredClone(files) as RenderedFile[];
    mutate(copy);
    return validateRendered(copy, platform.gitops.path).map((p) => `${p.document}: ${p.message}`);
  };
  const find = (f: RenderedFile[], path: string, kind: string) => f.find((x) => x.path === path)!.documents.find((d) => d.kind === kind) as any;

  test('a deliberately broken document fails the schema', () => {
    expect(broken((f) => { find(f, 'prod/services/api/manifests.yaml', 'Deployment').spec.template.spec.containers[0].ports[0].containerPort = 'http'; }))
      .toEqual([expect.stringMatching(/^Deployment api\/api: schema: .*containerPort must be integer/)]);
  });

  test('selectors, targets, names and Application paths are checked', () => {
    expect(broken((f) => { find(f, 'prod/services/api/manifests.yaml', 'Service').spec.selector = { 'app.kubernetes.io/name': 'nope' }; }))
      .toEqual(['Service api/api: selector matches no pod template in its namespace']);
    expect(broken((f) => { find(f, 'prod/services/api/manifests.yaml', 'HorizontalPodAutoscaler').spec.scaleTargetRef.name = 'gone'; }))
      .toEqual(['HorizontalPodAutoscaler api/api: scaleTargetRef Deployment gone does not exist']);
    expect(broken((f) => { find(f, 'prod/apps/service-api.yaml', 'Application').spec.source.path = 'environments/prod/services/apy'; }))
      .toEqual(['Application argocd/service-api: source path environments/prod/services/apy is not in the rendered tree']);
    expect(broken((f) => { find(f, 'prod/services/api/manifests.yaml', 'ServiceAccount').metadata.name = 'API_sa'; }))
      .toEqual(["ServiceAccount api/API_sa: name 'API_sa' is not a DNS-1123 subdomain"]);
  });
});

test('the same config renders the same bytes', () => {
  const again = renderGitops(resolvePlatform(example));
  expect(again.map((f) => toYaml(f.documents as Manifest[]))).toEqual(files.map((f) => toYaml(f.documents as Manifest[])));
});
