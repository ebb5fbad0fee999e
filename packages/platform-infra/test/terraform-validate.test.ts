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
  const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_PLUGIN_CACHE_DIR: path.join(work, 'plugin-cache'), TF_IN_AUTOMATION: '1' };
  fs.mkdirSync(env.TF_PLUGIN_CACHE_DIR);
  const stacks = out.allStacks().filter((s) => !s.json.provider?.helm);

  async function validate(name: string, json: Record<string, any>): Promise<any> {
    const dir = path.join(work, name);
    fs.mkdirSync(dir);
    const copy = structuredClone(json);
    // The mirror's provider version; the schema differences between it and the bindings' version surface as errors.
    copy.terraform.required_providers.aws.version = mirrorVersion;
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(copy));
    await exec(terraform!, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env });
    const { stdout } = await exec(terraform!, ['validate', '-json', '-no-color'], { cwd: dir, env }).catch((e) => e);
    return JSON.parse(stdout);
  }

  const results = new Map<string, Promise<any>>();
  beforeAll(async () => {
    // Two at a time: CI has two cores, and the first init fills the plugin cache for the others.
    const queue = [...stacks];
    const first = queue.shift()!;
    results.set(first.name, validate(first.name, first.json));
    await results.get(first.name);
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
});
