import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runPaved, tempDir } from './support/run-paved';
import { COMMAND_TABLE, DESTROY_WAIT_DEFAULTS } from '../src/cli/command-table';
import { runCli } from '../src/cli/run-cli';
import { closest, editDistance } from '../src/cli/suggest';
import { DEFAULT_DRAIN_WAIT } from '../src/deploy/drain-cluster';

/** The shell around the commands: help, version, suggestions, exit codes, pipes and Ctrl-C. */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: ROOT });
  return { code, out, err };
}
const CLI = path.join(ROOT, 'lib', 'cli', 'main.js');

describe('help', () => {
  test('every help page stays under 100 columns (planted bug: one usage line of 130)', async () => {
    const pages = [await cli('--help'), ...(await Promise.all(COMMAND_TABLE.map((c) => cli(c.name, '--help'))))];
    for (const page of pages) {
      expect(page.code).toBe(0);
      expect(page.out.filter((line) => line.length > 99)).toEqual([]);
    }
  });

  test('the top level lists every command once', async () => {
    const { out } = await cli('help');
    for (const c of COMMAND_TABLE) expect(out.filter((l) => l.startsWith(`  ${c.name} `))).toHaveLength(1);
  });

  test.each(COMMAND_TABLE.map((c) => [c.name, c]))('paved %s --help lists every flag with its default and an example', async (name, entry) => {
    const { out } = await cli(name, '--help');
    const text = out.join('\n');
    for (const form of entry.forms) {
      for (const [flag, spec] of Object.entries(form.flags)) {
        const line = out.find((l) => l.startsWith(`  --${flag} `) || l === `  --${flag}` || l.startsWith(`  --${flag}  `));
        expect({ flag, line }).toEqual({ flag, line: expect.any(String) });
        if (spec.shownDefault) expect(text).toContain(`(default: ${spec.shownDefault})`);
      }
      expect(out).toContain(`  ${form.example}`);
      expect(form.example.startsWith(`paved ${form.words}`)).toBe(true);
    }
    // `paved help <command>` shows the same page.
    expect((await cli('help', name)).out).toEqual(out);
  });

  test('destroy shows the drain defaults it really uses', () => {
    expect(DESTROY_WAIT_DEFAULTS).toEqual(DEFAULT_DRAIN_WAIT);
  });
});

describe('suggestions', () => {
  test('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('synht', 'synth')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('deploy', 'destroy')).toBe(3);
    expect(closest('dif', ['diff', 'docs'])).toBe('diff');
    expect(closest('xyz', ['diff', 'docs'])).toBeUndefined();
  });

  test('a mistyped command gets a suggestion, exit 2', async () => {
    const run = await cli('synht');
    expect(run.code).toBe(2);
    expect(run.err[0]).toBe("error: unknown command 'synht' (did you mean 'synth'?) (one of validate, synth, check, cost, docs, gitops, deploy, destroy, diff, upgrade, promote, catalog)");
  });

  test('a mistyped flag gets a suggestion from that command\'s flags, exit 2', async () => {
    expect((await cli('synth', '--outt', 'x')).err[0]).toBe("error: paved synth: unknown option '--outt' (did you mean '--out'?)");
    expect((await cli('deploy', '--plan')).err[0]).toBe("error: paved deploy: unknown option '--plan' (did you mean '--plan-only'?)");
    expect((await cli('validate', '--zzz')).err[0]).toBe("error: paved validate: unknown option '--zzz'");
    expect((await cli('--verison')).err[0]).toMatch(/^error: unknown option '--verison' \(did you mean '--version'\?\)/);
  });
});

describe('the compiled CLI as a process', () => {
  test('--version prints the package version', () => {
    const run = runPaved(['--version']);
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(run).toEqual({ status: 0, stdout: `paved ${version}\n`, stderr: '' });
  });

  test('exit codes: 0, 1 user error, 2 usage', () => {
    expect(runPaved(['validate']).status).toBe(0);
    expect(runPaved(['validate', '--config', 'test/fixtures/invalid/06-autoscaling.ts']).status).toBe(1);
    expect(runPaved(['nope']).status).toBe(2);
  });

  test('a reader that goes away (paved ... | head) ends the output quietly, no EPIPE trace', () => {
    // `true` exits without reading before node has started: every line paved writes fails with EPIPE.
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" --help | true; echo "\${PIPESTATUS[0]}"`], { cwd: ROOT, encoding: 'utf8' });
    expect({ stderr: run.stderr, status: run.stdout.trim() }).toEqual({ stderr: '', status: '0' });
  });

  const dir = tempDir('paved-sigint-');
  test('Ctrl-C while synthesizing exits 130 quietly and leaves no temporary directory', async () => {
    const child = spawn(process.execPath, [CLI, 'synth', '--out', path.join(dir, 'out')], { cwd: ROOT, env: { ...process.env, INIT_CWD: ROOT } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // As soon as it is building (the staging directory exists), interrupt it.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (fs.readdirSync(dir).some((f) => f.startsWith('.paved-tmp-'))) {
          clearInterval(poll);
          child.kill('SIGINT');
          resolve();
        }
      }, 5);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect({ code, stderr }).toEqual({ code: 130, stderr: '' });
    expect(fs.readdirSync(dir)).toEqual([]);
  }, 60_000);
});
