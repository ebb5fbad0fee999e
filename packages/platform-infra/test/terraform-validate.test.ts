import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import type { PlatformConfig } from '@paved/shared-config';
import { EKS_CAPABILITY_PROVIDER_VERSION } from '@paved/shared-config';
import { capabilityExample } from './support/argocd-capability-example';
import { autoModeExample } from './support/auto-mode-example';
import { awsResourcesExample, declaredResourcesExample, GOOGLE, HOSTILE_OIDC, KAFKA_ENVIRONMENTS, kafkaExample, SSO_ENVIRONMENTS, withSso } from './support/feature-examples';
import { example, synthesize, type Synthesized } from './support/synthesized';
import { offlineCopy } from './support/terraform-copy';
import apiSpaHelm from '../../../examples/api-spa-helm/platform.config';
import communityHealth from '../../../examples/community-health-api-gateway/platform.config';
import eventDrivenChain from '../../../examples/event-driven-chain/platform.config';
import fastapiReact from '../../../examples/fastapi-react/platform.config';
import stages from '../../../examples/stages/platform.config';

/**
 * `terraform validate` of every synthesized stack, of the root example and of every example under examples/: it catches what the bindings' types cannot (invalid HCL inside
 * an expression, conflicting arguments, bad enum values, unknown attributes). It needs a terraform binary and a local AWS provider mirror; where either is missing (a user's fresh
 * machine) every test here is reported as skipped, with the reason in its name.
 *
 * The mirror holds only the AWS provider. In the copy that is validated, each resource of another provider (the
 * `<env>-platform` stacks' helm_release) becomes a `terraform_data` holding its arguments (support/terraform-copy.ts),
 * so every expression of every stack is still parsed and type-checked; no stack is left out.
 *
 * Planted bugs this catches: unescaped quotes in the ArgoCD values (`Missing attribute separator` in every
 * `<env>-platform` stack, issue 12); an argument the AWS provider does not know.
 */
const exec = promisify(execFile);
const MIRROR = process.env.PAVED_TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';
const AWS_SOURCE = 'registry.terraform.io/hashicorp/aws';
const MIRROR_AWS = path.join(MIRROR, AWS_SOURCE);

