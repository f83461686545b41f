'use strict';
// The project's spec + summary reporter, plus a JSON file (CULPRIT_UI_RESULT) with the failures so
// that runVscodeTests.mjs can list them again at the end of a long run.
const fs = require('node:fs');
const SummaryReporter = require('../mochaReporter.cjs');

class UiReporter extends SummaryReporter {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    runner.on('fail', (test, err) =>
      failures.push({ title: test.fullTitle(), message: (err && err.message) || String(err) }),
    );
    runner.once('end', () => {
      const file = process.env.CULPRIT_UI_RESULT;
      if (file)
        fs.writeFileSync(
          file,
          JSON.stringify(
            { passed: runner.stats.passes, failed: runner.stats.failures, pending: runner.stats.pending, failures },
            null,
            2,
          ),
        );
    });
  }
}

module.exports = UiReporter;
