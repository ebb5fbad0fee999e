import { Testing } from 'projen';
import {
  DESCRIPTOR_FILE,
  type DockerfileExtensions,
  type MigrateOptions,
  PavedPythonService,
  type PavedPythonServiceOptions,
  PavedService,
  type PavedServiceOptions,
  RUNTIME_USER,
} from '../src';
import { expectHardenedDockerfile } from './managed-files';
import { useTempOutdirs } from './temp-outdirs';

/**
 * The extension points of the managed (read-only) Dockerfile and the migration a service declares: typed options
 * rendered in the right stage and order, validated early with one line naming the option, and absent options leaving
 * every file as it was.
 */
const outdir = useTempOutdirs('paved-blueprint-ext-');

const REQUIRED = { name: 'orders', organization: 'northwind', team: 'core', awsAccount: '345678901234', awsRegion: 'eu-west-1' };

function node(options: Partial<PavedServiceOptions> = {}): PavedService {
  return new PavedService({ ...REQUIRED, outdir: outdir(), defaultReleaseBranch: 'main', postgres: true, ...options });
}

function python(options: Partial<PavedPythonServiceOptions> = {}): PavedPythonService {
  return new PavedPythonService({ ...REQUIRED, outdir: outdir(), postgres: true, ...options });
}

/** Prisma, as a Node.js team would add it: the schema folder, the client generation, the generated client at runtime. */
const PRISMA: DockerfileExtensions = {
  buildFiles: ['prisma/'],
  buildCommands: [['npx', 'prisma', 'generate']],
  runtimeFiles: ['prisma/', 'node_modules/.prisma/'],
};
const NODE_MIGRATE: MigrateOptions = { command: ['node', 'node_modules/prisma/build/index.js', 'migrate', 'deploy'] };

/** Alembic, as a Python team would add it. */
const ALEMBIC: DockerfileExtensions = {
  buildFiles: ['alembic/', 'alembic.ini'],
  buildCommands: [['python', '-m', 'compileall', '-q', 'alembic'], ['alembic', '--help']],
  runtimeFiles: ['alembic/', 'alembic.ini'],
};
const PYTHON_MIGRATE: MigrateOptions = { command: ['alembic', 'upgrade', 'head'] };

/** The Dockerfile's stages by name: the lines from each `FROM ... AS <name>` up to the next. */
function stages(dockerfile: string): { [name: string]: string[] } {
  const result: { [name: string]: string[] } = {};
  let current: string[] | undefined;
  for (const line of dockerfile.split('\n')) {
    const from = /^FROM \S+ AS (\S+)$/.exec(line);
    if (from) result[from[1]] = current = [];
    if (current && line !== '' && !line.startsWith('#')) current.push(line);
  }
  return result;
}

/** The JSON array of an exec-form instruction (`RUN [...]`, `COPY [--from=x] [...]`), parsed: never shell form. */
function execForm(line: string, instruction: string): string[] {
  const match = new RegExp(`^${instruction}(?: --from=build)? (\\[.*\\])$`).exec(line);
  expect([line, match]).not.toEqual([line, null]);
  const args = JSON.parse(match![1]);
  expect(Array.isArray(args) && args.every((a: unknown) => typeof a === 'string')).toBe(true);
  return args;
}

function tasks(out: Record<string, any>): Record<string, any> {
  return out['.projen/tasks.json'].tasks;
}

describe('absent options change nothing', () => {
  test.each([
    ['PavedService', () => node(), () => node({ dockerfile: {} })],
    ['PavedPythonService', () => python(), () => python({ dockerfile: { buildFiles: [], buildCommands: [], runtimeFiles: [] } })],
  ])('%s: empty extensions render the default files, without migrate anywhere', (_name, plain, empty) => {
    const a = Testing.synth(plain());
    const b = Testing.synth(empty());
    for (const file of ['Dockerfile', '.dockerignore', DESCRIPTOR_FILE, 'README.md', '.projen/tasks.json']) expect([file, b[file]]).toEqual([file, a[file]]);
    expect(a[DESCRIPTOR_FILE]).not.toHaveProperty('migrate');
    expect(tasks(a)).not.toHaveProperty('migrate');
    expect(a['README.md']).not.toMatch(/migrat/i);
  });
});

