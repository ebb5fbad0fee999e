import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { argoCdBootstrap, ARGOCD_CHART, resolvePlatform } from '@paved/shared-config';
import { parse } from 'yaml';
import { example, synthesize } from './support/synthesized';
import { APPLICATION_HEALTH_LUA } from '../src/constructs/platform/argocd-values';
import { KUBERNETES_PROVIDER_VERSION, REPOSITORY_CREDENTIAL_KEYS } from '../src/constructs/platform/gitops-repository-credentials';

/** The `<env>-platform` stack: ArgoCD's values as YAML text, the bootstrap objects, the repository credentials. */
const exec = promisify(execFile);
const platform = resolvePlatform(example);
const dev = platform.environments.find((e) => e.name === 'dev')!;

describe('values of the argo-cd release', () => {
  const out = synthesize(example, ['dev']);
  const stack = out.stack('dev-platform').json;
  const release = stack.resource.helm_release.argocd;
  const text: string = release.values[0];
  const values = parse(text, { version: '1.1' });

  test('one YAML text, no HCL expression around it', () => {
    expect(release.values).toHaveLength(1);
    expect(text).not.toMatch(/yamlencode/);
    expect(release).toMatchObject({ chart: ARGOCD_CHART.chart, version: ARGOCD_CHART.version, namespace: 'argocd' });
  });

  test('chart settings, exactly', () => {
    expect(values).toMatchObject({
      'global': { domain: 'argocd.dev.northwind.dev' },
      'configs': {
        cm: { 'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH_LUA, 'admin.enabled': true, 'exec.enabled': false },
        params: { 'server.insecure': false },
      },
      'controller': { replicas: 1 },
      'server': { replicas: 1, ingress: { enabled: false } },
      'repoServer': { replicas: 1 },
      'applicationSet': { replicas: 1 },
      'redis-ha': { enabled: false },
      'dex': { enabled: false },
    });
  });

  test('extraObjects: the bridge cluster Secret, then the bootstrap project and root Application', () => {
    const [secret, project, root] = values.extraObjects;
    expect(values.extraObjects).toHaveLength(3);
    expect(secret.metadata.name).toBe('northwind-dev-cluster');
    expect(secret.stringData).toEqual({ name: 'northwind-dev-eks', server: 'https://kubernetes.default.svc', config: '{"tlsClientConfig":{"insecure":false}}' });
    expect(secret.metadata.annotations.aws_cluster_name).toMatch(
      /^\$\{jsonencode\(replace\(data\.terraform_remote_state\.cross-stack-reference-input-dev-cluster\.outputs\.[\w-]+name, "\{\{", "\{\{`\{\{`\}\}"\)\)\}$/,
    );
    const bootstrap = argoCdBootstrap(platform, dev);
    expect(project).toEqual(bootstrap.project);
    expect(root).toEqual(bootstrap.root);
  });

  test('the bootstrap project is narrow: the GitOps repository, the argocd namespace, ArgoCD kinds only', () => {
    const { project, root } = argoCdBootstrap(platform, dev);
    expect(project.spec).toEqual({
      description: "Bootstrap of dev: the root Application syncs ArgoCD's own objects from the GitOps repository",
      sourceRepos: ['https://github.com/northwind/platform-gitops.git'],
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'argocd' }],
      namespaceResourceWhitelist: [
        { group: 'argoproj.io', kind: 'AppProject' },
        { group: 'argoproj.io', kind: 'Application' },
        { group: 'argoproj.io', kind: 'ApplicationSet' },
      ],
    });
    expect(project.spec).not.toHaveProperty('clusterResourceWhitelist');
    expect(root.spec).toMatchObject({
      project: 'bootstrap',
      source: { repoURL: 'https://github.com/northwind/platform-gitops.git', targetRevision: 'gitops', path: 'environments/dev/apps' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'argocd' },
    });
  });

  test('no repository credentials unless the config names a secret', () => {
    expect(stack.provider.kubernetes).toBeUndefined();
    expect(stack.ephemeral).toBeUndefined();
    expect(stack.resource.kubernetes_secret_v1).toBeUndefined();
  });
});

