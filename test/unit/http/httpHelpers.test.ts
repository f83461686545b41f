import assert from 'node:assert/strict';
import { findLink, parseLinkHeader } from '../../../src/core/http/linkHeader';
import { backoffDelay, parseRetryAfter, rateLimitWaitMs } from '../../../src/core/http/retryPolicy';
import { createRedactor, secretVariants } from '../../../src/core/http/secretRedactor';
import { ConcurrencyLimiter } from '../../../src/core/http/concurrencyLimiter';

describe('http helpers', () => {
  it('parses Sentry Link headers', () => {
    const h =
      '<https://sentry.io/api/0/organizations/acme/issues/123456/events/?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ' +
      '<https://sentry.io/api/0/organizations/acme/issues/123456/events/?&cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"';
    const next = findLink(parseLinkHeader(h), 'next');
    assert.deepEqual(next?.params, { rel: 'next', results: 'true', cursor: '0:100:0' });
    assert.equal(findLink(parseLinkHeader(h), 'previous')?.params.results, 'false');
    assert.deepEqual(parseLinkHeader(undefined), []);
    assert.deepEqual(parseLinkHeader('garbage'), []);
  });

  it('reads Retry-After and provider reset headers', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('3', now), 3000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('soon', now), null);
    const sentry = [{ name: 'X-Sentry-Rate-Limit-Reset', kind: 'epoch-seconds' as const }];
    assert.equal(rateLimitWaitMs({ 'x-sentry-rate-limit-reset': String(now / 1000 + 7) }, sentry, now), 7000);
    assert.equal(rateLimitWaitMs({ 'x-sentry-rate-limit-reset': String(now / 1000 - 7) }, sentry, now), 0);
    const dd = [{ name: 'X-RateLimit-Reset', kind: 'delta-seconds' as const }];
    assert.equal(rateLimitWaitMs({ 'x-ratelimit-reset': '12' }, dd, now), 12_000);
    assert.equal(rateLimitWaitMs({ 'retry-after': '2', 'x-ratelimit-reset': '12' }, dd, now), 2000);
    assert.equal(rateLimitWaitMs({}, dd, now), null);
  });

  it('backs off exponentially with a cap', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 99].map((n) => backoffDelay(n, 100, 1000)),
      [100, 200, 400, 800, 1000, 1000],
    );
  });

  it('redacts secrets, their encodings and bearer credentials, but not prose', () => {
    const secret = 'canarytok_abc+/def=123';
    const r = createRedactor(secretVariants([`Bearer ${secret}`]));
    const out = r(`a ${secret} b ${encodeURIComponent(secret)} c Bearer xyz0123456789 the token needs scopes`);
    assert.ok(
      !out.includes(secret) && !out.includes(encodeURIComponent(secret)) && !out.includes('xyz0123456789'),
      out,
    );
    assert.match(out, /the token needs scopes$/);
  });

  it('limits concurrency and lets queued waiters abort', async () => {
    const lim = new ConcurrencyLimiter(1);
    const release = await lim.acquire();
    const ac = new AbortController();
    const queued = lim.acquire(ac.signal);
    ac.abort(new Error('stop'));
    await assert.rejects(queued, /stop/);
    release();
    const again = await lim.acquire();
    assert.equal(lim.inFlight, 1);
    again();
    assert.equal(lim.inFlight, 0);
  });
});
