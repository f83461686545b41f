import assert from 'node:assert/strict';
import { describeFixStatus, fixReleaseAfter, fixStatusFromCount } from '../../../src/core/insights/fixStatus';

describe('fix status: "regressed" only with a fix release after the first one', () => {
  const since = '2026-11-24T00:00:00Z';
  const now = Date.parse('2026-11-24T06:30:00Z');
  const releases = [
    { version: 'orders-api@1.5.1', date: '2026-11-23T12:00:00Z' },
    { version: 'orders-api@1.5.0', date: '2026-10-21T09:00:00Z' },
    { version: 'orders-api@1.4.0', date: '2026-09-29T10:00:00Z' },
  ];

  it('picks the newest release created after the first release', () => {
    assert.equal(fixReleaseAfter('orders-api@1.5.0', releases), 'orders-api@1.5.1');
    assert.equal(fixReleaseAfter('orders-api@1.4.0', releases), 'orders-api@1.5.1');
  });

  it('has none when the first release is the newest, unknown, or undated', () => {
    assert.equal(fixReleaseAfter('orders-api@1.5.1', releases), null);
    assert.equal(fixReleaseAfter('orders-api@9.9.9', releases), null);
    assert.equal(fixReleaseAfter(null, releases), null);
    assert.equal(
      fixReleaseAfter('a', [
        { version: 'a', date: null },
        { version: 'b', date: since },
      ]),
      null,
    );
  });

  it('calls events in a later release a regression', () => {
    const s = fixStatusFromCount(3, { release: 'orders-api@1.5.1', firstRelease: 'orders-api@1.5.0', since }, now);
    assert.equal(describeFixStatus(s), 'regressed: 3 events in 1.5.1');
  });

  it('never says regressed without a fix release, nor for the release the issue first appeared in', () => {
    for (const release of [null, 'orders-api@1.5.0']) {
      const s = fixStatusFromCount(3, { release, firstRelease: 'orders-api@1.5.0', since }, now);
      assert.equal(s.kind, 'ongoing');
      assert.equal(describeFixStatus(s), '3 events since the fix was watched; no fix release yet');
    }
    const quiet = fixStatusFromCount(0, { release: null, firstRelease: 'orders-api@1.5.0', since }, now);
    assert.equal(describeFixStatus(quiet), 'no events in 6 h since the fix was watched');
  });
});
