import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { PlatformConfig, SsoConfig } from '@paved/shared-config';
import { parse } from 'yaml';
import { example, synthesize } from './support/synthesized';
import { offlineCopy } from './support/terraform-copy';

/** The `<env>-platform` stack with the platform's `sso`: Argo CD signs in with the provider, no secret in the values. */
const exec = promisify(execFile);
const GOOGLE: SsoConfig = { provider: 'google', clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'sso/google', allowedDomains: ['northwind.dev'] };
// An issuer no validation would let through unchanged, to prove the values stay one escaped template.
const HOSTILE_OIDC: SsoConfig = {
  provider: 'oidc',
  issuerUrl: 'https://login.northwind.dev/realms/a"${b}%{c}{{d}}',
  clientId: 'platform',
  clientSecret: 'sso/oidc',
  allowedGroups: ['platform-team'],
};
const withSso = (sso: SsoConfig): PlatformConfig => ({ ...example, sso });

const synthesized: { outdir: string }[] = [];
afterAll(() => synthesized.forEach((out) => fs.rmSync(out.outdir, { recursive: true, force: true })));
const releaseOf = (config: PlatformConfig) => {
  const out = synthesize(config, ['dev']);
  synthesized.push(out);
  return out.stack('dev-platform').json;
};
/** The values as Helm receives them: Terraform renders the template's `$${` and `%%{` escapes as `${` and `%{`. */
const valuesOf = (stack: Record<string, any>) => {
  const template: string = stack.resource.helm_release.argocd.values[0];
  return parse(template.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'), { version: '1.1' });
};
const google = releaseOf(withSso(GOOGLE));
const oidc = releaseOf(withSso(HOSTILE_OIDC));

describe('argo-cd values with sso', () => {
  test('Google: Dex checks the Workspace domain; everyone it lets in reads; the client secret is a $secret:key reference', () => {
    const values = valuesOf(google);
    expect(values.configs.cm.url).toBe('https://argocd.dev.northwind.dev');
    expect(parse(values.configs.cm['dex.config'])).toEqual({
      connectors: [{
        type: 'google',
        id: 'google',
        name: 'Google',
        config: {
          clientID: GOOGLE.clientId,
          clientSecret: '$argocd-sso:client-secret',
          redirectURI: 'https://argocd.dev.northwind.dev/api/dex/callback',
          hostedDomains: ['northwind.dev'],
        },
      }],
    });
    expect(values.configs.rbac).toEqual({ 'policy.default': 'role:readonly', 'policy.csv': '', 'scopes': '[groups, email]' });
    expect(values.dex).toEqual({ enabled: true });
    expect(values.configs.cm['oidc.config']).toBeUndefined();
  });

  test('OIDC: Argo CD\'s own client; no default role, the allowed groups read', () => {
    const values = valuesOf(oidc);
    expect(parse(values.configs.cm['oidc.config'])).toEqual({
      name: 'SSO',
      issuer: HOSTILE_OIDC.issuerUrl,
      clientID: 'platform',
      clientSecret: '$argocd-sso:client-secret',
      requestedScopes: ['openid', 'profile', 'email', 'groups'],
    });
    expect(values.configs.rbac).toMatchObject({ 'policy.default': '', 'policy.csv': 'g, platform-team, role:readonly\n' });
    expect(values.dex).toEqual({ enabled: false });
  });

  test('without sso the values are those of today', () => {
    const values = valuesOf(releaseOf(example));
    expect(values.configs.cm.url).toBeUndefined();
    expect(values.configs.rbac).toBeUndefined();
    expect(values.dex).toEqual({ enabled: false });
  });
});

const MIRROR = process.env.PAVED_TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';
const AWS_SOURCE = 'registry.terraform.io/hashicorp/aws';
const terraform = (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'terraform')).find((p) => fs.existsSync(p));
const MIRROR_AWS = path.join(MIRROR, AWS_SOURCE);
const byVersion = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });
const mirrored = fs.existsSync(MIRROR_AWS) ? fs.readdirSync(MIRROR_AWS).sort(byVersion).pop() : undefined;

// The same offline check as terraform-validate.test.ts (helm_release swapped for a terraform_data holding its
// arguments), for the two stacks above: the values text must stay one valid template whatever the issuer holds.
(terraform && mirrored ? test : test.skip)(`terraform validate of the sso platform stacks${terraform && mirrored ? '' : ' (skipped: no terraform or no AWS provider mirror)'}`, async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-argocd-sso-'));
  try {
    const rc = path.join(work, 'terraformrc');
    fs.writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(MIRROR)}\n    include = ["${AWS_SOURCE}"]\n  }\n  direct {\n    exclude = ["${AWS_SOURCE}"]\n  }\n}\n`);
    const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
    const modules: Record<string, { source: string }> = {};
    for (const [name, stack] of [['google', google], ['oidc', oidc]] as const) {
      const copy = offlineCopy(stack, { mirrored: { [AWS_SOURCE]: mirrored! } }).json;
      delete copy.terraform?.backend;
      fs.mkdirSync(path.join(work, name));
      fs.writeFileSync(path.join(work, name, 'cdk.tf.json'), JSON.stringify(copy));
      modules[name] = { source: `./${name}` };
    }
    fs.writeFileSync(path.join(work, 'main.tf.json'), JSON.stringify({ module: modules, terraform: { required_providers: { aws: { source: 'aws', version: mirrored } } } }));
    await exec(terraform!, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: work, env });
    const { stdout } = await exec(terraform!, ['validate', '-json', '-no-color'], { cwd: work, env }).catch((e) => e);
    const result = JSON.parse(stdout);
    expect(result.diagnostics.filter((d: any) => d.severity === 'error')).toEqual([]);
    expect(result.valid).toBe(true);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}, 120_000);
