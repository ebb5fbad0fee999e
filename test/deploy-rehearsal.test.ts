import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlatformConfig } from '@paved/shared-config';
import example from '../platform.config';
import { installStubs, stubPath, type LoggedCall, type Stubs } from './support/deploy-stubs';
import { ROOT, runPaved, tempDir } from './support/run-paved';

/**
 * `paved deploy` rehearsed without AWS: stub terraform/aws/cdktf binaries on PATH record every call, the compiled CLI
 * runs over the example platform (as JSON in a temp dir, with --config and --out there, so nothing in the repository
 * is written).
 */
const work = tempDir('paved-deploy-');
const stubs: Stubs = installStubs(path.join(work, 'stubs'));

const MANAGEMENT = '345678901234';
const OTHER = '210987654321';
const STAGES = ['network', 'cluster', 'data', 'platform'];
const envStacks = (...envs: string[]) => envs.flatMap((e) => STAGES.map((s) => `${e}-${s}`));
const PLATFORM_WIDE = [`bootstrap-${OTHER}`, 'bootstrap', 'shared'];
const EXAMPLE_ORDER = [...PLATFORM_WIDE, ...envStacks('dev', 'staging', 'prod')];
/** The stacks of the example cut down to dev (onlyEnvironments below): one account, so one bootstrap stack. */
const DEV_ORDER = ['bootstrap', 'shared', ...envStacks('dev')];
/** Cut down to dev and prod: both accounts, as in the whole example. */
const DEV_PROD_ORDER = [...PLATFORM_WIDE, ...envStacks('dev', 'prod')];

/**
 * The example cut down to some of its environments, every mention of the others (access roles, per-service settings)
 * dropped: for the tests that are not about the order of several environments, it synthesizes and deploys in about
 * half the time. The plan, --env, alpha and cdktf deploy tests keep the whole example; the bootstrap tests keep dev and
 * prod, which live in two accounts (a bootstrap stack each).
 */
function onlyEnvironments(names: readonly string[]): (c: any) => void {
  return (c) => {
    c.environments = c.environments.filter((e: any) => names.includes(e.name));
    for (const role of c.access?.roles ?? []) if (role.environments) role.environments = role.environments.filter((e: string) => names.includes(e));
    if (c.access?.roles) c.access.roles = c.access.roles.filter((role: any) => !role.environments || role.environments.length > 0);
    for (const service of c.services) {
      for (const env of Object.keys(service.environments ?? {})) if (!names.includes(env)) delete service.environments[env];
    }
  };
}

/** A project dir holding the config (as JSON) and, after a deploy, out/ and .paved/. */
function project(name: string, mutate: (c: any) => void = () => undefined, only?: readonly string[]): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  const config = structuredClone(example) as PlatformConfig & Record<string, any>;
  if (only) onlyEnvironments(only)(config);
  mutate(config);
  fs.writeFileSync(path.join(dir, 'platform.config.json'), JSON.stringify(config));
  return dir;
}

function deploy(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  stubs.reset();
  const run = runPaved(['deploy', '--config', 'platform.config.json', '--out', 'out', ...args], {
    cwd: dir,
    env: { PATH: stubPath(stubs), STUB_LOG: stubs.log, TF_PLUGIN_CACHE_DIR: '', ...env },
  });
  return { ...run, calls: stubs.calls() };
}

const terraformCalls = (calls: LoggedCall[]) => calls.filter((c) => c.tool === 'terraform' && !c.signal && c.argv[0] !== 'version');
const stacksOf = (calls: LoggedCall[]) => [...new Set(terraformCalls(calls).map((c) => path.basename(c.cwd)))];
const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('error:'));

