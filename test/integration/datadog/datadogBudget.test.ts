// The span-search budget (300 an hour per org): samples found by issue id, several issues per
// search, cached by issue id + last seen, rate-limit headers read before the limit is hit.
import assert from 'node:assert/strict';
import { useDatadogRig } from '../../helpers/datadogRig';

const API_KEY = 'test-canary-dd-api-key-CANARY-budget-01';
const APP_KEY = 'test-canary-dd-app-key-CANARY-budget-01';

/** 20 issues of one error type, each with its own stack (its own route handler and line). */
const sameTypeIssues = (n = 20) =>
  Array.from({ length: n }, (_, i) => ({
    id: `7a0c1f3e-0000-4000-8000-${String(i).padStart(12, '0')}`,
    errorType: 'TypeError',
    errorMessage: `Cannot read properties of undefined (reading 'f${i}')`,
    stack:
      `TypeError: Cannot read properties of undefined (reading 'f${i}')\n` +
      `    at handler${i} (/srv/orders-api/src/routes/route${i}.js:${10 + i}:7)\n` +
      `    at Layer.handle (/srv/orders-api/node_modules/express/lib/router/layer.js:95:5)`,
    count: 100 - i,
  }));

describe('Datadog span-search budget', () => {
  const { start, source } = useDatadogRig(API_KEY, APP_KEY);

  it('gives 20 issues of one error type 20 different stacks, in two searches', async () => {
    const s = await start({ issues: sameTypeIssues() });
    const res = await source(s).listSamples({ limit: 20 });
    assert.deepEqual(res.failures, []);
    assert.equal(res.samples.length, 20);
    const top = res.samples.map((x) => {
      const f = x.event.exceptions.at(-1)!.frames[0];
      return `${f.function} ${f.path}:${f.line}`;
    });
    assert.equal(new Set(top).size, 20);
    res.samples.forEach((x, i) => {
      assert.equal(x.group.id, s.issues[i].id);
      assert.equal(top[i], `handler${i} /srv/orders-api/src/routes/route${i}.js:${10 + i}`);
    });
    assert.equal(s.count('spans'), 2);
    const queries = s.requests
      .filter((r) => r.route === 'spans')
      .map((r) => (r.body as { data: { attributes: { filter: { query: string } } } }).data.attributes.filter.query);
    assert.ok(queries.every((q) => /@issue\.id:\(/.test(q) && !q.includes('@error.type')));
  });

  it('makes no span search on a refresh where nothing changed, and one for the issue seen again', async () => {
    const s = await start({ issues: sameTypeIssues(12) });
    const src = source(s);
    const first = await src.listSamples({ limit: 12 });
    assert.equal(first.samples.length, 12);
    const spansAfterFirst = s.count('spans');
    const second = await src.listSamples({ limit: 12 });
    assert.equal(s.count('spans'), spansAfterFirst, 'a refresh with nothing changed searched spans');
    assert.equal(s.count('issues'), 2);
    assert.deepEqual(
      second.samples.map((x) => x.event.exceptions.at(-1)!.frames[0].function),
      first.samples.map((x) => x.event.exceptions.at(-1)!.frames[0].function),
    );
    assert.deepEqual(second.failures, []);
    s.issues[5].lastSeenMs = Date.parse('2026-11-24T21:00:00Z');
    await src.listSamples({ limit: 12 });
    const last = s.requests.filter((r) => r.route === 'spans').at(-1)!;
    assert.equal(s.count('spans'), spansAfterFirst + 1);
    assert.match(
      (last.body as { data: { attributes: { filter: { query: string } } } }).data.attributes.filter.query,
      new RegExp(`@issue\\.id:${s.issues[5].id}$`),
    );
  });

  it('stops searching at the reserve the rate-limit headers leave, serves cached events and says when', async () => {
    // 3 searches allowed: the first refresh spends 2 (20 issues) and sees 1 left, at the reserve.
    const s = await start({ issues: sameTypeIssues(), searchBudget: 3, searchResetSeconds: 1500 });
    const now = Date.parse('2026-11-24T13:40:00');
    const src = source(s, { now: () => now });
    const first = await src.listSamples({ limit: 20 });
    assert.equal(first.samples.length, 20);
    assert.equal(s.count('spans'), 2);
    for (const iss of s.issues) iss.lastSeenMs = Date.parse('2026-11-24T21:00:00Z');
    const second = await src.listSamples({ limit: 20 });
    assert.equal(s.count('spans'), 2, 'searched past the reserve');
    assert.equal(second.samples.length, 20, 'cached events are kept');
    assert.deepEqual(
      second.failures.map((f) => f.message),
      ['Datadog rate limit: next refresh at 14:05 (20 issues show their last event)'],
    );
  });
});
