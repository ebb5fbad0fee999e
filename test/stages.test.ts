import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderGitops, validateRendered, type Manifest } from '@paved/gitops-apps';
import { synthesizeInfrastructure } from '@paved/platform-infra';
import {
  Ipv4Cidr,
  resolvePlatform,
  stageNamespace,
  validatePlatform,
  type PlatformConfig,
  type ResolvedEnvironment,
  type ResolvedStage,
} from '@paved/shared-config';
import example from '../examples/stages/platform.config';
import { stagesSection } from '../src/platform-docs/stages-section';

/**
 * Issue 17: stages, several environments on one cluster. The example (examples/stages) runs six stages on `dev`
 * (`shared-dev` shared) and three on `prod`. Everything here is in-process: resolve, render, synthesize once.
 */
const platform = resolvePlatform(example);
const files = renderGitops(platform);
const host = (name: string): ResolvedEnvironment => platform.environments.find((e) => e.name === name)!;
const stagesOf = (name: string): readonly ResolvedStage[] => host(name).stages ?? [];
const allStages = platform.environments.flatMap((e) => (e.stages ?? []).map((stage) => ({ host: e, stage })));
const docs = (file: string): Manifest[] => {
  const found = files.find((f) => f.path === file);
  if (!found) throw new Error(`${file} is not rendered (have: ${files.map((f) => f.path).filter((p) => p.startsWith(file.split('/')[0])).join(', ')})`);
  return [...found.documents];
};
const everyDoc = files.flatMap((f) => f.documents.map((d) => ({ file: f.path, doc: d as any })));

describe('resolve', () => {
  test('stages are not environments of their own: two clusters, nine stages', () => {
    expect(platform.environments.map((e) => e.name)).toEqual(['dev', 'prod']);
    expect(stagesOf('dev').map((s) => s.name)).toEqual(['shared-dev', 'preprod-dev', 'preview-dev', 'mainnet-dev', 'preprod-nightly', 'preview-nightly']);
    expect(stagesOf('prod').map((s) => s.name)).toEqual(['preprod-prod', 'preview-prod', 'mainnet-prod']);
    expect(stagesOf('dev').filter((s) => s.shared).map((s) => s.name)).toEqual(['shared-dev']);
  });

  test("each stage has its own domain (in its host's zone), secrets path, image tags, replicas and Redis prefix", () => {
    const preview = stagesOf('dev').find((s) => s.name === 'preview-dev')!;
    expect(preview.domain).toBe('preview-dev.dev.orbit.example');
    expect(stagesOf('prod').find((s) => s.name === 'mainnet-prod')!.domain).toBe('mainnet.prod.orbit.example');
    const api = preview.services.find((s) => s.name === 'api')!;
    expect(api.image).toBe('444455556666.dkr.ecr.eu-west-1.amazonaws.com/orbit-dev-api:1.9.0-rc.2');
    expect(api.scaling).toEqual({ kind: 'fixed', replicas: 1 });
    expect(api.secrets).toEqual([{ envVar: 'SIGNING_KEY', secretName: 'orbit/preview-dev/api/signing', key: 'key' }]);
    expect(api.env.REDIS_KEY_PREFIX).toBe('preview-dev:');
    expect(api.ingress?.host).toBe('api.preview-dev.dev.orbit.example');
    const mainnetApi = stagesOf('prod').find((s) => s.name === 'mainnet-prod')!.services.find((s) => s.name === 'api')!;
    expect(mainnetApi.image).toMatch(/:1\.8\.0$/);
    expect(mainnetApi.scaling).toMatchObject({ kind: 'autoscaling', minReplicas: 3, maxReplicas: 10 });
  });

  test('quotas: the profile by default, the config where set', () => {
    const quota = (env: string, stage: string) => stagesOf(env).find((s) => s.name === stage)!.quota;
    expect(quota('dev', 'preview-dev')).toMatchObject({ cpu: '2', memory: '4Gi', pods: 20 });
    expect(quota('dev', 'preprod-dev')).toMatchObject({ cpu: '3', memory: '6Gi', pods: 30 });
    expect(quota('prod', 'preprod-prod')).toMatchObject({ cpu: '4', memory: '8Gi', pods: 50 });
  });

  test("the host's data stores exist because its stages use them", () => {
    expect(host('dev').services).toEqual([]);
    expect(host('dev').postgres).toBeDefined();
    expect(host('dev').redis).toBeDefined();
  });
});

