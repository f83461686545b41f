/**
 * Event parsers and decoders on hostile payloads: real captured events (Sentry SDK/REST/envelope,
 * Datadog span/log) with random nodes replaced, random JSON, and random text through the file
 * source's auto-detection. Every call must return a bounded ErrorEvent or throw a typed error.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ErrorEvent } from '../../src/core/model/event.types';
import { decodeSentrySdkEvent, looksLikeSentrySdkEvent } from '../../src/core/providers/sentry/sdkEvent';
import { decodeSentryRestEvent, looksLikeSentryRestEvent } from '../../src/core/providers/sentry/restEvent';
import { looksLikeSentryEnvelope, parseSentryEnvelope } from '../../src/core/providers/sentry/sentryEnvelope';
import { decodeDatadogSpan, looksLikeDatadogSpan } from '../../src/core/providers/datadog/spanEvent';
import { decodeDatadogLog, looksLikeDatadogLog } from '../../src/core/providers/datadog/logEvent';
import { decodeErrorStack, decodeHttpRequest } from '../../src/core/providers/datadog/datadogStackDecoder';
import { decodeEvent } from '../../src/core/providers/datadog/datadogSamples';
import { classifyJsonEvent, decodeJsonValue } from '../../src/core/providers/file/jsonEventDecoder';
import { detectAndParse } from '../../src/core/providers/file/eventFileParser';
import { createFileSource } from '../../src/core/providers/file/fileSource';
import {
  MAX_EXCEPTIONS,
  MAX_FRAMES,
  asClampedRecord,
  asHeaderPairs,
  asIsoTimestamp,
  asTagRecord,
  clampValue,
  getDotted,
} from '../../src/core/decode/valueDecoder';
import {
  FUZZ_RUNS,
  FUZZ_SEED,
  fixtureJson,
  fixtureText,
  hostileValue,
  mutatedJson,
  noteCases,
  runFuzz,
  sizeOf,
  total,
  totalAsync,
} from './fuzzHarness';

const SDK = fixtureJson('sentry-sdk-event.json');
const REST = fixtureJson('sentry-rest-event.json');
const TEMPLATE = {
  abs_path: '/srv/app/t/a.html',
  filename: 'a.html',
  lineno: 2,
  pre_context: ['x'],
  context_line: 'y',
};
const REST_TEMPLATE = {
  filename: 'a.html',
  lineNo: 2,
  context: [
    [1, 'x'],
    [2, 'y'],
  ],
};
const SPAN = (fixtureJson('dd-api-span.json') as { data: unknown[] }).data[0];
const LOG = (fixtureJson('dd-api-log.json') as { data: unknown[] }).data[0];
const AGENT = fixtureJson('dd-agent-span.json');
const ENVELOPE = fixtureText('events/sentry-envelope.txt');
const ALL = [SDK, REST, SPAN, LOG, AGENT, fixtureJson('dd-api-span.json'), fixtureJson('dd-api-log.json')];

/** Decoded events are bounded whatever the input: frames and chains are capped by the decoders. */
function assertEventShape(e: ErrorEvent): void {
  assert.ok(Array.isArray(e.exceptions) && e.exceptions.length <= MAX_EXCEPTIONS, `${e.exceptions.length} exceptions`);
  for (const x of e.exceptions) {
    assert.ok(Array.isArray(x.frames) && x.frames.length <= MAX_FRAMES, `${x.frames.length} frames`);
    for (const f of x.frames) {
      assert.equal(typeof f.raw, 'string');
      assert.ok(f.path === null || typeof f.path === 'string');
      assert.ok(f.line === null || Number.isFinite(f.line));
    }
  }
  assert.ok(Array.isArray(e.breadcrumbs) && typeof e.tags === 'object' && e.tags !== null);
  // Prototype pollution through decoded records would show here.
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
}

/** JSON text of a generated value (bigints as numbers, as a lossy server would send them). */
const toJson = (v: unknown): string => {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)) ?? '';
  } catch {
    return '';
  }
};

const bound = (input: unknown): number => 20 * Math.min(sizeOf(input), 5_000_000) + 200_000;

const decoders: Array<[string, unknown, (v: unknown) => ErrorEvent, (v: unknown) => boolean]> = [
  ['Sentry SDK event', SDK, decodeSentrySdkEvent, looksLikeSentrySdkEvent],
  ['Sentry REST event', REST, decodeSentryRestEvent, looksLikeSentryRestEvent],
  // The template interface (getsentry/sentry src/sentry/interfaces/template.py), in both shapes.
  [
    'Sentry SDK event with a template',
    { ...(SDK as object), template: TEMPLATE },
    decodeSentrySdkEvent,
    looksLikeSentrySdkEvent,
  ],
  [
    'Sentry REST event with a template entry',
    {
      ...(REST as object),
      entries: [{ type: 'template', data: REST_TEMPLATE }, ...(REST as { entries: unknown[] }).entries],
    },
    decodeSentryRestEvent,
    looksLikeSentryRestEvent,
  ],
  ['Datadog span', SPAN, decodeDatadogSpan, looksLikeDatadogSpan],
  ['Datadog log', LOG, decodeDatadogLog, looksLikeDatadogLog],
];

