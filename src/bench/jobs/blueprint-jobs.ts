import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { listFiles } from '../../synth/atomic-output';

/**
 * Helpers shared by the service-blueprint benchmark and its end-to-end test: build and pack the jsii blueprint with
 * its own projen tasks, and run `projen new --from <tarball>` in a directory outside the workspace.
 */

export const BLUEPRINT_DIR = 'packages/service-blueprint';
/** The projen version every generated repository pins (the workspace's own). */
export const PROJEN_VERSION = '0.103.25';

/** Flags of the sample service the benchmark and the end-to-end test create. */
export const SAMPLE_SERVICE = {
  name: 'orders',
  port: 8093,
  flags: [
    '--organization', 'northwind',
    '--team', 'core',
    '--aws-account', '345678901234',
    '--aws-region', 'eu-west-1',
    '--port', '8093',
    '--postgres',
    '--redis',
    '--ingress-host', 'orders',
  ],
} as const;

/**
 * Flags of the sample static site: its port and host are distinct from the example platform's services, because the
 * end-to-end test adds its descriptor to that platform's catalog, which requires both to be unique.
 */
export const SAMPLE_STATIC_SITE = {
  name: 'frontend',
  flags: ['--organization', 'northwind', '--team', 'web', '--aws-account', '345678901234', '--aws-region', 'eu-west-1', '--port', '8094', '--ingress-host', 'www'],
} as const;

export interface RunResult {
  readonly code: number | null;
  readonly output: string;
  readonly wallMs: number;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the command after this long. */
  readonly timeoutMs?: number;
}

/** Runs a command, capturing stdout and stderr together; never rejects on a non-zero exit. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, output: Buffer.concat(chunks).toString('utf8'), wallMs: performance.now() - started });
    });
  });
}

/** Like `run`, but throws with the command's output when it fails. */
export async function runOk(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`'${[command, ...args].join(' ')}' in ${options.cwd} exited with ${result.code}:\n${result.output.slice(-6000)}`);
  }
  return result;
}

/**
 * The environment for commands run in a generated repository: no CI flag (projen would run `npm ci` after synthesis
 * instead of a normal install), git identity for the commits `projen new` makes, and the workspace's tools on PATH
 * (the blueprint's tasks call `pnpm`).
 */
