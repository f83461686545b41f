import assert from 'node:assert/strict';
import { decodeSentryRestEvent } from '../../../src/core/providers/sentry/restEvent';
import { decodeSentrySdkEvent } from '../../../src/core/providers/sentry/sdkEvent';
import { fixtureJson } from './eventFixtures';

describe('decodeSentryRestEvent', () => {
  const sdk = decodeSentrySdkEvent(fixtureJson('sentry-sdk-event.json'));
  const rest = decodeSentryRestEvent(fixtureJson('sentry-rest-event.json'));

  it('gives the same exceptions, frames, context and vars as the SDK event', () => {
    assert.deepEqual(rest.exceptions, sdk.exceptions);
  });

  it('reads release object, environment tag, tags list, request and breadcrumbs', () => {
    assert.equal(rest.eventId, sdk.eventId);
    assert.equal(rest.release, 'orders-api@1.5.0');
    assert.equal(rest.environment, 'production');
    assert.equal(rest.platform, 'node');
    assert.equal(rest.tags.region, 'eu-west-1');
    assert.equal(rest.tags.server_name, 'orders-api-7f9c');
    assert.equal(rest.request?.method, 'POST');
    assert.equal(rest.request?.query, 'source=checkout');
    assert.match(rest.request?.url ?? '', /\/api\/orders$/);
    assert.deepEqual(rest.request?.data, {
      customerId: 'cus_42',
      currency: 'EUR',
      items: [{ sku: 'book-1', unitPrice: 12.5, quantity: 2 }],
    });
    assert.ok(rest.request?.headers.some(([k, v]) => k === 'content-type' && v === 'application/json'));
    assert.deepEqual(rest.breadcrumbs, sdk.breadcrumbs);
    assert.equal(rest.timestamp, sdk.timestamp);
  });

  it('accepts a string release, message entries, ignores unknown entry types, and reads threads', () => {
    const e = decodeSentryRestEvent({
      eventID: 'abc',
      release: '2.0.0',
      entries: [
        { type: 'mystery', data: { values: 'x' } },
        { type: 'message', data: { formatted: 'Slow query' } },
        {
          type: 'threads',
          data: {
            values: [
              {
                id: 1,
                crashed: true,
                stacktrace: {
                  frames: [
                    {
                      filename: 'a.py',
                      lineNo: 3,
                      function: 'f',
                      context: [
                        [2, 'x = 1'],
                        [3, 'boom()'],
                        [4, 'y'],
                      ],
                    },
                  ],
                },
              },
            ],
          },
        },
      ],
    });
    assert.equal(e.release, '2.0.0');
    assert.equal(e.message, 'Slow query');
    assert.equal(e.exceptions.length, 1);
    assert.equal(e.exceptions[0].type, null);
    assert.equal(e.exceptions[0].value, 'Slow query');
    assert.deepEqual(e.exceptions[0].frames[0].context, { pre: ['x = 1'], line: 'boom()', post: ['y'] });
  });
});
