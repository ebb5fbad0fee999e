import { resolvePlatform, type PlatformConfig } from '@paved/shared-config';
import example from '../../../platform.config';
import { renderGitops, validateRendered } from '../src';

/**
 * Issue 14: `gitops.argocd: 'eks-capability'`. The same config renders for the EKS Capability for Argo CD: every
 * Argo CD object in the one namespace the capability watches, every destination the cluster's ARN (the capability
 * does not support `kubernetes.default.svc`), every AppProject with `sourceNamespaces`, and child Applications that
 * converge without the Application health check the capability cannot run.
 */
const config: PlatformConfig = {
  ...example,
  gitops: {
    ...example.gitops,
    argocd: 'eks-capability',
    identityCenter: { instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef' },
  },
};
const platform = resolvePlatform(config);
const files = renderGitops(platform);
const selfManaged = renderGitops(resolvePlatform(example));
const docs = (tree: typeof files, env: string) => tree.filter((f) => f.path.startsWith(`${env}/`)).flatMap((f) => f.documents) as any[];
const argo = (tree: typeof files, env: string) => docs(tree, env).filter((d) => String(d.apiVersion).startsWith('argoproj.io/'));
const ARN = { dev: 'arn:aws:eks:eu-west-1:210987654321:cluster/northwind-dev-eks', prod: 'arn:aws:eks:eu-west-1:345678901234:cluster/northwind-prod-eks' } as const;

describe.each(['dev', 'prod'] as const)('GitOps of %s for the EKS Argo CD capability', (env) => {
  const objects = () => argo(files, env);

  test('every Application, ApplicationSet and AppProject lives in the capability namespace', () => {
    expect(objects().length).toBeGreaterThan(5);
    for (const o of objects()) expect([o.kind, o.metadata.name, o.metadata.namespace]).toEqual([o.kind, o.metadata.name, 'argocd']);
  });

  test('every destination is the cluster ARN, never kubernetes.default.svc', () => {
    const destinations = objects().flatMap((o) => (o.kind === 'AppProject' ? o.spec.destinations : o.kind === 'Application' ? [o.spec.destination] : []));
    expect(destinations.length).toBeGreaterThan(5);
    for (const d of destinations) expect(d.server).toBe(ARN[env]);
    expect(JSON.stringify(docs(files, env))).not.toContain('kubernetes.default.svc');
  });

  test('bridged add-ons target the server of the cluster Secret Terraform writes (the ARN in capability mode)', () => {
    const sets = objects().filter((o) => o.kind === 'ApplicationSet');
    expect(sets.length).toBeGreaterThan(0);
    for (const set of sets) expect(set.spec.template.spec.destination.server).toBe('{{ .server }}');
  });

  test('every AppProject names the capability namespace in sourceNamespaces', () => {
    const projects = objects().filter((o) => o.kind === 'AppProject');
    expect(projects.map((p) => p.metadata.name).sort()).toEqual(['bootstrap', 'platform', 'services']);
    for (const p of projects) expect(p.spec.sourceNamespaces).toEqual(['argocd']);
  });

  test('ordering without the Lua health check: waves kept, every child tolerates missing CRDs and retries until synced', () => {
    const children = objects().filter((o) => o.kind === 'Application' && o.metadata.name !== 'root');
    expect(children.length).toBeGreaterThan(5);
    for (const app of children) {
      expect(app.metadata.annotations['argocd.argoproj.io/sync-wave']).toMatch(/^-?\d+$/);
      expect(app.spec.syncPolicy.syncOptions).toContain('SkipDryRunOnMissingResource=true');
      expect(app.spec.syncPolicy.retry).toEqual({ limit: -1, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } });
      expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true, allowEmpty: false });
    }
  });

  test('no ArgoCD configuration the capability ignores (no argocd-cm, no notifications)', () => {
    const names = docs(files, env).map((d) => `${d.kind}/${d.metadata.name}`);
    expect(names.filter((n) => /argocd-(cm|notifications|cmd-params)/.test(n))).toEqual([]);
  });

  test('same files, same add-ons and services as the self-managed render: only the ArgoCD objects differ', () => {
    const paths = (tree: typeof files) => tree.filter((f) => f.path.startsWith(`${env}/`)).map((f) => f.path).sort();
    expect(paths(files)).toEqual(paths(selfManaged));
    const workloads = (tree: typeof files) => docs(tree, env).filter((d) => !String(d.apiVersion).startsWith('argoproj.io/'));
    expect(workloads(files)).toEqual(workloads(selfManaged));
  });
});

test('the rendered tree is schema-valid and passes every structural check', () => {
  expect(validateRendered(files, platform.gitops.path)).toEqual([]);
});

test('self-managed is unchanged: in-cluster destinations, no sourceNamespaces, retry limit 10', () => {
  const objects = argo(selfManaged, 'dev');
  expect(objects.filter((o) => o.kind === 'AppProject').every((p) => p.spec.sourceNamespaces === undefined)).toBe(true);
  const apps = objects.filter((o) => o.kind === 'Application');
  expect(apps.every((a) => a.spec.destination.server === 'https://kubernetes.default.svc')).toBe(true);
  expect(apps.filter((a) => a.metadata.name !== 'root').every((a) => a.spec.syncPolicy.retry.limit === 10)).toBe(true);
});
