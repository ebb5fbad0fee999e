import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { synthesize } from './support/synthesized';

/**
 * `terraform validate` catches what the bindings' types cannot (conflicting arguments, bad enum values, unknown
 * attributes). It needs a terraform binary and a local AWS provider mirror; where either is missing (a user's fresh
 * machine) the test says so and skips. The mirror holds only the AWS provider, so stacks using helm are left out.
 */
const exec = promisify(execFile);
const MIRROR = process.env.PAVED_TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';
const MIRROR_AWS = path.join(MIRROR, 'registry.terraform.io', 'hashicorp', 'aws');

function which(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

const terraform = which('terraform');
const mirrorVersion = fs.existsSync(MIRROR_AWS) ? fs.readdirSync(MIRROR_AWS).sort().pop() : undefined;
const available = Boolean(terraform && mirrorVersion);
if (!available) {
  console.warn(`terraform validate skipped: ${terraform ? `no AWS provider mirror at ${MIRROR}` : 'no terraform binary on PATH'}`);
}

(available ? describe : describe.skip)('terraform validate', () => {
  const out = synthesize();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-tf-validate-'));
  const cliConfig = path.join(work, 'terraformrc');
  fs.writeFileSync(
    cliConfig,
    [
      'provider_installation {',
      `  filesystem_mirror {\n    path    = ${JSON.stringify(MIRROR)}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }`,
      '  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }',
      '}',
      '',
    ].join('\n'),
  );
  const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1' };
  const stacks = out.allStacks().filter((s) => !s.json.provider?.helm);
  // One `terraform init` for all stacks: they need the same single provider, and concurrent inits sharing a plugin
  // cache are not safe. Each stack directory links the initialized `.terraform` and copies the lock file.
  const template = path.join(work, 'provider-template');

  async function validate(name: string, json: Record<string, any>): Promise<any> {
    const dir = path.join(work, name);
    fs.mkdirSync(dir);
    const copy = structuredClone(json);
    // The mirror's provider version; schema differences between it and the bindings' version surface as errors.
    copy.terraform.required_providers.aws.version = mirrorVersion;
    delete copy.terraform.backend;
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(copy));
    fs.symlinkSync(path.join(template, '.terraform'), path.join(dir, '.terraform'));
    fs.copyFileSync(path.join(template, '.terraform.lock.hcl'), path.join(dir, '.terraform.lock.hcl'));
    const { stdout } = await exec(terraform!, ['validate', '-json', '-no-color'], { cwd: dir, env }).catch((e) => e);
    return JSON.parse(stdout);
  }

  const results = new Map<string, Promise<any>>();
  beforeAll(async () => {
    fs.mkdirSync(template);
    const providerOnly = { terraform: { required_providers: { aws: { source: 'aws', version: mirrorVersion } } } };
    fs.writeFileSync(path.join(template, 'main.tf.json'), JSON.stringify(providerOnly));
    await exec(terraform!, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: template, env });
    const queue = [...stacks];
    // Two at a time: CI has two cores.
    const worker = async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const p = validate(s.name, s.json);
        results.set(s.name, p);
        await p.catch(() => undefined);
      }
    };
    await Promise.all([worker(), worker()]);
  }, 240_000);

  test('covers every stack without helm', () => {
    expect(stacks.map((s) => s.name)).toEqual(out.stacks.map((s) => s.name).filter((n) => !n.endsWith('-platform')));
  });

  test.each(stacks.map((s) => [s.name]))('%s', async (name) => {
    const result = await results.get(name)!;
    expect(result.diagnostics.map((d: any) => `${d.severity}: ${d.summary} ${d.address ?? ''} ${d.detail ?? ''}`)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test('a deliberately broken stack fails', async () => {
    const broken = structuredClone(out.stack('dev-network').json);
    const vpc = Object.values<any>(broken.resource.aws_vpc)[0];
    vpc.no_such_argument = true;
    const result = await validate('broken-dev-network', broken);
    expect(result.valid).toBe(false);
    expect(result.diagnostics.map((d: any) => d.summary)).toContain('Extraneous JSON object property');
  }, 60_000);
});