describe('PavedService: extra build files and steps', () => {
  const out = Testing.synth(node({ dockerfile: PRISMA, migrate: NODE_MIGRATE }));
  const { build, deps, runtime } = stages(out.Dockerfile);

  test('build stage: files after the sources, then each command in exec form, then tsc', () => {
    const at = (line: string) => build.indexOf(line);
    const copy = build.findIndex((l) => l.startsWith('COPY ["prisma/"'));
    const run = build.findIndex((l) => l.startsWith('RUN ['));
    expect(execForm(build[copy], 'COPY')).toEqual(['prisma/', './prisma/']);
    expect(execForm(build[run], 'RUN')).toEqual(['npx', 'prisma', 'generate']);
    expect(at('RUN npm ci --ignore-scripts --no-audit --no-fund')).toBeLessThan(at('COPY src ./src'));
    expect(copy).toBe(at('COPY src ./src') + 1);
    expect(run).toBe(copy + 1);
    expect(at('RUN node_modules/.bin/tsc -p tsconfig.json')).toBe(run + 1);
  });

  test('the production dependencies stage is untouched', () => {
    expect(deps.join('\n')).not.toMatch(/prisma/);
  });

  test('runtime stage: the files copied from the build stage, root-owned, before the unprivileged user', () => {
    const copies = runtime.filter((l) => l.startsWith('COPY --from=build ['));
    expect(copies.map((l) => execForm(l, 'COPY'))).toEqual([['/app/prisma/', './prisma/'], ['/app/node_modules/.prisma/', './node_modules/.prisma/']]);
    // After the production node_modules, so the generated client lands inside them rather than being replaced.
    expect(runtime.indexOf(copies[0])).toBeGreaterThan(runtime.indexOf('COPY --from=deps /app/node_modules ./node_modules'));
    expect(runtime.indexOf(copies[1])).toBeLessThan(runtime.indexOf(`USER ${RUNTIME_USER}`));
    // No --chown: root keeps them, the runtime user reads them; and no extra RUN in the runtime stage.
    expect(copies.filter((l) => /--chown|--chmod/.test(l))).toEqual([]);
    expect(runtime.filter((l) => /chown/.test(l))).toEqual([]);
    expect(runtime.filter((l) => l.startsWith('RUN ['))).toEqual([]);
    expectHardenedDockerfile(out.Dockerfile);
  });

  test('.dockerignore lets the build files through its allow-list', () => {
    const patterns = (out['.dockerignore'] as string).split('\n');
    expect(patterns).toEqual(expect.arrayContaining(['*', '!src/**', '!prisma/**']));
    expect(patterns.indexOf('!prisma/**')).toBeGreaterThan(patterns.indexOf('*'));
  });

  test('the descriptor carries migrate, before environments', () => {
    const descriptor = out[DESCRIPTOR_FILE];
    expect(descriptor.migrate).toEqual({ command: NODE_MIGRATE.command });
    const keys = Object.keys(descriptor);
    expect(keys.indexOf('migrate')).toBe(keys.indexOf('environments') - 1);
  });

  test('the task migrate compiles, then runs the same command', () => {
    expect(tasks(out).migrate.steps).toEqual([
      { spawn: 'compile' },
      { exec: 'node node_modules/prisma/build/index.js migrate deploy', receiveArgs: true },
    ]);
  });

  test('the README sample explains the migration and its task', () => {
    expect(out['README.md']).toContain('## Migrate');
    expect(out['README.md']).toContain(JSON.stringify(NODE_MIGRATE.command));
    expect(out['README.md']).toContain('npx projen migrate');
  });

  test('arguments with spaces or quotes reach the shell of the task as single arguments', () => {
    const quoted = Testing.synth(node({ migrate: { command: ['node', 'lib/migrate.js', "--note=it's done", 'a b'] } }));
    expect(tasks(quoted).migrate.steps[1].exec).toBe("node lib/migrate.js '--note=it'\\''s done' 'a b'");
  });
});

describe('PavedPythonService: extra build files and steps', () => {
  const out = Testing.synth(python({ dockerfile: ALEMBIC, migrate: PYTHON_MIGRATE }));
  const { build, runtime } = stages(out.Dockerfile);

  test('build stage: files with the sources before the project install, commands after it with the venv on PATH', () => {
    const at = (line: string) => build.indexOf(line);
    const sync = at('RUN uv sync --locked --no-dev --no-editable');
    expect(build.slice(at('COPY src ./src') + 1, sync).map((l) => execForm(l, 'COPY'))).toEqual([
      ['alembic/', './alembic/'],
      ['alembic.ini', './alembic.ini'],
    ]);
    expect(build[sync + 1]).toBe('ENV PATH=/app/.venv/bin:$PATH');
    expect(build.slice(sync + 2).map((l) => execForm(l, 'RUN'))).toEqual(ALEMBIC.buildCommands);
  });

  test('runtime stage: the files after the virtual environment, root-owned, before the unprivileged user', () => {
    const at = (line: string) => runtime.indexOf(line);
    const venv = at('COPY --from=build /app/.venv /app/.venv');
    expect(runtime.slice(venv + 1, venv + 3).map((l) => execForm(l, 'COPY'))).toEqual([
      ['/app/alembic/', './alembic/'],
      ['/app/alembic.ini', './alembic.ini'],
    ]);
    expect(venv + 2).toBeLessThan(at(`USER ${RUNTIME_USER}`));
    expect(runtime.filter((l) => /chown/.test(l) || (l.startsWith('COPY --from=build [') && l.includes('--chmod')))).toEqual([]);
    // Bytecode is never written at runtime: the root filesystem can stay read-only.
    expect(runtime.some((l) => l.includes('PYTHONDONTWRITEBYTECODE=1'))).toBe(true);
    expectHardenedDockerfile(out.Dockerfile);
  });

  test('.dockerignore: the folder, the file, and still no bytecode caches', () => {
    const patterns = (out['.dockerignore'] as string).split('\n');
    expect(patterns).toEqual(expect.arrayContaining(['!alembic/**', '!alembic.ini']));
    expect(patterns.indexOf('**/__pycache__')).toBeGreaterThan(patterns.indexOf('!alembic/**'));
  });

  test('descriptor, task and README', () => {
    expect(out[DESCRIPTOR_FILE].migrate).toEqual(PYTHON_MIGRATE);
    expect(tasks(out).migrate.steps).toEqual([{ exec: 'uv run --frozen alembic upgrade head', receiveArgs: true }]);
    expect(out['README.md']).toContain('## Migrate');
  });

  test('without build commands the build stage keeps its PATH', () => {
    const dockerfile = Testing.synth(python({ dockerfile: { runtimeFiles: ['alembic.ini'] } })).Dockerfile;
    expect(stages(dockerfile).build.some((l) => l.startsWith('ENV PATH='))).toBe(false);
  });
});

