import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { argoCdBootstrap, resolvePlatform, validatePlatform, type PlatformConfig, type ResolvedPlatform } from '@paved/shared-config';
import { parse } from 'yaml';
import { synthesizeInfrastructure } from '../src';
import { example } from './support/synthesized';
import { APPLICATION_HEALTH_LUA } from '../src/constructs/platform/argocd-values';

/**
 * Hostile strings through the `<env>-platform` stack, evaluated by real Terraform: every user string must come out of
 * `helm_release.values` (and the provider blocks) exactly as it went in, and nothing may be evaluated on the way.
 *
 * The test copies the stack, swaps each resource and provider of a provider that is not available offline for a
 * `terraform_data` resource whose `input` holds the original arguments, points the cross-stack remote states at a
 * local state file with made-up outputs, applies, and reads the evaluated arguments back. Terraform's built-in
 * provider is all it needs, so it runs wherever a terraform binary is on PATH.
 */
const exec = promisify(execFile);

function which(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}
const terraform = which('terraform');
if (!terraform) console.warn('hostile values through terraform skipped: no terraform binary on PATH');

const INJECTION = '${file("/etc/passwd")}';
/** Passes the repoUrl pattern (no whitespace): quotes, backslashes, template and Go-template syntax, stray dollars. */
const HOSTILE_REPO_URL = `https://git.example.com/a"b\\c/${INJECTION}%{if(true)}x%{endif}$\${y}%%{z}{{lookup"v1""Secret""""x"}}$`;
/** Past validation (built into the resolved platform directly): newlines, spaces, directives. */
const HOSTILE_BRANCH = `main"\n${INJECTION}\n%{ if true }yes%{ endif }\\n{{ .Values }}`;
const HOSTILE_PATH = `env "quoted" ${INJECTION} %{ for x in [1] }x%{ endfor } \\`;
const HOSTILE_DOMAIN = `dev.northwind.dev"\n${INJECTION}`;
/** What the made-up cross-stack outputs hold: YAML and JSON syntax a bare interpolation would break on. */
const fakeOutput = (name: string) =>
  name.includes('certificate_authority') ? Buffer.from(`${name}: "q"`).toString('base64') : `${name}: "q" \\ # {{x}}`;

const config: PlatformConfig = {
  ...example,
  gitops: { ...example.gitops, repoUrl: HOSTILE_REPO_URL, credentialsSecret: 'northwind/gitops-repository' },
};

function hostilePlatform(): ResolvedPlatform {
  const resolved = resolvePlatform(config);
  return {
    ...resolved,
    gitops: { ...resolved.gitops, branch: HOSTILE_BRANCH, path: HOSTILE_PATH },
    environments: resolved.environments.map((env) => (env.name === 'dev' ? { ...env, domain: HOSTILE_DOMAIN } : env)),
  };
}

/** What Helm's `tpl` makes of the escaped `{{` in extraObjects: the only action Paved writes is {{`{{`}}. */
function helmTpl<T>(value: T): T {
  if (typeof value === 'string') {
    const withoutEscapes = value.split('{{`{{`}}');
    if (withoutEscapes.some((piece) => piece.includes('{{'))) throw new Error(`an unescaped {{ reaches tpl: ${value}`);
    return withoutEscapes.join('{{') as T;
  }
  if (Array.isArray(value)) return value.map(helmTpl) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [helmTpl(k), helmTpl(v)])) as T;
  return value;
}

test('the hostile repoUrl passes config validation (the others are rejected there, and tested past it)', () => {
  expect(validatePlatform(config).errors).toEqual([]);
  const rejected = validatePlatform({ ...config, gitops: { ...config.gitops, branch: HOSTILE_BRANCH, path: HOSTILE_PATH } });
  expect(rejected.errors.map((e) => e.path).sort()).toEqual(['gitops.branch', 'gitops.path']);
});

