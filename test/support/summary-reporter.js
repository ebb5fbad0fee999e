// Jest always prints its SummaryReporter last, so a plain custom reporter cannot close the output. This reporter
// replaces 'default': it drives Jest's own DefaultReporter and SummaryReporter, then prints one closing line with
// the counts of the whole run (what CI logs and `.ci/run` readers look for).
const { DefaultReporter, SummaryReporter } = require('@jest/reporters');

class PavedReporter {
  constructor(globalConfig, options, context) {
    this.reporters = [new DefaultReporter(globalConfig), new SummaryReporter(globalConfig, options)];
    this.context = context;
  }

  // Jest prefers the newer hook name when a reporter has both; each wrapped reporter gets whichever it implements.
  forward(hook, legacyHook, args) {
    for (const reporter of this.reporters) {
      const fn = reporter[hook] ?? (legacyHook ? reporter[legacyHook] : undefined);
      fn?.apply(reporter, args);
    }
  }

  onRunStart(...args) { this.forward('onRunStart', undefined, args); }
  onTestFileStart(...args) { this.forward('onTestFileStart', 'onTestStart', args); }
  onTestCaseStart(...args) { this.forward('onTestCaseStart', undefined, args); }
  onTestCaseResult(...args) { this.forward('onTestCaseResult', undefined, args); }
  onTestFileResult(...args) { this.forward('onTestFileResult', 'onTestResult', args); }

  getLastError() {
    for (const reporter of this.reporters) {
      const error = reporter.getLastError?.();
      if (error) return error;
    }
    return undefined;
  }

  async onRunComplete(contexts, results) {
    for (const reporter of this.reporters) await reporter.onRunComplete?.(contexts, results);
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numTotalTests, numTotalTestSuites } = results;
    const failed = numFailedTests > 0 || results.numRuntimeErrorTestSuites > 0;
    const seconds = ((Date.now() - results.startTime) / 1000).toFixed(1);
    process.stdout.write(
      `paved tests ${failed ? 'FAILED' : 'passed'}: ${numPassedTests} passed, ${numFailedTests} failed, ` +
        `${numPendingTests + numTodoTests} skipped, ${numTotalTests} total in ${numTotalTestSuites} files (${seconds} s)\n`,
    );
  }
}

module.exports = PavedReporter;
