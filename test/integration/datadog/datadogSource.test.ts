import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CulpritError } from '../../../src/core/errors';
import { DATADOG_SITES } from '../../../src/core/providers/datadog/datadogSites';
import { createDatadogSource } from '../../../src/core/providers/datadog/datadogSource';
import { DD_FIXTURE_SHA } from '../../helpers/datadogStandIn';
import { useDatadogRig } from '../../helpers/datadogRig';

const API_KEY = 'test-canary-dd-api-key-CANARY-source-01';
const APP_KEY = 'test-canary-dd-app-key-CANARY-source-01';

describe('Datadog source against the stand-in', () => {
  const { start, source } = useDatadogRig(API_KEY, APP_KEY);

  it('offers exactly the core’s sites in the culprit.datadog.site setting, each with a description', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
    const setting = pkg.contributes.configuration.properties['culprit.datadog.site'];
    assert.deepEqual(setting.enum, [...DATADOG_SITES]);
    assert.equal(setting.enumDescriptions.length, DATADOG_SITES.length);
    assert.equal(setting.default, 'datadoghq.com');
    // The official list (docs.datadoghq.com/getting_started/site) and UK1 from the API clients' server enum.
    for (const site of ['us2.ddog-gov.com', 'uk1.datadoghq.com', 'ap2.datadoghq.com', 'ddog-gov.com'])
      assert.ok(setting.enum.includes(site), site);
  });

  it('uses https://api.<site> for every site, datadoghq.com by default, and rejects unknown sites', () => {
    const make = (site?: string) =>
      createDatadogSource({ site, apiKey: API_KEY, appKey: APP_KEY, service: 'orders-api' });
    for (const site of DATADOG_SITES) assert.equal(make(site).baseUrl, `https://api.${site}`);
    assert.equal(make().baseUrl, 'https://api.datadoghq.com');
    assert.equal(make('https://app.datadoghq.eu/').baseUrl, 'https://api.datadoghq.eu');
    assert.equal(make('API.US5.DATADOGHQ.COM').baseUrl, 'https://api.us5.datadoghq.com');
    assert.equal(
      createDatadogSource({
        site: 'datadoghq.eu',
        baseUrl: 'http://127.0.0.1:9/dd',
        apiKey: 'a',
        appKey: 'b',
        service: 's',
      }).baseUrl,
      'http://127.0.0.1:9/dd',
    );
    assert.throws(
      () => make('datadoghq.de'),
      (e: unknown) =>
        CulpritError.is(e, 'invalid-input') &&
        DATADOG_SITES.every((x) => e.message.includes(x)) &&
        e.message.includes('datadoghq.de'),
    );
    assert.equal(make('http://app.datadoghq.com').baseUrl, 'https://api.datadoghq.com', 'keys only over https');
    // Look-alikes of a site never become a host the keys go to.
    for (const hostile of [
      'datadoghq.com.evil.example',
      'evil.example/datadoghq.com',
      'datadoghq.com@evil.example',
      'api.datadoghq.com:8443',
      'xdatadoghq.com',
      'eu',
    ])
      assert.throws(
        () => make(hostile),
        (e: unknown) => CulpritError.is(e, 'invalid-input'),
        hostile,
      );
    assert.throws(
      () => createDatadogSource({ apiKey: '', appKey: APP_KEY, service: 's' }),
      (e: unknown) => CulpritError.is(e, 'auth'),
    );
    assert.throws(
      () => createDatadogSource({ apiKey: 'a', appKey: 'b', service: 's', from: 'yesterday' }),
      (e: unknown) => CulpritError.is(e, 'invalid-input'),
    );
    assert.throws(
      () => createDatadogSource({ apiKey: 'a', appKey: 'b', service: 's', from: 'now', to: 'now-1h' }),
      /time window is empty/,
    );
    assert.throws(
      () => make(42 as unknown as string),
      (e: unknown) => CulpritError.is(e, 'invalid-input'),
    );
    assert.throws(
      () => createDatadogSource({ apiKey: 'a', appKey: 'b', service: '  ' }),
      (e: unknown) => CulpritError.is(e, 'invalid-input'),
    );
  });

  it('lists issues with their newest error span, spec-valid requests, and a deploy hint from git.commit.sha', async () => {
    const s = await start();
    const before = Date.now();
    const res = await source(s, { site: 'datadoghq.eu' }).listSamples({ limit: 10 });
    assert.deepEqual(res.failures, []);
    assert.equal(res.samples.length, 3);
    const [first] = res.samples;
    const g = first.group;
    assert.equal(g.id, s.issues[0].id);
    assert.equal(g.title, 'Error: Could not price order ord_1000');
    assert.equal(g.count, 10);
    assert.equal(g.userCount, 2);
    assert.equal(g.release, '1.5.0');
    assert.equal(g.firstRelease, '1.4.0');
    assert.equal(g.status, 'OPEN');
    assert.equal(g.source, 'datadog');
    assert.equal(g.lastSeen, '2026-11-24T20:30:44.987Z');
    assert.equal(g.firstSeen, '2026-11-23T20:30:44.987Z');
    assert.equal(g.url, `https://app.datadoghq.eu/error-tracking?issueId=${s.issues[0].id}`);
    assert.deepEqual(first.deploy, { to: DD_FIXTURE_SHA, from: null });
    assert.equal(first.event.exceptions.at(-1)?.type, 'Error');
    assert.ok(first.event.exceptions.at(-1)!.frames.some((f) => f.path?.endsWith('routes/orders.js') && f.line === 30));
    assert.equal(res.samples[1].event.exceptions.at(-1)?.type, 'TypeError');
    assert.equal(res.samples[2].event.platform, 'python');
    assert.deepEqual(
      res.samples.map((x) => x.group.count),
      [10, 20, 30],
    );

    const search = s.requests.find((r) => r.route === 'issues')!;
    assert.equal(search.query.get('include'), 'issue');
    assert.ok(search.hasApiKey && search.hasAppKey);
    const attrs = (search.body as { data: { type: string; attributes: Record<string, unknown> } }).data;
    assert.equal(attrs.type, 'search_request');
    assert.equal(attrs.attributes.query, 'service:orders-api env:production @http.status_code:500');
    assert.equal(attrs.attributes.track, 'trace');
    // The Explorer's default sort (Relevance), so the list matches what the Datadog UI shows first.
    assert.equal(attrs.attributes.order_by, 'PRIORITY');
    const { from, to } = attrs.attributes as { from: number; to: number };
    assert.ok(Number.isInteger(from) && Number.isInteger(to), 'epoch ms integers');
    assert.ok(Math.abs(to - before) < 5000 && Math.abs(to - from - 86_400_000) < 1);

    const spanReqs = s.requests
      .filter((r) => r.route === 'spans')
      .map(
        (r) =>
          (r.body as { data: { attributes: { filter: { query: string; from: string }; sort: string } } }).data
            .attributes,
      );
    // One search for the three issues, by their ids (never by error type, which issues share).
    assert.equal(spanReqs.length, 1);
    assert.equal(
      spanReqs[0].filter.query,
      `service:orders-api env:production status:error @issue.id:(${s.issues.map((x) => x.id).join(' OR ')})`,
    );
    assert.ok(spanReqs.every((a) => a.sort === '-timestamp' && a.filter.from === String(from)));
  });

  it('keeps 64-bit ids and http.status_code as exact strings', async () => {
    const s = await start({ issues: [{ id: 'a1', errorType: 'Error', errorMessage: 'x' }] });
    const [sample] = (await source(s).listSamples({ limit: 1 })).samples;
    const trace = sample.event.contexts.trace as { trace_id: string; span_id: string };
    assert.equal(trace.trace_id, '18446744073709551615');
    assert.equal(trace.span_id, '9007199254740993');
    assert.equal(sample.event.tags.trace_id, '18446744073709551615');
    assert.equal(sample.event.tags['http.status_code'], '500');
    assert.equal(typeof sample.event.tags['http.status_code'], 'string');
  });

  it('reads error logs with track logs (top-level filter and page)', async () => {
    const s = await start();
    const res = await source(s, { track: 'logs', env: '' }).listSamples({ limit: 2 });
    assert.deepEqual(res.failures, []);
    assert.equal(res.samples.length, 2);
    const search = s.requests.find((r) => r.route === 'issues')!.body as {
      data: { attributes: { track: string; query: string } };
    };
    assert.equal(search.data.attributes.track, 'logs');
    assert.equal(search.data.attributes.query, 'service:orders-api @http.status_code:500');
    const logReq = s.requests.find((r) => r.route === 'logs')!.body as {
      filter: { query: string };
      page: { limit: number };
      data?: unknown;
    };
    assert.equal(logReq.data, undefined);
    assert.equal(
      logReq.filter.query,
      `service:orders-api status:error @issue.id:(${s.issues
        .slice(0, 2)
        .map((x) => x.id)
        .join(' OR ')})`,
    );
    const ev = res.samples[0].event;
    assert.equal((ev.contexts.trace as { trace_id: string }).trace_id, '18446744073709551615');
    assert.equal(ev.exceptions.at(-1)?.type, 'Error');
    assert.equal(res.samples[1].event.exceptions.at(-1)?.type, 'TypeError');
    assert.deepEqual(res.samples[0].deploy, { to: DD_FIXTURE_SHA, from: null });
  });

  it('follows data.attributes.page.cursor for spans over short pages until meta.page.after is gone', async () => {
    const s = await start({ eventsPerIssue: 3, shortPages: true });
    const res = await source(s, { mode: 'direct', pageLimit: 3 }).listSamples({ limit: 10 });
    const pages = s.requests
      .filter((r) => r.route === 'spans')
      .map(
        (r) => (r.body as { data: { attributes: { page: { cursor?: string; limit: number } } } }).data.attributes.page,
      );
    // 9 spans: three short pages of 2 (limit 3) are not the end, then a last page of 3 → 4 pages.
    assert.equal(pages.length, 4);
    assert.equal(pages[0].cursor, undefined);
    assert.ok(pages.slice(1).every((p) => typeof p.cursor === 'string' && p.limit === 3));
    assert.equal(new Set(pages.map((p) => p.cursor)).size, 4);
    assert.equal(res.samples.length, 3);
    assert.deepEqual(
      res.samples.map((x) => x.group.count),
      [3, 3, 3],
    );
    const g = res.samples[0].group;
    assert.equal(g.title, 'Error: Could not price order ord_1000 (/api/orders/0)');
    assert.equal(
      res.samples[1].group.title,
      "TypeError: Cannot read properties of undefined (reading 'price') (/api/orders/1)",
    );
    assert.match(g.id, /^span-[0-9a-f]{16}$/);
    assert.equal(g.url, 'https://app.datadoghq.com/apm/trace/18446744073709551615');
    assert.equal(g.lastSeen, '2026-11-24T20:30:44.987Z');
    assert.equal(g.firstSeen, '2026-11-24T20:30:38.987Z');
    const q = s.requests.find((r) => r.route === 'spans')!.body as {
      data: { attributes: { filter: { query: string } } };
    };
    assert.equal(
      q.data.attributes.filter.query,
      'service:orders-api env:production status:error @http.status_code:500',
    );
  });

  it('follows top-level page.cursor for logs over 3+ pages', async () => {
    const s = await start({ eventsPerIssue: 2 });
    const res = await source(s, { mode: 'direct', track: 'logs', pageLimit: 2 }).listSamples({ limit: 10 });
    const pages = s.requests
      .filter((r) => r.route === 'logs')
      .map((r) => (r.body as { page: { cursor?: string } }).page);
    assert.equal(pages.length, 3);
    assert.deepEqual(
      pages.map((p) => typeof p.cursor),
      ['undefined', 'string', 'string'],
    );
    assert.equal(res.samples.length, 3);
    assert.match(res.samples[0].group.id, /^log-/);
    assert.match(res.samples[0].group.url ?? '', /^https:\/\/app\.datadoghq\.com\/logs\?event=/);
  });

  it('stops at maxPages in direct mode', async () => {
    const s = await start({ eventsPerIssue: 10 });
    await source(s, { mode: 'direct', pageLimit: 2, maxPages: 3 }).listSamples({ limit: 10 });
    assert.equal(s.count('spans'), 3);
  });

  it('carries a stack from each language family and decodes its frames', async () => {
    const stacks: Array<[string, string, string, RegExp]> = [
      ['node-typeerror', 'TypeError', 'javascript', /services\/pricing\.js$/],
      ['python-plain', 'KeyError', 'python', /services\/pricing\.py$/],
      ['java-caused-by', 'java.lang.RuntimeException', 'jvm', /App\.java$/],
      ['go-panic', 'panic', 'go', /pricing\/pricing\.go$/],
      ['ruby-nomethod', 'NoMethodError', 'ruby', /services\/pricing\.rb$/],
      ['dotnet-nullref', 'System.NullReferenceException', 'dotnet', /Program\.cs$/],
      ['php-uncaught', 'InvalidArgumentException', 'php', /Service\/Pricing\.php$/],
    ];
    const read = (f: string) =>
      fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'stacks', `${f}.txt`), 'utf8');
    const s = await start({
      issues: stacks.map(([file, type, language], i) => ({
        id: `issue-${i}`,
        errorType: type,
        errorMessage: 'boom',
        stack: read(file),
        language,
      })),
    });
    const res = await source(s).listSamples({ limit: 10 });
    assert.deepEqual(res.failures, []);
    assert.equal(res.samples.length, stacks.length);
    res.samples.forEach((sample, i) => {
      const [file, , , pathRe] = stacks[i];
      const frames = sample.event.exceptions.flatMap((e) => e.frames);
      assert.ok(frames.length > 0, `${file}: no frames`);
      assert.ok(
        frames.some((f) => f.path !== null && pathRe.test(f.path) && f.line !== null),
        `${file}: ${frames.map((f) => f.path).join(', ')}`,
      );
    });
    assert.equal(res.samples[1].event.platform, 'python');
    assert.equal(res.samples[2].event.platform, 'java');
  });

  it('rejects an unknown issue state before sending anything', async () => {
    const s = await start();
    await assert.rejects(
      source(s).updateIssueState('x', 'nope' as 'OPEN'),
      (e: unknown) =>
        CulpritError.is(e, 'invalid-input') && /OPEN, ACKNOWLEDGED, RESOLVED, IGNORED, EXCLUDED/.test(e.message),
    );
    assert.equal(s.count(), 0);
  });

  it('resolves, ignores, assigns and unassigns issues with spec-valid bodies', async () => {
    const s = await start();
    const src = source(s);
    const id = s.issues[1].id;
    assert.deepEqual(await src.updateIssueState(id, 'resolved'), { id, state: 'RESOLVED', assigneeId: null });
    assert.equal((await src.updateIssueState(id, 'IGNORED')).state, 'IGNORED');
    const user = '87cb11a0-278c-440a-99fe-701223c80296';
    assert.equal((await src.assign(id, user)).assigneeId, user);
    assert.deepEqual(await src.unassign(id), { id, state: null, assigneeId: null });
    const state = s.requests.find((r) => r.route === 'state')!;
    assert.equal(state.method, 'PUT');
    assert.equal(state.path, `/api/v2/error-tracking/issues/${id}/state`);
    assert.deepEqual(state.body, { data: { id, type: 'error_tracking_issue', attributes: { state: 'RESOLVED' } } });
    assert.deepEqual(s.requests.find((r) => r.route === 'assign')!.body, { data: { id: user, type: 'assignee' } });
    assert.equal(s.requests.find((r) => r.route === 'unassign')!.method, 'DELETE');
    const e = await src.updateIssueState('67d80aa3-36ff-44b9-a694-c501a7591737', 'OPEN').catch((x: unknown) => x);
    assert.ok(CulpritError.is(e, 'not-found'), String(e));
    assert.match((e as Error).message, /issue not found/);
  });
});
