import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';

/** Where the snapshot's bundle forwards `require` calls it could not bundle (the user's config, esbuild). */
export const REQUIRE_HOOK = '__pavedSnapshotRequire';
/** Set by the launcher: the file descriptor on which a deserialized snapshot says it started. */
export const ALIVE_FD_ENV = 'PAVED_SNAPSHOT_ALIVE_FD';

/** The workspace packages the bundle holds; a config that imports one gets the bundle's copy, as with `lib/cli/main.js`. */
const WORKSPACE_PACKAGES = {
  /* eslint-disable @typescript-eslint/no-require-imports */
  '@paved/shared-config': () => require('@paved/shared-config') as unknown,
  '@paved/platform-infra': () => require('@paved/platform-infra') as unknown,
  '@paved/gitops-apps': () => require('@paved/gitops-apps') as unknown,
  '@paved/guardrails': () => require('@paved/guardrails') as unknown,
  /* eslint-enable @typescript-eslint/no-require-imports */
};

type ModuleInternals = typeof Module & {
  _cache: Record<string, NodeJS.Module>;
  _nodeModulePaths(dir: string): string[];
};

/** After deserialization: real module loading for what was not bundled, and the bundle's packages registered in it. */
export function connectModuleLoader(root: string): void {
  const realRequire = Module.createRequire(path.join(root, 'lib', 'cli', 'main.js'));
  (globalThis as Record<string, unknown>)[REQUIRE_HOOK] = realRequire;
  const internals = Module as ModuleInternals;
  for (const [name, load] of Object.entries(WORKSPACE_PACKAGES)) {
    let file: string;
    try {
      file = realRequire.resolve(name);
    } catch {
      continue;
    }
    if (internals._cache[file]) continue;
    const entry = new Module(file) as NodeJS.Module & { paths: string[] };
    entry.filename = file;
    entry.paths = internals._nodeModulePaths(path.dirname(file));
    entry.exports = load();
    entry.loaded = true;
    internals._cache[file] = entry;
  }
}

export function tellLauncherStarted(): void {
  const fd = Number(process.env[ALIVE_FD_ENV]);
  delete process.env[ALIVE_FD_ENV];
  if (!Number.isInteger(fd) || fd < 3) return;
  try {
    fs.writeSync(fd, 'started\n');
    fs.closeSync(fd);
  } catch {
    // Nobody listening: the blob was started by hand.
  }
}

