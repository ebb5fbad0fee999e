// Jest for mutation testing of the GitOps publish code (stryker/cli-core-publish.config.json): only the fast,
// in-process tests of src/gitops. test/gitops-publish.test.ts runs the compiled CLI (lib/), which mutants never reach.
const path = require('node:path');

const rootDir = path.resolve(__dirname, '..');

module.exports = {
  displayName: 'cli-core-publish',
  rootDir,
  // Absolute: Stryker loads the environment itself, before Jest would resolve <rootDir>.
  testEnvironment: path.join(__dirname, 'fail-fast-environment.js'),
  testMatch: ['<rootDir>/test/gitops-publish-core.test.ts', '<rootDir>/test/gitops-publish-errors.test.ts'],
  transform: {
    '^.+\\.[t]sx?$': ['ts-jest', { diagnostics: false, tsconfig: path.join(rootDir, 'tsconfig.dev.json') }],
  },
};
