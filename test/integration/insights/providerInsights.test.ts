import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CulpritError } from '../../../src/core/errors';
import { datadogIssueActions, sentryIssueActions } from '../../../src/core/actions/issueActions';
import { describeFixStatus } from '../../../src/core/insights/fixStatus';
import { createDatadogSource } from '../../../src/core/providers/datadog/datadogSource';
import { SPANS_AGGREGATE_PATH, createDatadogInsights } from '../../../src/core/providers/datadog/datadogTagInsights';
import { createSentrySource } from '../../../src/core/providers/sentry/sentrySource';
import { createSentryInsights } from '../../../src/core/providers/sentry/sentryTagInsights';
import { startSentryStandIn } from '../../helpers/sentryStandIn';
import { rejection } from '../../helpers/rejection';

const fast = { maxRetries: 0, backoffBaseMs: 1 };

describe('Sentry insights against the stand-in', () => {
  it('compares the issue tag values with the project baseline', async () => {
    const s = await startSentryStandIn({
      issueTags: {
        release: [
          ['orders-api@1.5.0', 9],
          ['orders-api@1.4.0', 1],
        ],
        transaction: [['POST /api/orders', 10]],
      },
      discover: {
        total: 200,
        byKey: {
          release: [
            ['orders-api@1.4.0', 180],
            ['orders-api@1.5.0', 20],
          ],
          transaction: [
            ['POST /api/orders', 100],
            ['GET /api/items', 100],
          ],
        },
      },
    });
    try {
      const ins = createSentryInsights({
        baseUrl: s.url,
        token: 't',
        org: 'acme',
        projects: ['orders-api'],
        http: fast,
      });
      const c = await ins.whatDiffers('1001', { window: { from: '2026-11-20T00:00:00Z', to: '2026-11-25T00:00:00Z' } });
      assert.deepEqual(c.baseline, { available: true, label: 'all error events in the project, same window' });
      assert.equal(c.tags[0].key, 'release');
      assert.equal(c.tags[0].values[0].value, 'orders-api@1.5.0');
      assert.equal(c.tags[0].values[0].overRepresented, true);
      assert.equal(c.tags[0].values[0].baselineShare, 0.1);
      const discover = s.requests.filter((r) => r.route === 'discover');
      assert.ok(
        discover.every(
          (r) =>
            r.query.get('dataset') === 'errors' &&
            r.query.get('start') === '2026-11-20T00:00:00Z' &&
            r.query.getAll('project').includes('11'),
        ),
      );
    } finally {
      await s.close();
    }
  });

  it('says there is no baseline when Discover is refused', async () => {
    const s = await startSentryStandIn({ issueTags: { release: [['orders-api@1.5.0', 3]] } });
    s.fault('discover', { status: 403 });
    try {
      const c = await createSentryInsights({
        baseUrl: s.url,
        token: 't',
        org: 'acme',
        projects: [],
        http: fast,
      }).whatDiffers('1001');
      assert.equal(c.baseline.available, false);
      assert.match(c.baseline.available ? '' : c.baseline.reason, /no baseline/);
      assert.equal(c.tags[0].values[0].lift, null);
    } finally {
      await s.close();
    }
  });

  it('verifies a fix: quiet, regressed, unknown release', async () => {
    const since = '2026-11-24T00:00:00Z';
    const now = Date.parse(since) + 6 * 3_600_000 + 60_000;
    const quiet = await startSentryStandIn({
      issueEventCount: 0,
      releases: [{ version: 'orders-api@1.5.1', commit: 'b'.repeat(40), dateCreated: since }],
    });
    const loud = await startSentryStandIn({
      issueEventCount: 3,
      releases: [{ version: '1.5.1', commit: 'b'.repeat(40), dateCreated: since }],
    });
    try {
      const q = await createSentryInsights({
        baseUrl: quiet.url,
        token: 't',
        org: 'acme',
        projects: [],
        http: fast,
      }).fixStatus('1001', { release: 'orders-api@1.5.1', since }, { now });
      assert.equal(describeFixStatus(q), 'no events in 6 h since 1.5.1');
      const ev = quiet.requests.find((r) => r.route === 'issueEvents');
      assert.equal(ev?.query.get('query'), 'release:orders-api@1.5.1');
      assert.equal(ev?.query.get('start'), '2026-11-24T00:00:00.000Z');
      const r = await createSentryInsights({
        baseUrl: loud.url,
        token: 't',
        org: 'acme',
        projects: [],
        http: fast,
      }).fixStatus('1001', { release: '1.5.1', since }, { now });
      assert.equal(describeFixStatus(r), 'regressed: 3 events in 1.5.1');
      const u = await createSentryInsights({
        baseUrl: loud.url,
        token: 't',
        org: 'acme',
        projects: [],
        http: fast,
      }).fixStatus('1001', { release: '9.9.9', since }, { now });
      assert.equal(u.kind, 'unknown');
    } finally {
      await quiet.close();
      await loud.close();
    }
  });

  it('issue actions send the PUT and explain a 403', async () => {
    const s = await startSentryStandIn();
    try {
      const actions = sentryIssueActions(
        createSentrySource({ baseUrl: s.url, token: 't', org: 'acme', projects: [], http: fast }),
      );
      const ok = await actions.resolve('1001');
      assert.equal(ok.status, 'resolved');
      assert.equal(s.count('updateIssue'), 1);
      // Undo of resolve and ignore: back to unresolved.
      const undo = await actions.reopen('1001');
      assert.equal(undo.status, 'unresolved');
      assert.equal(undo.message, 'Reopened Sentry issue 1001');
      const put = s.requests.filter((r) => r.route === 'updateIssue').pop()!;
      assert.deepEqual(put.body, { status: 'unresolved' });
      s.fault('updateIssue', { status: 403 });
      const e = await rejection(actions.ignore('1001'));
      assert.ok(CulpritError.is(e, 'forbidden'));
      assert.match(e.message, /^the Sentry token lacks event:write/);
    } finally {
      await s.close();
    }
  });
});