function which(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

const byVersion = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

const CAPABILITY_LABEL = 'platform.config.ts with gitops.argocd eks-capability';
const CONFIGS: readonly (readonly [string, PlatformConfig, (readonly string[])?])[] = [
  ['platform.config.ts', example],
  [CAPABILITY_LABEL, capabilityExample],
  ["platform.config.ts with cluster.compute 'auto-mode'", autoModeExample],
  ['examples/community-health-api-gateway', communityHealth],
  ['examples/api-spa-helm', apiSpaHelm],
  ['examples/fastapi-react', fastapiReact],
  ['examples/event-driven-chain', eventDrivenChain],
  ['examples/stages', stages],
  // The feature variants of kafka.test.ts, argocd-sso.test.ts and service-resources-roles.test.ts, over the
  // environments those files synthesize: their stacks join this file's validate instead of a terraform init and
  // validate (a provider schema load) in each file.
  ['platform.config.ts with data.kafka (kafka.test.ts)', kafkaExample, KAFKA_ENVIRONMENTS],
  ['platform.config.ts with sso google (argocd-sso.test.ts)', withSso(GOOGLE), SSO_ENVIRONMENTS],
  ['platform.config.ts with sso oidc and a hostile issuer (argocd-sso.test.ts)', withSso(HOSTILE_OIDC), SSO_ENVIRONMENTS],
  ['platform.config.ts with awsResources (service-resources-roles.test.ts)', awsResourcesExample],
  ['platform.config.ts with declared awsResources (service-resources-declared-arns.test.ts)', declaredResourcesExample],
];
/**
 * Variants of the root example: only their stacks that differ from the example's are validated (a byte-identical
 * stack was validated already, and skipping it keeps this file's runtime down). Each names the stacks its feature is
 * about, which must differ and so be validated; the stacks left out are compared with the example's in a test.
 */
const VARIANTS: ReadonlyMap<string, readonly string[]> = new Map([
  [CAPABILITY_LABEL, ['dev-platform', 'staging-platform', 'prod-platform']],
  ['platform.config.ts with data.kafka (kafka.test.ts)', ['dev-data', 'prod-data']],
  ['platform.config.ts with sso google (argocd-sso.test.ts)', ['dev-platform']],
  ['platform.config.ts with sso oidc and a hostile issuer (argocd-sso.test.ts)', ['dev-platform']],
  ['platform.config.ts with awsResources (service-resources-roles.test.ts)', ['bootstrap', 'bootstrap-210987654321']],
  ['platform.config.ts with declared awsResources (service-resources-declared-arns.test.ts)', ['bootstrap', 'bootstrap-210987654321']],
]);
// Synthesized up front: the test names list every stack, also when the tests are skipped.
const outputs: readonly (readonly [string, Synthesized])[] =
  CONFIGS.map(([label, config, environments]) => [label, synthesize(config, environments)]);
const exampleStack = (name: string) => outputs[0][1].stacks.some((st) => st.name === name) ? outputs[0][1].stack(name).json : undefined;
const sameAsExample = (label: string, s: { name: string; json: unknown }) =>
  VARIANTS.has(label) && isDeepStrictEqual(s.json, exampleStack(s.name));
const leftOut = (label: string, s: { name: string; json: unknown }) => sameAsExample(label, s);
const stacks = outputs.flatMap(([label, out], index) =>
  out.allStacks().filter((s) => !leftOut(label, s)).map((s) => ({ config: label, key: `${label}: ${s.name}`, module: `c${index}-${s.name}`, ...s })));

const terraform = which('terraform');
const mirrorVersions = fs.existsSync(MIRROR_AWS) ? fs.readdirSync(MIRROR_AWS).sort(byVersion) : [];
const pins = [...new Set(stacks.map((s) => s.json.terraform?.required_providers?.aws?.version).filter(Boolean))];
// The pinned version where the mirror has it; otherwise the mirror's newest, said plainly.
const pinned: string | undefined = pins.length === 1 ? pins[0] : undefined;
const version = pinned && mirrorVersions.includes(pinned) ? pinned : mirrorVersions[mirrorVersions.length - 1];
// Resource types the mirror's AWS provider predates: still checked as terraform_data (their expressions), never against
// the provider's schema; the test list says so (below) rather than leaving them out silently.
const unavailableTypes = version && byVersion(version, EKS_CAPABILITY_PROVIDER_VERSION) < 0 ? ['aws_eks_capability'] : [];
const skipReason = !terraform ? 'no terraform binary on PATH' : !version ? `no AWS provider in the mirror at ${MIRROR}` : undefined;

let title: string;
if (skipReason) {
  title = `terraform validate (skipped: ${skipReason})`;
  console.warn(`${title}: install terraform and an AWS provider filesystem mirror (PAVED_TF_PLUGIN_MIRROR) to run it`);
} else if (version !== pinned) {
  title = `terraform validate against AWS provider ${version} from the mirror, NOT the pinned ${pins.join(', ')}`;
  console.warn(`${title}: arguments added, changed or removed between ${version} and ${pins.join(', ')} are not checked against the pin`);
} else {
  title = `terraform validate against the pinned AWS provider ${version}`;
}

(skipReason ? describe.skip : describe)(title, () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-tf-validate-'));
  afterAll(() => [work, ...outputs.map(([, out]) => out.outdir)].forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const cliConfig = path.join(work, 'terraformrc');
  fs.writeFileSync(
    cliConfig,
    [
      'provider_installation {',
      `  filesystem_mirror {\n    path    = ${JSON.stringify(MIRROR)}\n    include = ["${AWS_SOURCE}"]\n  }`,
      `  direct {\n    exclude = ["${AWS_SOURCE}"]\n  }`,
      '}',
      '',
    ].join('\n'),
  );
  const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };

  /**
   * One AWS provider process for every `terraform validate` of this file. Terraform starts a provider process per
   * provider configuration (a stack has one per account it reaches), about 1.2 s of CPU each: most of this file's time
   * with ~90 stacks. The same binary from the mirror, started once in its debug mode, serves them all through
   * TF_REATTACH_PROVIDERS, and Terraform validates against it as against one it started. validate never configures a
   * provider (no credentials, nothing shared between configurations); the plan below starts its own, as usual.
   * Where the binary cannot be started so, each validate starts its providers itself (slower, the same checks).
   */
  let validateEnv: NodeJS.ProcessEnv = env;
  let stopProvider = () => undefined as void;
  afterAll(() => stopProvider());
  async function startProvider(): Promise<void> {
    const arch = process.arch === 'x64' ? 'amd64' : process.arch;
    const dir = path.join(MIRROR_AWS, version!, `${process.platform}_${arch}`);
    const binary = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.startsWith('terraform-provider-aws')) : undefined;
    if (!binary) return console.warn(`terraform validate: no provider binary under ${dir}; each validate starts its own providers`);
    const child = spawn(path.join(dir, binary), ['-debug'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const stop = () => void child.kill();
    process.once('exit', stop);
    child.stderr.resume();
    const reattach = await new Promise<string | undefined>((resolve) => {
      let out = '';
      const timer = setTimeout(() => resolve(undefined), 120_000);
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const found = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(out);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
      child.once('error', () => resolve(undefined));
      child.once('exit', () => resolve(undefined));
    });
    if (!reattach) {
      stop();
      return console.warn(`terraform validate: ${binary} -debug did not start; each validate starts its own providers`);
    }
    stopProvider = stop;
    validateEnv = { ...env, TF_REATTACH_PROVIDERS: reattach };
  }
  // One `terraform init` for all stacks: they need the same single provider, and concurrent inits sharing a plugin
  // cache are not safe. Each stack directory links the initialized `.terraform` and copies the lock file.
  const template = path.join(work, 'provider-template');
  let dirs = 0;

  function writeStack(json: Record<string, any>): string {
    const dir = path.join(work, `stack-${dirs++}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(json));
    fs.symlinkSync(path.join(template, '.terraform'), path.join(dir, '.terraform'));
    fs.copyFileSync(path.join(template, '.terraform.lock.hcl'), path.join(dir, '.terraform.lock.hcl'));
    return dir;
  }

  type Result = { valid: boolean; diagnostics: any[] };

  /** The offline copy of one stack (support/terraform-copy.ts), without its backend. */
  function copyOf(json: Record<string, any>): Record<string, any> {
    const copy = offlineCopy(json, { mirrored: { [AWS_SOURCE]: version! }, unavailableTypes }).json;
    delete copy.terraform?.backend;
    return copy;
  }

  async function validate(json: Record<string, any>): Promise<Result> {
    const dir = writeStack(copyOf(json));
    const { stdout } = await exec(terraform!, ['validate', '-json', '-no-color'], { cwd: dir, env: validateEnv, maxBuffer: 64 * 1024 * 1024 }).catch((e) => e);
    return JSON.parse(stdout);
  }

  /**
   * The given stacks in one `terraform validate`, each stack a child module named `name`: the AWS provider's schema
   * (most of a validate's 4 s) is loaded once for all of them instead of once per stack. A child module is checked like a root
   * module but for root-only blocks (`import`, the backend), which these stacks do not have. Diagnostics go to their
   * stack by file name. Terraform stops before type-checking when a file does not parse, which would leave the other
   * stacks unchecked: when the whole is invalid, each stack is validated on its own instead.
   */
  async function validateAll(own: readonly { name: string; json: Record<string, any> }[]): Promise<Map<string, Result>> {
    const dir = path.join(work, `config-${dirs++}`);
    fs.mkdirSync(dir);
    for (const s of own) {
      fs.mkdirSync(path.join(dir, s.name));
      fs.writeFileSync(path.join(dir, s.name, 'cdk.tf.json'), JSON.stringify(copyOf(s.json)));
    }
    const modules = Object.fromEntries(own.map((s) => [s.name, { source: `./${s.name}` }]));
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ module: modules, terraform: { required_providers: { aws: { source: 'aws', version } } } }));
    // Links the mirror's provider (an unpacked mirror is linked, not copied) and records the local modules.
    await exec(terraform!, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env });
    const { stdout } = await exec(terraform!, ['validate', '-json', '-no-color'], { cwd: dir, env: validateEnv, maxBuffer: 64 * 1024 * 1024 }).catch((e) => e);
    const whole: Result = JSON.parse(stdout);
    const results = new Map<string, Result>();
    if (!whole.valid) {
      for (const s of own) results.set(s.name, await validate(s.json));
      return results;
    }
    for (const s of own) results.set(s.name, { valid: true, diagnostics: [] });
    for (const d of whole.diagnostics) {
      const stack = d.range?.filename?.split('/')[0] ?? /^module\.([^.]+)\./.exec(d.address ?? '')?.[1];
      (results.get(stack) ?? results.get(own[0].name)!).diagnostics.push(d); // one no stack owns fails the first
    }
    return results;
  }

  const describeDiagnostic = (d: any) =>
    `${d.severity}: ${d.summary}${d.address ? ` (${d.address})` : ''}${d.range ? ` at ${d.range.filename}:${d.range.start.line}` : ''}: ${d.detail ?? ''}`;

  // Every terraform run of this file is a job, run in beforeAll two at a time (CI has two cores); tests read the
  // settled results.
  const jobs: (() => Promise<void>)[] = [];
  function job<T>(fn: () => Promise<T>): Promise<T> {
    let settle!: (run: Promise<T>) => void;
    const result = new Promise<T>((resolve) => (settle = resolve));
    jobs.push(() => {
      const run = fn();
      settle(run);
      return run.then(() => undefined, () => undefined);
    });
    return result;
  }

  const results = new Map<string, Result>();
  let seconds = 0;
  beforeAll(async () => {
    const started = Date.now();
    await startProvider();
    fs.mkdirSync(template);
    const providerOnly = { terraform: { required_providers: { aws: { source: 'aws', version } } } };
    fs.writeFileSync(path.join(template, 'main.tf.json'), JSON.stringify(providerOnly));
    await exec(terraform!, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: template, env });
    // Every stack of every config in two validates (one per worker), each stack a child module named after its
    // config and stack: two provider schema loads instead of one per config.
    const batches: (typeof stacks)[] = [[], []];
    const sizes = [0, 0];
    const bySize = stacks.map((st) => ({ st, size: JSON.stringify(st.json).length })).sort((a, b) => b.size - a.size);
    for (const { st, size } of bySize) {
      const smaller = sizes[0] <= sizes[1] ? 0 : 1;
      batches[smaller].push(st);
      sizes[smaller] += size;
    }
    const keyOf = new Map(stacks.map((st) => [st.module, st.key]));
    const validated = batches.filter((batch) => batch.length > 0).map((batch) => job(async () => {
      const own = batch.map((st) => ({ name: st.module, json: st.json }));
      for (const [module, result] of await validateAll(own)) results.set(keyOf.get(module)!, result);
    }));
    const worker = async () => {
      for (let next = jobs.shift(); next; next = jobs.shift()) await next();
    };
    await Promise.all([worker(), worker()]);
    await Promise.all(validated);
    seconds = (Date.now() - started) / 1000;
  }, 600_000);

  test.each([...VARIANTS].map(([label, featured]) => [label, featured]))('%s: the stacks of its feature (%j) are validated; its stacks left out equal the example ones', (label, featured) => {
    const variant = outputs.find(([l]) => l === label)![1];
    const validated = stacks.filter((st) => st.config === label).map((st) => st.name);
    expect(validated).toEqual(expect.arrayContaining(featured as string[]));
    if (label === CAPABILITY_LABEL) expect(validated).toEqual(expect.arrayContaining(variant.stacks.map((st) => st.name).filter((name) => name.endsWith('-platform'))));
    for (const st of variant.allStacks().filter((x) => !validated.includes(x.name))) expect(st.json).toEqual(exampleStack(st.name));
  });

  test('every stack of every config is validated, none excluded', () => {
    console.log(`terraform validate: ${stacks.length} stacks in ${seconds.toFixed(1)} s`);
    for (const [, out] of outputs) {
      const written = fs.readdirSync(path.join(out.outdir, 'stacks')).sort();
      expect(out.stacks.map((s) => s.name).sort()).toEqual(written);
    }
    expect([...results.keys()].sort()).toEqual(stacks.map((s) => s.key).sort());
    expect(stacks.filter((s) => s.name.endsWith('-platform')).length).toBeGreaterThanOrEqual(CONFIGS.length);
  });

  const capabilityStacks = stacks.filter((s) => s.json.resource?.aws_eks_capability);
  const schemaCheck = `aws_eks_capability of ${capabilityStacks.map((s) => s.key).join(', ')} against the AWS provider schema`;
  if (unavailableTypes.length > 0) {
    console.warn(`${schemaCheck}: NOT checked, the mirror's AWS provider ${version} predates ${EKS_CAPABILITY_PROVIDER_VERSION}; only its expressions are (as terraform_data)`);
    test.skip(`${schemaCheck} (skipped: the mirror's AWS provider ${version} predates ${EKS_CAPABILITY_PROVIDER_VERSION}, which added the resource; its expressions are checked as terraform_data)`, () => undefined);
  } else {
    test(schemaCheck, () => {
      expect(capabilityStacks.length).toBeGreaterThan(0);
      for (const s of capabilityStacks) expect(results.get(s.key)).toMatchObject({ valid: true, diagnostics: [] });
    });
  }

  test.each(stacks.map((s) => [s.key]))('%s', (key) => {
    const result = results.get(key)!;
    expect(result.diagnostics.map(describeDiagnostic)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  const brokenArgument = job(() => {
    const broken = structuredClone(outputs[0][1].stack('dev-network').json);
    const vpc = Object.values<any>(broken.resource.aws_vpc)[0];
    vpc.no_such_argument = true;
    return validate(broken);
  });
  test('a deliberately broken stack fails', async () => {
    const result = await brokenArgument;
    expect(result.valid).toBe(false);
    expect(result.diagnostics.map((d: any) => d.summary)).toContain('Extraneous JSON object property');
  }, 60_000);

  // Planted bug of issue 12: a quote left unescaped in an expression of the Helm values.
  // Validated together with a valid stack, as the stacks of a config are: the invalid file must not hide the other.
  const brokenValues = job(() => {
    const broken = structuredClone(outputs[0][1].stack('dev-platform').json);
    const release = Object.values<any>(broken.resource.helm_release)[0];
    release.values = ['${yamlencode({"health" = "hs.status = "Progressing""})}'];
    const other = structuredClone(outputs[0][1].stack('dev-network').json);
    Object.values<any>(other.resource.aws_vpc)[0].no_such_argument = true;
    return validateAll([{ name: 'dev-platform', json: broken }, { name: 'dev-network', json: other }, outputs[0][1].stack('dev-data')]);
  });
  test('a platform stack whose helm_release values are not valid HCL fails, and the stacks beside it are still checked', async () => {
    const result = await brokenValues;
    expect(result.get('dev-platform')!.valid).toBe(false);
    expect(result.get('dev-platform')!.diagnostics.map((d: any) => d.summary)).toEqual(['Missing attribute separator']);
    expect(result.get('dev-network')!.diagnostics.map((d: any) => d.summary)).toEqual(['Extraneous JSON object property']);
    expect(result.get('dev-data')).toMatchObject({ valid: true, diagnostics: [] });
  }, 60_000);

  const transformed = job(() => validate({
    terraform: { required_providers: { aws: { source: 'aws', version: '6.25.0' }, helm: { source: 'helm', version: '3.1.1' } } },
    provider: { aws: [{ region: 'eu-west-1' }], helm: [{ kubernetes: { host: '${aws_s3_bucket.b.bucket_domain_name}' } }] },
    ephemeral: { aws_secretsmanager_secret_version: { pw: { secret_id: 'x' } } },
    resource: {
      aws_s3_bucket: { b: { bucket: 'b' } },
      helm_release: {
        r: {
          name: 'r',
          chart: 'c',
          count: 1,
          values: ['a: ${jsonencode(aws_s3_bucket.b.arn)}'],
          set_wo: [{ name: 'p', value: 'pre-${ephemeral.aws_secretsmanager_secret_version.pw.secret_string}' }],
          depends_on: ['aws_s3_bucket.b'],
        },
      },
    },
    output: { status: { value: '${helm_release.r[0].status}', depends_on: ['helm_release.r'] } },
  }));
  test('what the offline copy writes is valid Terraform: ephemeral values, write-only arguments, references', async () => {
    const result = await transformed;
    expect(result.diagnostics.map(describeDiagnostic)).toEqual([]);
    expect(result.valid).toBe(true);
  }, 60_000);

  /**
   * A plan of the bootstrap stack, offline: local backend, dummy credentials and every provider call that needs AWS
   * skipped. It works because the bootstrap stack reads no data source (a data source would need AWS at plan time,
   * even with -refresh=false; the test would then fail on the network, not pass silently).
   */
  const out = outputs[0][1];
  const bootstrapPlan = job(async () => {
    const copy = offlineCopy(out.stack('bootstrap').json, { mirrored: { [AWS_SOURCE]: version! } }).json;
    copy.terraform.backend = { local: { path: 'terraform.tfstate' } };
    for (const provider of copy.provider.aws) {
      delete provider.allowed_account_ids; // the dummy credentials belong to no account
      delete provider.assume_role;
      delete provider.profile;
      Object.assign(provider, {
        access_key: 'AKIAIOSFODNN7EXAMPLE',
        secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        max_retries: 1,
      });
    }
    const dir = writeStack(copy);
    const planEnv = { ...env, AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    const run = (args: string[]) => exec(terraform!, args, { cwd: dir, env: planEnv, maxBuffer: 64 * 1024 * 1024 });
    await run(['init', '-input=false', '-no-color']);
    await run(['plan', '-refresh=false', '-input=false', '-no-color', '-lock=false', '-out=plan.out']);
    return JSON.parse((await run(['show', '-json', 'plan.out'])).stdout);
  });
  test('terraform plan of the bootstrap stack creates the versioned, encrypted, private state bucket and destroys nothing', async () => {
    const stateBucket: string = out.stack('shared').json.terraform.backend.s3.bucket;
    const plan = await bootstrapPlan;
    const changes: any[] = plan.resource_changes;
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((c) => !c.change.actions.every((a: string) => a === 'create' || a === 'no-op')).map((c) => c.address)).toEqual([]);

    const bucket = changes.find((c) => c.type === 'aws_s3_bucket' && c.change.after.bucket === stateBucket);
    expect(bucket).toBeDefined();
    expect(bucket.change.actions).toEqual(['create']);
    const config: any[] = plan.configuration.root_module.resources;
    const onStateBucket = (type: string) => {
      const found = changes.filter((c) => c.type === type
        && config.find((r) => r.address === c.address)?.expressions.bucket?.references?.includes(bucket.address));
      expect(found).toHaveLength(1);
      expect(found[0].change.actions).toEqual(['create']);
      return found[0].change.after;
    };
    expect(onStateBucket('aws_s3_bucket_versioning').versioning_configuration).toEqual([expect.objectContaining({ status: 'Enabled' })]);
    const encryption = onStateBucket('aws_s3_bucket_server_side_encryption_configuration');
    expect(encryption.rule[0].apply_server_side_encryption_by_default[0].sse_algorithm).toBe('aws:kms');
    expect(onStateBucket('aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  }, 180_000);
});
