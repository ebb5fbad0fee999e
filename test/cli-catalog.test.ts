import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { tempDir } from './support/run-paved';
import { runCli } from '../src/cli/run-cli';
import { loadConfig } from '../src/config/load-config';
import { OWNERSHIP_MARKER } from '../src/synth/atomic-output';
import { synthesizePlatform } from '../src/synth/synthesize-platform';

const ROOT = path.resolve(__dirname, '..');
const BASE = tempDir('paved-catalog-test-');
let n = 0;
/** A fresh directory under the suite's temporary directory (removed after the suite). */
const fresh = (name: string) => {
  const dir = path.join(BASE, `${n++}`, name);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  return dir;
};

/** `paved <args>` in-process, from the repository root. */
async function paved(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: ROOT });
  return { code, out, err };
}

describe('paved catalog', () => {
  test('--out writes catalog-info.yaml and the ownership marker; a second run gives the same bytes', async () => {
    const dir = fresh('catalog');
    const first = await paved(['catalog', '--out', dir]);
    expect(first).toMatchObject({ code: 0, err: [] });
    expect(first.out).toEqual([expect.stringMatching(/^paved catalog: \d+ entities -> .*catalog\/catalog-info\.yaml$/)]);
    expect(fs.readdirSync(dir).sort()).toEqual([OWNERSHIP_MARKER, 'catalog-info.yaml']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, OWNERSHIP_MARKER), 'utf8'))).toMatchObject({ tool: 'paved', kind: 'catalog', files: ['catalog-info.yaml'] });
    const bytes = fs.readFileSync(path.join(dir, 'catalog-info.yaml'));
    const kinds = YAML.parseAllDocuments(bytes.toString()).map((d) => d.get('kind'));
    expect(new Set(kinds)).toEqual(new Set(['Domain', 'System', 'Group', 'Component', 'Resource']));

    expect((await paved(['catalog', '--out', dir])).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'catalog-info.yaml'))).toEqual(bytes);
  });

  test('an unknown flag is a usage error naming it (exit 2, no stack trace)', async () => {
    const run = await paved(['catalog', '--outt', 'x']);
    expect(run.code).toBe(2);
    expect(run.err).toEqual(["error: paved catalog: unknown option '--outt' (did you mean '--out'?)", "run 'paved help' for usage"]);
    expect(run.out).toEqual([]);
  });

  test('a directory Paved did not write is refused with one line (exit 1) and left alone', async () => {
    const dir = fresh('foreign');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'mine.txt'), 'keep');
    const run = await paved(['catalog', '--out', dir]);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([expect.stringMatching(/^error: --out .*: is not empty and was not written by paved/)]);
    expect(fs.readdirSync(dir)).toEqual(['mine.txt']);
  });

  test('a missing config is one error line, exit 1', async () => {
    const run = await paved(['catalog', '--config', 'nope.config.ts', '--out', fresh('c')]);
    expect(run.code).toBe(1);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/^error: nope\.config\.ts/);
  });

  test('help lists the command and its flags', async () => {
    expect((await paved(['--help'])).out.join('\n')).toMatch(/^\s+catalog\s+write the Backstage catalog/m);
    expect((await paved(['help', 'catalog'])).out.join('\n')).toContain('paved catalog [--config FILE] [--out DIR]');
  });
});

test('paved synth writes the same catalog under catalog/', async () => {
  const out = fresh('out');
  await synthesizePlatform({ loaded: loadConfig('platform.config.ts', ROOT), loadMs: 0, outDir: out, environments: ['dev'], timings: false });
  const dir = fresh('catalog');
  expect((await paved(['catalog', '--out', dir])).code).toBe(0);
  expect(fs.readFileSync(path.join(out, 'catalog', 'catalog-info.yaml'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8'));
});
