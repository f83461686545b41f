import assert from 'node:assert/strict';
import { assertCancelledAfter, rejection } from '../../helpers/rejection';
import { describeDatadogError } from '../../../src/core/providers/datadog/datadogApi';
import { DATADOG_SITES } from '../../../src/core/providers/datadog/datadogSites';
import { useDatadogRig } from '../../helpers/datadogRig';

const API_KEY = 'test-canary-dd-api-key-CANARY-faults-001';
const APP_KEY = 'test-canary-dd-app-key-CANARY-faults-001';

describe('Datadog source under faults', () => {
  const { start, source, lines } = useDatadogRig(API_KEY, APP_KEY);

  it('waits X-RateLimit-Reset seconds on 429 before retrying once', async () => {
    const s = await start();
    s.fault('issues', {
      status: 429,
      times: 1,
      headers: { 'X-RateLimit-Reset': '1', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Name': 'error_tracking_search' },
    });
    // No default wait: only the header can make the client wait.
    const res = await source(s, { http: { defaultRateLimitWaitMs: 0 } }).listSamples({ limit: 3 });
    assert.equal(res.samples.length, 3);
    const calls = s.requests.filter((r) => r.route === 'issues');
    assert.equal(calls.length, 2);
    assert.ok(calls[1].at - calls[0].at >= 1000, `retried after ${calls[1].at - calls[0].at}ms, before the reset`);
  });

  it('says when the next refresh can run when the span search is limited beyond the wait cap, asking once', async () => {
    const s = await start();
    s.fault('spans', { status: 429, headers: { 'X-RateLimit-Reset': '3600' } });
    const t0 = Date.now();
    const res = await source(s, { http: { maxConcurrent: 1 } }).listSamples({ limit: 3 });
    assert.equal(res.samples.length, 0);
    assert.equal(res.failures.length, 3);
    const at = new Date(t0 + 3600_000);
    const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
    for (const f of res.failures)
      assert.match(f.message, new RegExp(`Datadog rate limit: next refresh at ${hhmm} \\(`));
    assert.match(res.failures[0].message, /resets in 3600s, longer than the 60s this client waits/);
    assert.equal(s.count('spans'), 1);
  });

  it('explains a 403 as a probable wrong site, naming the host used and the other sites', async () => {
    const s = await start();
    const e = await rejection(source(s, { site: 'datadoghq.eu', appKey: 'wrong-app-key' }).listSamples({ limit: 1 }));
    assert.equal(e.reason, 'forbidden');
    assert.match(
      e.message,
      /keys belong to one site; this request went to 127\.0\.0\.1:\d+ \(set with --url\) — if your org is on another site, set --site to one of /,
    );
    for (const site of DATADOG_SITES.filter((x) => x !== 'datadoghq.eu')) assert.ok(e.message.includes(site), site);
    const offered = /set --site to one of (.*?)\. Otherwise/.exec(e.message)?.[1] ?? '';
    assert.deepEqual(
      offered.split(', '),
      DATADOG_SITES.filter((x) => x !== 'datadoghq.eu'),
    );
    // Against a real site the message names that API host.
    const text = describeDatadogError(
      'datadoghq.eu',
      false,
    )({
      reason: 'forbidden',
      status: 403,
      method: 'POST',
      endpoint: '/api/v2/error-tracking/issues/search',
      host: 'https://api.datadoghq.eu',
      serverDetail: 'Forbidden',
      defaultMessage: '',
    });
    assert.match(
      text ?? '',
      /this request went to api\.datadoghq\.eu — if your org is on another site, set --site to one of datadoghq\.com, us3\.datadoghq\.com, us5\.datadoghq\.com, ap1\.datadoghq\.com, ap2\.datadoghq\.com, uk1\.datadoghq\.com, ddog-gov\.com, us2\.ddog-gov\.com/,
    );
  });

  it('reports a 401 as a missing or invalid API key', async () => {
    const s = await start();
    const e = await rejection(source(s, { apiKey: 'not-the-key' }).listSamples({ limit: 1 }));
    assert.equal(e.reason, 'auth');
    assert.match(e.message, /rejected the API key \(401\).*DD-API-KEY is missing or invalid/);
  });

  it('searches a truncated batch issue by issue, names a span-less issue, and triages the rest', async () => {
    // 21 issues: batches of 10, 10 and 1 (several issues per span search).
    const issues = Array.from({ length: 21 }, (_, i) => ({
      id: `issue-${i}`,
      errorType: `E${i}Error`,
      errorMessage: `m${i}`,
      events: i === 3 ? 0 : 1,
    }));
    const s = await start({ issues });
    s.fault('spans', { body: 'truncated', issueId: 'issue-12' });
    s.fault('spans', { body: 'html', issueId: 'issue-20' });
    const res = await source(s, { http: { maxConcurrent: 1 } }).listSamples({ limit: 21 });
    const bad = new Set([3, 12, 20]);
    assert.deepEqual(
      res.samples.map((x) => x.group.id),
      issues.filter((_, i) => !bad.has(i)).map((x) => x.id),
    );
    const failed = new Map(res.failures.map((f) => [f.issueId, f.message]));
    assert.deepEqual([...failed.keys()].sort(), ['issue-12', 'issue-20', 'issue-3']);
    assert.match(failed.get('issue-3') ?? '', /no error span with @issue\.id:issue-3 in the time window/);
    assert.match(
      failed.get('issue-12') ?? '',
      /truncated JSON.*\/api\/v2\/spans\/events\/search|\/api\/v2\/spans\/events\/search.*truncated JSON/,
    );
    assert.match(failed.get('issue-20') ?? '', /HTML page instead of JSON/);
    // Three batches, issue 3 alone, and the ten issues of the broken batch alone.
    assert.equal(s.count('spans'), 3 + 1 + 10);
  });

  it('retries a 502 on the (read-only) span search', async () => {
    const s = await start();
    s.fault('spans', { status: 502, times: 1, issueId: '5f8ebd5c-6dd9-11f0-8a28-da7ad0900011' });
    const res = await source(s).listSamples({ limit: 3 });
    assert.deepEqual(res.failures, []);
    // One batched search for the three issues, retried once.
    assert.equal(s.count('spans'), 2);
  });

  it('never puts either key in an error, a failure or a log line', async () => {
    const s = await start();
    // Servers sometimes echo credentials back; the client must mask them anyway.
    s.fault('spans', {
      status: 400,
      issueId: '5f8ebd5c-6dd9-11f0-8a28-da7ad0900010',
      detail: `bad key ${API_KEY} / ${APP_KEY}`,
    });
    const res = await source(s).listSamples({ limit: 3 });
    const texts = res.failures.map((f) => f.message);
    assert.match(texts[0], /\[redacted\]/);
    for (const status of [400, 401, 403, 500]) {
      const bad = await start();
      bad.fault('issues', { status, detail: `echo DD-API-KEY=${API_KEY} DD-APPLICATION-KEY=${APP_KEY}` });
      const e = await rejection(source(bad, { http: { maxRetries: 0 } }).listSamples({ limit: 1 }));
      texts.push(e.message, JSON.stringify(e.details ?? {}), String(e.stack));
      bad.fault('state', { status, detail: `echo ${APP_KEY}` });
      const w = await rejection(
        source(bad, { http: { maxRetries: 0 } }).updateIssueState('5f8ebd5c-6dd9-11f0-8a28-da7ad0900010', 'RESOLVED'),
      );
      texts.push(w.message, JSON.stringify(w.details ?? {}));
    }
    assert.ok(texts.length >= 17 && lines.length > 0);
    for (const t of [...texts, ...lines])
      assert.ok(!t.includes(API_KEY) && !t.includes(APP_KEY) && !t.includes('CANARY'), t);
  });

  it('stands in strictly: a request body that breaks the spec gets a 400', async () => {
    const s = await start();
    const res = await fetch(`${s.url}/api/v2/spans/events/search`, {
      method: 'POST',
      headers: { 'DD-API-KEY': API_KEY, 'DD-APPLICATION-KEY': APP_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { type: 'search_request', attributes: { sort: 'newest', page: { limit: 5000 } } } }),
    });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /SpansListRequest/);
  });

  it('stops when the signal aborts', async () => {
    const s = await start({ latencyMs: 200 });
    await assertCancelledAfter(50, (signal) => source(s).listSamples({ limit: 3, signal }));
  });
});
