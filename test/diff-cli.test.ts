import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runPaved } from './support/run-paved';
import { loadConfig } from '../src/config/load-config';
import { FORCE_NEW } from '../src/diff/replacement-rules';
import { synthesizePlatform } from '../src/synth/synthesize-platform';

/**
 * `paved diff` over the root example and the three seed examples: a baseline is synthesized (as `paved deploy` would
 * record it), the config is copied with one service renamed, and the diff must name the service's ECR repositories and
 * namespaces as replaced. The copies live inside the repository so that `@paved/*` imports resolve.
 */
const work = fs.mkdtempSync(path.join(ROOT, '.paved-tmp-diff-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Case {
  readonly name: string;
  readonly config: string;
  readonly service: string;
  readonly environments: readonly string[];
}
const CASES: readonly Case[] = [
  { name: 'root', config: path.join(ROOT, 'platform.config.ts'), service: 'api', environments: ['dev', 'staging', 'prod'] },
  { name: 'community-health-api-gateway', config: 'examples/community-health-api-gateway/platform.config.ts', service: 'acc-be', environments: ['dev', 'prod'] },
  { name: 'api-spa-helm', config: 'examples/api-spa-helm/platform.config.ts', service: 'backend', environments: ['staging', 'production'] },
  { name: 'fastapi-react', config: 'examples/fastapi-react/platform.config.ts', service: 'backend', environments: ['dev', 'prod'] },
];

/** The directory of one case: the config as is, the config with the service renamed, and the baseline in .paved/deployed. */
async function prepare(c: Case): Promise<{ dir: string; same: string; renamed: string; baseline: string }> {
  const dir = path.join(work, c.name);
  fs.mkdirSync(dir, { recursive: true });
  const source = fs.readFileSync(path.resolve(ROOT, c.config), 'utf8');
  const same = path.join(dir, 'platform.config.ts');
  const renamed = path.join(dir, 'renamed.config.ts');
  fs.writeFileSync(same, source);
  const needle = `name: '${c.service}',`;
  expect(source.split(needle).length - 1).toBe(1);
  fs.writeFileSync(renamed, source.replace(needle, "name: 'orders',"));
  // What `paved deploy` records: the synthesized output (guardrails are not the diff's business).
  const baseline = path.join(dir, '.paved', 'deployed');
  await synthesizePlatform({ loaded: loadConfig(same, dir), loadMs: 0, outDir: baseline, timings: false, checks: false });
  return { dir, same, renamed, baseline };
}

const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/^\s+at |internal error/m);

describe.each(CASES)('paved diff over $name', (c) => {
  let files: Awaited<ReturnType<typeof prepare>>;
  beforeAll(async () => {
    files = await prepare(c);
  }, 60_000);

  test(`renaming '${c.service}' replaces its ECR repositories (shared stack) and its namespace in every environment`, () => {
    // The default baseline: .paved/deployed next to the config.
    const run = runPaved(['diff', '--config', files.renamed, '--format', 'json', '--exit-code'], { cwd: files.dir });
    noStackTrace(run.stderr);
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.baseline).toBe(path.join('.paved', 'deployed'));
    const ecr = report.destructive.filter((d: any) => d.scope === 'terraform/shared' && d.subject.startsWith('aws_ecr_repository.'));
    expect(ecr.length).toBe(c.environments.length);
    for (const env of c.environments) {
      expect(ecr).toContainEqual(expect.objectContaining({
        action: 'replace',
        subject: expect.stringMatching(new RegExp(`^aws_ecr_repository\\.ecr-${env}-orders_`)),
        previous: expect.stringMatching(new RegExp(`^aws_ecr_repository\\.ecr-${env}-${c.service}_`)),
        details: expect.arrayContaining([expect.stringMatching(/^name: ".*" -> ".*orders"$/), expect.stringMatching(/^loses every image/)]),
      }));
      expect(report.destructive).toContainEqual(expect.objectContaining({
        scope: `gitops/${env}`,
        subject: 'Namespace orders',
        action: 'replace',
        previous: `Namespace ${c.service}`,
        details: expect.arrayContaining([expect.stringMatching(new RegExp(`^deletes every object in namespace ${c.service} `))]),
      }));
      expect(report.destructive).toContainEqual(expect.objectContaining({
        scope: `gitops/${env}`,
        subject: 'Application argocd/service-orders',
        action: 'replace',
        details: expect.arrayContaining([expect.stringMatching(/resources-finalizer\.argocd\.argoproj\.io/)]),
      }));
    }
    // Nothing in the shared stack is left as a plain destroy: every removal found its renamed counterpart.
    expect(report.destructive.filter((d: any) => d.scope === 'terraform/shared' && d.action === 'destroy')).toEqual([]);
  }, 60_000);

  test('the unchanged config against its own baseline: no changes, exit 0 even with --exit-code', () => {
    const run = runPaved(['diff', '--config', files.same, '--against', files.baseline, '--exit-code'], { cwd: files.dir });
    noStackTrace(run.stderr);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^paved diff: platform\.config\.ts \(synthesized now\) against \.paved\/deployed\n/);
    expect(run.stdout).not.toMatch(/DESTROYED|REPLACED|Other changes/);
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('No changes: the new output matches the baseline.');
  }, 60_000);

  test('every resource type in the output has force-new rules', () => {
    const stacks = path.join(files.baseline, 'terraform', 'stacks');
    const types = new Set(fs.readdirSync(stacks).flatMap((s) => Object.keys(JSON.parse(fs.readFileSync(path.join(stacks, s, 'cdk.tf.json'), 'utf8')).resource ?? {})));
    expect([...types].filter((t) => !(t in FORCE_NEW))).toEqual([]);
  });
});

