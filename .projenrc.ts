import { DependencyType, javascript, typescript } from 'projen';
import { TypeScriptRunner } from 'projen/lib/typescript';
import { addCiWorkflow } from './projenrc/ci-workflow';
import { configureWorkspaceRelease, rootReleaseOptions } from './projenrc/release';
import { addRenovateConfig } from './projenrc/renovate';
import { configureRootTasks } from './projenrc/root-tasks';
import { addServiceBlueprint } from './projenrc/service-blueprint';
import * as v from './projenrc/versions';
import { COMPILER_OPTIONS, TS_JEST_OPTIONS, WorkspacePackage } from './projenrc/workspace';

const root = new typescript.TypeScriptProject({
  name: 'paved',
  description: 'One typed platform config turned into Terraform, GitOps manifests and service repos for AWS.',
  defaultReleaseBranch: 'main',
  projenVersion: v.PROJEN_VERSION,
  projenrcTs: true,
  projenrcTsOptions: { runner: TypeScriptRunner.tsx() },
  packageManager: javascript.NodePackageManager.PNPM,
  pnpmVersion: v.PNPM_VERSION,
  pnpmOptions: {
    workspaceYamlOptions: {
      // pnpm would try to switch itself to `packageManager`'s version, which fails the registry signature check.
      managePackageManagerVersions: false,
      packages: ['packages/*'],
      onlyBuiltDependencies: [],
    },
  },
  typescriptVersion: v.TYPESCRIPT_VERSION,
  minNodeVersion: v.MIN_NODE_VERSION,
  sampleCode: false,
  // Apache-2.0 and the release workflow that publishes every package (projenrc/release.ts); the root stays private.
  ...rootReleaseOptions(),
  depsUpgrade: false,
  buildWorkflow: false,
  pullRequestTemplate: false,
  githubOptions: { pullRequestLint: false },
  prettier: false,
  // `package` packs every workspace package for the release (projenrc/release.ts); the root itself is never packed.
  package: true,
  entrypoint: '',
  deps: [
    'esbuild@^0.28.0',
    v.YAML,
    '@paved/shared-config@workspace:*',
    '@paved/platform-infra@workspace:*',
    '@paved/gitops-apps@workspace:*',
    '@paved/guardrails@workspace:*',
    // `paved promote` edits the user's platform.config.ts through TypeScript's parser (src/promote/edit-image-tag.ts).
    `typescript@${v.TYPESCRIPT_VERSION}`,
  ],
  // Projen's install and drift tasks call `pnpm`; a fresh machine only has `npx -y pnpm@10`, which is not on PATH.
  devDeps: [v.CONSTRUCTS, `pnpm@^${v.PNPM_VERSION}`, 'tsx@^4.20.0', ...v.STRYKER, v.VERDACCIO],
  tsconfig: {
    compilerOptions: { ...COMPILER_OPTIONS, rootDir: 'src', outDir: 'lib' },
    include: ['src/**/*.ts'],
  },
  // One type-check of everything: sources, tests, projenrc and configs of every package.
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    compilerOptions: { rootDir: '.' },
  },
  eslintOptions: {
    dirs: ['src', 'packages/shared-config/src', 'packages/platform-infra/src', 'packages/gitops-apps/src', 'packages/guardrails/src', 'packages/service-blueprint/src', 'packages/service-constructs/src'],
    // Benchmarks and doc generators are developer tools: they may use devDependencies.
    devdirs: ['test', 'projenrc', 'packages/*/test', 'src/bench', 'src/docs'],
    tsconfigPath: './tsconfig.dev.json',
    // A test run reports lint problems instead of silently rewriting files; `pnpm eslint:fix` rewrites.
    commandOptions: { fix: false },
  },
  jestOptions: {
    junitReporting: false,
    preserveDefaultReporters: false,
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // Two workers on the 2-core CI machine: most long tests wait on subprocesses (terraform, git, npm, projen), so a
    // second worker overlaps them; Jest's default (cores - 1) would run every file one after another.
    jestConfig: { collectCoverage: false, maxWorkers: 2 },
  },
  tsJestOptions: TS_JEST_OPTIONS,
  gitignore: ['/out/', '/.paved/', '.paved-tmp-*', '*.tsbuildinfo', '.terraform/', 'cdktf.out/', '/bench-results/', '/reports/', '.stryker-tmp/'],
});
root.package.addField('private', true);
// typescript is a runtime dependency (above): projen's own devDependency entry would list it twice.
root.deps.removeDependency('typescript', DependencyType.BUILD);
root.tsconfigDev.file.addOverride('include', [
  '.projenrc.ts',
  'projenrc/**/*.ts',
  'src/**/*.ts',
  'test/**/*.ts',
  'platform.config.ts',
  'examples/**/*.ts',
  'packages/*/src/**/*.ts',
  'packages/*/test/**/*.ts',
]);

