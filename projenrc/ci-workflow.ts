import { github, type typescript } from 'projen';

const PNPM = 'npx -y pnpm@10';

/**
 * Node.js majors CI tests on: the LTS lines 22 and 24 (24 recommended), and 20, end of life since 2026-04-30
 * (https://github.com/nodejs/Release#release-schedule), for as long as `engines` still admits it. Drop 20 here when
 * the floor (projenrc/versions.ts MIN_NODE_VERSION) moves to 22.
 */
export const CI_NODE_VERSIONS = ['20', '22', '24'] as const;
/** The Node.js major that also synthesizes and checks projen drift (once is enough). */
const PRIMARY_NODE = '24';

/**
 * The root GitHub workflow: the README's commands on a clean checkout, then a drift check. The test command already
 * compiles, type-checks, lints and runs every test, on every Node.js major of CI_NODE_VERSIONS; synth proves the main
 * job; re-running projen must change nothing.
 */
export function addCiWorkflow(root: typescript.TypeScriptProject): void {
  const gh = root.github;
  if (!gh) throw new Error('the root project needs GitHub support for its CI workflow');
  const workflow = new github.GithubWorkflow(gh, 'ci');
  workflow.on({ pullRequest: {}, push: { branches: ['main'] }, workflowDispatch: {} });
  workflow.addJobs({
    test: {
      name: 'lint, type-check, test, synth, drift (Node.js ${{ matrix.node }})',
      runsOn: ['ubuntu-latest'],
      strategy: { failFast: false, matrix: { domain: { node: [...CI_NODE_VERSIONS] } } },
      permissions: { contents: github.workflows.JobPermission.READ },
      timeoutMinutes: 30,
      steps: [
        { name: 'Check out', uses: 'actions/checkout@v4' },
        { name: 'Set up Node', uses: 'actions/setup-node@v4', with: { 'node-version': '${{ matrix.node }}' } },
        { name: 'Install', run: `${PNPM} install --frozen-lockfile` },
        { name: 'Test (compile, type-check, lint, unit and end-to-end tests)', run: `${PNPM} test` },
        { name: 'Synthesize the example platform', run: `${PNPM} synth`, if: `matrix.node == '${PRIMARY_NODE}'` },
        { name: 'Re-synthesize projen-managed files', run: `${PNPM} projen`, if: `matrix.node == '${PRIMARY_NODE}'` },
        {
          name: 'Fail on drift of generated files',
          if: `matrix.node == '${PRIMARY_NODE}'`,
          run: 'git diff --exit-code || (echo "::error::generated files are out of date: run pnpm projen and commit" && exit 1)',
        },
      ],
    },
  });
}
