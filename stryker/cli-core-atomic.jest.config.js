// Jest for mutation testing of the atomic output replacement and the scratch directories
// (stryker/cli-core-atomic.config.json): only their fast, in-process tests. The CLI tests that write outputs run the
// compiled CLI (lib/), which mutants never reach.
const path = require('node:path');

const rootDir = path.resolve(__dirname, '..');

module.exports = {
  displayName: 'cli-core-atomic',
  rootDir,
  // Absolute: Stryker loads the environment itself, before Jest would resolve <rootDir>.
  testEnvironment: path.join(__dirname, 'fail-fast-environment.js'),
  testMatch: ['<rootDir>/test/atomic-output.test.ts', '<rootDir>/test/atomic-output-core.test.ts', '<rootDir>/test/work-dir.test.ts'],
  transform: {
    '^.+\\.[t]sx?$': ['ts-jest', { diagnostics: false, tsconfig: path.join(rootDir, 'tsconfig.dev.json') }],
  },
};
