import { github, type typescript } from 'projen';

const PNPM = 'npx -y pnpm@10';

/**
 * The root GitHub workflow: the README's commands on a clean checkout, then a drift check. The test command already
 * compiles, type-checks, lints and runs every test; synth proves the main job; re-running projen must change nothing.
 */
export function addCiWorkflow(root: typescript.TypeScriptProject): void {
  const gh = root.github;
  if (!gh) throw new Error('the root project needs GitHub support for its CI workflow');
  const workflow = new github.GithubWorkflow(gh, 'ci');
  workflow.on({ pullRequest: {}, push: { branches: ['main'] }, workflowDispatch: {} });
  workflow.addJobs({
    test: {
      name: 'lint, type-check, test, synth, drift',
      runsOn: ['ubuntu-latest'],
      permissions: { contents: github.workflows.JobPermission.READ },
      timeoutMinutes: 30,
      steps: [
        { name: 'Check out', uses: 'actions/checkout@v4' },
        { name: 'Set up Node', uses: 'actions/setup-node@v4', with: { 'node-version': '20' } },
        { name: 'Install', run: `${PNPM} install --frozen-lockfile` },
        { name: 'Test (compile, type-check, lint, unit and end-to-end tests)', run: `${PNPM} test` },
        { name: 'Synthesize the example platform', run: `${PNPM} synth` },
        { name: 'Re-synthesize projen-managed files', run: `${PNPM} projen` },
        {
          name: 'Fail on drift of generated files',
          run: 'git diff --exit-code || (echo "::error::generated files are out of date: run pnpm projen and commit" && exit 1)',
        },
      ],
    },
  });
}