const sharedConfig = new WorkspacePackage({
  parent: root,
  name: 'shared-config',
  description: 'The typed Paved platform config: schema, profiles, validation, naming and tags.',
});

const platformInfra = new WorkspacePackage({
  parent: root,
  name: 'platform-infra',
  description: 'Terraform (CDKTF) stacks for every environment of a Paved platform.',
  workspaceDeps: ['shared-config'],
  deps: [v.CDKTF, v.PROVIDER_AWS, v.PROVIDER_HELM, v.CONSTRUCTS, v.YAML],
});

const gitopsApps = new WorkspacePackage({
  parent: root,
  name: 'gitops-apps',
  description: 'ArgoCD app-of-apps, add-on Applications and rendered service manifests (cdk8s).',
  workspaceDeps: ['shared-config'],
  deps: [v.CDK8S, v.CDK8S_PLUS, v.CONSTRUCTS, v.YAML, ...v.KUBERNETES_MODELS],
});

const guardrails = new WorkspacePackage({
  parent: root,
  name: 'guardrails',
  description: 'Policy checks over synthesized Terraform and Kubernetes output, mirrored on checkov, kube-linter, Polaris and kube-score.',
  workspaceDeps: ['shared-config'],
  // @types/sarif types the SARIF log the package emits (part of its public API).
  // js-yaml reads the GitOps manifests of `paved check` about 3x faster than yaml, which stays the fallback for the
  // rare file js-yaml would read differently (src/engine/yaml-documents.ts). 5.5.0 is the newest release (npm registry
  // `time`: 2026-10-15, checked 2026-12-03; it ships CommonJS and its own types). Advisories fixed before it:
  // GHSA-mh29-5h37-fv8m (4.1.1), GHSA-h67p-54hq-rp68, CVE-2026-59869, GHSA-5p4m-2wfm-xmqj, CVE-2026-84375 (4.x),
  // CVE-2026-73643 (5.2.2), GHSA-r3ph-w7gj-g6xm (5.4.1).
  deps: [v.YAML, '@types/sarif@^2.1.7', 'js-yaml@^5.5.0'],
  // Tests validate the SARIF output against the OASIS SARIF 2.1.0 JSON schema (draft-04, with uri/date-time formats).
  devDeps: ['ajv@^8.17.0', 'ajv-draft-04@^1.0.0', 'ajv-formats@^3.0.1'],
});

const serviceConstructs = new WorkspacePackage({
  parent: root,
  name: 'service-constructs',
  description: 'AWS CDK constructs for the AWS resources a service owns (bucket, queue, topic, table) with the Paved guardrails built in.',
  // A construct library peers on aws-cdk-lib and constructs (one copy per CDK app). It does not depend on
  // shared-config at runtime: service repositories should not pull in the platform schema. The tests check that
  // its tag keys and role names agree with shared-config's.
  peerDeps: [v.AWS_CDK_LIB, v.CDK_CONSTRUCTS],
  deps: [v.CDK_NAG],
  devDeps: ['@paved/shared-config@workspace:*'],
});

const blueprint = addServiceBlueprint(root);

const packages = [sharedConfig, platformInfra, gitopsApps, guardrails, serviceConstructs];
configureRootTasks(root, { packages, blueprint });
addCiWorkflow(root);
addRenovateConfig(root);
configureWorkspaceRelease(root, { packages, blueprint });

root.synth();
