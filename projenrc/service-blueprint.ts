import { cdk, javascript, typescript } from 'projen';
import { publishedPackageOptions } from './release';
import { CONSTRUCTS, JSII_VERSION, MIN_NODE_VERSION, PNPM_VERSION, PROJEN_VERSION, TYPESCRIPT_VERSION, YAML } from './versions';
import { dropPackageReporters, makeInstallARootConcern, TS_JEST_OPTIONS } from './workspace';

/**
 * `@paved/service-blueprint` is a jsii module so that `projen new --from` can discover its project type. jsii packages
 * must stay free of runtime dependencies other than projen and constructs (they are peers).
 */
export function addServiceBlueprint(parent: typescript.TypeScriptProject): cdk.JsiiProject {
  const project = new cdk.JsiiProject({
    parent,
    outdir: 'packages/service-blueprint',
    name: '@paved/service-blueprint',
    description: 'A projen project type that stamps out Paved-compliant service repositories.',
    author: 'Paved',
    authorAddress: 'platform@paved.dev',
    defaultReleaseBranch: 'main',
    packageManager: javascript.NodePackageManager.PNPM,
    pnpmVersion: PNPM_VERSION,
    typescriptVersion: TYPESCRIPT_VERSION,
    jsiiVersion: JSII_VERSION,
    minNodeVersion: MIN_NODE_VERSION,
    projenrcTs: false,
    sampleCode: false,
    eslint: false,
    prettier: false,
    release: false,
    github: false,
    docgen: false,
    // jsii requires a licence; the registry settings come from release.ts like every other package's.
    ...publishedPackageOptions('packages/service-blueprint'),
    peerDeps: [`projen@^${PROJEN_VERSION}`, CONSTRUCTS],
    // yaml: the tests parse the generated workflow and compose files (projen bundles its own copy).
    devDeps: [`projen@${PROJEN_VERSION}`, CONSTRUCTS, YAML],
    jestOptions: {
      junitReporting: false,
      preserveDefaultReporters: false,
      updateSnapshot: javascript.UpdateSnapshot.NEVER,
      jestConfig: { displayName: 'service-blueprint', testEnvironment: 'node', collectCoverage: false },
    },
    tsJestOptions: TS_JEST_OPTIONS,
  });
  // JsiiProject adds these as `*`, which projen resolves from node_modules before the single root install has run.
  for (const tool of ['jsii-pacmak', 'jsii-diff']) {
    project.deps.removeDependency(tool);
    project.addDevDeps(`${tool}@^1.134.0`);
  }
  makeInstallARootConcern(project);
  dropPackageReporters(project);
  addEndToEndTask(parent);
  return project;
}

/**
 * `pnpm e2e`: the blueprint's end-to-end test alone (pack, `projen new` outside the workspace, install, build, run
 * the service, drift control). It is an ordinary test of the root Jest run (test/blueprint-e2e.test.ts), so `pnpm test`
 * runs it too; it needs the workspace compiled (it validates the descriptor with @paved/shared-config).
 */
function addEndToEndTask(root: typescript.TypeScriptProject): void {
  root.addTask('e2e', {
    description: 'End-to-end test of the service blueprint: projen new from the packed blueprint, build, run, drift control',
    steps: [
      { spawn: 'compile' },
      { exec: 'jest --ci --selectProjects paved --testPathPatterns blueprint-e2e', receiveArgs: true },
    ],
  });
}
