import assert from 'node:assert/strict';
import { assertCancelledAfter, rejection } from '../../helpers/rejection';
import { useSentryRig } from '../../helpers/sentryRig';

const TOKEN = 'canarytok_CANARY_b41e2d0c99aa7731_token';

describe('Sentry source under faults', () => {
  // Every test here makes the source log (retries, failures): the rig checks those lines for the token.
  const { start, source, lines } = useSentryRig(TOKEN, { issueCount: 3 }, { expectLog: true });

  it('waits for X-Sentry-Rate-Limit-Reset on 429 before retrying once', async () => {
    const s = await start();
    const resetSec = Math.ceil(Date.now() / 1000) + 1;
    s.fault('issues', {
      status: 429,
      times: 1,
      headers: { 'X-Sentry-Rate-Limit-Reset': String(resetSec), 'X-Sentry-Rate-Limit-Remaining': '0' },
    });
    const res = await source(s).listSamples({ limit: 3 });
    assert.equal(res.samples.length, 3);
    const issueCalls = s.requests.filter((r) => r.route === 'issues');
    assert.equal(issueCalls.length, 2);
    assert.ok(issueCalls[1].at >= resetSec * 1000, `retried ${resetSec * 1000 - issueCalls[1].at}ms before the reset`);
  });

  it('gives up with rate-limited when the reset is beyond the wait cap', async () => {
    const s = await start();
    s.fault('issues', {
      status: 429,
      headers: { 'X-Sentry-Rate-Limit-Reset': String(Math.ceil(Date.now() / 1000) + 600) },
    });
    const e = await rejection(source(s).listSamples({ limit: 3 }));
    assert.equal(e.reason, 'rate-limited');
    assert.match(e.message, /resets in \d+(\.\d)?s, longer than the 60s this client waits/);
    assert.equal(s.count('issues'), 1);
  });

  it('retries 502/503 and then succeeds', async () => {
    const s = await start();
    s.fault('issues', { status: 502, times: 1 });
    s.fault('event', { status: 503, times: 2, issueId: '1001' });
    const res = await source(s).listSamples({ limit: 3 });
    assert.deepEqual(res.failures, []);
    assert.equal(res.samples.length, 3);
    assert.equal(s.count('issues'), 2);
    assert.equal(s.requests.filter((r) => r.path.includes('/issues/1001/events/')).length, 3);
  });

  it('puts a truncated, an HTML and a reset event in failures and returns the rest', async () => {
    const s = await start({ issueCount: 5 });
    s.fault('event', { body: 'truncated', issueId: '1000' });
    s.fault('event', { body: 'html', issueId: '1002' });
    s.fault('event', { body: 'reset', issueId: '1003' });
    const res = await source(s, { http: { maxRetries: 1 } }).listSamples({ limit: 5 });
    assert.deepEqual(
      res.samples.map((x) => x.group.id),
      ['1001', '1004'],
    );
    assert.deepEqual(
      res.failures.map((f) => f.issueId),
      ['1000', '1002', '1003'],
    );
    assert.match(res.failures[0].message, /truncated JSON/);
    assert.match(res.failures[0].message, /\/issues\/1000\/events\/latest\//);
    assert.match(res.failures[1].message, /HTML page instead of JSON/);
    assert.match(res.failures[2].message, /could not reach Sentry/);
  });

  it('falls back to the recommended event when latest is 404, and fails just that issue when both are', async () => {
    const s = await start();
    s.fault('event', { status: 404, times: 1, issueId: '1000' });
    s.fault('event', { status: 404, issueId: '1002' });
    const res = await source(s).listSamples({ limit: 3 });
    assert.deepEqual(
      res.samples.map((x) => x.group.id),
      ['1000', '1001'],
    );
    assert.ok(s.requests.some((r) => r.path.endsWith('/issues/1000/events/recommended/')));
    assert.deepEqual(
      res.failures.map((f) => f.issueId),
      ['1002'],
    );
  });

  it('treats a 404 from the committers endpoint as no suspects', async () => {
    const s = await start();
    s.fault('committers', { status: 404 });
    const res = await source(s, { suspects: true }).listSamples({ limit: 3 });
    assert.equal(res.samples.length, 3);
    assert.equal(res.sentrySuspects.size, 0);
  });

  it('falls back to release names when release endpoints fail', async () => {
    const s = await start();
    s.fault('release', { status: 403 });
    s.fault('releases', { status: 500 });
    const res = await source(s).listSamples({ limit: 1 });
    assert.deepEqual(res.samples[0].deploy, { to: 'orders-api@1.5.0', from: null });
  });

  it('times out a stalled event without failing the others', async () => {
    const s = await start();
    s.fault('event', { delayMs: 1500, issueId: '1001' });
    const t0 = Date.now();
    const res = await source(s, { http: { timeoutMs: 300 } }).listSamples({ limit: 3 });
    assert.ok(Date.now() - t0 < 1400);
    assert.deepEqual(
      res.failures.map((f) => f.issueId),
      ['1001'],
    );
    assert.match(res.failures[0].message, /timed out after 300ms/);
    assert.equal(res.samples.length, 2);
  });

  it('reads a 10 MB event and rejects one over the size cap', async () => {
    const s = await start({ issueCount: 2 });
    s.fault('event', { body: 'huge', hugeBytes: 10 * 1024 * 1024, issueId: '1000' });
    s.fault('event', { body: 'huge', hugeBytes: 3 * 1024 * 1024, issueId: '1001' });
    const res = await source(s, { http: { maxResponseBytes: 12 * 1024 * 1024 } }).listSamples({ limit: 2 });
    assert.deepEqual(
      res.samples.map((x) => x.group.id),
      ['1000', '1001'],
    );
    const capped = await source(s, { http: { maxResponseBytes: 5 * 1024 * 1024 } }).listSamples({ limit: 2 });
    assert.deepEqual(
      capped.failures.map((f) => f.issueId),
      ['1000'],
    );
    assert.match(capped.failures[0].message, /larger than the 5 MB cap/);
  });

  it('never puts the token in an error, a failure or a log line', async () => {
    const s = await start();
    // Servers sometimes echo credentials back; the client must mask them anyway.
    s.fault('event', { status: 400, issueId: '1000', detail: `bad request for token ${TOKEN}` });
    s.fault('event', { body: 'html', issueId: '1001' });
    const res = await source(s).listSamples({ limit: 3 });
    const texts = [...res.failures.map((f) => f.message)];
    for (const status of [401, 403, 500]) {
      const bad = await start();
      bad.fault('org', { status, detail: `Invalid token Bearer ${TOKEN} (${TOKEN})` });
      bad.fault('issues', { status, detail: `echo ${TOKEN}` });
      const e = await rejection(source(bad).listSamples({ limit: 1 }));
      texts.push(e.message, JSON.stringify(e.details ?? {}), String(e.stack));
    }
    assert.ok(texts.length >= 8);
    assert.match(texts[0], /\[redacted\]/);
    for (const t of [...texts, ...lines]) assert.ok(!t.includes(TOKEN) && !t.includes('CANARY'), t);
  });

  it('stops when the signal aborts', async () => {
    const s = await start({ latencyMs: 200 });
    await assertCancelledAfter(50, (signal) => source(s).listSamples({ limit: 3, signal }));
  });
});
