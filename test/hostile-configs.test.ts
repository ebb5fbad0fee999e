import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../src/cli/run-cli';
import { loadConfig } from '../src/config/load-config';
import { base } from './fixtures/invalid/base';
import { type PavedRun, readTree, ROOT, tempDir } from './support/run-paved';

/**
 * Malformed and hostile configs: each must end in exit 1 with an `error:` line naming the field path, no stack trace,
 * and an output directory left exactly as it was. Most run in-process through the CLI's run function (JSON and
 * CommonJS files: jest loads those without transforming them); the ones that need a real process (process.exit, a
 * module that never returns, TypeScript through esbuild) run `node lib/cli/main.js`.
 */

type Config = Record<string, any>;
const clone = (): Config => JSON.parse(JSON.stringify(base)) as Config;
const json = (change: (c: Config) => void): string => {
  const c = clone();
  change(c);
  return JSON.stringify(c, null, 2);
};
/** A CommonJS module that builds the base config, lets `body` change `c`, and exports it. */
const js = (body: string): string => `const c = ${JSON.stringify(base)};\n${body}\nmodule.exports = c;\n`;

interface Case {
  readonly name: string;
  /** File name; its extension picks the loader. */
  readonly file: string;
  readonly text: string;
  /** The field path of the expected `error:` line, exactly as printed. */
  readonly path: string;
  /** What the line says after the path. */
  readonly says: RegExp;
}

const c = (name: string, file: string, text: string, fieldPath: string, says: RegExp): Case => ({ name, file, text, path: fieldPath, says });

