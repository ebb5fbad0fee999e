import { resolvePlatform, secretReaders, validatePlatform, type PlatformConfig, type ServiceConfig } from '@paved/shared-config';
import example from '../../../platform.config';
import { renderGitops, toYaml, validateRendered } from '../src';

const NODE: ServiceConfig = {
  name: 'node',
  team: 'chain',
  chart: {
    repoUrl: 'oci://ghcr.io/vendor/charts',
    name: 'chain-node',
    version: '4.2.0',
    values: { persistence: { size: '300Gi' }, service: { port: 8545 } },
    credentialsSecret: 'charts/vendor',
  },
};
const EXPLORER: ServiceConfig = { name: 'explorer', chart: { repoUrl: 'https://charts.example.com/stable', name: 'explorer', version: '1.0.3' } };
const config: PlatformConfig = { ...example, services: [...(example.services ?? []), NODE, EXPLORER] };
const platform = resolvePlatform(config);
const files = renderGitops(platform);
const docs = (path: string) => files.filter((f) => f.path === path).flatMap((f) => f.documents) as any[];

describe('third-party Helm charts as catalog entries', () => {
  test('the config is valid', () => {
    expect(validatePlatform(config, { today: '2026-12-03' }).errors).toEqual([]);
  });

  test('GIVEN a chart entry THEN an Application with the exact version, valuesObject, its namespace and its own project', () => {
    const [project, app] = docs('prod/apps/service-node.yaml');
    expect(app.kind).toBe('Application');
    expect(app.metadata).toMatchObject({ name: 'service-node', namespace: 'argocd' });
    expect(app.spec.project).toBe('chart-node');
    // Helm over OCI: Argo CD takes the registry without the oci:// scheme, and the chart by name.
    expect(app.spec.source).toEqual({
      repoURL: 'ghcr.io/vendor/charts',
      chart: 'chain-node',
      targetRevision: '4.2.0',
      helm: { releaseName: 'node', valuesObject: { persistence: { size: '300Gi' }, service: { port: 8545 } } },
    });
    expect(app.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'node' });
    expect(app.spec.syncPolicy.syncOptions).toContain('CreateNamespace=true');
    // A vendor chart may hold state: removing the entry must not cascade into its volumes (PAVED-ARGO-006).
    expect(app.metadata.finalizers).toBeUndefined();
    expect(app.spec.syncPolicy.managedNamespaceMetadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');

    expect(project.kind).toBe('AppProject');
    expect(project.metadata.name).toBe('chart-node');
    expect(project.spec.sourceRepos).toEqual(['ghcr.io/vendor/charts']);
    expect(project.spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'node' }]);
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
  });

  test('a classic https repository is passed as written; no valuesObject without values', () => {
    const [project, app] = docs('dev/apps/service-explorer.yaml');
    expect(app.spec.source).toEqual({ repoURL: 'https://charts.example.com/stable', chart: 'explorer', targetRevision: '1.0.3', helm: { releaseName: 'explorer' } });
    expect(project.spec.sourceRepos).toEqual(['https://charts.example.com/stable']);
  });

  test('no Deployment, Service or service folder for chart entries; the services project does not list their sources', () => {
    expect(files.some((f) => f.path.startsWith('prod/services/node/') || f.path.startsWith('prod/services/explorer/'))).toBe(false);
    const services = docs('prod/apps/projects.yaml').find((p) => p.metadata.name === 'services');
    expect(services.spec.sourceRepos).toEqual([example.gitops.repoUrl]);
  });

  test('private registry credentials: an ExternalSecret writing an Argo CD repository Secret, no secret value in Git', () => {
    const manifests = docs('prod/platform/chart-repositories/manifests.yaml');
    expect(manifests.map((d) => `${d.kind} ${d.metadata.namespace}/${d.metadata.name}`)).toEqual([
      'SecretStore argocd/aws-secrets-manager',
      'ExternalSecret argocd/repository-node',
    ]);
    const secret = manifests[1];
    expect(secret.spec.target.template.metadata.labels['argocd.argoproj.io/secret-type']).toBe('repository');
    expect(secret.spec.target.template.data).toEqual({
      name: 'node',
      type: 'helm',
      url: 'ghcr.io/vendor/charts',
      enableOCI: 'true',
      username: '{{ .username }}',
      password: '{{ .password }}',
    });
    expect(secret.spec.data).toEqual([
      { secretKey: 'password', remoteRef: { key: 'northwind/prod/charts/vendor', property: 'password' } },
      { secretKey: 'username', remoteRef: { key: 'northwind/prod/charts/vendor', property: 'username' } },
    ]);
    const app = docs('prod/apps/platform-chart-repositories.yaml')[0];
    expect(app.spec.source.path).toMatch(/platform\/chart-repositories$/);
    // The argocd namespace's reader role may read exactly that secret.
    const prod = platform.environments.find((e) => e.name === 'prod')!;
    expect(secretReaders(platform, prod).find((r) => r.namespace === 'argocd')?.secrets).toEqual(['northwind/prod/charts/vendor']);
    expect(toYaml(manifests)).not.toMatch(/password:\s+(?!"\{\{ \.password \}\}")\S/);
  });

  test('without charts, nothing chart-related is rendered', () => {
    const plain = renderGitops(resolvePlatform(example));
    expect(plain.some((f) => f.path.includes('chart-repositories'))).toBe(false);
  });

  test('every rendered document is schema-valid', () => {
    expect(validateRendered(files, platform.gitops.path)).toEqual([]);
  });
});