describe('GitOps layout', () => {
  test('the rendered tree passes the schema and wiring checks', () => {
    expect(validateRendered(files, platform.gitops.path)).toEqual([]);
  });

  test("each stage lives under its host's folder, and the host's app-of-apps includes it", () => {
    for (const { host: h, stage } of allStages) {
      const [app] = docs(`${h.name}/apps/stage-${stage.name}.yaml`) as any[];
      expect(app.spec.source.path).toBe(`${platform.gitops.path}/${h.name}/${stage.name}/apps`);
      expect(app.spec.project).toBe('platform');
      for (const service of stage.services) expect(files.some((f) => f.path === `${h.name}/${stage.name}/services/${service.name}/manifests.yaml`)).toBe(true);
    }
    // No top-level folder per stage.
    expect([...new Set(files.map((f) => f.path.split('/')[0]))].sort()).toEqual(['dev', 'prod']);
  });

  test('namespaces: <stage>-<service>, labelled with the stage and Pod Security restricted, owned by the platform folder', () => {
    for (const { host: h, stage } of allStages) {
      const namespaces = docs(`${h.name}/${stage.name}/platform/manifests.yaml`).filter((d) => d.kind === 'Namespace') as any[];
      expect(namespaces.map((n) => n.metadata.name)).toEqual(stage.services.map((s) => stageNamespace(stage.name, s.name)));
      for (const ns of namespaces) {
        expect(ns.metadata.labels).toMatchObject({ 'paved.dev/stage': stage.name, 'pod-security.kubernetes.io/enforce': 'restricted' });
      }
      for (const service of stage.services) {
        const own = docs(`${h.name}/${stage.name}/services/${service.name}/manifests.yaml`);
        expect(own.filter((d) => d.kind === 'Namespace')).toEqual([]);
        expect(new Set(own.map((d) => (d.metadata as any).namespace))).toEqual(new Set([stageNamespace(stage.name, service.name)]));
      }
    }
  });

  test('quotas: a ResourceQuota and a LimitRange in every stage namespace, with the stage values', () => {
    const platformDocs = docs('dev/preprod-dev/platform/manifests.yaml') as any[];
    const quotas = platformDocs.filter((d) => d.kind === 'ResourceQuota');
    expect(quotas.map((q) => q.metadata.namespace)).toEqual(['preprod-dev-api', 'preprod-dev-web', 'preprod-dev-indexer']);
    for (const q of quotas) expect(q.spec.hard).toEqual({ 'requests.cpu': '3', 'requests.memory': '6Gi', 'pods': 30 });
    const limits = platformDocs.filter((d) => d.kind === 'LimitRange');
    expect(limits).toHaveLength(3);
    expect(limits[0].spec.limits[0]).toMatchObject({ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, max: { cpu: '3', memory: '6Gi' } });
  });

  test("an AppProject per stage: only the stage's namespaces, nothing cluster-scoped; its services are in it", () => {
    for (const { host: h, stage } of allStages) {
      const [project] = docs(`${h.name}/${stage.name}/apps/project.yaml`) as any[];
      expect(project.metadata.name).toBe(`stage-${stage.name}`);
      expect(project.spec.destinations.map((d: any) => d.namespace)).toEqual(stage.services.map((s) => stageNamespace(stage.name, s.name)).sort());
      expect(project.spec.clusterResourceWhitelist).toEqual([]);
      expect(project.spec.namespaceResourceWhitelist.map((k: any) => k.kind)).not.toContain('ResourceQuota');
      for (const service of stage.services) {
        const [app] = docs(`${h.name}/${stage.name}/apps/service-${service.name}.yaml`) as any[];
        expect(app.metadata.name).toBe(`${stage.name}-${service.name}`);
        expect(app.spec.project).toBe(`stage-${stage.name}`);
        expect(app.spec.destination.namespace).toBe(stageNamespace(stage.name, service.name));
      }
    }
    // Application names stay unique in argocd's namespace.
    const apps = everyDoc.filter(({ doc }) => doc.kind === 'Application').map(({ file, doc }) => `${file.split('/')[0]}/${doc.metadata.name}`);
    expect(new Set(apps).size).toBe(apps.length);
  });

  test('a SecretStore per stage namespace, through its own reader role; ExternalSecrets read the stage path or the host connection', () => {
    const stores = everyDoc.filter(({ file, doc }) => file.startsWith('dev/preview-dev/') && doc.kind === 'SecretStore').map(({ doc }) => doc);
    expect(stores.map((s) => [s.metadata.namespace, s.spec.provider.aws.role])).toEqual([
      ['preview-dev-api', 'arn:aws:iam::111122223333:role/orbit-dev-secrets-preview-dev-api'],
      ['preview-dev-indexer', 'arn:aws:iam::111122223333:role/orbit-dev-secrets-preview-dev-indexer'],
    ]);
    for (const { host: h, stage } of allStages) {
      const keys = everyDoc
        .filter(({ file, doc }) => file.startsWith(`${h.name}/${stage.name}/`) && doc.kind === 'ExternalSecret')
        .flatMap(({ doc }) => doc.spec.data.map((d: any) => d.remoteRef.key as string));
      for (const key of keys) expect(key.startsWith(`orbit/${stage.name}/`) || key.startsWith(`orbit/${h.name}/`) && key.endsWith('/connection')).toBe(true);
    }
  });

  test("a database and user per stage service on the host's PostgreSQL", () => {
    const provisioner = docs('dev/platform/db-provisioner/manifests.yaml') as any[];
    const sql: string = provisioner.find((d) => d.kind === 'ConfigMap').data['provision.sql'];
    for (const role of ['shared_dev_auth', 'preview_dev_api', 'preview_dev_indexer', 'preprod_nightly_api', 'mainnet_dev_indexer']) {
      expect(sql).toContain(`CREATE ROLE %I LOGIN', '${role}'`);
    }
    const deployment = docs('dev/preview-dev/services/api/manifests.yaml').find((d) => d.kind === 'Deployment') as any;
    const env = Object.fromEntries(deployment.spec.template.spec.containers[0].env.filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({ PGUSER: 'preview_dev_api', PGDATABASE: 'preview_dev_api', REDIS_KEY_PREFIX: 'preview-dev:', REDIS_USER: 'orbit-dev-redis-preview-dev-api' });
  });

  test('hosts: per stage, unique on each cluster, on the IngressClass of the host (its one shared ALB)', () => {
    const ingresses = everyDoc.filter(({ doc }) => doc.kind === 'Ingress');
    const hosts = ingresses.map(({ doc }) => doc.spec.rules[0].host as string);
    expect(hosts).toContain('api.preview-dev.dev.orbit.example');
    expect(hosts).toContain('app.mainnet.prod.orbit.example');
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(new Set(ingresses.map(({ doc }) => doc.spec.ingressClassName))).toEqual(new Set(['alb']));
  });
});

/**
 * Walks every NetworkPolicy of the rendered example and decides, for every pair of pods, whether a connection can be
 * opened: the source's egress and the destination's ingress must both allow it (each namespace denies by default).
 * Pods have VPC addresses in the host's private subnets, so an ipBlock admits a pod when it overlaps them.
 */
describe('isolation between stages', () => {
  interface Pod { namespace: string; labels: Record<string, string>; stage?: string; service: string; host: string }
  const nsLabels = new Map<string, Record<string, string>>();
  for (const { doc } of everyDoc.filter(({ doc: d }) => d.kind === 'Namespace')) nsLabels.set(doc.metadata.name, { ...doc.metadata.labels, 'kubernetes.io/metadata.name': doc.metadata.name });
  const podTemplate = (doc: any) => (doc.kind === 'CronJob' ? doc.spec.jobTemplate.spec.template : doc.spec.template);
  const pods: Pod[] = everyDoc
    .filter(({ doc }) => ['Deployment', 'StatefulSet', 'Job', 'CronJob'].includes(doc.kind))
    .map(({ file, doc }) => ({
      namespace: doc.metadata.namespace,
      labels: podTemplate(doc).metadata.labels,
      stage: nsLabels.get(doc.metadata.namespace)?.['paved.dev/stage'],
      service: doc.metadata.name,
      host: file.split('/')[0],
    }));
  const policies = everyDoc.filter(({ doc }) => doc.kind === 'NetworkPolicy').map(({ file, doc }) => ({ host: file.split('/')[0], doc }));
  const privateSubnets = (h: string) => {
    const net = host(h).network;
    return net.mode === 'create' ? net.subnets.private.map((c) => Ipv4Cidr.parse(c)!) : [];
  };
  const subset = (want: Record<string, string> | undefined, have: Record<string, string> | undefined) =>
    Object.entries(want ?? {}).every(([k, v]) => have?.[k] === v);
  const selects = (policy: any, pod: Pod) => policy.metadata.namespace === pod.namespace && subset(policy.spec.podSelector?.matchLabels, pod.labels);
  const peerAdmits = (policy: any, peer: any, other: Pod): boolean => {
    if (peer.ipBlock) {
      const block = Ipv4Cidr.parse(peer.ipBlock.cidr)!;
      const excepts = (peer.ipBlock.except ?? []).map((c: string) => Ipv4Cidr.parse(c)!);
      return privateSubnets(other.host).some((s) => block.overlaps(s) && !excepts.some((e: Ipv4Cidr) => e.contains(s)));
    }
    // Without a namespaceSelector, a peer is in the policy's own namespace.
    const nsOk = peer.namespaceSelector
      ? subset(peer.namespaceSelector.matchLabels, nsLabels.get(other.namespace))
      : other.namespace === policy.metadata.namespace;
    return nsOk && subset(peer.podSelector?.matchLabels, other.labels);
  };
  const allows = (pod: Pod, other: Pod, direction: 'Ingress' | 'Egress'): boolean => {
    const mine = policies.filter(({ host: h, doc }) => h === pod.host && selects(doc, pod) && (doc.spec.policyTypes ?? ['Ingress']).includes(direction));
    if (mine.length === 0) return true; // not isolated in that direction
    const key = direction === 'Ingress' ? 'ingress' : 'egress';
    const peersKey = direction === 'Ingress' ? 'from' : 'to';
    const admits = (doc: any, rule: any) => !rule[peersKey] || rule[peersKey].some((peer: any) => peerAdmits(doc, peer, other));
    return mine.some(({ doc }) => (doc.spec[key] ?? []).some((rule: any) => admits(doc, rule)));
  };
  const reaches = (from: Pod, to: Pod) => from.host === to.host && allows(from, to, 'Egress') && allows(to, from, 'Ingress');

  /** The declared calls: the caller's stage runs the callee, or a shared stage of the host does. */
  const declared = (from: Pod, to: Pod): boolean => {
    const stages = stagesOf(from.host);
    const caller = stages.find((s) => s.name === from.stage)?.services.find((s) => s.name === from.service);
    if (!caller || !caller.calls.some((c) => c.service === to.service)) return false;
    const own = stages.find((s) => s.name === from.stage)!.services.some((s) => s.name === to.service);
    return own ? to.stage === from.stage : stages.find((s) => s.name === to.stage)?.shared === true;
  };

  const stagePods = pods.filter((p) => p.stage !== undefined && !p.labels['app.kubernetes.io/component']?.includes('migration'));

  test('every stage pod is selected by a default-deny policy in both directions', () => {
    expect(stagePods.length).toBeGreaterThanOrEqual(25);
    for (const pod of stagePods) {
      const deny = policies.find(({ doc }) =>
        doc.metadata.namespace === pod.namespace && Object.keys(doc.spec.podSelector ?? {}).length === 0 && doc.spec.policyTypes.length === 2);
      expect({ pod: `${pod.namespace}/${pod.service}`, deny: deny !== undefined }).toEqual({ pod: `${pod.namespace}/${pod.service}`, deny: true });
    }
  });

  test('no pod of one stage reaches a pod of another stage, unless it calls a shared stage', () => {
    const leaks: string[] = [];
    let crossings = 0;
    for (const from of stagePods) {
      for (const to of stagePods) {
        if (from === to || from.stage === to.stage) continue;
        if (from.host !== to.host) continue;
        const ok = reaches(from, to);
        if (ok) crossings++;
        if (ok !== declared(from, to)) leaks.push(`${from.namespace} -> ${to.namespace}: ${ok ? 'reachable, not declared' : 'declared, not reachable'}`);
      }
    }
    expect(leaks).toEqual([]);
    // The dev stages' api pods reach the shared auth (five stages), and nothing else crosses.
    expect(crossings).toBe(5);
  });

  test('inside a stage, declared calls are reachable and undeclared pairs are not', () => {
    const preview = stagePods.filter((p) => p.stage === 'preview-dev');
    const pod = (s: string) => preview.find((p) => p.service === s)!;
    expect(reaches(pod('web'), pod('api'))).toBe(true);
    expect(reaches(pod('api'), pod('web'))).toBe(false);
    expect(reaches(pod('indexer'), pod('api'))).toBe(false);
    // and the same service in another stage is out of reach
    expect(reaches(pod('web'), stagePods.find((p) => p.stage === 'preprod-dev' && p.service === 'api')!)).toBe(false);
  });
});

describe('infrastructure', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-stages-'));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
  const { stacks } = synthesizeInfrastructure(platform, { outdir: out });
  const stack = (id: string) => JSON.parse(fs.readFileSync(path.join(out, 'stacks', id, 'cdk.tf.json'), 'utf8'));
  const resources = (id: string, type: string): any[] => Object.values(stack(id).resource?.[type] ?? {});

  test('stages produce no stacks: only the two clusters have network, cluster, data and platform stacks', () => {
    const ids = stacks.map((s) => s.name).filter((n) => !n.startsWith('bootstrap') && n !== 'shared');
    expect(ids.sort()).toEqual(['dev-cluster', 'dev-data', 'dev-network', 'dev-platform', 'prod-cluster', 'prod-data', 'prod-network', 'prod-platform']);
  });

  test("the stages' images come from one repository per service of the cluster", () => {
    const repositories = resources('shared', 'aws_ecr_repository').map((r) => r.name).sort();
    expect(repositories).toEqual(['orbit-dev-api', 'orbit-dev-auth', 'orbit-dev-indexer', 'orbit-dev-web', 'orbit-prod-api', 'orbit-prod-auth', 'orbit-prod-indexer', 'orbit-prod-web']);
  });

  test("deployers get edit in their stage's namespaces only", () => {
    const entries = resources('dev-cluster', 'aws_eks_access_entry').map((e) => e.principal_arn);
    expect(entries).toEqual(expect.arrayContaining(['arn:aws:iam::111122223333:role/preprod-deployers', 'arn:aws:iam::111122223333:role/preview-deployers']));
    const associations = resources('dev-cluster', 'aws_eks_access_policy_association').filter((a) => a.access_scope.type === 'namespace');
    expect(associations.map((a) => [a.principal_arn.replace(/_[0-9A-F]{8}\.principal_arn}$/, ''), a.policy_arn, a.access_scope.namespaces])).toEqual([
      ['${aws_eks_access_entry.stage-deployers_preprod-deployers-entry', 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy', ['preprod-dev-api', 'preprod-dev-indexer', 'preprod-dev-web']],
      ['${aws_eks_access_entry.stage-deployers_preview-deployers-entry', 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy', ['preview-dev-api', 'preview-dev-indexer', 'preview-dev-web']],
    ]);
    // Only the deployer and the platform's own roles are cluster-wide.
    expect(resources('prod-cluster', 'aws_eks_access_policy_association').filter((a) => a.access_scope.type === 'namespace').map((a) => a.access_scope.namespaces)).toEqual([
      ['mainnet-prod-api', 'mainnet-prod-auth', 'mainnet-prod-indexer', 'mainnet-prod-web'],
    ]);
  });

  test('stage services get Pod Identity roles in their own namespaces, connecting as their own users', () => {
    const associations = resources('dev-data', 'aws_eks_pod_identity_association').map((a) => `${a.namespace}/${a.service_account}`);
    expect(associations).toEqual(expect.arrayContaining(['preview-dev-api/api', 'shared-dev-auth/auth', 'preprod-nightly-indexer/indexer']));
    const policies = resources('dev-data', 'aws_iam_role_policy').map((p) => p.policy as string).join('\n');
    expect(policies).toContain('/preview_dev_api');
    const users = resources('dev-data', 'aws_elasticache_user').map((u) => u.user_name);
    expect(users).toEqual(expect.arrayContaining(['orbit-dev-redis-preview-dev-api', 'orbit-dev-redis-mainnet-dev-api']));
  });

  test('each stage namespace that reads secrets has its own reader role on the host cluster', () => {
    const roles = resources('dev-cluster', 'aws_iam_role').map((r) => r.name);
    expect(roles).toEqual(expect.arrayContaining(['orbit-dev-secrets-preview-dev-api', 'orbit-dev-secrets-shared-dev-auth']));
  });
});

describe('bad input: one line per problem', () => {
  const mutate = (edit: (c: any) => void): string[] => {
    const config = structuredClone(example) as any;
    edit(config);
    return validatePlatform(config as PlatformConfig).problems.map((p) => `${p.severity} ${p.rule} ${p.path}: ${p.message}`);
  };
  const stageIndex = (c: any, name: string) => c.environments.findIndex((e: any) => e.name === name);

  test('a stage on a cluster that does not exist', () => {
    expect(mutate((c) => void (c.environments[stageIndex(c, 'preview-dev')].runsOn = 'qa'))).toContain(
      "error stage-host-known environments[4].runsOn: 'qa' is not an environment",
    );
  });

  test('a stage of a stage', () => {
    expect(mutate((c) => void (c.environments[stageIndex(c, 'preview-dev')].runsOn = 'shared-dev'))).toContain(
      "error stage-host-known environments[4].runsOn: 'shared-dev' is itself a stage (runs on 'dev')",
    );
  });

  test('two stages with the same domain', () => {
    const problems = mutate((c) => {
      c.environments[stageIndex(c, 'preview-dev')].domain = 'x.dev.orbit.example';
      c.environments[stageIndex(c, 'mainnet-dev')].domain = 'x.dev.orbit.example';
    });
    expect(problems).toContain("error environment-domain environments[5].domain: 'x.dev.orbit.example' is already the domain of environments[4]");
  });

  test('a quota above the node groups: a warning with the figures', () => {
    const problems = mutate((c) => void (c.environments[stageIndex(c, 'preview-dev')].quota = { cpu: '12' }));
    expect(problems.filter((p) => p.startsWith('warning stage-quota-capacity'))).toEqual([
      expect.stringMatching(/^warning stage-quota-capacity environments\[7\]\.quota: the stages on 'dev' may request 58 vCPU \(.*preview-dev 3 × 12.*\), above the 32 vCPU of its node groups at maxSize$/),
    ]);
  });

  test('a stage that sets its own cluster', () => {
    expect(mutate((c) => void (c.environments[stageIndex(c, 'preview-dev')].cluster = { endpointPublicAccess: false }))).toContain(
      "error stage-fields environments[4].cluster: is set on a stage, which shares the cluster of 'dev'",
    );
  });

  test("node groups: a stage schedules on its host's, not on its own profile's default group", () => {
    const rename = (c: any, name: string) => {
      for (const h of ['dev', 'prod']) c.environments[stageIndex(c, h)].cluster.nodeGroups[0].name = name;
      c.services[0].nodeGroup = 'apps';
    };
    expect(mutate((c) => rename(c, 'apps')).filter((p) => p.includes('service-node-group-known'))).toEqual([]);
    const missing = mutate((c) => {
      rename(c, 'apps');
      c.environments[stageIndex(c, 'dev')].cluster.nodeGroups[0].name = 'general';
    }).filter((p) => p.includes('service-node-group-known'));
    expect(missing).toEqual([expect.stringMatching(/^error service-node-group-known services\[0\]\.nodeGroup: 'apps' is not a node group of .*'preview-dev' on the cluster of 'dev' \(general\)/)]);
    expect(missing[0]).not.toMatch(/-prod'/);
  });

  test("ingress: a stage is judged by its host's controller, and the fix names the host's add-ons", () => {
    const problems = mutate((c) => void (c.environments[stageIndex(c, 'dev')].addons = { 'aws-load-balancer-controller': { enabled: false } }))
      .filter((p) => p.includes('ingress-needs-controller'));
    expect(problems).toContain(
      "error ingress-needs-controller services[0].ingress: asks for an ingress in 'preview-dev' on the cluster of 'dev', which has no ingress controller ('aws-load-balancer-controller' is off)",
    );
    expect(problems.some((p) => p.includes("'preview-prod'"))).toBe(false);
  });

  test("a stage namespace that is a host service's, another stage's or the platform's", () => {
    const problems = mutate((c) => {
      c.services.push({ name: 'preview-dev-api', image: { tag: '1.0.0' }, port: 8090, environments: { prod: { enabled: false } } });
      c.environments.push({ ...c.environments[stageIndex(c, 'mainnet-dev')], name: 'preview' });
      c.services.push({ name: 'dev-web', image: { tag: '1.0.0' }, port: 8091, environments: { dev: { enabled: false }, prod: { enabled: false } } });
      c.environments.push({ ...c.environments[stageIndex(c, 'mainnet-dev')], name: 'external' });
      c.services.push({ name: 'dns', image: { tag: '1.0.0' }, port: 8092, environments: { dev: { enabled: false }, prod: { enabled: false } } });
    }).filter((p) => p.includes('stage-namespaces-unique'));
    expect(problems).toEqual(expect.arrayContaining([
      "error stage-namespaces-unique environments[4].name: gives service 'api' the namespace 'preview-dev-api', already that of service 'preview-dev-api' of 'dev' on the cluster of 'dev'",
      expect.stringMatching(/^error stage-namespaces-unique environments\[\d+\]\.name: gives service 'dev-web' the namespace 'preview-dev-web', already that of service 'web' of stage 'preview-dev' on the cluster of 'dev'$/),
      expect.stringMatching(/^error stage-namespaces-unique environments\[\d+\]\.name: gives service 'dns' the namespace 'external-dns', already that of a platform namespace on the cluster of 'dev'$/),
    ]));
  });

  test('a stage deployer that already has an access entry on the host: both fields named', () => {
    const problems = mutate((c) => {
      c.access = { roles: [{ roleArn: 'arn:aws:iam::111122223333:role/preview-deployers', access: 'view', environments: ['dev'] }] };
    });
    expect(problems).toContain(
      "error stage-deployers-distinct environments[4].deployers[0]: 'arn:aws:iam::111122223333:role/preview-deployers' is also access.roles[0].roleArn for 'dev', and a cluster has one access entry per role",
    );
    const elsewhere = mutate((c) => {
      c.access = { roles: [{ roleArn: 'arn:aws:iam::111122223333:role/preview-deployers', access: 'view', environments: ['prod'] }] };
    });
    expect(elsewhere.filter((p) => p.includes('stage-deployers-distinct'))).toEqual([]);
  });

  test('a stage in access.roles[].environments is an error: it has no cluster, the role would get nothing', () => {
    const problems = mutate((c) => {
      c.access = { roles: [{ roleArn: 'arn:aws:iam::111122223333:role/viewers', access: 'view', environments: ['dev', 'preview-dev'] }] };
    });
    expect(problems).toContain(
      "error stage-access-roles access.roles[0].environments[1]: 'preview-dev' is a stage, which has no cluster of its own: the role would get no access",
    );
  });

  test('the example itself has no problem', () => {
    expect(mutate(() => undefined)).toEqual([]);
  });
});

describe('docs', () => {
  test("the host's page lists its stages with their quotas, hosts and deployers", () => {
    const lines = stagesSection(host('dev'));
    expect(lines[0]).toBe('## Stages');
    const row = lines.find((l) => l.startsWith('| preprod-dev |'))!;
    expect(row).toContain('`preprod-dev-api`, `preprod-dev-web`, `preprod-dev-indexer`');
    expect(row).toContain('| 3, 6Gi, 30 |');
    expect(row).toContain('https://api.preprod-dev.dev.orbit.example');
    expect(row).toContain('`arn:aws:iam::111122223333:role/preprod-deployers`');
    expect(lines.find((l) => l.startsWith('| shared-dev (shared services) |'))).toContain('platform admins only');
  });

  test('an environment without stages gets no section', () => {
    expect(stagesSection({ ...host('dev'), stages: undefined })).toEqual([]);
  });
});