describe('repository credentials from Secrets Manager', () => {
  const SECRET = 'northwind/gitops-repository';
  const out = synthesize({ ...example, gitops: { ...example.gitops, credentialsSecret: SECRET } }, ['dev']);
  const text = fs.readFileSync(path.join(out.outdir, 'stacks', 'dev-platform', 'cdk.tf.json'), 'utf8');
  const stack = JSON.parse(text);
  const [secret] = Object.values<any>(stack.resource.kubernetes_secret_v1);
  const versions = Object.keys(stack.data.aws_secretsmanager_secret_versions);
  const [fields] = Object.keys(stack.locals);

  test('an ephemeral read and a write-only Secret: the value has no attribute that state would keep', () => {
    expect(stack.ephemeral).toEqual({ aws_secretsmanager_secret_version: { gitops_repository_credentials: { secret_id: SECRET } } });
    expect(stack.data.aws_secretsmanager_secret_version).toBeUndefined();
    expect(secret).not.toHaveProperty('data');
    expect(secret).not.toHaveProperty('binary_data');
    expect(secret.data_wo).toBe(
      `\${merge(local.${fields}, {for k, v in jsondecode(ephemeral.aws_secretsmanager_secret_version.gitops_repository_credentials.secret_string) : k => tostring(v) if contains(${JSON.stringify(REPOSITORY_CREDENTIAL_KEYS)}, k)})}`,
    );
    // The secret string is read in exactly one place: the write-only argument.
    expect(text.split('.secret_string').length - 1).toBe(1);
    expect(secret.data_wo_revision).toBe(
      `\${parseint(formatdate("YYYYMMDDhhmmss", one([for v in data.aws_secretsmanager_secret_versions.${versions[0]}.versions : v.created_time if contains(v.version_stages, "AWSCURRENT")])), 10)}`,
    );
  });

  test('an ArgoCD repository Secret for the GitOps URL, after ArgoCD is installed', () => {
    expect(secret.metadata).toEqual({
      name: 'northwind-dev-gitops-repository',
      namespace: 'argocd',
      labels: {
        'app.kubernetes.io/part-of': 'northwind',
        'app.kubernetes.io/managed-by': 'paved',
        'paved.dev/environment': 'dev',
        'argocd.argoproj.io/secret-type': 'repository',
      },
    });
    expect(stack.locals[fields]).toEqual({ url: 'https://github.com/northwind/platform-gitops.git', type: 'git' });
    expect(secret.depends_on).toEqual(['${helm_release.argocd}']);
    expect(secret.provider).toBe('kubernetes');
  });

  test('the kubernetes provider authenticates like the helm provider, pinned, on Terraform >= 1.11', () => {
    expect(stack.provider.kubernetes[0]).toEqual(stack.provider.helm[0].kubernetes);
    expect(stack.terraform.required_providers.kubernetes).toEqual({ source: 'hashicorp/kubernetes', version: KUBERNETES_PROVIDER_VERSION });
    expect(stack.terraform.required_version).toBe('>= 1.11');
  });

  const terraform = (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'terraform')).find((p) => fs.existsSync(p));
  (terraform ? test : test.skip)('the data_wo and revision expressions compute the repository Secret (terraform console)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-repo-secret-'));
    const secretJson = JSON.stringify({ sshPrivateKey: 'KEY', githubAppID: 42, unrelated: 'dropped' });
    const versionsList = [
      { created_time: '2026-05-21T14:30:05Z', version_stages: ['AWSCURRENT'] },
      { created_time: '2025-01-01T00:00:00Z', version_stages: ['AWSPREVIOUS'] },
    ];
    // The same expressions, with the ephemeral read and the data source replaced by locals.
    const dataWo = secret.data_wo.replace(/ephemeral\.aws_secretsmanager_secret_version\.\w+\.secret_string/, 'local.secret_string');
    const revision = secret.data_wo_revision.replace(/data\.aws_secretsmanager_secret_versions\.[\w-]+\.versions/, 'local.versions');
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({
      locals: { ...stack.locals, secret_string: secretJson, versions: versionsList },
      output: { data_wo: { value: dataWo }, revision: { value: revision } },
    }));
    const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: path.join(dir, 'none.tfrc') };
    fs.writeFileSync(env.TF_CLI_CONFIG_FILE, '');
    await exec(terraform!, ['init', '-input=false', '-no-color'], { cwd: dir, env });
    await exec(terraform!, ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: dir, env });
    const { stdout } = await exec(terraform!, ['output', '-json'], { cwd: dir, env });
    const result = JSON.parse(stdout);
    expect(result.data_wo.value).toEqual({ url: 'https://github.com/northwind/platform-gitops.git', type: 'git', sshPrivateKey: 'KEY', githubAppID: '42' });
    expect(result.revision.value).toBe(20260521143005);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
