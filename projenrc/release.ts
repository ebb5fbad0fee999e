import * as path from 'node:path';
import { javascript, type cdk, type typescript } from 'projen';

/**
 * Where the release workflow publishes the @paved packages. Edit this object and run `npx projen`; README
 * ("Releasing the packages") lists the values for npmjs.com and GitHub Packages.
 */
export interface ReleaseRegistry {
  /**
   * Base URL of the npm registry.
   * - npmjs.com: `https://registry.npmjs.org` (packages need the `@paved` organization on npmjs.com).
   * - GitHub Packages: `https://npm.pkg.github.com` (the scope must be the GitHub owner of the repository; the
   *   workflow's own GITHUB_TOKEN publishes, no secret needed).
   */
  readonly url: string;
  /**
   * npmjs.com only: publish with an OIDC token from GitHub Actions instead of the NPM_TOKEN secret. npmjs.com accepts
   * a trusted publisher only for packages that already exist, so the first release publishes with a token.
   */
  readonly trustedPublishing: boolean;
}

export const RELEASE_REGISTRY: ReleaseRegistry = {
  url: 'https://registry.npmjs.org',
  trustedPublishing: false,
};

export const REPOSITORY_URL = 'https://github.com/paved/paved.git';

const NPMJS = 'https://registry.npmjs.org';
/** Provenance statements are an npmjs.com feature; GitHub Packages rejects them. */
const PROVENANCE = RELEASE_REGISTRY.url.replace(/\/$/, '') === NPMJS;

/** Apache-2.0 for the repository and every package: projen writes each LICENSE file and `license` field. */
export const LICENSE_OPTIONS = {
  licensed: true,
  license: 'Apache-2.0',
  copyrightOwner: 'The Paved authors',
} as const;

/** Options of every published package: licence, repository link (provenance checks it), public access, registry. */
export function publishedPackageOptions(directory: string) {
  return {
    ...LICENSE_OPTIONS,
    // `repository` for the TypeScript packages, `repositoryUrl` for the jsii blueprint (jsii's name for it).
    repository: REPOSITORY_URL,
    repositoryUrl: REPOSITORY_URL,
    repositoryDirectory: directory,
    npmAccess: javascript.NpmAccess.PUBLIC,
    npmRegistryUrl: RELEASE_REGISTRY.url,
    npmProvenance: PROVENANCE,
  };
}

/** Release options of the root project: it owns the one release workflow (`.github/workflows/release.yml`). */
export function rootReleaseOptions() {
  return {
    ...LICENSE_OPTIONS,
    release: true,
    releaseToNpm: true,
    npmRegistryUrl: RELEASE_REGISTRY.url,
    npmProvenance: PROVENANCE,
    npmTrustedPublishing: PROVENANCE && RELEASE_REGISTRY.trustedPublishing,
    // Trusted publishing needs npm >= 11.5.1, which Node 24 ships; the release build runs the tests on it too.
    workflowNodeVersion: '24.x',
  };
}

export interface WorkspaceReleaseOptions {
  /** The TypeScript packages, in dependency order (a package comes after every package it depends on). */
  readonly packages: typescript.TypeScriptProject[];
  readonly blueprint: cdk.JsiiProject;
}

/**
 * One version for the whole workspace. projen's `bump` writes the next version into the root package.json (from the
 * conventional commits since the last `v*` tag); this copies it into every package before the build, so the jsii
 * assembly and `pnpm pack` (which rewrites `workspace:*` to the version of the package it names) see the release
 * version; `unbump` sets 0.0.0 back. The root's `package` task then puts one tarball per package in `dist/js`,
 * numbered in dependency order, because the publish job (`publib-npm`) publishes `dist/js/*.tgz` in name order.
 */
export function configureWorkspaceRelease(root: typescript.TypeScriptProject, options: WorkspaceReleaseOptions): void {
  const all = [...options.packages, options.blueprint];
  const dirs = all.map((p) => posixRelative(root.outdir, p.outdir));
  const setVersion = (version: string) => `tsx projenrc/set-workspace-version.ts ${version} ${dirs.join(' ')}`;
  // `bump` writes the new version to dist/version.txt as well as to the root package.json.
  root.tasks.tryFind('bump')!.exec(setVersion('"$(cat dist/version.txt)"'));
  root.tasks.tryFind('unbump')!.exec(setVersion('0.0.0'));

  const pack = root.tasks.tryFind('package')!;
  pack.reset('rm -rf dist/js');
  pack.exec('mkdir -p dist/js');
  options.packages.forEach((p, i) => {
    const dir = posixRelative(root.outdir, p.outdir);
    // Each package's own `package` task: `pnpm pack` into its dist/js.
    pack.exec('rm -rf dist/js && projen package', { cwd: dir });
    pack.exec(numberedCopy(`${dir}/dist/js`, i + 1));
  });
  const blueprintDir = posixRelative(root.outdir, options.blueprint.outdir);
  // jsii compiles the assembly (.jsii) that `projen new --from` reads; jsii-pacmak packs it.
  pack.exec('rm -rf dist/js && projen compile && projen package:js', { cwd: blueprintDir });
  pack.exec(numberedCopy(`${blueprintDir}/dist/js`, all.length));
}

function numberedCopy(from: string, position: number): string {
  const prefix = String(position).padStart(2, '0');
  return `for f in ${from}/*.tgz; do cp "$f" "dist/js/${prefix}-$(basename "$f")"; done`;
}

function posixRelative(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}
