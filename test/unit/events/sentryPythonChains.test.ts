// Which exception of a sentry-python event is the crash, on events the real SDK produced for the
// sample app's crashes (scripts/fixtures/capture/capture-sentry-python.sh, sentry-python 2.68.0).
// The SDK sends a plain chain with no link kind (`__cause__` or `__context__`), root cause first;
// inside an ExceptionGroup it sends mechanism.exception_id/parent_id/source.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { decodeSentrySdkEvent } from '../../../src/core/providers/sentry/sdkEvent';
import { decodeSentryRestEvent } from '../../../src/core/providers/sentry/restEvent';
import { flattenFrames, titleOf } from '../../../src/core/triage/frameSelection';
import type { ErrorEvent } from '../../../src/core/model/event.types';
import { fixtureJson } from './eventFixtures';

const APP = '/tmp/culprit-crashes/app/python';
const crashOf = (e: ErrorEvent) => {
  const f = flattenFrames(e.exceptions)[0];
  return [f?.path, f?.function, f?.line];
};

async function restOf(name: string): Promise<ErrorEvent> {
  const converter = (await import(
    path.resolve(__dirname, '../../../scripts/fixtures/capture/sentryRestConverter.mjs')
  )) as {
    toRestEvent(e: unknown): unknown;
  };
  return decodeSentryRestEvent(converter.toRestEvent(fixtureJson(name)));
}

describe('sentry-python chained exceptions: the crash frame (real SDK events)', () => {
  it('`raise … from`: the innermost cause first', () => {
    const e = decodeSentrySdkEvent(fixtureJson('sentry-python-cause.json'));
    assert.deepEqual(
      e.exceptions.map((x) => x.type),
      ['KeyError', 'NotFound'],
    );
    assert.deepEqual(crashOf(e), [`${APP}/app/services/pricing.py`, 'price_for', 5]);
    assert.match(titleOf(e), /^NotFound: unknown sku ZZ9/);
  });

  it('a handler that failed on a line that is not a raise: the outer exception is the crash', () => {
    const e = decodeSentrySdkEvent(fixtureJson('sentry-python-context.json'));
    assert.deepEqual(crashOf(e), [`${APP}/app/routes/orders.py`, 'apply_coupon', 21]);
    assert.match(titleOf(e), /^AttributeError: /);
  });

  it('a handler whose line is a raise: the inner exception is the root', () => {
    const e = decodeSentrySdkEvent(fixtureJson('sentry-python-reraise.json'));
    assert.deepEqual(crashOf(e), [`${APP}/app/services/pricing.py`, 'price_for', 5]);
    assert.equal(titleOf(e), 'ValueError: cannot refund ZZ9');
  });

  it('both in one chain: cause → wrapped → a handler that failed', () => {
    const e = decodeSentrySdkEvent(fixtureJson('sentry-python-both.json'));
    assert.deepEqual(
      e.exceptions.map((x) => x.type),
      ['KeyError', 'NotFound', 'AttributeError'],
    );
    assert.deepEqual(crashOf(e), [`${APP}/app/routes/orders.py`, 'reprice', 34]);
    // The root cause's frames follow, each once.
    const all = flattenFrames(e.exceptions).map((f) => `${f.function}:${f.line}`);
    assert.ok(all.indexOf('price_for:5') > 0, all.join(', '));
  });

  it('an ExceptionGroup: the first child is the crash, not the group nor the last-listed sibling', () => {
    const e = decodeSentrySdkEvent(fixtureJson('sentry-python-group.json'));
    assert.deepEqual(
      e.exceptions.map((x) => x.type),
      ['ZeroDivisionError', 'AttributeError', 'KeyError', 'ExceptionGroup'],
    );
    assert.deepEqual(crashOf(e), [`${APP}/app/services/pricing.py`, 'price_for', 5]);
  });

  it('the same rules on the REST API shape of the same events', async () => {
    assert.deepEqual(crashOf(await restOf('sentry-python-context.json')), [
      `${APP}/app/routes/orders.py`,
      'apply_coupon',
      21,
    ]);
    assert.deepEqual(crashOf(await restOf('sentry-python-group.json')), [
      `${APP}/app/services/pricing.py`,
      'price_for',
      5,
    ]);
    assert.deepEqual(crashOf(await restOf('sentry-python-reraise.json')), [
      `${APP}/app/services/pricing.py`,
      'price_for',
      5,
    ]);
  });

  it('only Python chains read a handler line: a JS `cause` chain keeps its root cause first', () => {
    const raw = fixtureJson('sentry-python-context.json') as Record<string, unknown>;
    const e = decodeSentrySdkEvent({ ...raw, platform: 'node' });
    assert.deepEqual(crashOf(e), [`${APP}/app/services/pricing.py`, 'discount', 10]);
  });

  it('a chain without source lines keeps its root cause first', () => {
    const raw = JSON.parse(JSON.stringify(fixtureJson('sentry-python-context.json'))) as {
      exception: { values: Array<{ stacktrace: { frames: Array<Record<string, unknown>> } }> };
    };
    for (const v of raw.exception.values) for (const f of v.stacktrace.frames) delete f.context_line;
    assert.deepEqual(crashOf(decodeSentrySdkEvent(raw)), [`${APP}/app/services/pricing.py`, 'discount', 10]);
  });
});