describe('Datadog insights against a local aggregate server', () => {
  /** Answers spans aggregate like Datadog: buckets by the facet; counts depend on whether the query asks for errors. */
  async function aggregateServer(
    errorCount: number,
  ): Promise<{ url: string; bodies: Array<Record<string, unknown>>; close: () => Promise<void> }> {
    const bodies: Array<Record<string, unknown>> = [];
    const server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.url?.startsWith('/api/v2/error-tracking/issues/')) {
          res.statusCode = 403;
          return res.end('{"errors":["Forbidden"]}');
        }
        if (req.url !== SPANS_AGGREGATE_PATH) return res.writeHead(404).end('{}');
        const body = JSON.parse(text) as {
          data: { attributes: { filter: { query: string }; group_by?: Array<{ facet: string }> } };
        };
        bodies.push(body as never);
        const { query } = body.data.attributes.filter;
        const errors = query.includes('status:error');
        const facet = body.data.attributes.group_by?.[0]?.facet;
        const bucket = (by: Record<string, string>, c0: number) => ({
          type: 'bucket',
          id: String(c0),
          attributes: { by, compute: { c0 } },
        });
        let data: unknown[];
        if (!facet) data = [bucket({}, errors ? errorCount : 1000)];
        else if (facet === 'version')
          data = errors
            ? [bucket({ version: '1.5.0' }, errorCount)]
            : [bucket({ version: '1.4.0' }, 900), bucket({ version: '1.5.0' }, 100)];
        else data = [];
        res.end(JSON.stringify({ data, meta: { status: 'done' } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      bodies,
      close: () => new Promise((r) => server.close(() => r())),
    };
  }
  const opts = (url: string) => ({
    baseUrl: url,
    apiKey: 'k',
    appKey: 'a',
    service: 'orders-api',
    env: 'production',
    http: fast,
  });

  it('compares facets of error spans with all spans', async () => {
    const srv = await aggregateServer(10);
    try {
      const c = await createDatadogInsights(opts(srv.url)).whatDiffers('issue-1');
      assert.equal(c.baseline.available, true);
      assert.equal(c.tags[0].key, 'version');
      assert.equal(c.tags[0].values[0].overRepresented, true);
      const failing = srv.bodies.find((b) => JSON.stringify(b).includes('status:error'));
      assert.match(JSON.stringify(failing), /@issue.id:issue-1/);
      assert.match(JSON.stringify(failing), /"type":"aggregate_request"/);
    } finally {
      await srv.close();
    }
  });

  it('fix status counts error spans of the issue in the release; actions explain a 403', async () => {
    const srv = await aggregateServer(3);
    try {
      const now = Date.parse('2026-11-24T06:30:00Z');
      const st = await createDatadogInsights(opts(srv.url)).fixStatus(
        'issue-1',
        { release: '1.5.1', since: '2026-11-24T00:00:00Z' },
        { now },
      );
      assert.equal(describeFixStatus(st), 'regressed: 3 events in 1.5.1');
      assert.match(JSON.stringify(srv.bodies.at(-1)), /version:1.5.1/);
      const e = await rejection(datadogIssueActions(createDatadogSource(opts(srv.url))).resolve('issue-1'));
      assert.ok(CulpritError.is(e, 'forbidden'));
      assert.match(e.message, /^the Datadog application key lacks error_tracking_write/);
    } finally {
      await srv.close();
    }
  });
});
