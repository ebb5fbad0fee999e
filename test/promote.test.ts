import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { COMMAND_TABLE, usageLines } from '../src/cli/command-table';
import { runCli } from '../src/cli/run-cli';
import { loadConfig } from '../src/config/load-config';
import { differences } from '../src/promote/promote-image';

/**
 * Issue 17: `paved promote <service> --from A --to B` edits a temp copy of the stages example: exactly one field
 * changes (the image tag of that service in B), and the diff is shown.
 */
const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'stages', 'platform.config.ts');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-promote-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
// The copy imports @paved/shared-config as the example does.
fs.mkdirSync(path.join(work, 'node_modules', '@paved'), { recursive: true });
fs.symlinkSync(path.join(ROOT, 'packages', 'shared-config'), path.join(work, 'node_modules', '@paved', 'shared-config'), 'dir');

let n = 0;
function copy(): string {
  const file = path.join(work, `platform-${n++}.config.ts`);
  fs.copyFileSync(EXAMPLE, file);
  return file;
}

async function promote(file: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    code = await runCli(['promote', ...args, '--config', file], { out: (l) => out.push(l), err: (l) => err.push(l), cwd: work });
  } catch (e) {
    throw new Error(`runCli threw: ${(e as Error).message}`);
  }
  return { code, out, err };
}

/** Loads a file as Paved does, under a fresh name (modules are cached by path for the life of the process). */
const valueOf = (file: string) => {
  const fresh = path.join(work, `read-${n++}.config.ts`);
  fs.copyFileSync(file, fresh);
  return loadConfig(fresh, work).value;
};

test.each([
  // [service, from, to, expected tag]: no override yet in `to` (object with a spread), an override to replace, an
  // override without a tag (autoscaling), each a different shape of the file.
  ['api', 'preview-dev', 'preprod-dev', '1.9.0-rc.2'],
  ['api', 'preview-nightly', 'preview-dev', '1.9.0-nightly.20261203'],
  ['api', 'preview-dev', 'mainnet-prod', '1.9.0-rc.2'],
  ['web', 'preview-dev', 'mainnet-dev', '1.9.0-rc.2'],
])('promote %s from %s to %s: exactly one field changes', async (service, from, to, tag) => {
  const file = copy();
  const before = valueOf(file);
  const { code, out, err } = await promote(file, service, '--from', from, '--to', to);
  expect(err).toEqual([]);
  expect(code).toBe(0);
  const after = valueOf(file) as any;
  const index = (before as any).services.findIndex((s: any) => s.name === service);
  expect(differences(before, after, '')).toEqual([`services[${index}].environments.${to}.imageTag`]);
  expect(after.services[index].environments[to].imageTag).toBe(tag);
  // The diff shows the change.
  expect(out[0]).toBe(`--- a/${path.basename(file)}`);
  expect(out.filter((l) => l.startsWith('+') && !l.startsWith('+++')).join('\n')).toContain(tag);
  expect(out[out.length - 1]).toMatch(new RegExp(`${service} ${from} -> ${to}: image tag ${tag.replace(/\./g, '\\.')} \\(one field changed`));
});

test('nothing to promote: the file is left as it was', async () => {
  const file = copy();
  const text = fs.readFileSync(file, 'utf8');
  const { code, out } = await promote(file, 'indexer', '--from', 'preview-dev', '--to', 'preprod-dev');
  expect(code).toBe(0);
  expect(out).toEqual([`${path.basename(file)}: indexer already runs 1.8.0 in preprod-dev; nothing changed`]);
  expect(fs.readFileSync(file, 'utf8')).toBe(text);
});

test.each([
  [['apx', '--from', 'preview-dev', '--to', 'preprod-dev'], "<service>: 'apx' is not a service (one of api, web, indexer, auth)"],
  [['api', '--from', 'preview-dev', '--to', 'qa'], "--to: 'qa' is not an environment or stage (one of dev, prod, shared-dev,"],
  [['api', '--from', 'shared-dev', '--to', 'preview-dev'], "--from: 'api' does not run in 'shared-dev'"],
])('bad input: one line, exit 1, file untouched (%j)', async (args, message) => {
  const file = copy();
  const text = fs.readFileSync(file, 'utf8');
  const { code, err } = await promote(file, ...args);
  expect(code).toBe(1);
  expect(err).toHaveLength(1);
  expect(err[0]).toContain(`error: ${path.basename(file)}: ${message}`);
  expect(fs.readFileSync(file, 'utf8')).toBe(text);
});

test('help names the SERVICE operand in the usage line', () => {
  const form = COMMAND_TABLE.find((c) => c.name === 'promote')!.forms[0];
  expect(usageLines(form)).toEqual(['paved promote SERVICE --from ENV --to ENV [--config FILE]']);
});
