// Ends the test run with one plain line, `N passed, N failed, N skipped`, that CI can read.

/**
 * @typedef {{ name: string, passed: boolean, skipped: boolean }} TestResult
 * @typedef {{ tests: TestResult[], suites: TestSuite[] }} TestSuite
 */

/** @param {TestSuite | undefined} suite @param {{ passed: number, failed: number, skipped: number }} counts */
function count(suite, counts) {
  if (!suite) return;
  for (const test of suite.tests) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites) count(child, counts);
}

/** @returns {import('@web/test-runner').Reporter} */
export function summaryReporter() {
  let counts = { passed: 0, failed: 0, skipped: 0, sessionErrors: 0 };
  return {
    onTestRunFinished({ sessions }) {
      counts = { passed: 0, failed: 0, skipped: 0, sessionErrors: 0 };
      for (const session of sessions) {
        count(session.testResults, counts);
        if (!session.passed && session.errors.length > 0) counts.sessionErrors += 1;
      }
    },
    stop() {
      // After the default reporter's own closing lines, which it writes as the process ends.
      process.once('exit', () => {
        const failed = counts.failed + counts.sessionErrors;
        console.log(`tests: ${counts.passed} passed, ${failed} failed, ${counts.skipped} skipped`);
      });
    },
  };
}