describe('bad options: one line naming the option', () => {
  const cases: [string, Partial<PavedServiceOptions>, RegExp][] = [
    ['absolute build file', { dockerfile: { buildFiles: ['/etc/passwd'] } }, /option 'dockerfile\.buildFiles\[0\]' is "\/etc\/passwd"; expected a relative path/],
    ['.. in a build file', { dockerfile: { buildFiles: ['prisma/../../secrets'] } }, /'dockerfile\.buildFiles\[0\]'.*no \. or \.\. segments/],
    ['build file of the whole context', { dockerfile: { buildFiles: ['./'] } }, /'dockerfile\.buildFiles\[0\]'/],
    ['.env as a build file', { dockerfile: { buildFiles: ['config/.env.local'] } }, /'dockerfile\.buildFiles\[0\]'.*no \.env/],
    ['glob in a build file', { dockerfile: { buildFiles: ['prisma/*'] } }, /'dockerfile\.buildFiles\[0\]'/],
    ['space in a runtime file', { dockerfile: { runtimeFiles: ['my dir/'] } }, /'dockerfile\.runtimeFiles\[0\]'/],
    ['.. in a runtime file', { dockerfile: { runtimeFiles: ['..'] } }, /'dockerfile\.runtimeFiles\[0\]'/],
    ['shell-form build command', { dockerfile: { buildCommands: ['npx prisma generate' as unknown as string[]] } }, /'dockerfile\.buildCommands\[0\]'.*not a shell-form string/],
    ['program with arguments in one element', { dockerfile: { buildCommands: [['npx prisma generate']] } }, /'dockerfile\.buildCommands\[0\]\[0\]'.*one argument per element/],
    ['shell as the program', { dockerfile: { buildCommands: [['sh', '-c', 'npx prisma generate && echo ok']] } }, /'dockerfile\.buildCommands\[0\]\[0\]'.*no shell/],
    ['empty build command', { dockerfile: { buildCommands: [[]] } }, /'dockerfile\.buildCommands\[0\]'.*not empty/],
    ['newline in an argument', { dockerfile: { buildCommands: [['npx', 'prisma\nRUN curl evil']] } }, /'dockerfile\.buildCommands\[0\]\[1\]'.*control characters/],
    ['build files as a string', { dockerfile: { buildFiles: 'prisma/' as unknown as string[] } }, /'dockerfile\.buildFiles' is "prisma\/"; expected a list/],
    ['unknown dockerfile key', { dockerfile: { runtimeFile: ['x'] } as DockerfileExtensions }, /'dockerfile\.runtimeFile'.*one of buildFiles/],
    ['shell-form migrate', { migrate: { command: 'node lib/migrate.js' as unknown as string[] } }, /'migrate\.command'.*not a shell-form string/],
    ['migrate without a command', { migrate: {} as MigrateOptions }, /'migrate\.command'/],
    ['migrate with npx, which the runtime image lacks', { migrate: { command: ['npx', 'prisma', 'migrate', 'deploy'] } }, /'migrate\.command\[0\]' is "npx"; expected a program of the runtime image/],
    ['unknown migrate key', { migrate: { command: ['node', 'lib/migrate.js'], timeout: 5 } as MigrateOptions }, /'migrate\.timeout'/],
  ];
  test.each(cases)('PavedService: %s', (_name, options, error) => {
    expect(() => node(options)).toThrow(error);
    try {
      node(options);
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
      expect((e as Error).name).toBe('OptionError');
    }
  });

  test.each([
    ['absolute build file', { dockerfile: { buildFiles: ['/app'] } }, /'dockerfile\.buildFiles\[0\]'/],
    ['shell-form build command', { dockerfile: { buildCommands: ['alembic check' as unknown as string[]] } }, /'dockerfile\.buildCommands\[0\]'/],
    ['migrate with uv, which the runtime image lacks', { migrate: { command: ['uv', 'run', 'alembic', 'upgrade', 'head'] } }, /'migrate\.command\[0\]' is "uv"/],
  ] as [string, Partial<PavedPythonServiceOptions>, RegExp][])('PavedPythonService: %s', (_name, options, error) => {
    expect(() => python(options)).toThrow(error);
  });
});
