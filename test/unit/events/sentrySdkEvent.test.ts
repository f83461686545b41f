import assert from 'node:assert/strict';
import { decodeSentrySdkEvent } from '../../../src/core/providers/sentry/sdkEvent';
import { fixtureJson } from './eventFixtures';

describe('decodeSentrySdkEvent on a real @sentry/node capture', () => {
  const raw = fixtureJson('sentry-sdk-event.json');
  const event = decodeSentrySdkEvent(raw);

  it('reads the event identity, release, environment and platform', () => {
    assert.equal(event.eventId, raw.event_id);
    assert.match(event.eventId ?? '', /^[0-9a-f]{32}$/);
    assert.equal(event.release, 'orders-api@1.5.0');
    assert.equal(event.environment, 'production');
    assert.equal(event.platform, 'node');
    assert.equal(event.commit, null);
    assert.equal(event.timestamp, new Date((raw.timestamp as number) * 1000).toISOString());
    assert.deepEqual(event.tags, { region: 'eu-west-1', team: 'checkout' });
    assert.equal((event.contexts.runtime as Record<string, unknown>).name, 'node');
    assert.equal(event.user, null);
  });

  it('keeps the cause chain root first, outermost last', () => {
    assert.equal(event.exceptions.length, 2);
    const [cause, outer] = event.exceptions;
    assert.equal(cause.type, 'TypeError');
    assert.equal(cause.value, "Cannot read properties of undefined (reading 'code')");
    assert.equal(outer.type, 'Error');
    assert.equal(outer.value, 'Could not price order ord_1000');
    assert.equal(outer.handled, true);
  });

  it('orders frames crashing first, with path, line, column, function and in-app', () => {
    const frames = event.exceptions[0].frames;
    assert.deepEqual(
      frames.map((f) => [f.function, f.line, f.column, f.inApp]),
      [
        ['applyCoupon', 11, 29, true],
        ['Object.quote', 18, 22, true],
        ['createOrder', 28, 21, true],
        ['process.processTicksAndRejections', 95, 5, false],
      ],
    );
    const crash = frames[0];
    assert.match(crash.path ?? '', /scripts\/fixtures\/capture\/app\/src\/services\/pricing\.js$/);
    assert.equal(crash.module, 'services:pricing');
    assert.equal(crash.raw, `at applyCoupon (${crash.path}:11:29)`);
    assert.equal(frames[3].path, 'node:internal/process/task_queues');
  });

  it('splits source context around the crashing line', () => {
    const ctx = event.exceptions[0].frames[0].context;
    assert.ok(ctx);
    assert.equal(ctx.line, '  const code = order.coupon.code.toUpperCase();');
    assert.equal(ctx.pre.at(-1), '  // BUG: orders without a coupon have no `coupon` object at all.');
    assert.equal(ctx.post[0], "  const discount = code === 'WELCOME10' ? 0.1 : 0;");
  });

  it('keeps the local variables the SDK captured', () => {
    const top = event.exceptions[1].frames[0];
    assert.equal(top.function, 'createOrder');
    assert.equal(top.line, 30);
    assert.equal(top.column, 11);
    assert.ok(top.vars);
    assert.equal(top.vars.orderId, 'ord_1000');
    assert.deepEqual(top.vars.order, { customerId: 'cus_42', currency: 'EUR' });
    assert.equal(top.vars.req, '<IncomingMessage>');
  });

  it('reads the request with method, url, query, headers and body', () => {
    const req = event.request;
    assert.ok(req);
    assert.equal(req.method, 'POST');
    assert.match(req.url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/api\/orders\?source=checkout$/);
    assert.equal(req.query, 'source=checkout');
    assert.ok(req.headers.some(([k, v]) => k === 'content-type' && v === 'application/json'));
    assert.ok(req.headers.some(([k, v]) => k === 'x-request-id' && v === 'req-7c1d'));
    assert.equal(typeof req.data, 'string');
    assert.deepEqual(JSON.parse(req.data as string), {
      customerId: 'cus_42',
      currency: 'EUR',
      items: [{ sku: 'book-1', unitPrice: 12.5, quantity: 2 }],
    });
  });

  it('reads breadcrumbs with ISO timestamps', () => {
    assert.equal(event.breadcrumbs.length, 1);
    const [crumb] = event.breadcrumbs;
    assert.equal(crumb.category, 'console');
    assert.equal(crumb.level, 'info');
    assert.equal(crumb.type, 'default');
    assert.equal(crumb.message, 'pricing order ord_1000 with 1 items');
    assert.match(crumb.timestamp ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(crumb.data, { arguments: ['pricing order ord_1000 with 1 items'], logger: 'console' });
  });

  it('accepts breadcrumbs as a bare list, tags as pairs and headers as pairs', () => {
    const e = decodeSentrySdkEvent({
      breadcrumbs: [{ message: 'a', timestamp: 1700000000 }],
      tags: [
        ['k', 'v'],
        ['n', 3],
      ],
      request: { headers: [['Accept', '*/*']], method: 'GET', url: 'http://x/' },
      message: { formatted: 'hello' },
    });
    assert.equal(e.breadcrumbs[0].timestamp, '2023-11-14T22:13:20.000Z');
    assert.deepEqual(e.tags, { k: 'v', n: '3' });
    assert.deepEqual(e.request?.headers, [['Accept', '*/*']]);
    assert.equal(e.message, 'hello');
  });
});
