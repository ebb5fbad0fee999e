import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type LocalRegistry, startLocalRegistry } from './support/local-registry';
import { childEnv, packBlueprint, projenNew, runOk } from '../src/bench/jobs/blueprint-jobs';

/**
 * The README's route for teams: `projen new --from @paved/service-blueprint@<version>` against a registry, as the
 * release workflow publishes it. A private registry (verdaccio, 127.0.0.1) serves the @paved scope through a project
 * `.npmrc`; everything else comes from the registry this machine is configured with. The new repository must name the
 * registry version (no tarball path) and install with `npm ci` from a fresh copy, as its CI would.
 *
 * Installs use this machine's npm cache, offline-first: blueprint-e2e warms it with the same dependencies (a cache of
 * its own made this test take minutes of downloads). The cache entries of the local registry are dropped before (an
 * earlier run may have used the same port) and after (they are of no use to anyone).
 */

const ROOT = path.resolve(__dirname, '..');
const MINUTE = 60_000;
const BLUEPRINT = '@paved/service-blueprint';

let work: string;
let registry: LocalRegistry | undefined;
let version: string;
let repo: string;
const timings: Record<string, number> = {};

/** A clean environment: npm settings come from the .npmrc files, not from the npm that launched Jest (npx, pnpm). */
const npmEnv = (): NodeJS.ProcessEnv => {
  const env = childEnv(ROOT, { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
  for (const key of Object.keys(env)) if (/^npm_config_/i.test(key) && !/^npm_config_(audit|fund|update_notifier)$/.test(key)) delete env[key];
  return env;
};
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const npm = async (args: string[], cwd: string) => {
  const result = await runOk('npm', args, { cwd, env: npmEnv(), timeoutMs: 4 * MINUTE });
  timings[`npm ${args[0]}`] = result.wallMs;
  return result;
};
/** The npm cache key of the local registry's blueprint metadata (`npm cache clean` takes one key; tarballs are stored by content). */
const metadataKey = () => `make-fetch-happen:request-cache:${registry!.url}${BLUEPRINT.replace('/', '%2f')}`;

/** The manifest inside a packed tarball. */
async function tarballManifest(tarball: string): Promise<{ name: string; version: string; dependencies?: Record<string, string> }> {
  const { output } = await runOk('tar', ['-xzOf', tarball, 'package/package.json'], { cwd: path.dirname(tarball) });
  return JSON.parse(output);
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-registry-e2e-'));
  const [started, packed] = await Promise.all([
    startLocalRegistry(ROOT, path.join(work, 'registry')),
    packBlueprint(ROOT, path.join(work, 'blueprint'), { reuse: true }),
  ]);
  registry = started;
  timings.pack = packed.compileMs + packed.packMs;
  version = (await tarballManifest(packed.tarball)).version;
  await npm(['cache', 'clean', metadataKey()], work);

  // The same `npm publish <tarball>` the release workflow runs; the scope's registry and token come from the .npmrc.
  const publisher = path.join(work, 'publish');
  fs.mkdirSync(publisher);
  fs.writeFileSync(path.join(publisher, '.npmrc'), registry.npmrc({ publish: true }));
  await npm(['publish', packed.tarball], publisher);

  // The team's repository: its .npmrc names the scope's registry (committed with it by `projen new`).
  repo = path.join(work, 'new', 'orders');
  fs.mkdirSync(repo, { recursive: true });
  fs.writeFileSync(path.join(repo, '.npmrc'), registry.npmrc());
  // `--no-post` and a lockfile-only install: the repository gets its package-lock.json without a node_modules that
  // nothing here uses; the one full install is the `npm ci` of the copy.
  timings['projen new'] = (await projenNew({ root: ROOT, from: `${BLUEPRINT}@${version}`, dir: repo, install: false, env: npmEnv() })).wallMs;
  await npm(['install', '--package-lock-only', '--prefer-offline'], repo);
}, 8 * MINUTE);

afterAll(async () => {
  if (process.env.PAVED_E2E_TIMINGS) process.stdout.write(`registry-e2e timings (ms): ${JSON.stringify(timings)}\n`);
  if (registry) await npm(['cache', 'clean', metadataKey()], work).catch(() => undefined);
  await registry?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('projen new --from @paved/service-blueprint@<version> against a registry', () => {
  test('the registry serves the published blueprint', async () => {
    const response = await fetch(new URL(BLUEPRINT.replace('/', '%2f'), registry!.url));
    expect(response.status).toBe(200);
    const packument = (await response.json()) as { 'dist-tags': Record<string, string>; 'versions': Record<string, unknown> };
    expect(packument['dist-tags'].latest).toBe(version);
    expect(Object.keys(packument.versions)).toEqual([version]);
  });

  test("the new repository's package.json and .projenrc.ts name the registry version, never a path", () => {
    const manifest = readJson(path.join(repo, 'package.json'));
    expect(manifest.devDependencies[BLUEPRINT]).toBe(version);
    const text = fs.readFileSync(path.join(repo, 'package.json'), 'utf8');
    expect(text).not.toMatch(/file:|\.tgz/);
    expect(text).not.toContain(work);
    expect(text).not.toContain(os.tmpdir());
    expect(fs.readFileSync(path.join(repo, '.projenrc.ts'), 'utf8')).toMatch(new RegExp(`devDeps: \\[["']${BLUEPRINT}@${version.replace(/\./g, '\\.')}["']\\]`));
  });

  test('the lockfile resolves the blueprint from the registry', () => {
    const lock = readJson(path.join(repo, 'package-lock.json'));
    const entry = lock.packages[`node_modules/${BLUEPRINT}`];
    expect(entry.version).toBe(version);
    // npm records no `resolved` URL when the machine's config says so (omit-lockfile-registry-resolved); npm ci then
    // asks the registry the scope is configured with. When it records one, it is the local registry's.
    if (entry.resolved !== undefined) expect(entry.resolved.startsWith(registry!.url)).toBe(true);
    expect(JSON.stringify(lock)).not.toMatch(/"file:|"\//);
  });

  test('a fresh copy of the repository installs with npm ci against the same registry, as its CI does', async () => {
    const copy = path.join(work, 'ci', 'orders');
    fs.cpSync(repo, copy, { recursive: true, filter: (src) => path.basename(src) !== 'node_modules' });
    await npm(['ci', '--prefer-offline', '--ignore-scripts'], copy);
    expect(readJson(path.join(copy, 'node_modules', BLUEPRINT, 'package.json')).version).toBe(version);
    expect(fs.existsSync(path.join(copy, 'node_modules', 'projen', 'bin', 'projen'))).toBe(true);
  }, 5 * MINUTE);
});

describe('release packaging', () => {
  test('pnpm pack rewrites workspace:* dependencies to the version of the package they name', async () => {
    const dest = path.join(work, 'pack');
    const pnpm = path.join(ROOT, 'node_modules', '.bin', 'pnpm');
    await runOk(pnpm, ['pack', '--pack-destination', dest], { cwd: path.join(ROOT, 'packages', 'platform-infra'), env: childEnv(ROOT), timeoutMs: MINUTE });
    const [tarball] = fs.readdirSync(dest).filter((f) => f.endsWith('.tgz'));
    const manifest = await tarballManifest(path.join(dest, tarball));
    expect(manifest.name).toBe('@paved/platform-infra');
    expect(manifest.dependencies!['@paved/shared-config']).toBe(readJson(path.join(ROOT, 'packages', 'shared-config', 'package.json')).version);
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
  }, MINUTE);
});
