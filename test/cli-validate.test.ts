import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runPaved, tempDir } from './support/run-paved';

const FIXTURES = path.join('test', 'fixtures', 'invalid');
const fixtures = fs
  .readdirSync(path.join(ROOT, FIXTURES))
  .filter((f) => /^\d\d-.*\.ts$/.test(f))
  .sort();

describe('paved validate on malformed configs', () => {
  test('there are twelve fixtures', () => {
    expect(fixtures).toHaveLength(12);
  });

  test.each(fixtures)('%s prints exactly the expected problems and exits 1', (file) => {
    const run = runPaved(['validate', '--config', path.join(FIXTURES, file)]);
    const expected = fs.readFileSync(path.join(ROOT, FIXTURES, file.replace(/\.ts$/, '.expected')), 'utf8');
    expect(run.stderr).toBe(expected);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
  });

  test.each(fixtures)('%s prints one line per problem and no stack trace', (file) => {
    const { stderr } = runPaved(['validate', '--config', path.join(FIXTURES, file)]);
    const lines = stderr.trimEnd().split('\n');
    expect(lines.slice(0, -1).every((l) => /^(error|warning): test\/fixtures\/invalid\/\S+\.ts: \S.*: .+ \(.+\)$/.test(l))).toBe(true);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('paved validate on the example', () => {
  test('accepts it and summarizes', () => {
    const run = runPaved(['validate']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^platform\.config\.ts: valid \(3 environments, 3 services, 0 warnings\) in \d+ ms\n$/);
  });
});

describe('config loading errors are one line, no stack trace', () => {
  const dir = tempDir();
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  test('a missing file', () => {
    const run = runPaved(['validate', '--config', 'nope.config.ts']);
    expect(run.stderr).toBe(
      'error: nope.config.ts: (config): the file does not exist (pass --config with the path of a platform config, such as platform.config.ts)\n',
    );
    expect(run.status).toBe(1);
  });

  test('a syntax error names the line and column', () => {
    const file = write('syntax.config.ts', 'export default {\n  organization: "acme",\n  domain: ,\n};\n');
    const run = runPaved(['validate', '--config', file]);
    expect(run.stderr).toMatch(/^error: .*syntax\.config\.ts:3:11: \(config\): syntax error: Unexpected "," \(valid TypeScript\)\n$/);
    expect(run.status).toBe(1);
  });

  test('a config that throws while evaluating', () => {
    const file = write('throws.config.ts', 'const region = process.env.NOPE!.trim();\nexport default { region };\n');
    const run = runPaved(['validate', '--config', file]);
    expect(run.stderr).toMatch(/^error: .*throws\.config\.ts:1: \(config\): evaluating the config threw: Cannot read properties of undefined/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(1);
  });

  test('a module without a config', () => {
    const file = write('empty.config.ts', 'export const unrelated = 1;\n');
    expect(runPaved(['validate', '--config', file]).stderr).toMatch(/the module exports no platform config \(export default definePlatform/);
  });

  test('a JSON config is accepted and validated', () => {
    const file = write('platform.json', JSON.stringify({ organization: 'acme' }));
    const run = runPaved(['validate', '--config', file]);
    expect(run.stderr).toContain('domain: is missing (this field is required)');
    expect(run.status).toBe(1);
  });
});

describe('usage errors', () => {
  test('an unknown command exits 2 with a hint', () => {
    const run = runPaved(['deploi']);
    expect(run.stderr).toMatch(/^error: unknown command 'deploi' \(did you mean 'deploy'\?\) \(one of validate, synth, check, cost, docs, gitops(, [a-z]+)*\)\nrun 'paved help' for usage\n$/);
    expect(run.stderr).toMatch(/, deploy, destroy\b/);
    expect(run.status).toBe(2);
  });

  test('an unknown option exits 2', () => {
    const run = runPaved(['synth', '--confg', 'x.ts']);
    expect(run.stderr).toMatch(/^error: paved synth: unknown option '--confg'/);
    expect(run.status).toBe(2);
  });

  test('help lists the commands, and each command\'s help its flags', () => {
    expect(runPaved(['help']).stdout).toMatch(/^ {2}validate {2}check a platform config/m);
    expect(runPaved(['validate', '--help']).stdout).toMatch(/^usage: paved validate \[--config FILE\]$/m);
    expect(runPaved(['synth', '--help']).stdout).toMatch(/^usage: paved synth \[--config FILE\] \[--out DIR\] \[--env NAME \.\.\.\]/m);
  });
});