(terraform ? describe : describe.skip)('hostile values through terraform', () => {
  const platform = hostilePlatform();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-hostile-'));
  let outputs: Record<string, any>;
  let stackText: string;

  beforeAll(async () => {
    const outdir = path.join(work, 'out');
    synthesizeInfrastructure(platform, { outdir, environments: ['dev'] });
    stackText = fs.readFileSync(path.join(outdir, 'stacks', 'dev-platform', 'cdk.tf.json'), 'utf8');
    const stack = JSON.parse(stackText);

    // Made-up outputs of the producing stacks, in a local state file the remote states read.
    const outputNames = new Set([...stackText.matchAll(/data\.terraform_remote_state\.[\w-]+\.outputs\.([\w-]+)/g)].map((m) => m[1]));
    const statePath = path.join(work, 'remote.tfstate');
    fs.writeFileSync(statePath, JSON.stringify({
      version: 4,
      terraform_version: '1.11.0',
      serial: 1,
      lineage: 'paved-test',
      resources: [],
      outputs: Object.fromEntries([...outputNames].map((n) => [n, { value: fakeOutput(n), type: 'string' }])),
    }));
    for (const remote of Object.values<any>(stack.data.terraform_remote_state)) {
      remote.backend = 'local';
      remote.config = { path: statePath };
    }

    // Only what evaluates offline: the helm release, the provider blocks and the repository local become
    // terraform_data inputs; the Secrets Manager reads and the Kubernetes secret (tested elsewhere) are dropped.
    const release = stack.resource.helm_release.argocd;
    delete release['//'];
    const copy = {
      terraform: { required_version: stack.terraform.required_version },
      data: { terraform_remote_state: stack.data.terraform_remote_state },
      locals: stack.locals,
      resource: {
        terraform_data: {
          argocd: { input: release },
          helm_provider: { input: stack.provider.helm[0] },
          kubernetes_provider: { input: stack.provider.kubernetes[0] },
        },
      },
      output: {
        release: { value: '${terraform_data.argocd.output}' },
        helm_provider: { value: '${terraform_data.helm_provider.output}' },
        kubernetes_provider: { value: '${terraform_data.kubernetes_provider.output}' },
        locals: { value: Object.fromEntries(Object.keys(stack.locals).map((name) => [name, `\${local.${name}}`])) },
      },
    };
    const dir = path.join(work, 'tf');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(copy, null, 1));
    const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: path.join(work, 'none.tfrc') };
    fs.writeFileSync(env.TF_CLI_CONFIG_FILE, '');
    await exec(terraform!, ['init', '-input=false', '-no-color'], { cwd: dir, env });
    await exec(terraform!, ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: dir, env });
    const { stdout } = await exec(terraform!, ['output', '-json', '-no-color'], { cwd: dir, env });
    outputs = Object.fromEntries(Object.entries<any>(JSON.parse(stdout)).map(([k, v]) => [k, v.value]));
  }, 120_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  const values = () => parse(outputs.release.values[0], { version: '1.1' }) as Record<string, any>;
  const extraObjects = () => helmTpl(values().extraObjects as any[]);

  test('nothing was evaluated: no file contents anywhere', () => {
    const passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0];
    expect(JSON.stringify(outputs)).not.toContain(passwd);
  });

  test('the cluster Secret carries every user string verbatim', () => {
    const secret = extraObjects()[0];
    expect(secret.metadata.annotations).toMatchObject({
      gitops_repo_url: HOSTILE_REPO_URL,
      gitops_repo_revision: HOSTILE_BRANCH,
      gitops_repo_path: `${HOSTILE_PATH}/dev`,
      environment_domain: HOSTILE_DOMAIN,
    });
  });

  test('cross-stack values arrive verbatim, whatever YAML syntax they hold', () => {
    const annotations = extraObjects()[0].metadata.annotations;
    expect(annotations.aws_cluster_name).toBe(fakeOutput('cross-stack-output-aws_eks_clustereks_cluster_55B0C966name'));
    for (const key of ['aws_vpc_id', 'hosted_zone_id', 'velero_bucket', 'loki_bucket', 'cert_manager_iam_role_arn']) {
      expect(annotations[key]).toMatch(/^cross-stack-output-[\w-]+: "q" \\ # \{\{x\}\}$/);
    }
  });

  test("Paved's own strings survive: the Lua health check and the cluster config JSON", () => {
    expect(values().configs.cm['resource.customizations.health.argoproj.io_Application']).toBe(APPLICATION_HEALTH_LUA);
    expect(extraObjects()[0].stringData.config).toBe('{"tlsClientConfig":{"insecure":false}}');
    expect(values().global.domain).toBe(`argocd.${HOSTILE_DOMAIN}`);
  });

  test('the bootstrap objects Helm installs equal what gitops-apps renders, hostile strings included', () => {
    const env = platform.environments.find((e) => e.name === 'dev')!;
    const bootstrap = argoCdBootstrap(platform, env);
    expect(extraObjects().slice(1)).toEqual([bootstrap.project, bootstrap.root]);
    expect(bootstrap.root.spec.source.repoURL).toBe(HOSTILE_REPO_URL);
  });

  test('the provider blocks and the repository fields keep their strings', () => {
    const args = outputs.helm_provider.kubernetes.exec.args;
    expect(args.slice(0, 3)).toEqual(['eks', 'get-token', '--cluster-name']);
    expect(args[3]).toBe(fakeOutput('cross-stack-output-aws_eks_clustereks_cluster_55B0C966name'));
    expect(outputs.kubernetes_provider.exec.args).toEqual(args);
    expect(Object.values(outputs.locals)).toEqual([{ url: HOSTILE_REPO_URL, type: 'git' }]);
  });
});
