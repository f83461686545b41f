/**
 * API response decoders on hostile bodies: the Sentry issue/org/release/committer readers and
 * Datadog search readers directly, then whole `listSamples` calls against a real local server
 * whose bodies are mutated spec examples (through the HTTP client's JSON handling). A source
 * must return samples and per-issue failures, or reject with a typed error; nothing else.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import {
  readCommitters,
  readIssue,
  readOrg,
  readProjects,
  readRelease,
  readReleases,
} from '../../src/core/providers/sentry/sentryDtos';
import { readIssueResponse, readIssueSearch } from '../../src/core/providers/datadog/datadogDtos';
import { dataList } from '../../src/core/providers/datadog/datadogApi';
import { createSentrySource } from '../../src/core/providers/sentry/sentrySource';
import { createDatadogSource } from '../../src/core/providers/datadog/datadogSource';
import { loadSpecValidator } from '../../test/helpers/specValidator';
import { DD_SPEC } from '../helpers/datadogStandIn';
import {
  FUZZ_RUNS,
  FUZZ_SEED,
  fixtureJson,
  hostileValue,
  mutatedJson,
  noteCases,
  runFuzz,
  sizeOf,
  total,
  totalAsync,
} from './fuzzHarness';

const SENTRY = loadSpecValidator('sentry-openapi-subset.json');
const ISSUES = SENTRY.example('get', '/api/0/organizations/{organization_id_or_slug}/issues/', 200);
const ORG = SENTRY.example('get', '/api/0/organizations/{organization_id_or_slug}/', 200);
const RELEASES = SENTRY.example('get', '/api/0/organizations/{organization_id_or_slug}/releases/', 200);
const REST_EVENT = fixtureJson('sentry-rest-event.json');
const COMMITTERS = {
  committers: [
    {
      author: { name: 'Ada', email: 'a@example.com' },
      commits: [{ id: 'c'.repeat(40), message: 'm', dateCreated: '2026-11-23T09:00:00Z' }],
    },
  ],
};

type Recorded = {
  scenario: string;
  entries: Array<{ request: { method: string }; response: { status: number; body: unknown } }>;
};
const recordedBodies = (DD_SPEC.spec['x-recorded-examples'] as Recorded[])
  .flatMap((r) => r.entries.map((e) => e.response.body))
  .filter((b) => b && typeof b === 'object');
const DD_SEARCH = recordedBodies.find(
  (b) => Array.isArray((b as { data?: unknown }).data) && 'included' in (b as object),
) ?? { data: [] };
const DD_SPANS = fixtureJson('dd-api-span.json');
const DD_LOGS = fixtureJson('dd-api-log.json');

const bound = (v: unknown): number => 20 * Math.min(sizeOf(v), 5_000_000) + 100_000;

describe('fuzz: API response decoders', () => {
  it('Sentry readers are total on mutated issue lists, orgs, releases and committers', () => {
    runFuzz(
      fc.property(mutatedJson([ISSUES, ORG, RELEASES, COMMITTERS, REST_EVENT]), hostileValue, (v, h) => {
        for (const item of [v, h, ...(Array.isArray(v) ? v.slice(0, 20) : [])]) {
          const issue = total(() => readIssue(item), bound(item));
          if (issue) assert.ok(typeof issue.id === 'string' && issue.id.length > 0 && issue.id.length <= 128);
          total(() => readRelease(item), bound(item));
        }
        total(() => readOrg(v), bound(v));
        total(() => readProjects(v), bound(v));
        total(() => readReleases(v), bound(v));
        const c = total(() => readCommitters(v), bound(v));
        assert.ok((c?.length ?? 0) <= 50 * 50);
      }),
    );
  });

  it('Datadog readers are total on mutated search and issue responses', () => {
    runFuzz(
      fc.property(mutatedJson([DD_SEARCH, DD_SPANS, DD_LOGS, ...recordedBodies.slice(0, 6)]), (v) => {
        const issues = total(() => readIssueSearch(v), bound(v));
        // Holes come only from sparse arrays, which JSON.parse never makes.
        for (const i of issues ?? []) assert.ok(i == null || (typeof i.id === 'string' && i.id.length > 0));
        total(() => readIssueResponse(v), bound(v));
        total(() => dataList(v), bound(v));
      }),
    );
  });

  describe('whole sources against a server sending mutated bodies', () => {
    let server: http.Server;
    let url = '';
    let answer: (path: string) => { status: number; text: string } = () => ({ status: 200, text: '{}' });
    let requests = 0;
    before(async () => {
      server = http.createServer((req, res) => {
        requests++;
        req.resume();
        req.on('end', () => {
          const a = answer(new URL(req.url ?? '/', 'http://x').pathname);
          res.writeHead(a.status, { 'content-type': 'application/json' });
          res.end(a.text);
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((r) => server.close(() => r())));

    const text = (v: unknown, cut: number): string => {
      let s: string;
      try {
        s = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)) ?? '';
      } catch {
        s = '';
      }
      return cut > 90 ? s.slice(0, Math.floor(s.length / 2)) : s;
    };
    const runs = Math.max(5, Math.floor(FUZZ_RUNS / 5));
    const http0 = {
      maxRetries: 0,
      timeoutMs: 1_000,
      backoffBaseMs: 1,
      defaultRateLimitWaitMs: 0,
      maxRateLimitWaitMs: 0,
    };

    it('Sentry: listSamples gives samples and failures, or a typed error, and never storms', async () => {
      await fc.assert(
        fc.asyncProperty(
          mutatedJson([ISSUES]),
          mutatedJson([REST_EVENT]),
          fc.nat(100),
          fc.constantFrom(200, 200, 200, 404, 429, 500),
          async (list, event, cut, status) => {
            requests = 0;
            answer = (p) =>
              p.endsWith('/issues/')
                ? { status, text: text(list, cut) }
                : p.includes('/events/')
                  ? { status: 200, text: text(event, cut) }
                  : { status: 404, text: '{"detail":"no"}' };
            const src = createSentrySource({
              baseUrl: url,
              token: 'fuzz-token',
              org: 'acme',
              projects: ['11'],
              http: http0,
            });
            const res = await totalAsync(() => src.listSamples({ limit: 5 }), 50 * bound(event) + bound(list));
            if (res) assert.ok(res.samples.length + res.failures.length <= 5 + 100);
            assert.ok(requests <= 40, `${requests} requests for 5 issues`);
          },
        ),
        { numRuns: runs, seed: FUZZ_SEED, endOnFailure: true },
      );
      noteCases(runs);
    });

    it('Datadog: listSamples gives samples and failures, or a typed error, and never storms', async () => {
      await fc.assert(
        fc.asyncProperty(mutatedJson([DD_SEARCH]), mutatedJson([DD_SPANS]), fc.nat(100), async (search, spans, cut) => {
          requests = 0;
          answer = (p) =>
            p.includes('error-tracking')
              ? { status: 200, text: text(search, cut) }
              : { status: 200, text: text(spans, cut) };
          const src = createDatadogSource({
            baseUrl: url,
            apiKey: 'k',
            appKey: 'a',
            service: 'orders-api',
            http: http0,
          });
          await totalAsync(() => src.listSamples({ limit: 5 }), 50 * bound(spans) + bound(search));
          assert.ok(requests <= 40, `${requests} requests for 5 issues`);
        }),
        { numRuns: runs, seed: FUZZ_SEED, endOnFailure: true },
      );
      noteCases(runs);
    });
  });
});