const CASES: readonly Case[] = [
  // Values of the wrong type: the schema reports them, and no rule may trip over them afterwards.
  c('environments is a string', 'env-string.json', json((x) => void (x.environments = 'dev')), 'environments', /is a string, expected a list/),
  c('an environment is null', 'env-null.json', json((x) => void (x.environments[0] = null)), 'environments[0]', /is null, expected an object/),
  c('services is a string', 'svc-string.json', json((x) => void (x.services = 'api')), 'services', /expected a list/),
  c('a service is null', 'svc-null.json', json((x) => void (x.services[1] = null)), 'services[1]', /is null/),
  c('dependsOn is a string', 'depends-string.json', json((x) => void (x.services[0].dependsOn = 'postgres')), 'services[0].dependsOn', /expected a list/),
  c('null inside dependsOn', 'depends-null.json', json((x) => void (x.services[0].dependsOn = [null])), 'services[0].dependsOn[0]', /null is not a known value/),
  c('service environments is a string', 'svc-envs-string.json', json((x) => void (x.services[0].environments = 'dev')), 'services[0].environments', /expected an object/),
  c('a service override is null', 'svc-override-null.json', json((x) => void (x.services[0].environments = { dev: null })), 'services[0].environments.dev', /is null/),
  c('ingress is a string', 'ingress-string.json', json((x) => void (x.services[0].ingress = 'api')), 'services[0].ingress', /expected an object/),
  c('a number where a host belongs', 'host-number.json', json((x) => void (x.services[0].ingress.host = 42)), 'services[0].ingress.host', /is a number, expected a string/),
  c('env is a list', 'env-list.json', json((x) => void (x.services[0].env = ['A'])), 'services[0].env', /expected an object/),
  c('a secret is null', 'secret-null.json', json((x) => void (x.services[0].secrets = { TOKEN: null })), 'services[0].secrets.TOKEN', /is null/),
  c('autoscaling is a list', 'hpa-list.json', json((x) => void (x.services[0].autoscaling = [])), 'services[0].autoscaling', /is a list, expected an object/),
  c('promoteTo is a string', 'promote-string.json', json((x) => void (x.services[0].ci = { repository: 'acme/api', promoteTo: 'prod' })), 'services[0].ci.promoteTo', /expected a list/),
  c('a port given as text', 'port-string.json', json((x) => void (x.services[0].port = '8080')), 'services[0].port', /is a string, expected a whole number/),
  c('profile named toString', 'profile-tostring.json', json((x) => void (x.environments[0].profile = 'toString')), 'environments[0].profile', /'toString' is not a known value/),
  c('profile named constructor', 'profile-constructor.json', json((x) => void (x.environments[1].profile = 'constructor')), 'environments[1].profile', /not a known value/),
  c('profile named __proto__', 'profile-proto.json', json((x) => void (x.environments[0].profile = '__proto__')), 'environments[0].profile', /not a known value/),
  c('an environment name is a number', 'env-name-number.json', json((x) => void (x.environments[0].name = 42)), 'environments[0].name', /is a number/),
  c('an account is a number', 'account-number.json', json((x) => void (x.environments[0].account = 111111111111)), 'environments[0].account', /is a number/),
  c('network is a string', 'network-string.json', json((x) => void (x.environments[0].network = '10.0.0.0/16')), 'environments[0].network', /expected an object/),
  c('subnets of the wrong types', 'subnets-types.json', json((x) => void (x.environments[0].network = { subnets: { public: '10.0.0.0/24', private: [null], data: [1] } })), 'environments[0].network.subnets.public', /expected a list/),
  c('a node group is null', 'nodegroup-null.json', json((x) => void (x.environments[0].cluster = { nodeGroups: [null] })), 'environments[0].cluster.nodeGroups[0]', /is null/),
  c('a node group size as text', 'nodegroup-text.json', json((x) => void (x.environments[0].cluster = { nodeGroups: [{ name: 'a', instanceTypes: ['m6i.large'], minSize: '1', maxSize: 2 }] })), 'environments[0].cluster.nodeGroups[0].minSize', /expected a whole number/),
  c('publicAccessCidrs is a string', 'cidrs-string.json', json((x) => void (x.environments[1].cluster.publicAccessCidrs = '0.0.0.0/0')), 'environments[1].cluster.publicAccessCidrs', /expected a list/),
  c('postgres is a list', 'postgres-list.json', json((x) => void (x.environments[0].data = { postgres: [] })), 'environments[0].data.postgres', /is a list/),
  c('environment addons is a list', 'addons-list.json', json((x) => void (x.environments[0].addons = [])), 'environments[0].addons', /is a list/),
  c('an add-on setting is null', 'addon-null.json', json((x) => void (x.environments[0].addons = { 'cert-manager': null })), 'environments[0].addons.cert-manager', /is null/),
  c('an add-on named toString', 'addon-tostring.json', json((x) => void (x.addons = { toString: { enabled: true } })), 'addons.toString', /is not a known add-on/),
  c('an access role is null', 'role-null.json', json((x) => void (x.access.roles = [null])), 'access.roles[0]', /is null/),
  c('role environments is a string', 'role-envs-string.json', json((x) => void (x.access.roles = [{ roleArn: 'arn:aws:iam::111111111111:role/dev', access: 'view', environments: 'dev' }])), 'access.roles[0].environments', /expected a list/),
  c('access is a string', 'access-string.json', json((x) => void (x.access = 'admin')), 'access', /expected an object/),
  c('a waiver is null', 'waiver-null.json', json((x) => void (x.waivers = [null])), 'waivers[0]', /is null/),
  c('waivers is a string', 'waivers-string.json', json((x) => void (x.waivers = 'none')), 'waivers', /expected a list/),
  c('gitops is a string', 'gitops-string.json', json((x) => void (x.gitops = 'https://github.com/acme/gitops.git')), 'gitops', /expected an object/),
  c('domain is a number', 'domain-number.json', json((x) => void (x.domain = 42)), 'domain', /is a number/),
  c('management region is a number', 'mgmt-region-number.json', json((x) => void (x.management = { account: '222222222222', region: 5 })), 'management.region', /is a number/),
  c('the config is a list', 'list.json', '[]', '(config)', /is a list, expected an object/),
  c('the config is null', 'null.json', 'null', '(config)', /is null, expected an object/),
  c('an override names toString', 'override-tostring.json', json((x) => void (x.services[0].environments = { toString: { replicas: 2 } })), 'services[0].environments.toString', /'toString' is not an environment/),

  // Keys of Object.prototype are fields like any other: unknown.
  c('a __proto__ key', 'proto-key.json', `{"__proto__": {"organization": "x"}, ${json(() => undefined).slice(1)}`, '__proto__', /is not a known field/),
  c('a constructor key', 'constructor-key.json', json((x) => void Object.assign(x, { constructor: 1 })), 'constructor', /is not a known field/),
  c('a constructor key in an environment', 'env-constructor.json', json((x) => void (x.environments[0].constructor = {})), 'environments[0].constructor', /is not a known field/),
  c('a __proto__ key in an image', 'image-proto.json', json((x) => void (x.services[0].image = JSON.parse('{"tag":"1.0.0","__proto__":{"tag":"latest"}}'))), 'services[0].image.__proto__', /is not a known field/),
  c('a prototype key', 'prototype-key.json', json((x) => void (x.prototype = {})), 'prototype', /is not a known field/),
  c('a toString key', 'tostring-key.json', json((x) => void Object.assign(x, { toString: 'x' })), 'toString', /is not a known field/),
  c('a hasOwnProperty key in gitops', 'gitops-hasown.json', json((x) => void (x.gitops.hasOwnProperty = 1)), 'gitops.hasOwnProperty', /is not a known field/),
  c('a __proto__ env var name', 'env-proto.json', json((x) => void (x.services[0].env = JSON.parse('{"__proto__": "x"}'))), 'services[0].env.__proto__', /'__proto__' cannot be used as a name/),
  c('a __proto__ secret name', 'secret-proto.json', json((x) => void (x.services[0].secrets = JSON.parse('{"__proto__": {"secret": "api/jwt"}}'))), 'services[0].secrets.__proto__', /cannot be used as a name/),
  c('a __proto__ key in an object literal', 'literal-proto.js', js("c.environments[0] = { __proto__: { region: 'eu-west-1' }, ...c.environments[0] };"), 'environments[0].__proto__', /is not a known field/),

  // What a module can do while it is evaluated.
  c('throws a string', 'throw-string.js', "throw 'no config today';\n", '(config)', /threw: 'no config today' \(a string, not an Error\)/),
  c('throws a plain object', 'throw-object.js', 'throw { code: 42 };\n', '(config)', /threw: \[object Object\] \(object, not an Error\)/),
  c('throws an Error with line breaks and escapes', 'throw-multiline.js', "throw new TypeError('first\\nsecond\\u001b[31m');\n", '(config)', /threw: first second\\u001b\[31m/),
  c('a BigInt', 'bigint.js', js('c.services[0].port = 8080n;'), 'services[0].port', /is a BigInt \(8080n\)/),
  c('a function', 'function.js', js("c.domain = () => 'acme.io';"), 'domain', /is a function/),
  c('a symbol', 'symbol.js', js("c.organization = Symbol('acme');"), 'organization', /is a symbol/),
  c('a cycle', 'cycle.js', js('c.environments[0].network = { parent: c.environments[0] };'), 'environments[0].network.parent', /refers back to environments\[0\] \(a cycle\)/),
  c('a cycle to the root', 'cycle-root.js', js('c.services[0].env = { ROOT: c };'), 'services[0].env.ROOT', /refers back to the config itself/),
  c('a Date', 'date.js', js("c.waivers = [{ rule: 'PAVED-AWS-RDS-001', resource: '*', reason: 'accepted for the demo', expires: new Date() }];"), 'waivers[0].expires', /is a Date, not plain data/),
  c('a Map', 'map.js', js('c.addons = new Map();'), 'addons', /is a Map, not plain data \(an object literal/),
  c('a class instance', 'class.js', js('class Env { constructor() { this.name = "x"; } }\nc.environments[0] = new Env();'), 'environments[0]', /is an Env, not plain data/),
  c('a Promise', 'promise.js', 'module.exports = Promise.resolve({});\n', '(config)', /is a Promise, not plain data/),
  c('a getter that throws', 'getter-throws.js', js("Object.defineProperty(c, 'domain', { enumerable: true, get() { throw new Error('no domain'); } });"), 'domain', /reading it threw: no domain/),
  c('a getter whose first value is wrong', 'getter-flips.js', js("let n = 0;\nObject.defineProperty(c.environments[0], 'region', { enumerable: true, get: () => (n++ === 0 ? 'mars-1' : 'eu-west-1') });"), 'environments[0].region', /'mars-1' is not valid/),
  c('exports a proxy whose keys throw', 'proxy-keys.js', js("module.exports = new Proxy(c, { ownKeys() { throw new Error('no keys'); } });").replace(/module\.exports = c;\n$/, ''), '(config)', /reading it threw: no keys/),
  c('exports a proxy whose reads throw', 'proxy-get.js', "module.exports = new Proxy({}, { get() { throw new Error('no reads'); } });\n", '(config)', /reading the module's export threw: no reads/),
  c('exports a number', 'number.js', 'module.exports = 42;\n', '(config)', /exports no platform config/),
  c('a huge sparse list', 'sparse.js', js('c.services = []; c.services.length = 1e6;'), 'services', /has 1000000 entries/),
  c('nested 100 levels deep', 'deep.json', json((x) => void (x.services[0].env = JSON.parse(`${'{"A":'.repeat(100)}1${'}'.repeat(100)}`))), `services[0].env${'.A'.repeat(61)}`, /nested more than 64 levels deep/),
  c('nested 50000 levels deep', 'very-deep.json', `{"organization": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`, `organization${'[0]'.repeat(63)}`, /nested more than 64 levels deep/),
  c('a line break inside a value', 'newline-value.json', json((x) => void (x.domain = 'acme.io\nerror: forged line')), 'domain', /'acme\.io\\nerror: forged line' is not valid/),
  c('a line break inside a key', 'newline-key.json', json((x) => void (x['evil\nkey'] = 1)), '["evil\\nkey"]', /is not a known field/),
  c('NaN as a port', 'nan.js', js('c.services[0].port = NaN;'), 'services[0].port', /not a finite number/),

  // Semantic rules: regions, VPC ranges, paths inside the repository, waivers.
  c('a region shaped like one', 'region-shape.json', json((x) => void (x.environments[0].region = 'xx-word-1')), 'environments[0].region', /'xx-word-1' is not an AWS region/),
  c('a region that does not exist', 'region-typo.json', json((x) => void (x.environments[0].region = 'eu-west-9')), 'environments[0].region', /'eu-west-9' is not an AWS region \(did you mean 'eu-west-1'\?/),
  c('a China region', 'region-cn.json', json((x) => void (x.environments[0].region = 'cn-north-1')), 'environments[0].region', /region of the aws-cn partition, which Paved does not deploy to/),
  c('a GovCloud region', 'region-gov.json', json((x) => void (x.environments[1].region = 'us-gov-west-1')), 'environments[1].region', /aws-us-gov partition/),
  c('a management region that does not exist', 'region-mgmt.json', json((x) => void (x.management = { account: '222222222222', region: 'zz-top-1' })), 'management.region', /is not an AWS region/),
  c('overlapping VPCs in one account and region', 'vpc-overlap.json', json((x) => void x.environments.push({ name: 'qa', profile: 'development', account: '111111111111', region: 'eu-west-1', network: { vpcCidr: '10.0.128.0/17' } })), 'environments[2].network.vpcCidr', /overlaps the VPC of 'dev' \(10\.0\.0\.0\/16\) in the same account and region/),
  c('gitops.path climbs out', 'path-dotdot.json', json((x) => void (x.gitops.path = '../..')), 'gitops.path', /'\.\.\/\.\.' climbs out of the repository/),
  c('gitops.path climbs out midway', 'path-midway.json', json((x) => void (x.gitops.path = 'envs/../../etc')), 'gitops.path', /climbs out of the repository/),
  c('gitops.path is absolute', 'path-absolute.json', json((x) => void (x.gitops.path = '/etc/paved')), 'gitops.path', /is an absolute path/),
  c('gitops.path with backslashes', 'path-backslash.json', json((x) => void (x.gitops.path = 'envs\\..\\..')), 'gitops.path', /climbs out of the repository/),
  c('gitops.path is a dot', 'path-dot.json', json((x) => void (x.gitops.path = 'envs/.')), 'gitops.path', /is not valid \(a folder path inside the repository/),
  c('an expired waiver', 'waiver-expired.json', json((x) => void (x.waivers = [{ rule: 'PAVED-AWS-RDS-007', resource: '*', reason: 'migration window OPS-42', expires: '2020-01-31' }])), 'waivers[0].expires', /expired on 2020-01-31/),
];

const work = tempDir('paved-hostile-');

/** `node lib/cli/main.js` as users run it, without blocking: see runPaved for the synchronous twin. */
function runPavedAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<PavedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'lib', 'cli', 'main.js'), ...args], {
      cwd,
      env: { ...process.env, INIT_CWD: cwd, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function capture(cwd: string) {
  const err: string[] = [];
  const out: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), cwd }, out, err };
}

/** What every failure must look like: exit 1, the expected line, one line per problem, nothing from Node. */
function expectCleanFailure(code: number | null, stderr: string, file: string, kase: Pick<Case, 'path' | 'says'>): void {
  const lines = stderr.trimEnd().split('\n');
  const prefix = `error: ${file}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const fieldPath = kase.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const expected = new RegExp(`^${prefix}(?::\\d+)*: ${fieldPath}: .*${kase.says.source}`);
  expect({ code, matching: lines.filter((l) => expected.test(l)).length > 0 ? 'found' : stderr }).toEqual({ code: 1, matching: 'found' });
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/\b[A-Z]\w*Error\b:|internal error|node:internal|Node\.js v/);
  // Every line is a problem or the closing count.
  expect(lines.filter((l) => !/^(error|warning): /.test(l) && !/: \d+ errors?, nothing written$/.test(l))).toEqual([]);
}

describe('hostile configs, in-process (paved synth and paved validate)', () => {
  test('the corpus covers every class of input with at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((k) => k.file)).size).toBe(CASES.length);
  });

  test.each(CASES.map((k) => [k.name, k] as const))('%s', async (_name, kase) => {
    const dir = path.join(work, kase.file.replace(/\W/g, '_'));
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, kase.file), kase.text);
    const outDir = path.join(dir, 'out');
    fs.mkdirSync(outDir);
    fs.writeFileSync(path.join(outDir, 'SENTINEL'), 'not Paved\'s');

    const synth = capture(dir);
    const synthCode = await runCli(['synth', '--config', kase.file, '--out', 'out', '--no-timings'], synth.io);
    expectCleanFailure(synthCode, synth.err.join('\n'), kase.file, kase);
    expect(synth.out).toEqual([]);
    expect([...readTree(outDir).keys()]).toEqual(['SENTINEL']);

    // A module is evaluated once per process: validate loads a copy, as a fresh process would.
    const again = path.join(dir, 'again');
    fs.mkdirSync(again);
    fs.copyFileSync(path.join(dir, kase.file), path.join(again, kase.file));
    const validate = capture(again);
    const validateCode = await runCli(['validate', '--config', kase.file], validate.io);
    expectCleanFailure(validateCode, validate.err.join('\n'), kase.file, kase);
    expect(validate.err).toEqual(synth.err);
  });
});

describe('the snapshot is what every later step reads', () => {
  test('a getter is read exactly once, and later reads see the first value', () => {
    const file = path.join(work, 'getter-once.js');
    fs.writeFileSync(file, js("globalThis.__pavedReads = 0;\nObject.defineProperty(c, 'domain', { enumerable: true, get: () => (++globalThis.__pavedReads === 1 ? 'acme.io' : 'evil.example') });"));
    const loaded = loadConfig(file, work);
    expect((globalThis as any).__pavedReads).toBe(1);
    expect((loaded.value as Config).domain).toBe('acme.io');
    expect((loaded.value as Config).domain).toBe('acme.io');
    expect(Object.getOwnPropertyDescriptor(loaded.value, 'domain')?.get).toBeUndefined();
  });

  test('a shared (non-cyclic) object is data, copied per use', () => {
    const file = path.join(work, 'shared.js');
    fs.writeFileSync(file, js("const net = { vpcCidr: '10.9.0.0/16' };\nc.environments[0].network = net;\nc.environments[1].network = { ...net, vpcCidr: '10.8.0.0/16' };"));
    const value = loadConfig(file, work).value as Config;
    expect(value.environments[0].network).toEqual({ vpcCidr: '10.9.0.0/16' });
  });
});

describe('hostile configs, real process (node lib/cli/main.js)', () => {
  const REAL: readonly (Case & { readonly env?: NodeJS.ProcessEnv })[] = [
    c('calls process.exit(0)', 'exit.config.ts', 'process.exit(0);\nexport default {};\n', '(config)', /called process\.exit\(0\) while loading/),
    c('calls process.exit and swallows what it throws', 'exit-caught.config.js', `try { process.exit(3); } catch {}\n${js('')}`, '(config)', /called process\.exit\(3\) while loading/),
    c('throws null', 'throw-null.config.js', 'throw null;\n', '(config)', /threw: null \(null, not an Error\)/),
    c('throws a proxy that throws when read', 'throw-proxy.config.js', "throw new Proxy({}, { get() { throw new Error('trap'); } });\n", '(config)', /threw: a value that cannot be described/),
    c('a BigInt from TypeScript', 'bigint.config.ts', `const c: any = ${JSON.stringify(base)};\nc.services[0].port = 8080n;\nexport default c;\n`, 'services[0].port', /is a BigInt \(8080n\)/),
    { ...c('never returns', 'loop.config.ts', 'while (true) {}\nexport default {};\n', '(config)', /did not finish within 1000 ms/), env: { PAVED_CONFIG_TIMEOUT_MS: '1000' } },
  ];

  const dirOf = (kase: Case) => path.join(work, `real-${kase.file.replace(/\W/g, '_')}`);
  const runs = new Map<string, Promise<PavedRun>>();

  // The processes run side by side (each spends most of its time loading Node modules); each test awaits its own.
  beforeAll(() => {
    for (const kase of REAL) {
      const dir = dirOf(kase);
      fs.mkdirSync(path.join(dir, 'out'), { recursive: true });
      fs.writeFileSync(path.join(dir, kase.file), kase.text);
      fs.writeFileSync(path.join(dir, 'out', 'SENTINEL'), 'not Paved\'s');
      runs.set(kase.file, runPavedAsync(['synth', '--config', kase.file, '--out', 'out', '--no-timings'], dir, kase.env));
    }
  });

  test.each(REAL.map((k) => [k.name, k] as const))('%s', async (_name, kase) => {
    const run = await runs.get(kase.file)!;
    expectCleanFailure(run.status, run.stderr, kase.file, kase);
    expect(run.stdout).toBe('');
    expect([...readTree(path.join(dirOf(kase), 'out')).keys()]).toEqual(['SENTINEL']);
  }, 60_000);
});