describe('paved deploy --plan-only over the example', () => {
  const dir = project('plan');
  let run: ReturnType<typeof deploy>;
  beforeAll(() => {
    run = deploy(dir, ['--plan-only']);
  });

  test('succeeds and plans every stack, platform-wide first, then each environment in config order', () => {
    expect(run.stderr).not.toMatch(/error|\n\s+at /);
    expect(run.status).toBe(0);
    expect(stacksOf(run.calls)).toEqual(EXAMPLE_ORDER);
    expect(run.stdout).toMatch(/paved check passed/);
    expect(run.stdout).toMatch(/^paved deploy: 15 stacks planned$/m);
  });

  test('checks the terraform version first, then runs init and plan in .paved/terraform/<stack>, and never apply', () => {
    expect(run.calls[0]).toMatchObject({ tool: 'terraform', argv: ['version', '-json'] });
    const calls = terraformCalls(run.calls);
    expect(calls).toHaveLength(EXAMPLE_ORDER.length * 2);
    EXAMPLE_ORDER.forEach((stack, i) => {
      const cwd = path.join(dir, '.paved', 'terraform', stack);
      expect(calls[2 * i]).toMatchObject({ argv: ['init', '-input=false'], cwd });
      expect(calls[2 * i + 1]).toMatchObject({ argv: ['plan', '-input=false', '-out=plan.tfplan'], cwd });
      expect(calls[2 * i].files.override).toBeUndefined();
    });
    // Each stack's output is streamed under a header naming it.
    expect(run.stdout).toMatch(/^==> dev-cluster: terraform plan -input=false -out=plan\.tfplan\nPlan: 3 to add/m);
  });

  test('every stack, the bootstrap ones included, keeps its state in the S3 bucket of the management account', () => {
    for (const stack of EXAMPLE_ORDER) {
      const copy = JSON.parse(fs.readFileSync(path.join(dir, '.paved', 'terraform', stack, 'cdk.tf.json'), 'utf8'));
      expect(copy.terraform.backend).toEqual({
        s3: { bucket: `northwind-tfstate-${MANAGEMENT}`, key: `northwind/${stack}/terraform.tfstate`, region: 'eu-west-1', encrypt: true, use_lockfile: true },
      });
      // The work dir holds an exact copy of what synth wrote.
      expect(copy).toEqual(JSON.parse(fs.readFileSync(path.join(dir, 'out', 'terraform', 'stacks', stack, 'cdk.tf.json'), 'utf8')));
    }
  });

  test('one credential set: stacks of the other account assume its deploy role, management stacks use the caller', () => {
    for (const stack of EXAMPLE_ORDER) {
      const copy = JSON.parse(fs.readFileSync(path.join(dir, '.paved', 'terraform', stack, 'cdk.tf.json'), 'utf8'));
      const main = copy.provider.aws.find((p: any) => !p.alias);
      const inOther = stack === `bootstrap-${OTHER}` || stack.startsWith('dev-') || stack.startsWith('staging-');
      if (inOther) {
        expect([stack, main.assume_role?.[0]?.role_arn]).toEqual([stack, `arn:aws:iam::${OTHER}:role/OrganizationAccountAccessRole`]);
        expect(main.allowed_account_ids).toEqual([OTHER]);
      } else {
        expect([stack, main.assume_role]).toEqual([stack, undefined]);
        expect(main.allowed_account_ids).toEqual([MANAGEMENT]);
      }
    }
  });

  test('Terraform gets a provider cache under .paved/ and nothing is left in out/ by Terraform', () => {
    for (const c of terraformCalls(run.calls)) expect(c.env.TF_PLUGIN_CACHE_DIR).toBe(path.join(dir, '.paved', 'plugin-cache'));
    expect(fs.existsSync(path.join(dir, '.paved', 'plugin-cache'))).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'out', 'terraform', 'stacks', 'dev-network')).sort()).toEqual(['cdk.tf.json']);
    // Plan-only applies nothing, so nothing is recorded as deployed.
    expect(fs.existsSync(path.join(dir, '.paved', 'deployed'))).toBe(false);
  });

  test('the secrets an environment references are checked right before its platform stack', () => {
    const devSecretCalls = run.calls.filter((c) => c.tool === 'aws' && c.argv[1] === 'describe-secret' && c.argv[3].startsWith('northwind/dev/'));
    expect(devSecretCalls.length).toBeGreaterThan(0);
    const indexOf = (c: LoggedCall) => run.calls.indexOf(c);
    const devDataPlan = run.calls.findIndex((c) => c.argv[0] === 'plan' && c.cwd.endsWith('/dev-data'));
    const devPlatformInit = run.calls.findIndex((c) => c.argv[0] === 'init' && c.cwd.endsWith('/dev-platform'));
    for (const c of devSecretCalls) {
      expect(indexOf(c)).toBeGreaterThan(devDataPlan);
      expect(indexOf(c)).toBeLessThan(devPlatformInit);
    }
  });
});

