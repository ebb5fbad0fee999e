import * as path from 'node:path';
import { cdk, javascript, typescript } from 'projen';
import { TS_JEST_OPTIONS } from './workspace';

export interface RootTasksOptions {
  /** The TypeScript packages compiled by `tsc --build` (in any order: project references sort them). */
  readonly packages: typescript.TypeScriptProject[];
  readonly blueprint: cdk.JsiiProject;
}

/** The repository's `paved` command (see bin/paved): installs and compiles when needed, then runs the CLI. */
const LAUNCHER = 'node bin/paved';

/**
 * The root owns the developer-facing tasks: everything is compiled once by `tsc --build`, type-checked once, linted
 * once and tested by one Jest run over every package, so the test command ends with a single summary.
 */
export function configureRootTasks(root: typescript.TypeScriptProject, options: RootTasksOptions): void {
  const rel = (p: typescript.TypeScriptProject) => path.relative(root.outdir, p.outdir);

  root.tsconfig?.file.addOverride(
    'references',
    options.packages.map((p) => ({ path: rel(p) })),
  );

  const jest = root.jest!;
  jest.config.projects = [
    {
      displayName: 'paved',
      rootDir: '<rootDir>',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testEnvironment: 'node',
      // Stryker's sandboxes are copies of the workspace: their package.json files would clash in the module map.
      modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.stryker-tmp/'],
      transform: {
        '^.+\\.[t]sx?$': ['ts-jest', { ...TS_JEST_OPTIONS.transformOptions, tsconfig: '<rootDir>/tsconfig.dev.json' }],
      },
    },
    ...[...options.packages, options.blueprint].map((p) => `<rootDir>/${rel(p)}`),
  ];
  // Replaces 'default' so that the run ends with one line of counts (see the reporter for why).
  jest.addReporter(new javascript.JestReporter('<rootDir>/test/support/summary-reporter.js'));
  root.addDevDeps('@jest/reporters@^30');

  const compile = root.tasks.tryFind('compile')!;
  // The jsii blueprint is not part of this build: it has its own toolchain and only the e2e task packs it.
  compile.reset('tsc --build --pretty');

  const eslint = root.eslint!;
  // One program for the whole workspace: the project service would look for a tsconfig.json next to each file and
  // miss the root tests, which only tsconfig.dev.json includes.
  const eslintrc = root.tryFindObjectFile('.eslintrc.json')!;
  eslintrc.addDeletionOverride('parserOptions.projectService');
  eslintrc.addOverride('parserOptions.project', ['./tsconfig.dev.json']);
  eslint.addRules({
    // The provider barrels load every resource binding: 2.4 s and 550 MB per import (../shared/notes/toolchain.md).
    'no-restricted-imports': [
      'error',
      {
        paths: ['@cdktf/provider-aws', '@cdktf/provider-helm', '@cdktf/provider-kubernetes'].map((name) => ({
          name,
          message: `Import the resource module instead: '${name}/lib/<resource>' (the barrel costs seconds and hundreds of MB).`,
        })),
      },
    ],
  });
  root.addTask('eslint:fix', {
    description: 'Run eslint and rewrite what it can fix',
    steps: [{ spawn: 'eslint', args: ['--fix'] }],
  });

  const typecheck = root.addTask('typecheck', {
    description: 'Type-check every source and test file of the workspace once (tests are transpiled without types).',
    exec: 'tsc --noEmit -p tsconfig.dev.json',
  });

  // No resident process (src/cli/resident) for the CLI calls of the tests: each call then runs the code under test in
  // a fresh process, and no test leaves a process behind; test/cli-resident.test.ts turns it back on for itself.
  const noResident = { PAVED_RESIDENT: 'off' };
  const jestTask = root.addTask('jest', {
    description: 'Run every test of the workspace in one Jest run',
    exec: 'jest --ci',
    receiveArgs: true,
    env: noResident,
  });

  const test = root.tasks.tryFind('test')!;
  test.reset();
  test.spawn(compile);
  // Type-check and lint at the same time: each is single-threaded, so in turn they leave a core idle for ~40 s.
  test.exec(`node scripts/run-tasks-in-parallel.js ${typecheck.name} eslint`, { name: 'typecheck and eslint, in parallel' });
  test.spawn(jestTask);

  const update = root.tasks.tryFind('test:update') ?? root.addTask('test:update');
  update.reset();
  update.description = 'Run the tests and rewrite snapshots that changed on purpose';
  update.spawn(compile);
  update.exec('jest --updateSnapshot', { receiveArgs: true, env: noResident });

  // `bin/paved` installs and compiles only when something changed, then runs the CLI in its own process. The package
  // scripts call it directly rather than through projen's task runner (which costs seconds and turns every failing
  // exit code into 1): `pnpm synth` is then a package-manager start-up away from `paved synth`, exit codes intact.
  root.addTask('paved', {
    description: 'Run the paved CLI: pnpm paved <command> [options]',
    steps: [{ exec: LAUNCHER, receiveArgs: true }],
  });
  root.addTask('synth', {
    description: 'Synthesize the platform (shortcut for `paved synth`)',
    steps: [{ exec: `${LAUNCHER} synth`, receiveArgs: true }],
  });
  root.package.setScript('paved', LAUNCHER);
  root.package.setScript('synth', `${LAUNCHER} synth`);
  root.addTask('docs:config', {
    description: 'Regenerate docs/config-reference.md from the config interfaces (checked for drift by the tests)',
    steps: [{ spawn: 'compile' }, { exec: 'node lib/docs/write-config-reference.js' }],
  });
  root.addTask('docs:generate', {
    description: 'Regenerate docs/platform and examples/*/generated (docs pages, cost table and JSON); checked for drift by the tests',
    steps: [{ spawn: 'compile' }, { exec: 'node lib/docs/generated-platform-docs.js' }],
  });
  root.addTask('addons:check-values', {
    description: 'Download each pinned chart\'s values.yaml (online) and list every key Paved sets that the chart does not define',
    steps: [{ spawn: 'compile' }, { exec: 'node lib/addons-check/main.js', receiveArgs: true }],
  });
  root.addTask('bench', {
    description: 'Measure config load, infra and gitops synthesis for generated platforms (N = 3, 30, 300 services)',
    steps: [{ spawn: 'compile' }, { exec: 'node lib/bench/main.js', receiveArgs: true }],
  });
  root.addTask('test:mutation', {
    description:
      'Mutation-test every stryker/<group>.config.json in turn and write docs/mutation-report.md; fails below 80% ' +
      '(options: --group <name>, --concurrency <n>, --summary-only; see stryker/README.md)',
    steps: [{ spawn: 'compile' }, { exec: 'node lib/mutation/run-mutation.js', receiveArgs: true }],
  });
}
