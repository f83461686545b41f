import assert from 'node:assert/strict';
import { UsageError, parseTriageArgs } from '../../../src/cli/cliArgs';

describe('culprit triage arguments', () => {
  it('takes --file as another name for --event', () => {
    const a = parseTriageArgs(['--file', 'crash.txt', '--repo', '.', '--json']);
    assert.ok(a !== 'help');
    assert.equal(a.event, 'crash.txt');
    const b = parseTriageArgs(['--event', 'crash.txt']);
    assert.ok(b !== 'help');
    assert.equal(b.event, 'crash.txt');
  });

  it('refuses two different inputs and a malformed deploy range, naming the flag', () => {
    assert.throws(
      () => parseTriageArgs(['--file', 'a.txt', '--event', 'b.txt']),
      (e: unknown) => e instanceof UsageError && /--file/.test(e.message),
    );
    assert.throws(
      () => parseTriageArgs(['--event', 'a.txt', '--deploy', 'v1']),
      (e: unknown) => e instanceof UsageError && /--deploy/.test(e.message),
    );
  });
});
