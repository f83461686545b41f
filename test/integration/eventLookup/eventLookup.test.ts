// lookupEventById against the Sentry, Datadog and Bugsnag stand-ins: ID forms, specific
// not-found messages, rate limits, damaged bodies and refused credentials.
import assert from 'node:assert/strict';
import { rejection } from '../../helpers/rejection';
import { lookupEventById } from '../../../src/core/providers/eventLookup';
import { classifySentryId } from '../../../src/core/providers/sentry/sentryEventLookup';
import { datadogIdQuery } from '../../../src/core/providers/datadog/datadogEventLookup';
import { type SentryStandIn, startSentryStandIn } from '../../helpers/sentryStandIn';
import { type DatadogStandIn, startDatadogStandIn } from '../../helpers/datadogStandIn';
import { type BugsnagStandIn, startBugsnagStandIn } from '../../helpers/bugsnagStandIn';

const TOKEN = 'canarytok_LOOKUP_7f00d1e5aa';
const HTTP = { backoffBaseMs: 5, backoffMaxMs: 20 };

describe('lookupEventById', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((c) => c()));
  });
  const sentry = async (): Promise<SentryStandIn> => {
    const s = await startSentryStandIn({ token: TOKEN, issueCount: 3 });
    closers.push(() => s.close());
    return s;
  };
  const sentryTarget = (s: SentryStandIn) => ({
    provider: 'sentry' as const,
    options: { baseUrl: s.url, token: TOKEN, org: 'acme', projects: [], http: HTTP },
  });

  it('tells Sentry event IDs, UUID-form IDs and short IDs apart', () => {
    assert.deepEqual(classifySentryId('9FAC2CEED9344F2BBFDD1FDACB0ED9B1'), {
      kind: 'event-id',
      id: '9fac2ceed9344f2bbfdd1fdacb0ed9b1',
    });
    assert.deepEqual(classifySentryId('9fac2cee-d934-4f2b-bfdd-1fdacb0ed9b1'), {
      kind: 'event-id',
      id: '9fac2ceed9344f2bbfdd1fdacb0ed9b1',
    });
    assert.deepEqual(classifySentryId(' orders-api-1k '), { kind: 'short-id', id: 'ORDERS-API-1K' });
    assert.equal(classifySentryId('not an id'), null);
    assert.equal(classifySentryId('x'.repeat(5_000_000)), null);
  });

  it('Sentry: finds an event by ID with its issue, and names the ID and org when there is none', async () => {
    const s = await sentry();
    const sample = await lookupEventById(sentryTarget(s), '1002'.padStart(32, 'e'));
    assert.equal(sample.group.id, '1002');
    assert.equal(sample.group.title, 'TypeError: boom 2');
    assert.ok(sample.event.exceptions.length > 0);
    assert.deepEqual(sample.deploy, { to: 'b'.repeat(40), from: 'a'.repeat(40) });
    const e = await rejection(lookupEventById(sentryTarget(s), 'ORDERS-API-99'));
    assert.equal(e.reason, 'not-found');
    assert.equal(e.message, "Sentry has no issue ORDERS-API-99 in organization 'acme'");
    assert.equal((await rejection(lookupEventById(sentryTarget(s), 'hello world'))).reason, 'invalid-input');
  });

  it('Sentry: waits out a 429 Retry-After, and reports a truncated lookup body as bad-response', async () => {
    const s = await sentry();
    s.fault('eventids', { status: 429, times: 1, headers: { 'Retry-After': '1' } });
    const sample = await lookupEventById(sentryTarget(s), '1000'.padStart(32, 'e'));
    assert.equal(sample.group.id, '1000');
    const calls = s.requests.filter((r) => r.route === 'eventids');
    assert.ok(calls.length === 2 && calls[1].at - calls[0].at >= 1000);
    s.fault('shortids', { body: 'truncated' });
    const e = await rejection(lookupEventById(sentryTarget(s), 'ORDERS-API-1'));
    assert.equal(e.reason, 'bad-response');
    assert.match(e.message, /truncated JSON/);
  });

  it('Datadog: falls back from spans to logs, and names both queries when nothing matches', async () => {
    const d: DatadogStandIn = await startDatadogStandIn({
      apiKey: 'dd_api_LOOKUP_canary',
      appKey: 'dd_app_LOOKUP_canary',
      issues: [{ id: 'i1', errorType: 'TypeError', errorMessage: 'x', requestId: 'corr-42' }],
    });
    closers.push(() => d.close());
    const target = {
      provider: 'datadog' as const,
      options: {
        baseUrl: d.url,
        apiKey: 'dd_api_LOOKUP_canary',
        appKey: 'dd_app_LOOKUP_canary',
        track: 'logs' as const,
        http: HTTP,
      },
    };
    const sample = await lookupEventById(target, 'corr-42');
    assert.equal(sample.group.source, 'datadog');
    assert.ok(sample.event.exceptions.some((x) => x.frames.length > 0));
    assert.match(sample.group.url ?? '', /\/logs\?event=/);
    assert.equal(d.count('logs'), 1);
    const e = await rejection(lookupEventById(target, 'corr-43'));
    assert.equal(e.reason, 'not-found');
    assert.match(e.message, /searched logs: .*corr-43.*; spans: /);
    assert.equal(d.count('spans'), 1);
    const bad = await rejection(
      lookupEventById({ ...target, options: { ...target.options, appKey: 'wrong_app_key_LOOKUP' } }, 'corr-42'),
    );
    assert.equal(bad.reason, 'forbidden');
    assert.ok(!bad.message.includes('wrong_app_key_LOOKUP') && !bad.message.includes('dd_api_LOOKUP'));
    assert.equal(
      datadogIdQuery('trace', '18446744073709551615', { service: 'orders-api', env: 'production' }),
      'service:orders-api env:production status:error (@http.request_id:18446744073709551615 OR @correlation_id:18446744073709551615 OR trace_id:18446744073709551615)',
    );
  });

  it('Bugsnag: looks up by event id through the uniform API, and a 401 names the variable', async () => {
    const b: BugsnagStandIn = await startBugsnagStandIn({ token: TOKEN, errorCount: 2 });
    closers.push(() => b.close());
    const sample = await lookupEventById(
      { provider: 'bugsnag', options: { baseUrl: b.url, token: TOKEN, project: b.projectId } },
      b.eventId(1),
    );
    assert.equal(sample.group.id, b.errorId(1));
    const e = await rejection(
      lookupEventById(
        { provider: 'bugsnag', options: { baseUrl: b.url, token: 'nope_LOOKUP_wrong', project: b.projectId } },
        b.eventId(1),
      ),
    );
    assert.equal(e.reason, 'auth');
    assert.ok(!e.message.includes('nope_LOOKUP_wrong'));
    assert.equal(
      (
        await rejection(
          lookupEventById(
            { provider: 'bugsnag', options: { baseUrl: b.url, token: TOKEN, project: b.projectId } },
            '  ',
          ),
        )
      ).reason,
      'invalid-input',
    );
  });
});
