import assert from 'node:assert/strict';
import { parseSentryEnvelope } from '../../../src/core/providers/sentry/sentryEnvelope';
import { decodeSentrySdkEvent } from '../../../src/core/providers/sentry/sdkEvent';
import { fixtureJson, fixtureText } from './eventFixtures';

describe('parseSentryEnvelope', () => {
  it('extracts the event item of the real envelope the SDK sent', () => {
    const items = parseSentryEnvelope(fixtureText('sentry-envelope.txt'));
    assert.equal(items.length, 1);
    assert.deepEqual(items[0], fixtureJson('sentry-sdk-event.json'));
    assert.equal(decodeSentrySdkEvent(items[0]).exceptions.length, 2);
  });

  it('respects item lengths in UTF-8 bytes, even when the payload holds newlines', () => {
    const payload = JSON.stringify({ event_id: 'e1', message: 'héllo ✓' }, null, 1);
    const attachment = 'line one\nline two';
    const text = [
      JSON.stringify({ event_id: 'e1', sent_at: '2024-01-01T00:00:00Z' }),
      JSON.stringify({ type: 'attachment', length: Buffer.byteLength(attachment) }),
      attachment,
      JSON.stringify({ type: 'event', length: Buffer.byteLength(payload) }),
      payload,
      JSON.stringify({ type: 'transaction' }),
      '{"type":"transaction","spans":[]}',
      '',
    ].join('\n');
    const items = parseSentryEnvelope(text);
    assert.deepEqual(items, [{ event_id: 'e1', message: 'héllo ✓' }]);
  });

  it('reads items without a length up to the newline, and skips non-event items', () => {
    const text =
      '{"event_id":"a"}\n{"type":"session"}\n{"sid":"x"}\n{"type":"event"}\n{"event_id":"a","level":"error"}';
    assert.deepEqual(parseSentryEnvelope(text), [{ event_id: 'a', level: 'error' }]);
  });

  it('returns [] for non-envelopes and survives truncation', () => {
    assert.deepEqual(parseSentryEnvelope('not an envelope'), []);
    assert.deepEqual(parseSentryEnvelope(''), []);
    assert.deepEqual(parseSentryEnvelope(null as unknown as string), []);
    const full = fixtureText('sentry-envelope.txt');
    assert.deepEqual(parseSentryEnvelope(full.slice(0, Math.floor(full.length / 2))), []);
    assert.deepEqual(parseSentryEnvelope('{}\n{"type":"event","length":99999}\n{"a":1}'), [{ a: 1 }]);
  });
});
