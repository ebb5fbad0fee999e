// The Node test environment, except that once a test of the file has failed, the tests after it are skipped.
// For mutation testing only (stryker/cli-core-publish.jest.json): one failing test kills a mutant, and the tests of
// test/gitops-publish-core.test.ts run dozens of real git commands each, so the rest would only cost time.
const jestConfig = require.resolve('jest-config', { paths: [require.resolve('jest')] });
const { TestEnvironment } = require(require.resolve('jest-environment-node', { paths: [jestConfig] }));

class FailFastEnvironment extends TestEnvironment {
  failed = false;

  async handleTestEvent(event, state) {
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') this.failed = true;
    if (event.name === 'test_start' && this.failed) event.test.mode = 'skip';
    if (super.handleTestEvent) await super.handleTestEvent(event, state);
  }
}

module.exports = FailFastEnvironment;
