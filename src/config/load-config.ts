import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatProblem, oneLine } from '@paved/shared-config';
import { describeThrown, snapshotConfig } from './snapshot-config';
import { isTimeout, requireTypeScript, requireWithin } from './typescript-loader';
import { UserError } from '../cli/user-error';

export interface LoadedConfig {
  /** The exported value, not yet validated. */
  readonly value: unknown;
  /** Absolute path of the file. */
  readonly file: string;
  /** Path as shown in messages: relative to the working directory when inside it. */
  readonly displayPath: string;
  /** sha256 of the config's canonical JSON: equal for equal configs, whatever file layout produced them. */
  readonly hash: string;
}

const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);
const JS_EXTENSIONS = new Set(['.js', '.cjs', '.mjs']);

export function displayPathOf(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** How long a config module may take to evaluate, unless PAVED_CONFIG_TIMEOUT_MS says otherwise. */
export const DEFAULT_CONFIG_TIMEOUT_MS = 10_000;

export interface LoadConfigOptions {
  /** Where transpiled TypeScript is cached. @default a folder in the system temp dir */
  readonly cacheDir?: string;
  /** Evaluation budget of a `.ts`/`.js` config. @default PAVED_CONFIG_TIMEOUT_MS, else 10 s */
  readonly timeoutMs?: number;
}

/**
 * Loads a platform config from a `.ts`, `.js` or `.json` file. TypeScript is transpiled, never type-checked: loading
 * stays in the tens of milliseconds, and validation reports type mistakes as problems.
 *
 * What the module exports is snapshotted into plain data once (see `snapshotConfig`): the rest of Paved never reads
 * a getter, a proxy or a cycle of the user's. Anything the module does wrong while loading (throws, even a non-Error;
 * calls process.exit; runs forever) becomes one `error:` line.
 */
export function loadConfig(file: string, cwd = process.cwd(), options: LoadConfigOptions = {}): LoadedConfig {
  const absolute = path.resolve(cwd, file);
  const displayPath = displayPathOf(absolute, cwd);
  const fail = (what: string, allowed: string): never => {
    throw new UserError([oneLine(`error: ${displayPath}: (config): ${what} (${allowed})`)]);
  };
  if (!fs.existsSync(absolute)) {
    fail('the file does not exist', 'pass --config with the path of a platform config, such as platform.config.ts');
  }
  if (!fs.statSync(absolute).isFile()) fail('is not a file', 'a .ts, .js or .json file');
  const ext = path.extname(absolute);
  let value: unknown;
  if (ext === '.json') {
    try {
      value = JSON.parse(fs.readFileSync(absolute, 'utf8'));
    } catch (e) {
      fail(`is not valid JSON: ${describeThrown(e)}`, 'a JSON object');
    }
  } else if (TS_EXTENSIONS.has(ext) || JS_EXTENSIONS.has(ext)) {
    value = evaluateModule(absolute, displayPath, options);
  } else {
    fail(`'${ext || '(none)'}' is not a config file extension`, 'a .ts, .js or .json file');
  }
  const snapshot = snapshotConfig(value);
  if (snapshot.problems.length > 0) {
    const count = `${snapshot.problems.length} error${snapshot.problems.length === 1 ? '' : 's'}`;
    throw new UserError([
      ...snapshot.problems.map((p) => formatProblem({ severity: 'error', rule: 'load', ...p }, displayPath)),
      `${displayPath}: ${count}, nothing written`,
    ]);
  }
  value = snapshot.value;
  // A JSON file's value goes to the schema as it is (which names what is missing); a module exporting nothing usable
  // was most likely written without `export default`.
  if (ext !== '.json' && (typeof value !== 'object' || value === null || Object.keys(value).length === 0)) {
    fail('the module exports no platform config', 'export default definePlatform({ ... })');
  }
  return { value, file: absolute, displayPath, hash: hashConfig(value) };
}

/** The exit code recorded when the module calls process.abort. */
const ABORT = Symbol('process.abort');

/** Thrown by process.exit (and abort) while a config module evaluates. */
class ExitDuringLoad {
  constructor(readonly code: unknown) {}
}

function configTimeoutMs(options: LoadConfigOptions): number {
  if (options.timeoutMs !== undefined) return options.timeoutMs;
  const fromEnv = Number(process.env.PAVED_CONFIG_TIMEOUT_MS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_CONFIG_TIMEOUT_MS;
}

function evaluateModule(file: string, displayPath: string, options: LoadConfigOptions): unknown {
  const timeoutMs = configTimeoutMs(options);
  // A config that calls process.exit (or abort) would end Paved with its own exit code and no message; while it
  // evaluates, both throw instead, and the call is reported even when the module catches what was thrown.
  const proc = process as unknown as Record<'exit' | 'reallyExit' | 'abort', unknown>;
  const saved = { exit: proc.exit, reallyExit: proc.reallyExit, abort: proc.abort, exitCode: process.exitCode };
  let exit: ExitDuringLoad | undefined;
  const trap = (code?: unknown): never => {
    exit ??= new ExitDuringLoad(code);
    throw exit;
  };
  proc.exit = trap;
  proc.reallyExit = trap;
  proc.abort = () => trap(ABORT);
  let exported: unknown;
  try {
    exported = TS_EXTENSIONS.has(path.extname(file))
      ? requireTypeScript(file, options.cacheDir, timeoutMs)
      : requireWithin(file, timeoutMs);
  } catch (e) {
    if (!exit) {
      throw new UserError([oneLine(isTimeout(e)
        ? `error: ${displayPath}: (config): evaluating the config did not finish within ${timeoutMs} ms (a config that returns its object: no endless loops or waits; PAVED_CONFIG_TIMEOUT_MS raises the limit)`
        : describeLoadFailure(e, file, displayPath))]);
    }
  } finally {
    Object.assign(proc, { exit: saved.exit, reallyExit: saved.reallyExit, abort: saved.abort });
    process.exitCode = saved.exitCode;
  }
  if (exit) {
    const code = exit.code === ABORT ? 'process.abort()' : `process.exit(${exit.code === undefined ? '' : describeThrown(exit.code).replace(/ \(.*\)$/, '')})`;
    throw new UserError([
      oneLine(`error: ${displayPath}: (config): called ${code} while loading (a config only exports its object: report problems by throwing an Error)`),
    ]);
  }
  // `export default` (or `export const platform`) in ES module syntax; `module.exports = {...}` in CommonJS. The
  // exports object may itself be hostile (a proxy, a getter that throws).
  try {
    const mod = exported as { default?: unknown; platform?: unknown; __esModule?: boolean } | undefined;
    return mod?.default ?? mod?.platform ?? (mod?.__esModule ? undefined : mod);
  } catch (e) {
    throw new UserError([oneLine(`error: ${displayPath}: (config): reading the module's export threw: ${describeThrown(e)} (export default definePlatform({ ... }))`)]);
  }
}

/** One line saying where loading failed: esbuild syntax errors carry a location, runtime errors a stack frame. */
function describeLoadFailure(error: unknown, file: string, displayPath: string): string {
  const what = describeThrown(error);
  try {
    const err = (typeof error === 'object' && error !== null ? error : {}) as Error & {
      errors?: { text: string; location?: { line: number; column: number } }[];
      code?: string;
    };
    const syntax = Array.isArray(err.errors) ? err.errors[0] : undefined;
    if (syntax && typeof syntax.text === 'string') {
      const where = syntax.location ? `:${syntax.location.line}:${syntax.location.column + 1}` : '';
      return `error: ${displayPath}${where}: (config): syntax error: ${syntax.text} (valid TypeScript)`;
    }
    if (err.code === 'MODULE_NOT_FOUND' && typeof err.message === 'string') {
      const missing = /Cannot find module '([^']+)'/.exec(err.message)?.[1] ?? 'a module';
      return `error: ${displayPath}: (config): imports ${missing}, which cannot be resolved from ${path.dirname(file)} (keep the config inside the Paved workspace, or install @paved/shared-config next to it)`;
    }
    const frame = typeof err.stack === 'string' ? err.stack.split('\n').find((l) => l.includes(file)) : undefined;
    const line = frame ? /:(\d+):(\d+)\)?$/.exec(frame) : null;
    const where = line ? `:${line[1]}` : '';
    return `error: ${displayPath}${where}: (config): evaluating the config threw: ${what} (a config that evaluates without errors)`;
  } catch {
    return `error: ${displayPath}: (config): evaluating the config threw: ${what} (a config that evaluates without errors)`;
  }
}

/** Canonical JSON (keys sorted) hashed with sha256. */
export function hashConfig(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