describe('paved deploy --bootstrap (first deployment)', () => {
  test('--plan-only plans the bootstrap stacks on local state and stops before the stacks that need the bucket', () => {
    const dir = project('bootstrap-plan', undefined, ['dev', 'prod']);
    const run = deploy(dir, ['--plan-only', '--bootstrap']);
    expect(run.status).toBe(0);
    expect(stacksOf(run.calls)).toEqual([`bootstrap-${OTHER}`, 'bootstrap']);
    for (const c of terraformCalls(run.calls)) {
      const stack = path.basename(c.cwd);
      expect(c.files.override).toEqual({ terraform: { backend: { local: { path: `../../state/${stack}.tfstate` } } } });
    }
    expect(terraformCalls(run.calls).map((c) => c.argv)).toEqual([
      ['init', '-input=false', '-reconfigure'], ['plan', '-input=false', '-out=plan.tfplan'],
      ['init', '-input=false', '-reconfigure'], ['plan', '-input=false', '-out=plan.tfplan'],
    ]);
    expect(run.stdout).toMatch(/the others can be planned once the bootstrap is applied/);
  });

  test('applies the bootstrap stacks on local state, moves their state into S3 once the bucket exists, then deploys the rest', () => {
    const dir = project('bootstrap-apply', undefined, ['dev', 'prod']);
    const run = deploy(dir, ['--bootstrap', '--auto-approve']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const steps = terraformCalls(run.calls).map((c) => `${path.basename(c.cwd)} ${c.argv.join(' ')}${c.files.override ? ' [local state]' : ''}`);
    expect(steps.slice(0, 10)).toEqual([
      `bootstrap-${OTHER} init -input=false -reconfigure [local state]`,
      `bootstrap-${OTHER} plan -input=false -out=plan.tfplan [local state]`,
      `bootstrap-${OTHER} apply -input=false plan.tfplan [local state]`,
      'bootstrap init -input=false -reconfigure [local state]',
      'bootstrap plan -input=false -out=plan.tfplan [local state]',
      'bootstrap apply -input=false plan.tfplan [local state]',
      // The override is gone: init sees the S3 backend and copies the local state into it.
      `bootstrap-${OTHER} init -input=false -migrate-state -force-copy`,
      'bootstrap init -input=false -migrate-state -force-copy',
      'shared init -input=false',
      'shared plan -input=false -out=plan.tfplan',
    ]);
    expect(stacksOf(run.calls)).toEqual(DEV_PROD_ORDER);
    expect(steps.filter((s) => s.includes(' apply '))).toHaveLength(DEV_PROD_ORDER.length);
    for (const stack of PLATFORM_WIDE.slice(0, 2)) {
      expect(fs.existsSync(path.join(dir, '.paved', 'terraform', stack, 'paved_backend_override.tf.json'))).toBe(false);
      expect(fs.existsSync(path.join(dir, '.paved', 'state', `${stack}.migrated`))).toBe(true);
    }
    // What was applied is recorded for paved diff; the applied plans are gone.
    for (const stack of DEV_PROD_ORDER) {
      const recorded = path.join(dir, '.paved', 'deployed', 'terraform', 'stacks', stack, 'cdk.tf.json');
      expect(fs.readFileSync(recorded, 'utf8')).toBe(fs.readFileSync(path.join(dir, 'out', 'terraform', 'stacks', stack, 'cdk.tf.json'), 'utf8'));
      expect(fs.existsSync(path.join(dir, '.paved', 'terraform', stack, 'plan.tfplan'))).toBe(false);
    }

    // A second --bootstrap would re-create the bootstrap resources from empty local state: refused, nothing run.
    const again = deploy(dir, ['--bootstrap', '--auto-approve']);
    expect(again.status).toBe(1);
    expect(errorLines(again.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^error: deploy: --bootstrap: bootstrap-${OTHER} was already bootstrapped .*; run paved deploy without --bootstrap$`)),
      expect.stringMatching(/^error: deploy: --bootstrap: bootstrap was already bootstrapped/),
    ]);
    expect(again.calls.filter((c) => c.tool === 'terraform')).toEqual([]);

    // Later deploys use the S3 backend for every stack.
    const later = deploy(dir, ['--auto-approve', '--env', 'dev']);
    expect(later.status).toBe(0);
    expect(terraformCalls(later.calls).filter((c) => c.files.override)).toEqual([]);
  });
});

describe('what stops a deploy', () => {
  test('output that fails paved check: the findings, exit 1, no terraform call, nothing under .paved/', () => {
    const dir = project('guardrail', (c) => {
      const prod = c.environments.find((e: any) => e.name === 'prod');
      prod.data = { ...prod.data, postgres: { ...prod.data?.postgres, deletionProtection: false } };
    }, ['prod']);
    const run = deploy(dir, ['--plan-only']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: PAVED-AWS-RDS-007 .*prod-data:aws_db_instance\./m);
    expect(run.stderr).toMatch(/the output fails paved check; nothing written/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.calls).toEqual([]);
    expect(fs.existsSync(path.join(dir, '.paved'))).toBe(false);
  });

  test('a plan that fails: one error line with the stack and Terraform\'s error, exit 1, nothing after it', () => {
    const dir = project('fail', undefined, ['dev']);
    const run = deploy(dir, ['--plan-only'], { STUB_FAIL: 'terraform plan dev-cluster' });
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)).toEqual(['error: deploy: dev-cluster: terraform plan failed: Invalid provider configuration']);
    expect(stacksOf(run.calls)).toEqual(DEV_ORDER.slice(0, DEV_ORDER.indexOf('dev-cluster') + 1));
    expect(terraformCalls(run.calls).at(-1)).toMatchObject({ argv: ['plan', '-input=false', '-out=plan.tfplan'] });
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('no terraform on PATH: one line naming the version needed', () => {
    const bare = installStubs(path.join(work, 'stubs-no-terraform'), ['aws', 'kubectl', 'cdktf']);
    const dir = project('no-terraform', undefined, ['dev']);
    const run = runPaved(['deploy', '--config', 'platform.config.json', '--plan-only'], {
      cwd: dir,
      env: { PATH: stubPath(bare), STUB_LOG: bare.log },
    });
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)).toEqual([
      'error: deploy: terraform: not found on PATH (Terraform >= 1.11 is needed: https://developer.hashicorp.com/terraform/install)',
    ]);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  test('a terraform older than 1.11: one line', () => {
    const run = deploy(project('old-terraform', undefined, ['dev']), ['--plan-only'], { STUB_TF_VERSION: '1.9.8' });
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)).toEqual(['error: deploy: terraform: version 1.9.8 is too old (Terraform >= 1.11 is needed: https://developer.hashicorp.com/terraform/install)']);
    expect(terraformCalls(run.calls)).toEqual([]);
  });

  test('applying without a terminal needs --auto-approve; nothing runs', () => {
    const dir = project('no-tty', undefined, ['dev']);
    const run = deploy(dir, []);
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)).toEqual(['error: deploy: no terminal to confirm each apply on (pass --auto-approve to apply without asking, or --plan-only)']);
    expect(run.calls).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('a missing secret stops the deploy before the platform stack, naming it', () => {
    const run = deploy(project('missing-secret', undefined, ['staging']), ['--plan-only'], { STUB_MISSING_SECRETS: 'northwind/staging/api/jwt' });
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(/^error: deploy: staging-platform: secret northwind\/staging\/api\/jwt does not exist in account 210987654321 eu-west-1/)]);
    expect(stacksOf(run.calls).at(-1)).toBe('staging-data');
  });

  test('an unknown --env is a usage error before anything runs', () => {
    const run = deploy(project('unknown-env'), ['--plan-only', '--env', 'qa']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: platform\.config\.json: --env: 'qa' is not an environment of this config \(one of dev, staging, prod\)$/m);
    expect(run.calls).toEqual([]);
  });

  test('SIGINT during a plan: Terraform gets it once, Paved waits, stops with exit 130 and leaves no plan behind', async () => {
    const dir = project('interrupt', undefined, ['dev']);
    stubs.reset();
    const child = spawn(process.execPath, [path.join(ROOT, 'lib', 'cli', 'main.js'), 'deploy', '--config', 'platform.config.json', '--plan-only'], {
      cwd: dir,
      env: { ...process.env, INIT_CWD: dir, PATH: stubPath(stubs), STUB_LOG: stubs.log, STUB_HANG: 'terraform plan dev-network' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      if (String(d).includes('stub terraform plan dev-network: working')) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(errorLines(stderr)).toEqual(['error: deploy: interrupted (SIGINT) during terraform plan of dev-network; stopped, nothing after it ran']);
    const calls = stubs.calls();
    expect(calls.filter((c) => c.signal)).toEqual([expect.objectContaining({ tool: 'terraform', signal: 'SIGINT' })]);
    expect(stacksOf(calls).at(-1)).toBe('dev-network');
    expect(fs.existsSync(path.join(dir, '.paved', 'terraform', 'dev-network', 'plan.tfplan'))).toBe(false);
    expect(fs.readdirSync(path.join(dir, '.paved', 'terraform', 'dev-network')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 30_000);
});

describe('stack order and --env', () => {
  test('--env prod plans the platform-wide stacks and prod only', () => {
    const run = deploy(project('env-prod'), ['--plan-only', '--env', 'prod']);
    expect(run.status).toBe(0);
    expect(stacksOf(run.calls)).toEqual([...PLATFORM_WIDE, ...envStacks('prod')]);
  });

  test('an environment named alpha comes after bootstrap and shared, in config order, never alphabetically', () => {
    const dir = project('alpha');
    const file = path.join(dir, 'platform.config.json');
    // Every mention of the environment (its entry, access roles, per-service settings keyed by it).
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/"staging"/g, '"alpha"'));
    const run = deploy(dir, ['--plan-only']);
    expect(run.stderr).not.toMatch(/^error/m);
    expect(run.status).toBe(0);
    expect(stacksOf(run.calls)).toEqual([...PLATFORM_WIDE, ...envStacks('dev', 'alpha', 'prod')]);
  });
});

describe('paved deploy --tool cdktf', () => {
  const platformInfra = path.join(ROOT, 'packages', 'platform-infra');

  test('--plan-only runs cdktf diff per stack, in order, from packages/platform-infra with PAVED_CONFIG', () => {
    const dir = project('cdktf-plan', undefined, ['dev']);
    const run = deploy(dir, ['--tool', 'cdktf', '--plan-only', '--env', 'dev']);
    expect(run.status).toBe(0);
    const cdktf = run.calls.filter((c) => c.tool === 'cdktf');
    expect(cdktf.map((c) => c.argv)).toEqual(DEV_ORDER.map((s) => ['diff', s]));
    for (const c of cdktf) {
      expect(c.cwd).toBe(platformInfra);
      expect(c.env.PAVED_CONFIG).toBe(path.join(dir, 'platform.config.json'));
    }
    expect(run.calls.filter((c) => c.tool === 'terraform')).toEqual([]);
  });

  test('deploy gives cdktf every stack at once, dependencies included, in order', () => {
    const dir = project('cdktf-deploy');
    const run = deploy(dir, ['--tool', 'cdktf', '--auto-approve']);
    expect(run.status).toBe(0);
    expect(run.calls.filter((c) => c.tool === 'cdktf').map((c) => c.argv)).toEqual([['deploy', ...EXAMPLE_ORDER, '--auto-approve']]);
    expect(fs.existsSync(path.join(dir, '.paved', 'deployed', 'terraform', 'stacks', 'prod-platform', 'cdk.tf.json'))).toBe(true);
  });

  test('no cdktf on PATH: one line with the npx command that works', () => {
    const bare = installStubs(path.join(work, 'stubs-no-cdktf'), ['terraform', 'aws']);
    const run = runPaved(['deploy', '--config', 'platform.config.json', '--tool', 'cdktf', '--plan-only', '--env', 'dev'], {
      cwd: project('no-cdktf', undefined, ['dev']),
      env: { PATH: stubPath(bare), STUB_LOG: bare.log },
    });
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(/^error: deploy: cdktf: not found on PATH \(install it with npm install -g cdktf-cli@0\.21\.0, or run it through npx: cd .*packages\/platform-infra && PAVED_CONFIG=.* npx -y cdktf-cli@0\.21\.0 diff bootstrap\)$/)]);
  });

  test('--bootstrap needs terraform', () => {
    const run = deploy(project('cdktf-bootstrap', undefined, ['dev']), ['--tool', 'cdktf', '--bootstrap', '--plan-only']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: paved deploy: --bootstrap needs --tool terraform/m);
  });
});
