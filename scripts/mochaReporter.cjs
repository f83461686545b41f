'use strict';
// Mocha's spec output plus a machine-readable summary line that scripts/test.mjs adds up.
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const s = runner.stats;
      process.stdout.write(`CULPRIT-SUITE passed=${s.passes} failed=${s.failures} pending=${s.pending}\n`);
    });
  }
}

module.exports = SummaryReporter;
