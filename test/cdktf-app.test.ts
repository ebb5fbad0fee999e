import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, readTree, tempDir } from './support/run-paved';
import { sharedSynth } from './support/shared-synth';

/**
 * The app that `cdktf synth` / `cdktf deploy` runs from packages/platform-infra (its cdktf.json: `node
 * ../../lib/infra/cdktf-app.js`), run the way the cdktf CLI runs it (cli-core's synth-stack.ts): through a shell, in
 * the directory of cdktf.json, with the environment minus TF_VAR_*, CDKTF_OUTDIR set to the output directory and
 * CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS=true (the CLI prints error annotations itself, so they do not stop the
 * app), plus NODE_OPTIONS with a larger heap and CDKTF_CONTEXT_JSON from cdktf.json's `context`. The CLI then reads
 * `<outdir>/manifest.json` and each stack's file from it. Its Terraform must be `paved synth`'s, byte for byte.
 */
const PACKAGE = path.join(ROOT, 'packages', 'platform-infra');
const cdktfJson = JSON.parse(fs.readFileSync(path.join(PACKAGE, 'cdktf.json'), 'utf8'));
const work = tempDir('paved-cdktf-app-');

function runApp(env: NodeJS.ProcessEnv): { status: number | null; stderr: string; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(work, 'cdktf.out-'));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TF_VAR_')));
  const run = spawnSync(cdktfJson.app, {
    shell: true,
    cwd: PACKAGE,
    encoding: 'utf8',
    env: {
      ...inherited,
      NODE_OPTIONS: '--max-old-space-size=4096',
      CDKTF_CONTEXT_JSON: JSON.stringify(cdktfJson.context ?? {}),
      CDKTF_OUTDIR: outdir,
      CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true',
      ...env,
    },
  });
  return { status: run.status, stderr: run.stderr, outdir };
}

/** Each stack's Terraform JSON by stack name, from a cdktf output directory (through its manifest). */
function stacksOf(outdir: string): Map<string, Buffer> {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  return new Map(Object.values<any>(manifest.stacks).map((s) => [s.name, fs.readFileSync(path.join(outdir, s.synthesizedStackPath))]));
}

test('cdktf.json runs the compiled entry point', () => {
  expect(cdktfJson.app).toBe('node ../../lib/infra/cdktf-app.js');
  expect(fs.existsSync(path.join(PACKAGE, '..', '..', 'lib', 'infra', 'cdktf-app.js'))).toBe(true);
});

test.each([
  ['the repository example (no PAVED_CONFIG)', undefined],
  ['a seed example named by PAVED_CONFIG', path.join(ROOT, 'examples', 'api-spa-helm', 'platform.config.ts')],
])('the cdktf app synthesizes what paved synth does, byte for byte: %s', (_, config) => {
  const app = runApp(config ? { PAVED_CONFIG: config } : {});
  expect(app.stderr).toBe('');
  expect(app.status).toBe(0);

  // paved synth's output (`paved synth --config <config> --no-timings`), made once per run for the files that read it.
  const out = sharedSynth(config ? path.relative(ROOT, config) : undefined);

  const fromApp = stacksOf(app.outdir);
  const fromPaved = readTree(path.join(out, 'terraform', 'stacks'));
  expect([...fromApp.keys()].map((name) => path.join(name, 'cdk.tf.json')).sort()).toEqual([...fromPaved.keys()].sort());
  expect(fromApp.size).toBeGreaterThan(0);
  for (const [name, bytes] of fromApp) {
    const expected = fromPaved.get(path.join(name, 'cdk.tf.json'))!;
    expect({ name, same: bytes.equals(expected) }).toEqual({ name, same: true });
  }
}, 60_000);

test('an invalid config stops the app with paved check\'s one-line errors, not a stack trace', () => {
  const config = path.join(work, 'bad.config.ts');
  fs.writeFileSync(config, "export default { organization: 'Bad Name!' };\n");
  const app = runApp({ PAVED_CONFIG: config });
  expect(app.status).toBe(1);
  expect(app.stderr).toMatch(/^error: /m);
  expect(app.stderr).not.toMatch(/\n\s+at /);
  expect(fs.existsSync(path.join(app.outdir, 'manifest.json'))).toBe(false);
});