describe('paved diff text report over the root example', () => {
  test('destroys and replacements first, then one summary line per stack and environment', () => {
    const dir = path.join(work, 'root');
    const run = runPaved(['diff', '--config', 'renamed.config.ts', '--new', path.join(dir, '.paved', 'deployed'), '--against', '.paved/deployed'], { cwd: dir });
    // Same tree on both sides through --new: the cheapest way to see the layout of a no-change report.
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual(['paved diff: .paved/deployed against .paved/deployed', '', 'Summary:']);
    expect(run.stdout).toMatch(/^ {2}terraform\/shared +no changes$/m);
    expect(run.stdout).toMatch(/^ {2}gitops\/prod +no changes$/m);
  });

  test('a rename in text: the section of replacements comes before the summary', () => {
    const dir = path.join(work, 'root');
    const run = runPaved(['diff', '--config', 'renamed.config.ts', '--env', 'dev'], { cwd: dir });
    noStackTrace(run.stderr);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[2]).toMatch(/^Will be DESTROYED or REPLACED \(\d+\):$/);
    const summary = lines.indexOf('Summary:');
    const section = lines.slice(3, summary);
    expect(section).toContainEqual(expect.stringMatching(/^ {2}terraform\/shared +REPLACED +aws_ecr_repository\.ecr-dev-orders_\w+: address changed: aws_ecr_repository\.ecr-dev-api_\w+ -> /));
    expect(section).toContainEqual(expect.stringMatching(/^ {2}gitops\/dev +REPLACED +Namespace orders: renamed: Namespace api -> Namespace orders; deletes every object in namespace api/));
    // --env dev: no other environment's stacks or manifests take part.
    expect(run.stdout).not.toMatch(/(prod|staging)-(network|cluster|data|platform)|gitops\/(prod|staging)/);
    expect(lines.slice(summary)).toContainEqual(expect.stringMatching(/^ {2}terraform\/shared +.*\d+ to replace/));
  }, 60_000);
});

describe('paved diff bad input: one line, exit 1, no stack trace', () => {
  const dir = path.join(work, 'bad');
  beforeAll(() => {
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'platform.config.ts'), path.join(dir, 'platform.config.ts'));
  });
  const expectOneLine = (args: string[], pattern: RegExp, status = 1) => {
    const run = runPaved(['diff', ...args], { cwd: dir });
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(pattern)]);
    expect(run.status).toBe(status);
  };

  test('no deployed baseline next to the config says how to get one', () => {
    expectOneLine([], /^error: \.paved\/deployed: no baseline to compare with: .*run 'paved deploy'.*--against DIR/);
  });

  test('an --against directory that does not exist', () => {
    expectOneLine(['--against', 'nope'], /^error: --against nope: does not exist \(/);
  });

  test('a directory that is not a paved output', () => {
    fs.mkdirSync(path.join(dir, 'empty'), { recursive: true });
    expectOneLine(['--against', 'empty'], /^error: empty: not a paved output \(no terraform\/stacks\/ and no gitops\/ inside/);
  });

  test('a corrupt cdk.tf.json in the baseline names the file', () => {
    const stack = path.join(dir, 'corrupt', 'terraform', 'stacks', 'shared');
    fs.mkdirSync(stack, { recursive: true });
    fs.writeFileSync(path.join(stack, 'cdk.tf.json'), '{ "resource": ');
    expectOneLine(['--against', 'corrupt'], /^error: corrupt\/terraform\/stacks\/shared\/cdk\.tf\.json: not valid JSON: /);
  });

  test('a corrupt manifest in the baseline names the file', () => {
    const env = path.join(dir, 'yaml', 'gitops', 'dev');
    fs.mkdirSync(env, { recursive: true });
    fs.writeFileSync(path.join(env, 'x.yaml'), 'kind: [unclosed\n');
    expectOneLine(['--against', 'yaml'], /^error: yaml\/gitops\/dev\/x\.yaml: not valid YAML: /);
  });

  test('an unknown --format is a usage error', () => {
    const run = runPaved(['diff', '--format', 'xml'], { cwd: dir });
    expect(run.stderr).toMatch(/^error: paved diff: --format 'xml' is not one of text, json\n/);
    expect(run.status).toBe(2);
  });
});
