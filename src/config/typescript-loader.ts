import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

const TS_EXTENSIONS = ['.ts', '.cts', '.mts'] as const;

type CompileHook = (module: NodeJS.Module & { _compile(code: string, file: string): void }, filename: string) => void;
const extensions = (Module as unknown as { _extensions: Record<string, CompileHook | undefined> })._extensions;

/** Where transpiled files are kept, keyed by the hash of their source. */
export function defaultCacheDir(): string {
  return path.join(os.tmpdir(), `paved-config-cache-${os.userInfo().uid}`);
}

/**
 * Requires a TypeScript module (and the TypeScript files it imports) by transpiling it with esbuild, without
 * type-checking. Transpiled output is cached by source hash, so loading an unchanged config never loads esbuild:
 * esbuild alone costs more than the 100 ms budget for loading and validating a config.
 */
export function requireTypeScript(file: string, cacheDir = defaultCacheDir(), timeoutMs?: number): unknown {
  const previous = TS_EXTENSIONS.map((ext) => [ext, extensions[ext]] as const);
  const hook: CompileHook = (mod, filename) => mod._compile(transpileCached(filename, cacheDir), filename);
  for (const ext of TS_EXTENSIONS) extensions[ext] = hook;
  // Source maps make a config error point at the .ts line. They are switched off again afterwards: left on, every
  // stack trace cdktf captures (one per token) is source-mapped, which made infra synth 40% slower.
  const sourceMapsWereEnabled = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(true);
  try {
    return requireWithin(file, timeoutMs);
  } catch (e) {
    // Stacks are formatted on first read: read it now, while source maps still point it at the .ts line. What was
    // thrown may be anything (null, a proxy whose getters throw): reading must not replace it.
    try {
      void (e as Error | undefined)?.stack;
    } catch {
      // described by the caller
    }
    throw e;
  } finally {
    process.setSourceMapsEnabled(sourceMapsWereEnabled);
    for (const [ext, original] of previous) {
      if (original) extensions[ext] = original;
      else delete extensions[ext];
    }
  }
}

/**
 * Requires a module, stopping it when its evaluation runs longer than `timeoutMs` (an endless loop in a config must
 * end in an error line, not a hung CI job). V8 terminates the evaluation from a watchdog thread; `finally` blocks inside
 * it do not run, so callers restore their own state after this returns or throws.
 */
export function requireWithin(file: string, timeoutMs?: number): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = () => require(file) as unknown;
  if (timeoutMs === undefined) return load();
  // One context for the process: creating one costs milliseconds of the load budget, running a script in it about one.
  watchdog ??= { context: vm.createContext({ load: undefined }), script: new vm.Script('load()') };
  watchdog.context.load = load;
  try {
    return watchdog.script.runInContext(watchdog.context, { timeout: timeoutMs, displayErrors: false });
  } finally {
    watchdog.context.load = undefined;
  }
}

let watchdog: { readonly context: vm.Context; readonly script: vm.Script } | undefined;

/** True for the error `requireWithin` throws when the module ran too long. */
export function isTimeout(error: unknown): boolean {
  try {
    return (error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
  } catch {
    return false;
  }
}

function transpileCached(filename: string, cacheDir: string): string {
  const source = fs.readFileSync(filename, 'utf8');
  const key = createHash('sha256').update(TRANSPILER_ID).update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    const code = transpile(source, filename);
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const temp = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(temp, code);
      fs.renameSync(temp, cached);
    } catch {
      // A read-only temp dir only costs speed.
    }
    return code;
  }
}

/** Bumped whenever the transpile options change, so stale cache entries are not reused. */
const TRANSPILER_ID = 'esbuild-cjs-node20-v1';

function transpile(source: string, filename: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  return esbuild.transformSync(source, {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcefile: filename,
    sourcemap: 'inline',
  }).code;
}
