import { cdk, javascript, typescript } from 'projen';
import { CONSTRUCTS, JSII_VERSION, MIN_NODE_VERSION, PNPM_VERSION, PROJEN_VERSION, TYPESCRIPT_VERSION } from './versions';
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
    repositoryUrl: 'https://github.com/paved/paved.git',
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
    licensed: false,
    peerDeps: [`projen@^${PROJEN_VERSION}`, CONSTRUCTS],
    devDeps: [`projen@${PROJEN_VERSION}`, CONSTRUCTS],
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
  return project;
}
