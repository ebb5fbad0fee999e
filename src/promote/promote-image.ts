import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlatformConfig, ServiceConfig } from '@paved/shared-config';
import { editImageTag } from './edit-image-tag';
import { UserError } from '../cli/user-error';
import { loadConfig, type LoadedConfig } from '../config/load-config';
import { writeFileAtomically } from '../deploy/atomic-file';

export interface PromoteRequest {
  readonly loaded: LoadedConfig;
  /** The validated config. */
  readonly config: PlatformConfig;
  readonly service: string;
  readonly from: string;
  readonly to: string;
}

export interface PromoteResult {
  /** The tag now set in `to`. */
  readonly tag: string;
  /** False when `to` already ran that tag: nothing written. */
  readonly changed: boolean;
  /** Unified diff of the config file (empty when unchanged). */
  readonly diff: string[];
}

/** The tag a service runs in an environment (or stage): its override, else the catalog's. */
export function imageTagIn(service: ServiceConfig, environment: string): string | undefined {
  return service.environments?.[environment]?.imageTag ?? service.image?.tag;
}

/**
 * `paved promote`: sets the image tag of `service` in `to` to the one it runs in `from`, in the config file, and
 * nothing else. The edited text is loaded again and compared with the original config: if anything but that one
 * field differs, nothing is written.
 */
export function promoteImage(request: PromoteRequest): PromoteResult {
  const { loaded, config, service: name, from, to } = request;
  const file = loaded.displayPath;
  const fail = (field: string, what: string, allowed: string): never => {
    throw new UserError([`error: ${file}: ${field}: ${what} (${allowed})`]);
  };
  const services = config.services ?? [];
  const service = services.find((s) => s.name === name);
  if (!service) fail('<service>', `'${name}' is not a service`, `one of ${services.map((s) => s.name).join(', ') || 'none: the config has no services'}`);
  const environments = config.environments.map((e) => e.name);
  for (const [flag, env] of [['--from', from], ['--to', to]] as const) {
    if (!environments.includes(env)) fail(flag, `'${env}' is not an environment or stage`, `one of ${environments.join(', ')}`);
    if (service!.environments?.[env]?.enabled === false) fail(flag, `'${name}' does not run in '${env}'`, `an environment where it runs (environments.${env}.enabled is false)`);
  }
  if (from === to) fail('--to', `is '${from}', like --from`, 'another environment or stage');
  if (!service!.image) fail('<service>', `'${name}' is a chart entry, without an image tag`, 'a service with image');
  const tag = imageTagIn(service!, from)!;
  if (imageTagIn(service!, to) === tag) return { tag, changed: false, diff: [] };

  const text = fs.readFileSync(loaded.file, 'utf8');
  const edited = editImageTag({ text, service: name, environment: to, tag, json: path.extname(loaded.file) === '.json' });
  const byHand = `set services[${services.indexOf(service!)}].environments.${to}.imageTag to '${tag}' by hand`;
  if (!edited.ok) fail(`services[${services.indexOf(service!)}]`, `cannot be edited mechanically: ${edited.reason}`, byHand);
  const newText = (edited as { text: string }).text;

  // Verify: the edited file, loaded as Paved loads it, differs from the original in that one field only.
  const probe = path.join(path.dirname(loaded.file), `.${path.basename(loaded.file, path.extname(loaded.file))}.promote-${process.pid}${path.extname(loaded.file)}`);
  let after: unknown;
  try {
    fs.writeFileSync(probe, newText);
    after = loadConfig(probe, path.dirname(loaded.file)).value;
  } finally {
    fs.rmSync(probe, { force: true });
  }
  const changes = differences(loaded.value, after, '');
  const expected = `services[${services.indexOf(service!)}].environments.${to}.imageTag`;
  if (changes.length !== 1 || changes[0] !== expected) {
    fail(expected, `the edit would change ${changes.join(', ') || 'nothing'}`, byHand);
  }
  writeFileAtomically(loaded.file, newText);
  return { tag, changed: true, diff: unifiedDiff(text, newText, file) };
}

/** Paths (`a.b[0].c`) where two plain JSON values differ. */
export function differences(a: unknown, b: unknown, at: string): string[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...differences(a[i], b[i], `${at}[${i}]`));
    return out;
  }
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  // An object added or removed counts by its fields: a new override `{ imageTag }` is one changed field.
  if ((isObject(a) || a === undefined) && (isObject(b) || b === undefined) && a !== b) {
    const ao = (a ?? {}) as Record<string, unknown>;
    const bo = (b ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
    return keys.flatMap((k) => differences(ao[k], bo[k], at ? `${at}.${k}` : k));
  }
  return Object.is(a, b) ? [] : [at];
}

/** A unified diff of one changed region, with three lines of context. */
export function unifiedDiff(before: string, after: string, file: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const from = Math.max(0, start - 3);
  const toA = Math.min(a.length, endA + 3);
  const toB = Math.min(b.length, endB + 3);
  return [
    `--- a/${file}`,
    `+++ b/${file}`,
    `@@ -${from + 1},${toA - from} +${from + 1},${toB - from} @@`,
    ...a.slice(from, start).map((l) => ` ${l}`),
    ...a.slice(start, endA).map((l) => `-${l}`),
    ...b.slice(start, endB).map((l) => `+${l}`),
    ...a.slice(endA, toA).map((l) => ` ${l}`),
  ];
}
