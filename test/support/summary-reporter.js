// Jest always prints its SummaryReporter last, so a plain custom reporter cannot close the output. This reporter
// replaces 'default': it drives Jest's own DefaultReporter and SummaryReporter, then prints one closing line with
// the counts of the whole run (what CI logs and `.ci/run` readers look for).
const { DefaultReporter, SummaryReporter } = require('@jest/reporters');

class PavedReporter {
  constructor(globalConfig, options, context) {
    this.reporters = [new DefaultReporter(globalConfig), new SummaryReporter(globalConfig, options)];
    this.context = context;
  }

  forward(hook, args) {
    for (const reporter of this.reporters) reporter[hook]?.(...args);
  }

  onRunStart(...args) { this.forward('onRunStart', args); }
  onTestStart(...args) { this.forward('onTestStart', args); }
  onTestCaseStart(...args) { this.forward('onTestCaseStart', args); }
  onTestCaseResult(...args) { this.forward('onTestCaseResult', args); }
  onTestResult(...args) { this.forward('onTestResult', args); }
  onTestFileStart(...args) { this.forward('onTestFileStart', args); }
  onTestFileResult(...args) { this.forward('onTestFileResult', args); }

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
