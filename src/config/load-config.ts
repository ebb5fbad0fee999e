import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { requireTypeScript } from './typescript-loader';
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

/**
 * Loads a platform config from a `.ts`, `.js` or `.json` file. TypeScript is transpiled, never type-checked: loading
 * stays in the tens of milliseconds, and validation reports type mistakes as problems.
 */
export function loadConfig(file: string, cwd = process.cwd(), options: { cacheDir?: string } = {}): LoadedConfig {
  const absolute = path.resolve(cwd, file);
  const displayPath = displayPathOf(absolute, cwd);
  const fail = (what: string, allowed: string): never => {
    throw new UserError([`error: ${displayPath}: (config): ${what} (${allowed})`]);
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
      fail(`is not valid JSON: ${(e as Error).message}`, 'a JSON object');
    }
  } else if (TS_EXTENSIONS.has(ext) || JS_EXTENSIONS.has(ext)) {
    value = evaluateModule(absolute, displayPath, options.cacheDir);
  } else {
    fail(`'${ext || '(none)'}' is not a config file extension`, 'a .ts, .js or .json file');
  }
  return { value, file: absolute, displayPath, hash: hashConfig(value) };
}

function evaluateModule(file: string, displayPath: string, cacheDir?: string): unknown {
  let exported: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = TS_EXTENSIONS.has(path.extname(file)) ? requireTypeScript(file, cacheDir) : require(file);
  } catch (e) {
    throw new UserError([describeLoadFailure(e, file, displayPath)]);
  }
  // `export default` (or `export const platform`) in ES module syntax; `module.exports = {...}` in CommonJS.
  const mod = exported as { default?: unknown; platform?: unknown; __esModule?: boolean } | undefined;
  const value = mod?.default ?? mod?.platform ?? (mod?.__esModule ? undefined : mod);
  if (typeof value !== 'object' || value === null || Object.keys(value).length === 0) {
    throw new UserError([
      `error: ${displayPath}: (config): the module exports no platform config (export default definePlatform({ ... }))`,
    ]);
  }
  return value;
}

/** One line saying where loading failed: esbuild syntax errors carry a location, runtime errors a stack frame. */
function describeLoadFailure(error: unknown, file: string, displayPath: string): string {
  const err = error as Error & { errors?: { text: string; location?: { line: number; column: number } }[]; code?: string };
  const syntax = err.errors?.[0];
  if (syntax) {
    const where = syntax.location ? `:${syntax.location.line}:${syntax.location.column + 1}` : '';
    return `error: ${displayPath}${where}: (config): syntax error: ${syntax.text} (valid TypeScript)`;
  }
  if (err.code === 'MODULE_NOT_FOUND') {
    const missing = /Cannot find module '([^']+)'/.exec(err.message)?.[1] ?? 'a module';
    return `error: ${displayPath}: (config): imports ${missing}, which cannot be resolved from ${path.dirname(file)} (keep the config inside the Paved workspace, or install @paved/shared-config next to it)`;
  }
  const frame = err.stack?.split('\n').find((l) => l.includes(file));
  const line = frame ? /:(\d+):(\d+)\)?$/.exec(frame) : null;
  const where = line ? `:${line[1]}` : '';
  return `error: ${displayPath}${where}: (config): evaluating the config threw: ${err.message ?? String(error)} (a config that evaluates without errors)`;
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
