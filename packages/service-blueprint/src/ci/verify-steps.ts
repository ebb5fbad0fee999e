import type { github } from 'projen';
import { ACTIONS } from '../versions';

/** The shell script of the drift check step: CI fails when committed generated files differ from `.projenrc.ts`. */
export const DRIFT_CHECK_SCRIPT = [
  'npx projen --no-post',
  'git add --all',
  'if ! git diff --staged --exit-code; then',
  '  echo "::error::Generated files are out of date: run \'npx projen\' and commit the result."',
  '  exit 1',
  'fi',
].join('\n');

/** Lint: `projen eslint` fixes what it can, so any change it makes is a lint failure in CI. */
export const LINT_SCRIPT = [
  'npx projen eslint',
  'if ! git diff --exit-code; then',
  '  echo "::error::Lint problems that eslint --fix corrects: run \'npx projen eslint\' and commit the result."',
  '  exit 1',
  'fi',
].join('\n');

/**
 * Node.js, `npm ci` and the drift check: how every service type starts `verify`, since projen runs on Node.js. The
 * step names say what npm installs there (the service's dependencies, or only the repository tooling).
 */
function nodeToolingSteps(nodeVersion: string, names: { readonly setup: string; readonly install: string }): github.workflows.JobStep[] {
  return [
    { name: names.setup, uses: ACTIONS.setupNode, with: { 'node-version': nodeVersion, 'cache': 'npm' } },
    { name: names.install, run: 'npm ci' },
    { name: 'Check generated files are up to date', run: DRIFT_CHECK_SCRIPT },
  ];
}

const NODE_DEPENDENCIES = { setup: 'Set up Node.js', install: 'Install dependencies' };

/** Type-check and unit tests with the coverage gate, each the repository's own projen task. */
function typecheckAndUnitTestSteps(coverageThreshold: number): github.workflows.JobStep[] {
  return [
    { name: 'Type-check', run: 'npx projen typecheck' },
    { name: `Unit tests (coverage gate ${coverageThreshold}%)`, run: 'npx projen test:unit' },
  ];
}

/** The `verify` steps of a Node.js service: install, drift check, lint, type-check, unit tests, compile. */
export function nodeVerifySteps(nodeVersion: string, coverageThreshold: number): github.workflows.JobStep[] {
  return [
    ...nodeToolingSteps(nodeVersion, NODE_DEPENDENCIES),
    { name: 'Lint', run: LINT_SCRIPT },
    ...typecheckAndUnitTestSteps(coverageThreshold),
    { name: 'Compile', run: 'npx projen compile' },
  ];
}

/** Fails with an actionable message when `uv.lock` is missing or no longer matches `pyproject.toml`. */
export const UV_LOCK_CHECK_SCRIPT = [
  'if [ ! -f uv.lock ]; then',
  '  echo "::error::uv.lock is missing: run \'uv lock\' and commit it (CI and the image build install from it)."',
  '  exit 1',
  'fi',
  'if ! uv lock --check; then',
  '  echo "::error::uv.lock does not match pyproject.toml: run \'uv lock\' and commit the result."',
  '  exit 1',
  'fi',
].join('\n');

/**
 * The `verify` steps of a Python service: Node.js and the tooling for the drift check (projen runs on Node.js), then
 * uv with the locked environment, lint, type-check, unit tests with the coverage gate and the dependency audit. Each
 * step runs the repository's own projen task, so CI and a laptop run the same commands.
 */
export function pythonVerifySteps(nodeVersion: string, uvVersion: string, coverageThreshold: number): github.workflows.JobStep[] {
  return [
    ...nodeToolingSteps(nodeVersion, { setup: 'Set up Node.js (projen)', install: 'Install the repository tooling' }),
    { name: 'Set up uv', uses: ACTIONS.setupUv, with: { 'version': uvVersion, 'enable-cache': true } },
    { name: 'Check uv.lock', run: UV_LOCK_CHECK_SCRIPT },
    { name: 'Install dependencies', run: 'uv sync --locked' },
    { name: 'Lint', run: 'npx projen lint' },
    ...typecheckAndUnitTestSteps(coverageThreshold),
    { name: 'Audit dependencies', run: 'npx projen audit' },
  ];
}

/** The `verify` steps of a static site: install, drift check, lint, type-check, unit tests, bundle with its size budget. */
export function staticSiteVerifySteps(nodeVersion: string, coverageThreshold: number): github.workflows.JobStep[] {
  return [
    ...nodeToolingSteps(nodeVersion, NODE_DEPENDENCIES),
    { name: 'Lint', run: 'npx projen lint' },
    ...typecheckAndUnitTestSteps(coverageThreshold),
    { name: 'Bundle and check its size', run: 'npx projen compile' },
  ];
}
