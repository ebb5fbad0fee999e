import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTree, runPaved, tempDir } from './support/run-paved';
import { copySharedSynth } from './support/shared-synth';

const dir = tempDir('paved-synth-');
const out = (name: string) => path.join(dir, name);

function synth(args: string[]) {
  const run = runPaved(['synth', ...args]);
  if (run.status !== 0) throw new Error(`paved synth failed (${run.status}):\n${run.stderr}`);
  return run;
}

describe('paved synth on the example', () => {
  let first: ReturnType<typeof synth>;
  let summary: {
    terraform: { stacks: { name: string }[] };
    gitops: { files: string[] };
    environments: { name: string }[];
    configHash: string;
    timings?: unknown;
  };
  beforeAll(() => {
    first = synth(['--out', out('a'), '--no-timings']);
    synth(['--out', out('b'), '--no-timings']);
    summary = JSON.parse(fs.readFileSync(path.join(out('a'), 'summary.json'), 'utf8'));
  });

  test('prints a short human summary', () => {
    expect(first.stdout).toMatch(/^paved synth: platform\.config\.ts -> .*\/a\/\n  environments  dev \(development\), staging \(production\), prod \(production\)\n  terraform     \d+ stacks, \d+ resources/);
    expect(first.stderr).toBe('');
  });

  test('writes the output contract: terraform/ in the cdktf layout, gitops/<env>/, summary.json', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(out('a'), 'terraform', 'manifest.json'), 'utf8'));
    const stackNames = summary.terraform.stacks.map((s) => s.name);
    expect(Object.keys(manifest.stacks).sort()).toEqual([...stackNames].sort());
    for (const name of stackNames) {
      expect(fs.existsSync(path.join(out('a'), 'terraform', 'stacks', name, 'cdk.tf.json'))).toBe(true);
    }
    for (const file of summary.gitops.files) {
      expect(file).toMatch(/^(dev|staging|prod)\//);
      expect(fs.existsSync(path.join(out('a'), 'gitops', file))).toBe(true);
    }
    expect(summary.environments.map((e) => e.name)).toEqual(['dev', 'staging', 'prod']);
    expect(summary.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.timings).toBeUndefined();
  });

  test('two runs give byte-identical trees', () => {
    const a = readTree(out('a'));
    const b = readTree(out('b'));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [file, bytes] of a) expect({ file, same: bytes.equals(b.get(file)!) }).toEqual({ file, same: true });
  });

  test('with timings, only summary.json timings differ between runs', () => {
    synth(['--out', out('t1')]);
    synth(['--out', out('t2')]);
    const a = readTree(out('t1'));
    const b = readTree(out('t2'));
    const strip = (buf: Buffer) => ({ ...JSON.parse(buf.toString()), timings: undefined });
    expect(strip(a.get('summary.json')!)).toEqual(strip(b.get('summary.json')!));
    expect(JSON.parse(a.get('summary.json')!.toString()).timings).toEqual(
      expect.objectContaining({ loadMs: expect.any(Number), infraMs: expect.any(Number), gitopsMs: expect.any(Number), totalMs: expect.any(Number) }),
    );
    for (const [file, bytes] of a) if (file !== 'summary.json') expect(bytes.equals(b.get(file)!)).toBe(true);
  });
});

describe('paved synth --env', () => {
  test('synthesizes only the selected environments', () => {
    synth(['--out', out('dev-only'), '--env', 'dev', '--no-timings']);
    const summary = JSON.parse(fs.readFileSync(path.join(out('dev-only'), 'summary.json'), 'utf8'));
    expect(summary.environments.map((e: { name: string }) => e.name)).toEqual(['dev']);
    const envStacks = summary.terraform.stacks.filter((s: { environment?: string }) => s.environment);
    expect(envStacks.every((s: { environment: string }) => s.environment === 'dev')).toBe(true);
  });

  test('rejects an environment the config does not have, writing nothing', () => {
    const run = runPaved(['synth', '--out', out('never'), '--env', 'qa']);
    expect(run.stderr).toBe("error: platform.config.ts: --env: 'qa' is not an environment of this config (one of dev, staging, prod)\n");
    expect(run.status).toBe(2);
    expect(fs.existsSync(out('never'))).toBe(false);
  });
});

describe('paved synth output is replaced atomically', () => {
  test('an invalid config leaves the previous output untouched', () => {
    // The previous output: a copy of the example's, shared with the files that read it (support/shared-synth.ts).
    copySharedSynth(out('kept'));
    const before = readTree(out('kept'));
    const run = runPaved(['synth', '--out', out('kept'), '--config', 'test/fixtures/invalid/06-autoscaling.ts']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/nothing written\n$/);
    const after = readTree(out('kept'));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, bytes] of before) expect(bytes.equals(after.get(file)!)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.paved-tmp-'))).toEqual([]);
  });

  test('a successful synth removes stale files it wrote before and keeps files it did not write', () => {
    copySharedSynth(out('replaced'));
    fs.writeFileSync(path.join(out('replaced'), 'terraform', 'mine.json'), '{}');
    synth(['--out', out('replaced'), '--env', 'dev', '--no-timings']);
    expect(fs.existsSync(path.join(out('replaced'), 'gitops', 'prod'))).toBe(false);
    expect(fs.readFileSync(path.join(out('replaced'), 'terraform', 'mine.json'), 'utf8')).toBe('{}');
  });

  test('refuses to replace a directory paved did not write, even one holding a summary.json', () => {
    fs.mkdirSync(out('foreign'));
    fs.writeFileSync(path.join(out('foreign'), 'summary.json'), '{}');
    fs.writeFileSync(path.join(out('foreign'), 'notes.txt'), 'mine');
    const run = runPaved(['synth', '--out', out('foreign')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/is not empty and was not written by paved \(no \.paved-output\); refusing to replace it/);
    expect(fs.readFileSync(path.join(out('foreign'), 'notes.txt'), 'utf8')).toBe('mine');
  });
});
