import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { decodeSentryRestEvent } from '../../../src/core/providers/sentry/restEvent';
import { decodeDatadogSpan } from '../../../src/core/providers/datadog/spanEvent';
import {
  compareTagDistributions,
  describeValueDiff,
  distributionsFromEvents,
} from '../../../src/core/insights/tagComparison';
import { describeFixStatus, fixStatusFromCount } from '../../../src/core/insights/fixStatus';

const FIX = path.join(__dirname, '..', '..', 'fixtures', 'events');
const sentryEvent = decodeSentryRestEvent(
  JSON.parse(fs.readFileSync(path.join(FIX, 'sentry-rest-event.json'), 'utf8')),
);
const ddEvent = decodeDatadogSpan(
  JSON.parse(fs.readFileSync(path.join(FIX, 'dd-api-span.json'), 'utf8')).data?.[0] ??
    JSON.parse(fs.readFileSync(path.join(FIX, 'dd-api-span.json'), 'utf8')),
);

describe('tag comparison (what differs)', () => {
  it('counts tag distributions from real captured events', () => {
    const dists = distributionsFromEvents([sentryEvent, sentryEvent, ddEvent]);
    const release = dists.find((d) => d.key === 'release');
    assert.ok(release, 'the captured Sentry event has a release tag');
    assert.deepEqual(release.values, [{ value: 'orders-api@1.5.0', count: 2 }]);
    assert.equal(dists.find((d) => d.key === 'region')?.values[0].value, 'eu-west-1');
  });

  it('ranks the value over-represented in failures first, with its lift', () => {
    const failing = distributionsFromEvents([sentryEvent, sentryEvent, sentryEvent]);
    const baseline = [
      {
        key: 'release',
        values: [
          { value: 'orders-api@1.4.0', count: 90 },
          { value: 'orders-api@1.5.0', count: 10 },
        ],
        total: 100,
      },
      {
        key: 'region',
        values: [
          { value: 'eu-west-1', count: 50 },
          { value: 'us-east-1', count: 50 },
        ],
        total: 100,
      },
      { key: 'environment', values: [{ value: 'production', count: 100 }], total: 100 },
    ];
    const c = compareTagDistributions(failing, { baseline, baselineInfo: { available: true, label: 'all errors' } });
    assert.equal(c.tags[0].key, 'release', 'release moved most (100% vs 10%)');
    const v = c.tags[0].values[0];
    assert.equal(v.value, 'orders-api@1.5.0');
    assert.equal(v.overRepresented, true);
    assert.ok(v.lift !== null && v.lift > 9 && v.lift < 10.1, `lift ${v.lift}`);
    assert.equal(describeValueDiff('release', v), 'release=orders-api@1.5.0: 100% of failures vs 10% overall (9.6×)');
    const env = c.tags.find((t) => t.key === 'environment');
    assert.equal(env?.values[0].overRepresented, false, 'a value everywhere is not over-represented');
    const team = c.tags.find((t) => t.key === 'team');
    assert.equal(team?.hasBaseline, false, 'a tag the baseline lacks is marked so');
  });

  it('says plainly when there is no baseline and marks nothing', () => {
    const c = compareTagDistributions(distributionsFromEvents([sentryEvent]), {
      baseline: null,
      baselineInfo: { available: false, reason: 'Datadog returned no spans' },
    });
    assert.deepEqual(c.baseline, { available: false, reason: 'Datadog returned no spans' });
    assert.ok(c.tags.length > 0);
    assert.ok(c.tags.every((t) => !t.hasBaseline && t.values.every((v) => v.lift === null && !v.overRepresented)));
  });

  it('survives hostile input (nulls, NaN, huge lists)', () => {
    const junk = [
      null,
      { key: '', values: [] },
      { key: 'a', values: [{ value: 'x', count: NaN }, null, { value: 3, count: 1 }] },
      { key: 'b', values: Array.from({ length: 5000 }, (_, i) => ({ value: `v${i}`, count: 1 })), total: -1 },
    ] as never;
    const c = compareTagDistributions(junk, { baseline: junk, baselineInfo: { available: true, label: 'x' } });
    assert.ok(c.tags.length <= 50);
    assert.ok(c.tags.every((t) => t.values.length <= 20));
  });
});

describe('fix status', () => {
  const since = '2026-11-24T00:00:00Z';
  const now = Date.parse(since) + 6.5 * 3_600_000;
  it('words quiet and regressed as the panel shows them', () => {
    assert.equal(
      describeFixStatus(fixStatusFromCount(0, { release: 'orders-api@1.5.1', since }, now)),
      'no events in 6 h since 1.5.1',
    );
    assert.equal(
      describeFixStatus(fixStatusFromCount(3, { release: '1.5.1', since }, now)),
      'regressed: 3 events in 1.5.1',
    );
    assert.equal(fixStatusFromCount(0, { release: null, since: 'nope' }, now).kind, 'unknown');
  });
});