export function childEnv(root: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['CI', 'JEST_WORKER_ID', 'NODE_OPTIONS', 'NODE_ENV', 'PROJEN_DISABLE_POST', 'INIT_CWD', 'npm_config_prefix']) delete env[key];
  return {
    ...env,
    PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${env.PATH ?? ''}`,
    GIT_AUTHOR_NAME: 'Paved E2E',
    GIT_AUTHOR_EMAIL: 'e2e@paved.invalid',
    GIT_COMMITTER_NAME: 'Paved E2E',
    GIT_COMMITTER_EMAIL: 'e2e@paved.invalid',
    // The installs of the new repositories: package metadata from npm's cache when it has it (the registry otherwise),
    // and no audit, funding or update-notifier requests, which cost seconds per install and test nothing of Paved.
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

/** The workspace's projen CLI (same version the generated repositories pin). */
export function projenBin(root: string): string {
  return path.join(root, 'node_modules', 'projen', 'bin', 'projen');
}

export interface PackResult {
  /** Absolute path of the tarball, copied into `destDir`. */
  readonly tarball: string;
  readonly compileMs: number;
  readonly packMs: number;
}

export interface PackOptions {
  /**
   * Take the tarball an earlier pack left in the blueprint's dist/js when it was built from the same inputs (sources,
   * package.json, lockfile, Node): both end-to-end tests pack, and jsii plus pacmak cost 15-25 s on two cores.
   * @default false - always build (the bench measures the build)
   */
  readonly reuse?: boolean;
}

/**
 * Builds the blueprint with jsii and packs it (`projen compile`, `projen package:js`), then copies the tarball. Both
 * end-to-end tests pack (blueprint-e2e, registry-e2e); a lock keeps two Jest workers from compiling into the same
 * lib/ and dist/ at once.
 */
export async function packBlueprint(root: string, destDir: string, options: PackOptions = {}): Promise<PackResult> {
  const cwd = path.join(root, BLUEPRINT_DIR);
  const release = await acquireLock(path.join(cwd, '.pack.lock'));
  try {
    const key = packKey(root, cwd);
    const earlier = options.reuse ? reusableTarball(cwd, key) : undefined;
    // Nothing was built: no compile or pack time.
    if (earlier) return { tarball: copyTarball(earlier, destDir), compileMs: 0, packMs: 0 };
    const packed = await packLocked(root, cwd, destDir);
    fs.writeFileSync(path.join(cwd, 'dist', 'js', PACK_KEY_FILE), `${key}\n`);
    return packed;
  } finally {
    release();
  }
}

/** Next to the tarball in dist/js: the key of the inputs it was built from. */
const PACK_KEY_FILE = '.paved-pack-key';

/** A hash of what the tarball is built from: the blueprint's sources and manifests, the lockfile and Node. */
function packKey(root: string, cwd: string): string {
  const hash = createHash('sha256').update(`${process.version}\0`);
  const src = path.join(cwd, 'src');
  const files = [
    ...(fs.existsSync(src) ? listFiles(src).map((f) => path.join(src, f)) : []),
    path.join(cwd, 'package.json'),
    path.join(cwd, 'tsconfig.dev.json'),
    path.join(root, 'pnpm-lock.yaml'),
  ];
  for (const file of files) {
    hash.update(`${path.relative(root, file)}\0`);
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : '');
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The tarball in dist/js when it was built from inputs with this key. */
function reusableTarball(cwd: string, key: string): string | undefined {
  const dist = path.join(cwd, 'dist', 'js');
  try {
    if (fs.readFileSync(path.join(dist, PACK_KEY_FILE), 'utf8').trim() !== key) return undefined;
    const tgz = fs.readdirSync(dist).filter((f) => f.endsWith('.tgz'));
    return tgz.length === 1 ? path.join(dist, tgz[0]) : undefined;
  } catch {
    return undefined;
  }
}

function copyTarball(from: string, destDir: string): string {
  fs.mkdirSync(destDir, { recursive: true });
  const tarball = path.join(destDir, 'paved-service-blueprint.tgz');
  fs.copyFileSync(from, tarball);
  return tarball;
}

/** A directory lock (mkdir is atomic); a lock older than the pack's own timeout is left over from a killed run. */
async function acquireLock(lockDir: string, staleMs = 400_000): Promise<() => void> {
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > staleMs) fs.rmSync(lockDir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function packLocked(root: string, cwd: string, destDir: string): Promise<PackResult> {
  const env = childEnv(root);
  const dist = path.join(cwd, 'dist', 'js');
  fs.rmSync(dist, { recursive: true, force: true });
  const compile = await runOk(process.execPath, [projenBin(root), 'compile'], { cwd, env, timeoutMs: 180_000 });
  const pack = await runOk(process.execPath, [projenBin(root), 'package:js'], { cwd, env, timeoutMs: 180_000 });
  const tgz = fs.readdirSync(dist).filter((f) => f.endsWith('.tgz'));
  if (tgz.length !== 1) throw new Error(`expected one tarball in ${dist}, found: ${tgz.join(', ') || 'none'}`);
  return { tarball: copyTarball(path.join(dist, tgz[0]), destDir), compileMs: compile.wallMs, packMs: pack.wallMs };
}

export interface ProjenNewOptions {
  readonly root: string;
  /**
   * The packed blueprint: `--from @paved/service-blueprint@file:<tarball>`. For development only: the new repository's
   * package.json then names this absolute path, so its CI cannot install. Published blueprints use `from`.
   */
  readonly tarball?: string;
  /**
   * A registry spec instead of the tarball, e.g. `@paved/service-blueprint@1.2.0`.
   * @default - the tarball
   */
  readonly from?: string;
  /** Extra environment (registry configuration) for projen and its installs. */
  readonly env?: NodeJS.ProcessEnv;
  /** Empty directory to create the repository in; its name is the service name. */
  readonly dir: string;
  /** Run the final install (`npm install` of every dependency) or not (`--no-post`). */
  readonly install: boolean;
  readonly flags?: readonly string[];
  /** The blueprint's project type (`paved-service`, `paved-python-service`). */
  readonly projectType?: string;
  readonly timeoutMs?: number;
}

/** `projen new <type> --from <registry spec or @paved/service-blueprint@file:<tarball>>`, as a team would run it. */
export async function projenNew(options: ProjenNewOptions): Promise<RunResult> {
  const from = options.from ?? (options.tarball ? `@paved/service-blueprint@file:${options.tarball}` : undefined);
  if (!from) throw new Error('projenNew: pass the blueprint as `tarball` or `from`');
  fs.mkdirSync(options.dir, { recursive: true });
  const args = [
    projenBin(options.root),
    'new',
    options.projectType ?? 'paved-service',
    '--from',
    from,
    '--projen-version',
    PROJEN_VERSION,
    ...(options.flags ?? SAMPLE_SERVICE.flags),
    ...(options.install ? [] : ['--no-post']),
  ];
  return runOk(process.execPath, args, { cwd: options.dir, env: childEnv(options.root, options.env), timeoutMs: options.timeoutMs ?? 300_000 });
}
