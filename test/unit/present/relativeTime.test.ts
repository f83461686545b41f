import assert from 'node:assert/strict';
import { msUntilRelativeTimeChanges, relativeTime } from '../../../src/core/present/relativeTime';

const now = Date.parse('2026-12-03T12:00:00.000Z');
const ago = (ms: number) => new Date(now - ms).toISOString();
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Walks the clock to the moment returned and checks the text changed then and not a second before. */
function assertChangesExactlyThen(date: string, wait: number) {
  const before = relativeTime(date, now);
  assert.equal(relativeTime(date, now + wait - SEC), before, `${date} changed before ${wait} ms`);
  assert.notEqual(relativeTime(date, now + wait), before, `${date} unchanged after ${wait} ms`);
}

describe('msUntilRelativeTimeChanges', () => {
  it('waits until the text of each unit would read differently', () => {
    const cases: Array<[number, number]> = [
      [10 * SEC, 49.5 * SEC], // `just now` → `1 min ago` at 59.5 s
      [2 * MIN, 29.5 * SEC], // `2 min ago` → `3 min ago` at 150 s (rounded)
      [59 * MIN + 40 * SEC, 19.5 * SEC], // `60 min ago` → `1 h ago` at the hour
      [3 * HOUR, 30 * MIN - 0.5 * SEC], // `3 h ago` → `4 h ago` at 3.5 h
      [23 * HOUR + 40 * MIN, 20 * MIN - 0.5 * SEC], // `24 h ago` → `1 d ago` at the day
      [3 * DAY, 12 * HOUR - 0.5 * SEC], // `3 d ago` → `4 d ago` at 3.5 d
    ];
    for (const [age, expected] of cases) {
      const wait = msUntilRelativeTimeChanges([ago(age)], now);
      assert.equal(wait, expected, `age ${age} ms`);
      assertChangesExactlyThen(ago(age), wait!);
    }
  });

  it('takes the soonest of the dates shown and skips what is not a date', () => {
    const dates = [ago(3 * DAY), null, 'not a date', ago(2 * MIN), ago(5 * HOUR)];
    assert.equal(msUntilRelativeTimeChanges(dates, now), 29.5 * SEC);
    assert.equal(msUntilRelativeTimeChanges([null, 'never'], now), null);
    assert.equal(msUntilRelativeTimeChanges([], now), null);
  });

  it('never asks for a redraw sooner than a second, even on a boundary or a date ahead of the clock', () => {
    for (const date of [ago(59.5 * SEC - 1), ago(150 * SEC - 600), new Date(now + HOUR).toISOString()]) {
      const wait = msUntilRelativeTimeChanges([date], now)!;
      assert.ok(wait >= SEC, `${date}: ${wait}`);
    }
    // A date an hour ahead reads `just now` until it is a minute old.
    assert.equal(msUntilRelativeTimeChanges([new Date(now + HOUR).toISOString()], now), HOUR + 59.5 * SEC);
  });

  it('follows a date across every change for a week, each wait landing on the next text', () => {
    const date = ago(0);
    let t = now;
    const seen: string[] = [relativeTime(date, t)!];
    while (t - now < 7 * DAY) {
      const wait = msUntilRelativeTimeChanges([date], t)!;
      assert.equal(relativeTime(date, t + wait - 1), seen[seen.length - 1], `changed early at ${t + wait - 1}`);
      t += wait;
      const text = relativeTime(date, t)!;
      assert.notEqual(text, seen[seen.length - 1], `unchanged at ${t}`);
      seen.push(text);
    }
    assert.deepEqual(seen.slice(0, 4), ['just now', '1 min ago', '2 min ago', '3 min ago']);
    assert.ok(seen.includes('60 min ago') && seen.includes('1 h ago') && seen.includes('24 h ago'));
    assert.ok(seen.includes('1 d ago') && seen.includes('7 d ago'));
  });
});
