import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CulpritError } from '../../../src/core/errors';
import { decodeDatadogLog } from '../../../src/core/providers/datadog/logEvent';
import { decodeDatadogSpan } from '../../../src/core/providers/datadog/spanEvent';
import { detectAndParse } from '../../../src/core/providers/file/eventFileParser';
import { MAX_FRAMES, MAX_STRING, MAX_VALUE_STRING } from '../../../src/core/decode/valueDecoder';
import { parseSentryEnvelope } from '../../../src/core/providers/sentry/sentryEnvelope';
import { decodeSentryRestEvent } from '../../../src/core/providers/sentry/restEvent';
import { decodeSentrySdkEvent } from '../../../src/core/providers/sentry/sdkEvent';

const decoders = { decodeSentrySdkEvent, decodeSentryRestEvent, decodeDatadogSpan, decodeDatadogLog };
const sdkWithFrames = (frames: unknown): unknown => ({
  exception: { values: [{ type: 'E', value: 'v', stacktrace: { frames } }] },
});

describe('event decoders on hostile input', () => {
  it('never throw on non-objects or mistyped fields', () => {
    const odd: unknown[] = [
      null,
      undefined,
      42,
      'str',
      [],
      true,
      { exception: 5 },
      { exception: { values: 'x' } },
      { exception: { values: [null, 1, 'a', { stacktrace: 'x' }] } },
      { entries: 'x' },
      {
        entries: [
          null,
          { type: 'exception', data: { values: [{ stacktrace: { frames: [null, 3] } }] } },
          { type: 'request', data: 'x' },
        ],
      },
      { breadcrumbs: { values: 'x' } },
      { request: { headers: 'x', query_string: { a: 1 } } },
      { tags: 'x', contexts: [], user: 'u' },
      { type: 'spans', attributes: { custom: 'x', tags: 'x' } },
      { attributes: { custom: { error: { stack: 42 } } }, span_id: 1 },
      { meta: null, span_id: {}, trace_id: [] },
      { type: 'log', attributes: { attributes: { error: 'x' }, tags: [1, null, 'a:b'] } },
      { release: { version: { nested: true } }, timestamp: 'yesterday', event_id: { a: 1 } },
    ];
    for (const [name, decode] of Object.entries(decoders)) {
      for (const v of odd) assert.doesNotThrow(() => decode(v), `${name}(${JSON.stringify(v)})`);
    }
    assert.deepEqual(decodeSentrySdkEvent(null).exceptions, []);
  });

  it('never throw on arbitrary JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        for (const decode of Object.values(decoders)) decode(v);
        decodeSentrySdkEvent({ exception: { values: [v] }, request: v, breadcrumbs: v, tags: v });
        decodeSentryRestEvent({
          entries: [
            { type: 'exception', data: { values: [v] } },
            { type: 'request', data: v },
          ],
        });
      }),
      { numRuns: 300 },
    );
  });

  it('treats null and string frames as no frames, and skips junk items', () => {
    assert.deepEqual(decodeSentrySdkEvent(sdkWithFrames(null)).exceptions[0].frames, []);
    assert.deepEqual(decodeSentrySdkEvent(sdkWithFrames('x')).exceptions[0].frames, []);
    const frames = decodeSentrySdkEvent(
      sdkWithFrames([null, 'x', 7, { filename: 'a.js', lineno: '12', colno: -3, in_app: 'yes' }]),
    ).exceptions[0].frames;
    assert.deepEqual(
      frames.map((f) => [f.path, f.line, f.column, f.inApp]),
      [['a.js', 12, null, null]],
    );
  });

  it('keeps the crashing end of 50,000 frames, quickly', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => ({
      filename: `f${i}.js`,
      lineno: i + 1,
      function: `fn${i}`,
    }));
    const start = Date.now();
    const [e] = decodeSentrySdkEvent(sdkWithFrames(many)).exceptions;
    assert.ok(Date.now() - start < 1000);
    assert.equal(e.frames.length, MAX_FRAMES);
    assert.equal(e.frames[0].path, 'f49999.js');
    assert.equal(e.framesOmitted, true);
  });

  it('clamps a 5 MB vars value and a 5 MB message', () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const e = decodeSentrySdkEvent({
      message: big,
      exception: {
        values: [
          { type: 'E', stacktrace: { frames: [{ filename: 'a.js', vars: { big, list: Array(10_000).fill(big) } }] } },
        ],
      },
    });
    const vars = e.exceptions[0].frames[0].vars ?? {};
    assert.equal((vars.big as string).length, MAX_VALUE_STRING + 1);
    assert.ok(JSON.stringify(e).length < 200_000);
    assert.equal(e.message?.length, MAX_STRING + 1);
  });

  it('does not let __proto__ keys reshape output objects', () => {
    const e = decodeSentrySdkEvent(
      JSON.parse('{"tags":{"__proto__":"x","a":"b"},"contexts":{"__proto__":{"polluted":true}}}'),
    );
    assert.deepEqual(e.tags, { a: 'b' });
    assert.equal(Object.getPrototypeOf(e.contexts), Object.prototype);
    assert.equal((e.contexts as Record<string, unknown>).polluted, undefined);
  });

  it('handles a missing exception, and huge Datadog stacks in bounded time', () => {
    assert.deepEqual(decodeSentrySdkEvent({ event_id: 'a', message: 'hi' }).exceptions, []);
    const stack = 'Error: x\n' + '    at f (/a.js:1:1)\n'.repeat(300_000);
    const start = Date.now();
    const e = decodeDatadogSpan({ type: 'spans', attributes: { custom: { error: { stack, type: 'Error' } } } });
    assert.ok(Date.now() - start < 3000);
    assert.equal(e.exceptions.at(-1)?.type, 'Error');
  });

  it('detectAndParse rejects garbage with unknown-format, never a TypeError', () => {
    for (const text of ['{', '{"a":', '[{"event_id":', '\u0000\u0001', '{}', 'null', '"str"', '{"exception":', '}{']) {
      assert.throws(
        () => detectAndParse(text, 'bad.json'),
        (err: unknown) => CulpritError.is(err, 'unknown-format') && /bad\.json/.test((err as Error).message),
      );
    }
    assert.throws(
      () => detectAndParse(undefined as unknown as string),
      (err: unknown) => CulpritError.is(err, 'invalid-input'),
    );
    assert.deepEqual(parseSentryEnvelope('{"event_id":1}\n{"type":"event","length":"x"}\n{oops'), []);
  });
});
