import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Plugin } from 'esbuild';
import { REQUIRE_HOOK } from './snapshot-main';

export interface SnapshotBuild {
  readonly ok: boolean;
  /** Why there is no snapshot (one line), when `ok` is false. */
  readonly reason?: string;
}

/**
 * Builds the start-up snapshot of `bin/paved synth` into `blob`: one bundled script of the compiled CLI (node's
 * snapshot builder runs a single script that may require only built-in modules), run by `node --build-snapshot`,
 * then started once to check that it answers `paved version` like the compiled CLI does. The blob is written under a
 * temporary name and renamed, so a blob that exists is complete. Never throws: a failure is reported, and the
 * launcher runs the compiled CLI as before.
 */
export async function buildSnapshot(root: string, blob: string, expectedVersionLine: string): Promise<SnapshotBuild> {
  const temp = `${blob}.${process.pid}.tmp`;
  const bundle = `${temp}.js`;
  try {
    fs.mkdirSync(path.dirname(blob), { recursive: true });
    await bundleEntry(root, bundle);
    const built = spawnSync(process.execPath, ['--snapshot-blob', temp, '--build-snapshot', bundle], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (built.status !== 0) return { ok: false, reason: `node --build-snapshot failed: ${lastLine(built.stderr) ?? built.error?.message ?? `exit ${built.status ?? built.signal}`}` };
    const check = spawnSync(process.execPath, ['--snapshot-blob', temp, 'version'], { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: root } });
    if (check.status !== 0 || check.stdout.trim() !== expectedVersionLine) {
      return { ok: false, reason: `the snapshot did not start (${lastLine(check.stderr) ?? `exit ${check.status ?? check.signal}, printed '${check.stdout.trim()}'`})` };
    }
    fs.renameSync(temp, blob);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: (e as Error)?.message?.split('\n')[0] ?? String(e) };
  } finally {
    fs.rmSync(temp, { force: true });
    fs.rmSync(bundle, { force: true });
  }
}

/** The line of node's stderr that says what went wrong (an `Error:` line, else the last one). */
function lastLine(text: string | undefined): string | undefined {
  const lines = (text ?? '').split('\n').map((l) => l.trim()).filter((l) => l && !/^\(node:\d+\) Warning|^It may still work|^To request support|^\(Use `node/.test(l));
  return lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ?? lines[lines.length - 1];
}

/**
 * esbuild bundles every module into one script, where `__dirname` would become the bundle's directory: each module
 * that reads it gets its own path back (Paved's version reads package.json next to it; re2-wasm loads its .wasm).
 */
const ownDirname: Plugin = {
  name: 'own-dirname',
  setup(build) {
    build.onLoad({ filter: /\.c?js$/ }, (args) => {
      const contents = fs.readFileSync(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(contents) || /\b(var|let|const)\s+__(dirname|filename)\b/.test(contents)) return { contents, loader: 'js' };
      const header = `var __dirname = ${JSON.stringify(path.dirname(args.path))}, __filename = ${JSON.stringify(args.path)};`;
      return { contents: `${header}${contents}`, loader: 'js' };
    });
  },
};

async function bundleEntry(root: string, outfile: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  // The asynchronous API: plugins do not run in buildSync.
  await esbuild.build({
    entryPoints: [path.join(root, 'lib', 'startup', 'snapshot-entry.js')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    outfile,
    // esbuild runs a native binary found next to its package: loaded at run time, only for a changed .ts config.
    external: ['esbuild'],
    // Smaller source, smaller heap, faster start; names kept (code that prints or compares constructor names sees the same ones).
    minify: true,
    keepNames: true,
    logLevel: 'silent',
    // The snapshot builder's `require` loads built-in modules only; after deserialization the snapshot's main sets
    // a real one (see snapshot-main.ts), and the few calls esbuild could not bundle go there.
    // The entry is compiled CommonJS, which the snapshot builder does not give `exports`.
    banner: { js: '(function (require) { var module = { exports: {} }, exports = module.exports;' },
    footer: { js: `})((id) => (globalThis.${REQUIRE_HOOK} || require)(id));` },
    plugins: [ownDirname],
  });
}
