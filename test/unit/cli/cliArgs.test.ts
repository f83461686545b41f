import assert from 'node:assert/strict';
import { DEFAULT_TIMEOUT_MS, UsageError, parseDuration, parseTriageArgs } from '../../../src/cli/cliArgs';

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

  it('--timeout takes seconds or a duration, 0 for none, and defaults to 5 minutes', () => {
    const ms = (v?: string): number => {
      const a = parseTriageArgs(['--event', 'a.txt', ...(v === undefined ? [] : ['--timeout', v])]);
      assert.ok(a !== 'help');
      return a.timeoutMs;
    };
    assert.equal(ms(), DEFAULT_TIMEOUT_MS);
    assert.equal(DEFAULT_TIMEOUT_MS, 300_000);
    assert.equal(ms('90'), 90_000);
    assert.equal(ms('1.5'), 1_500);
    assert.equal(ms('2m'), 120_000);
    assert.equal(ms('1m30s'), 90_000);
    assert.equal(ms('1h'), 3_600_000);
    assert.equal(ms('0'), 0);
    for (const bad of ['', 'soon', '5x', '48h', '1m2h'])
      assert.throws(
        () => ms(bad),
        (e: unknown) => e instanceof UsageError && /--timeout takes a duration/.test(e.message),
        bad,
      );
    assert.equal(parseDuration('m'), null);
  });
});
