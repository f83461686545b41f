// The Bugsnag source against a local stand-in whose every body is validated against the Data
// Access API subset: paging, auth, rate limits, damaged bodies and per-error failures.
import assert from 'node:assert/strict';
import { rejection } from '../../helpers/rejection';
import { createBugsnagSource } from '../../../src/core/providers/bugsnag/bugsnagSource';
import type { BugsnagSourceOptions } from '../../../src/core/providers/bugsnag/bugsnag.types';
import { type BugsnagStandIn, type BugsnagStandInOptions, startBugsnagStandIn } from '../../helpers/bugsnagStandIn';

const TOKEN = 'bsgtok_CANARY_4c2f9e1a7d0b3e58_token';

describe('Bugsnag source against the stand-in', () => {
  const servers: BugsnagStandIn[] = [];
  const lines: string[] = [];
  const start = async (o: BugsnagStandInOptions = {}): Promise<BugsnagStandIn> => {
    const s = await startBugsnagStandIn({ token: TOKEN, ...o });
    servers.push(s);
    return s;
  };
  const source = (s: BugsnagStandIn, o: Partial<BugsnagSourceOptions> = {}) =>
    createBugsnagSource({
      baseUrl: s.url,
      token: TOKEN,
      project: s.projectId,
      logger: (l) => lines.push(l),
      ...o,
      http: { backoffBaseMs: 5, backoffMaxMs: 20, ...o.http },
    });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    assert.ok(
      lines.every((l) => !l.includes(TOKEN) && !l.includes('CANARY')),
      'token in a log line',
    );
    lines.length = 0;
  });

  it('follows the Link header over three pages with the filters, and decodes the latest events', async () => {
    const s = await start({ errorCount: 7 });
    const res = await source(s, { perPage: 3 }).listSamples({ limit: 7 });
    assert.deepEqual(res.failures, []);
    assert.equal(res.samples.length, 7);
    const pages = s.requests.filter((r) => r.route === 'errors');
    assert.equal(pages.length, 3);
    assert.deepEqual(
      pages.map((p) => p.query.get('offset')),
      [null, '3', '6'],
    );
    for (const p of pages) {
      assert.equal(p.query.get('sort'), 'last_seen');
      assert.deepEqual(p.query.getAll('filters[error.status][][value]'), ['open']);
      assert.deepEqual(p.query.getAll('filters[app.release_stage][][value]'), ['production']);
      // Handled 500s (an error handler that notifies) count too, unless asked otherwise.
      assert.deepEqual(p.query.getAll('filters[event.unhandled][][value]'), []);
    }
    // The newest event of each error in the stage, through the events endpoint SmartBear's client uses.
    const events = s.requests.filter((r) => r.route === 'events');
    assert.equal(events.length, 7);
    for (const e of events) {
      assert.equal(e.query.get('sort'), 'timestamp');
      assert.equal(e.query.get('direction'), 'desc');
      assert.equal(e.query.get('per_page'), '1');
      assert.equal(e.query.get('full_reports'), 'true');
      assert.deepEqual(e.query.getAll('filters[app.release_stage][][value]'), ['production']);
    }
    assert.deepEqual(
      events.map((e) => e.query.get('filters[error][][value]')).sort(),
      Array.from({ length: 7 }, (_, i) => s.errorId(i)).sort(),
    );
    assert.equal(s.count('unknown'), 0);
    assert.ok(s.requests.every((r) => r.version === '2' && r.authorization === `token ${TOKEN}`));
    const first = res.samples[0];
    assert.equal(first.group.source, 'bugsnag');
    assert.equal(first.group.count, 10);
    assert.match(first.group.title, /^Error: Could not price order/);
    // Root cause first, the thrown error last, crashing frame first: the model's order.
    const outer = first.event.exceptions[first.event.exceptions.length - 1];
    assert.equal(outer.type, 'Error');
    assert.equal(outer.frames[0].function, 'createOrder');
    assert.equal(outer.frames[0].line, 30);
    assert.equal(outer.frames[0].inApp, true);
    assert.match(outer.frames[0].context?.line ?? '', /throw new Error/);
    assert.equal(first.event.release, '1.5.0');
    assert.equal(first.event.environment, 'production');
    assert.equal(first.event.request?.method, 'POST');
    assert.deepEqual(first.deploy, { to: 'b'.repeat(40), from: 'a'.repeat(40) });
    assert.equal(first.group.firstRelease, null);
    // {app}/{org slug}/{project slug}/errors/{id}, the dashboard host of bugsnag.com for a custom URL.
    assert.equal(first.group.url, `${s.url}/acme/orders-api/errors/${first.group.id}?event_id=${first.event.eventId}`);
  });

  it('reports the X-Total-Count Bugsnag sends with the first page as the total', async () => {
    const s = await start({ errorCount: 7 });
    const res = await source(s, { perPage: 3 }).listSamples({ limit: 3 });
    assert.equal(res.samples.length, 3);
    assert.deepEqual(res.total, { count: 7, capped: false });
  });

  it('resolves a project slug through organizations and projects', async () => {
    const s = await start({ errorCount: 1 });
    const res = await source(s, { project: 'orders-api' }).listSamples({ limit: 1 });
    assert.equal(res.samples.length, 1);
    assert.equal(s.count('orgs'), 1);
    const e = await rejection(source(s, { project: 'billing' }).listSamples({ limit: 1 }));
    assert.equal(e.reason, 'not-found');
    assert.match(e.message, /project 'billing' not found.*orders-api/);
  });

  it('names BUGSNAG_TOKEN on a 401, without the token', async () => {
    const s = await start();
    const wrong = 'bsgtok_WRONG_CANARY_0000';
    const e = await rejection(
      createBugsnagSource({ baseUrl: s.url, token: wrong, project: s.projectId }).listSamples({ limit: 3 }),
    );
    assert.equal(e.reason, 'auth');
    assert.match(e.message, /BUGSNAG_TOKEN/);
    assert.ok(!e.message.includes(wrong) && !JSON.stringify(e.details).includes(wrong));
  });

  it('waits for Retry-After on 429 (no early retry), then succeeds', async () => {
    const s = await start({ errorCount: 2 });
    s.fault('errors', { status: 429, times: 1, headers: { 'Retry-After': '1' } });
    const t0 = Date.now();
    const res = await source(s).listSamples({ limit: 2 });
    assert.equal(res.samples.length, 2);
    const calls = s.requests.filter((r) => r.route === 'errors');
    assert.equal(calls.length, 2);
    assert.ok(calls[1].at - calls[0].at >= 1000, `retried after ${calls[1].at - calls[0].at}ms`);
    assert.ok(Date.now() - t0 < 5000);
  });

  it('gives up with rate-limited when Retry-After is beyond the wait cap, asking once', async () => {
    const s = await start();
    s.fault('errors', { status: 429, headers: { 'Retry-After': '600' } });
    const e = await rejection(source(s).listSamples({ limit: 3 }));
    assert.equal(e.reason, 'rate-limited');
    assert.equal(s.count('errors'), 1);
  });

  it('puts a truncated body, a 404 and an HTML page in errors and returns the other samples', async () => {
    const s = await start({ errorCount: 4 });
    s.fault('events', { body: 'truncated', errorId: s.errorId(0) });
    s.fault('events', { status: 404, errorId: s.errorId(1) });
    s.fault('events', { body: 'html', status: 200, errorId: s.errorId(2) });
    const res = await source(s).listSamples({ limit: 4 });
    assert.equal(res.samples.length, 1);
    assert.equal(res.samples[0].group.id, s.errorId(3));
    assert.deepEqual(
      res.failures.map((f) => f.issueId),
      [s.errorId(0), s.errorId(1), s.errorId(2)],
    );
    assert.match(res.failures[0].message, /truncated JSON/);
    assert.match(res.failures[1].message, /found nothing \(404\)/);
    assert.match(res.failures[2].message, /HTML page/);
    assert.ok(res.failures.every((f) => !f.message.includes(TOKEN)));
  });

  it('fails the whole listing on a truncated error list', async () => {
    const s = await start();
    s.fault('errors', { body: 'truncated' });
    const e = await rejection(source(s).listSamples({ limit: 3 }));
    assert.equal(e.reason, 'bad-response');
    assert.match(e.message, /truncated JSON/);
  });

  it('lists the project releases of the stage newest first, with their commits and dates', async () => {
    const s = await start({ errorCount: 1 });
    const releases = await source(s).listReleases();
    assert.deepEqual(releases, [
      { version: '1.5.0', revision: 'b'.repeat(40), date: '2026-10-21T09:00:00.000Z' },
      { version: '1.4.0', revision: 'a'.repeat(40), date: '2026-09-29T10:00:00.000Z' },
    ]);
    assert.equal(s.requests.find((r) => r.route === 'releases')?.query.get('release_stage'), 'production');
  });

  it('keeps the version names when releases are unavailable', async () => {
    const s = await start({ errorCount: 1 });
    s.fault('releases', { status: 500 });
    const res = await source(s, { http: { maxRetries: 0 } }).listSamples({ limit: 1 });
    assert.deepEqual(res.samples[0].deploy, { to: '1.5.0', from: null });
    assert.ok(lines.some((l) => /releases unavailable/.test(l)));
  });

  it('looks up one event by id, and says so specifically when it does not exist', async () => {
    const s = await start({ errorCount: 3 });
    const sample = await source(s).lookupEvent(s.eventId(2));
    assert.equal(sample.group.id, s.errorId(2));
    assert.equal(sample.event.eventId, s.eventId(2));
    assert.equal(sample.group.count, 30);
    const e = await rejection(source(s).lookupEvent('0123456789abcdef01234567'));
    assert.equal(e.reason, 'not-found');
    assert.match(e.message, /no event 0123456789abcdef01234567 in project/);
    assert.equal((await rejection(source(s).lookupEvent('../../user'))).reason, 'invalid-input');
  });

  it('never triages an event from another release stage: the error fails with the stage named', async () => {
    const s = await start({ errorCount: 3, stagingOnly: [1] });
    const res = await source(s).listSamples({ limit: 3 });
    assert.deepEqual(
      res.samples.map((x) => x.group.id),
      [s.errorId(0), s.errorId(2)],
    );
    assert.equal(res.failures.length, 1);
    assert.match(res.failures[0].message, /no event of this error in release stage "production"/);
    assert.ok(res.samples.every((x) => x.event.environment === 'production'));
  });

  it('answers 404 on the path Bugsnag does not serve (/projects/{id}/errors/{id}/latest_event)', async () => {
    const s = await start({ errorCount: 1 });
    const res = await fetch(`${s.url}/projects/${s.projectId}/errors/${s.errorId(0)}/latest_event`, {
      headers: { Authorization: `token ${TOKEN}`, 'X-Version': '2' },
    });
    assert.equal(res.status, 404);
    const ok = await fetch(`${s.url}/errors/${s.errorId(0)}/latest_event`, {
      headers: { Authorization: `token ${TOKEN}`, 'X-Version': '2' },
    });
    assert.equal(ok.status, 200);
  });

  it('sends filters[event.unhandled] only when asked for unhandled errors only', async () => {
    const s = await start({ errorCount: 1 });
    await source(s, { unhandledOnly: true }).listSamples({ limit: 1 });
    const page = s.requests.find((r) => r.route === 'errors');
    assert.deepEqual(page?.query.getAll('filters[event.unhandled][][value]'), ['true']);
  });
});
