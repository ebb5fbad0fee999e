// Prints one closing line with the test counts of the whole run (Jest's own summary is not the last line).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTotalTests, numTotalTestSuites, startTime } = results;
    const seconds = ((Date.now() - startTime) / 1000).toFixed(1);
    const status = numFailedTests > 0 || results.numRuntimeErrorTestSuites > 0 ? 'FAILED' : 'passed';
    process.stdout.write(
      `paved tests ${status}: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped, ` +
        `${numTotalTests} total in ${numTotalTestSuites} files (${seconds} s)\n`,
    );
  }
}
module.exports = SummaryReporter;
