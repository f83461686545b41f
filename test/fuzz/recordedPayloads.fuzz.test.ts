/**
 * Mutations of the providers' real recorded exchanges (`<api-specs>/recorded/`: Bugsnag's VCR
 * cassettes, Datadog's Polly recordings, Sentry's CLI/MCP fixtures, spec examples and SDK event
 * samples) through every decoder of that provider: nodes replaced by nulls, wrong types, huge
 * strings and deep nesting, or deleted; and each body's JSON text truncated through the HTTP
 * client's body parser. Decoders meet almost-real data this way, deeper than random JSON reaches.
 * A decoder returns a bounded value whose positions obey the JSON contract, or throws a typed
 * CulpritError with a message; nothing else.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as sentryDtos from '../../src/core/providers/sentry/sentryDtos';
import { decodeSentryRestEvent } from '../../src/core/providers/sentry/restEvent';
import { decodeSentrySdkEvent } from '../../src/core/providers/sentry/sdkEvent';
import { readDiscoverCounts, readSentryTagDetails } from '../../src/core/providers/sentry/sentryTagInsights';
import { readIssueResponse, readIssueSearch } from '../../src/core/providers/datadog/datadogDtos';
import { decodeDatadogSpan } from '../../src/core/providers/datadog/spanEvent';
import { decodeDatadogLog } from '../../src/core/providers/datadog/logEvent';
import { readAggregateBuckets } from '../../src/core/providers/datadog/datadogTagInsights';
import { readMetricsQuery } from '../../src/core/providers/datadog/datadogMetrics';
import { runtimeFacts } from '../../src/core/insights/runtimeContext';
import * as bugsnagDtos from '../../src/core/providers/bugsnag/bugsnagDtos';
import { decodeBugsnagEvent } from '../../src/core/providers/bugsnag/bugsnagEvent';
import { bugsnagEventOf } from '../../src/core/providers/bugsnag/bugsnagEvents';
import { decodeJsonValue } from '../../src/core/providers/file/jsonEventDecoder';
import { parseJsonBody } from '../../src/core/http/jsonBody';
import { CulpritError } from '../../src/core/errors';
import { FRAME_CAP } from '../../src/core/stack/frameFolder';
import { RECORDED_DIR, type RecordedProvider } from '../helpers/recordedExchanges';
import { FIXTURES_DIR } from '../helpers/fixturesDir';
import { FUZZ_RUNS, mutatedJson, runFuzz, total } from './fuzzHarness';

type Decoder = (body: unknown) => unknown;

/** Every decoder a provider's answers go through; each gets every body (decoders must be total). */
const DECODERS: Record<RecordedProvider, Record<string, Decoder>> = {
  sentry: {
    readIssue: sentryDtos.readIssue,
    readOrg: sentryDtos.readOrg,
    readProjects: sentryDtos.readProjects,
    readRelease: sentryDtos.readRelease,
    readReleases: sentryDtos.readReleases,
    readDeployEnvironments: sentryDtos.readDeployEnvironments,
    readCommitters: sentryDtos.readCommitters,
    decodeSentryRestEvent,
    decodeSentrySdkEvent,
    runtimeFacts: (b) => runtimeFacts(decodeSentrySdkEvent(b)),
    readSentryTagDetails: (b) => readSentryTagDetails('browser', b),
    readDiscoverCounts: (b) => readDiscoverCounts('browser', b),
    decodeJsonValue: (b) => decodeJsonValue(b),
  },
  datadog: {
    readIssueSearch,
    readIssueResponse,
    decodeDatadogSpan,
    decodeDatadogLog,
    readAggregateBuckets: (b) => readAggregateBuckets('@http.status_code', b),
    readMetricsQuery,
    decodeJsonValue: (b) => decodeJsonValue(b),
  },
  bugsnag: {
    readBugsnagError: bugsnagDtos.readBugsnagError,
    readProject: bugsnagDtos.readProject,
    readNamedList: bugsnagDtos.readNamedList,
    readReleases: bugsnagDtos.readReleases,
    decodeBugsnagEvent,
    bugsnagEventOf,
    runtimeFacts: (b) => runtimeFacts(decodeBugsnagEvent(b)),
    decodeJsonValue: (b) => decodeJsonValue(b),
  },
};

