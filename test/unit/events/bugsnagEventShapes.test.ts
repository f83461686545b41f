// The Bugsnag event decoder on the shapes the real API answers with: request data in
// `request.params`, frames only in `threads[]`, runtime contexts, and the recorded event itself.
import assert from 'node:assert/strict';
import { decodeBugsnagEvent } from '../../../src/core/providers/bugsnag/bugsnagEvent';
import { recordedBody } from '../../helpers/recordedExchanges';
import { bugsnagDashboardPath, bugsnagErrorUrl, bugsnagHosts } from '../../../src/core/providers/bugsnag/bugsnagHosts';

describe('Bugsnag event shapes', () => {
  it('decodes the recorded latest event (in_project null, request {}, no app.version)', () => {
    const ev = decodeBugsnagEvent(
      recordedBody('bugsnag', 'viewLatestEventOnError--returns-the-last-event-on-an-error'),
    );
    const outer = ev.exceptions[ev.exceptions.length - 1];
    assert.equal(outer.type, 'RuntimeError');
    assert.equal(outer.frames[0].line, 34);
    assert.equal(outer.frames[0].inApp, null);
    assert.equal(outer.frames[0].context?.line?.trim(), 'Bugsnag.notify RuntimeError.new("Error")');
    assert.equal(ev.request, null);
    assert.equal(ev.release, null);
    assert.equal(ev.environment, 'production');
    assert.equal(ev.timestamp, '2017-12-12T10:58:55.000Z');
  });

  it('reads the request data from request.params, not request.body', () => {
    const body = recordedBody('bugsnag', 'viewEventById--returns-the-specified-event');
    body.request = {
      url: 'https://shop.example/api/orders?x=1',
      httpMethod: 'POST',
      params: { sku: 'A-1' },
      body: 'x',
    };
    const ev = decodeBugsnagEvent(body);
    assert.deepEqual(ev.request?.data, { sku: 'A-1' });
    assert.equal(ev.request?.method, 'POST');
    assert.equal(ev.request?.query, 'x=1');
  });

  it('takes the frames of the error-reporting thread when the exception has none', () => {
    const body = recordedBody('bugsnag', 'viewEventById--returns-the-specified-event');
    const frame = body.exceptions[0].stacktrace[0];
    body.exceptions[0].stacktrace = [];
    body.threads = [
      { id: '1', name: 'main', stacktrace: [{ ...frame, line_number: 7 }] },
      { id: '2', name: 'worker', errorReportingThread: true, stacktrace: [{ ...frame, line_number: 34 }] },
    ];
    const ev = decodeBugsnagEvent(body);
    assert.deepEqual(
      ev.exceptions[0].frames.map((f) => f.line),
      [34],
    );
  });

  it('keeps the device and app contexts (memory, runtime, OS)', () => {
    const body = recordedBody('bugsnag', 'viewEventById--returns-the-specified-event');
    body.device = {
      ...body.device,
      freeMemory: 1024,
      totalMemory: 4096,
      osName: 'linux',
      runtimeVersions: { node: '20' },
    };
    body.app = { ...body.app, duration: 1200 };
    const ev = decodeBugsnagEvent(body);
    assert.equal((ev.contexts.device as Record<string, unknown>).freeMemory, 1024);
    assert.equal((ev.contexts.app as Record<string, unknown>).duration, 1200);
  });

  it('uses the SmartBear hosts for Insight Hub keys and the documented issue link form', () => {
    assert.deepEqual(bugsnagHosts({}), { api: 'https://api.bugsnag.com', app: 'https://app.bugsnag.com' });
    assert.deepEqual(bugsnagHosts({ apiKey: '00000abc' }), {
      api: 'https://api.bugsnag.smartbear.com',
      app: 'https://app.bugsnag.smartbear.com',
    });
    assert.deepEqual(
      bugsnagHosts({ baseUrl: 'https://bugsnag-api.corp.example/', appUrl: 'https://bugsnag.corp.example' }),
      {
        api: 'https://bugsnag-api.corp.example',
        app: 'https://bugsnag.corp.example',
      },
    );
    const path = bugsnagDashboardPath('https://api.bugsnag.com/bugsnag/testproject-5', null, null);
    assert.equal(path, '/bugsnag/testproject-5');
    assert.equal(
      bugsnagErrorUrl('https://app.bugsnag.com', path, 'e1', 'ev 1'),
      'https://app.bugsnag.com/bugsnag/testproject-5/errors/e1?event_id=ev%201',
    );
    assert.equal(bugsnagDashboardPath('https://x/a/../b', null, null), null);
    assert.equal(bugsnagDashboardPath(null, 'acme', 'orders'), '/acme/orders');
  });
});
