import { javascript, typescript } from 'projen';
import { pullRequestTemplate } from './samples/repo-docs';
import type { ServiceSettings } from './settings';
import { MIN_NODE_VERSION, NODE_VERSION } from './versions';

/**
 * projen features every Paved service type replaces: it ships its own CI workflow and Dependabot configuration, and a
 * service is never packaged or published.
 */
export const REPLACED_PROJEN_FEATURES = {
  package: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  dependabot: false,
  stale: false,
} as const;

/**
 * The NodeProject options of the service types built on a plain `package.json` (the Python service, whose
 * package.json carries only the repository tooling, and the static site): npm whatever launched `projen new`, no
 * PR-lint workflow, no Jest, and the `REPLACED_PROJEN_FEATURES`.
 */
export function plainNodeProjectOptions(
  options: Omit<javascript.NodeProjectOptions, 'defaultReleaseBranch'>,
  service: ServiceSettings,
  readme: string,
): javascript.NodeProjectOptions {
  return {
    ...options,
    defaultReleaseBranch: service.defaultBranch,
    // `npx projen new` would otherwise render whichever package manager launched it.
    packageManager: javascript.NodePackageManager.NPM,
    minNodeVersion: MIN_NODE_VERSION,
    workflowNodeVersion: NODE_VERSION,
    projenrcJs: false,
    projenrcJson: false,
    entrypoint: '',
    jest: false,
    ...REPLACED_PROJEN_FEATURES,
    licensed: false,
    npmignoreEnabled: false,
    githubOptions: { mergify: false, pullRequestLint: false },
    readme: { contents: readme },
    pullRequestTemplate: true,
    pullRequestTemplateContents: pullRequestTemplate(service),
  };
}

/**
 * A private package whose `.projenrc.ts` runs with the tsx of the lockfile (as in the Node.js services), instead of
 * an unpinned `npx -p tsx` on every synthesis.
 */
export function useLockedProjenrcTs(project: javascript.NodeProject): void {
  project.package.addField('private', true);
  project.package.file.addDeletionOverride('publishConfig');
  new typescript.ProjenrcTs(project, { runner: typescript.TypeScriptRunner.tsx() });
  project.addDevDeps('tsx');
  project.defaultTask?.reset('tsx .projenrc.ts');
}