describe('fuzz: event parsers and decoders', () => {
  for (const [name, seed, decode, looks] of decoders) {
    it(`${name}: mutated captures decode to bounded events`, () => {
      runFuzz(
        fc.property(mutatedJson([seed]), (v) => {
          total(() => looks(v), 10);
          const e = total(() => decode(v), bound(v));
          if (e) assertEventShape(e);
        }),
      );
    });
  }

  it('Datadog search items (spans and logs tracks) decode within bounds', () => {
    runFuzz(
      fc.property(mutatedJson([SPAN, LOG]), fc.constantFrom('trace' as const, 'logs' as const), (v, track) => {
        const e = total(() => decodeEvent(track, v), bound(v));
        if (e) assertEventShape(e);
        total(() => decodeErrorStack({ stack: (v as { stack?: unknown })?.stack ?? v, type: v, message: v }), bound(v));
        total(() => decodeHttpRequest((k) => getDotted(v, k)), bound(v));
      }),
    );
  });

  it('any JSON value: classification and list decoding are total and capped', () => {
    const anyDoc = fc.oneof(
      mutatedJson(ALL),
      fc.jsonValue(),
      hostileValue,
      fc.array(mutatedJson(ALL), { maxLength: 5 }),
      mutatedJson(ALL).map((d) => ({ data: [d, d] })),
    );
    runFuzz(
      fc.property(anyDoc, (v) => {
        total(() => classifyJsonEvent(v), 50);
        const events = total(() => decodeJsonValue(v), 4 * bound(v));
        for (const e of events ?? []) assertEventShape(e);
      }),
    );
  });

  it('the shared value decoders are total and bounded on anything', () => {
    runFuzz(
      fc.property(hostileValue, fc.string({ maxLength: 30 }), (v, key) => {
        total(() => clampValue(v), 2_100 * 1_100);
        total(() => asClampedRecord(v), 2_100 * 1_100);
        total(() => asHeaderPairs(v), bound(v));
        total(() => asTagRecord(v), bound(v));
        total(() => asIsoTimestamp(v), 40);
        total(() => getDotted(v, key), Number.POSITIVE_INFINITY);
      }),
    );
  });

  it('Sentry envelopes: mutated and cut envelopes parse without throwing', () => {
    const lines = ENVELOPE.split('\n');
    const envelope = fc
      .tuple(
        fc.nat(),
        fc.nat(lines.length),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.constantFrom(
              '{"type":"event","length":999999}',
              '{"type":"event","length":-1}',
              '{"type":"event","length":3}',
              '{}',
              '',
              '\0',
              '{"type":"event"}',
              'null',
              '{"length":"9"}',
            ),
          ),
          { maxLength: 4 },
        ),
      )
      .map(([cut, drop, inserts]) => {
        const ls = lines.filter((_, i) => i !== drop);
        for (const [at, l] of inserts) ls.splice(at % (ls.length + 1), 0, l);
        const text = ls.join('\n');
        return text.slice(0, text.length - (cut % 50));
      });
    runFuzz(
      fc.property(fc.oneof(envelope, fc.string({ unit: 'binary' })), (text) => {
        total(() => looksLikeSentryEnvelope(text), 10);
        total(() => parseSentryEnvelope(text), 4 * text.length + 1_000);
      }),
    );
  });

  it('file auto-detection: any text gives events or a typed unknown-format error', async () => {
    const texts = fc.oneof(
      mutatedJson(ALL).map((v) => toJson(v)),
      mutatedJson(ALL).map((v) => toJson(v).slice(0, 300)),
      fc
        .array(
          mutatedJson(ALL).map((v) => toJson(v) || 'x'),
          { maxLength: 4 },
        )
        .map((ls) => ls.join('\n')),
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.constantFrom(ENVELOPE, ENVELOPE.slice(0, 200), '\uFEFF', '{', '[', '[]', '{}', 'null', ' \n '),
    );
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        const events = total(() => detectAndParse(text, 'fuzz.json'), 4 * bound(text));
        for (const e of events ?? []) assertEventShape(e);
        await totalAsync(() => createFileSource(text, 'fuzz.json').listSamples({ limit: 5 }), 8 * bound(text));
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
    noteCases(FUZZ_RUNS);
  });
});