/** Every recorded body of a provider, SDK event samples and the recordings under test/fixtures included. */
function recordedBodies(provider: RecordedProvider): unknown[] {
  const dirs = [path.join(RECORDED_DIR, provider), path.join(FIXTURES_DIR, provider, 'recorded')];
  return dirs
    .flatMap((dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : []))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as { body?: unknown; response?: { body?: unknown } })
    .map((x) => x.response?.body ?? x.body)
    .filter((b) => b !== undefined && b !== null);
}

/** The body, and the items of its list (`data[]`, a top-level array): list decoders get the whole, item decoders the items. */
function targets(body: unknown): unknown[] {
  const items = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && Array.isArray((body as { data?: unknown }).data)
      ? (body as { data: unknown[] }).data
      : [];
  return [body, ...items.slice(0, 4)];
}

const MAX_POSITION = 2 ** 31 - 1;

/** The contract's bounds on whatever a decoder produced: positions and frame counts. */
function checkBounds(v: unknown, seen = new Set<unknown>(), depth = 0): void {
  if (!v || typeof v !== 'object' || seen.has(v) || depth > 40) return;
  seen.add(v);
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.frames)) assert.ok(o.frames.length <= FRAME_CAP, `${o.frames.length} frames kept`);
  if ('raw' in o && ('line' in o || 'column' in o)) {
    for (const k of ['line', 'column'] as const) {
      const n = o[k];
      assert.ok(
        n === null || n === undefined || (Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_POSITION),
        `frame ${k} ${String(n)}`,
      );
    }
  }
  for (const child of Array.isArray(v) ? v : Object.values(o)) checkBounds(child, seen, depth + 1);
}

describe('fuzz: mutated recorded provider exchanges through the real decoders', function () {
  this.timeout(300_000);
  for (const provider of ['sentry', 'datadog', 'bugsnag'] as RecordedProvider[]) {
    const seeds = recordedBodies(provider);

    it(`${provider}: ${seeds.length} recorded bodies decode as they are, within the bounds`, () => {
      assert.ok(seeds.length >= 10, `only ${seeds.length} recorded ${provider} bodies`);
      for (const body of seeds)
        for (const target of targets(body))
          for (const decode of Object.values(DECODERS[provider])) checkBounds(total(() => decode(target), 8_000_000));
    });

    it(`${provider}: nulls, wrong types, huge strings and deleted fields in real bodies`, () => {
      runFuzz(
        fc.property(mutatedJson(seeds), (body) => {
          for (const target of targets(body))
            for (const decode of Object.values(DECODERS[provider])) checkBounds(total(() => decode(target), 8_000_000));
        }),
        Math.max(20, Math.floor(FUZZ_RUNS / 2)),
      );
    });

    it(`${provider}: real bodies cut anywhere fail as a typed bad-response naming the endpoint`, () => {
      const texts = seeds.map((b) => Buffer.from(JSON.stringify(b)));
      runFuzz(
        fc.property(fc.nat(texts.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), (i, at) => {
          const text = texts[i];
          const cut = Math.min(text.length - 1, Math.floor(at * text.length));
          const origin = {
            provider,
            method: 'GET',
            endpoint: '/recorded',
            status: 200,
            contentType: 'application/json',
          };
          try {
            parseJsonBody(text.subarray(0, cut), origin, (s) => s);
          } catch (e) {
            assert.ok(CulpritError.is(e, 'bad-response'), String(e));
            assert.match(e.message, new RegExp(`^${provider} GET /recorded `));
            assert.ok(!e.message.includes(text.subarray(Math.max(0, cut - 40), cut).toString()) || cut < 40);
            return;
          }
          // A cut that still parses (e.g. right after a number) is valid JSON: nothing to check.
        }),
      );
    });
  }
});
