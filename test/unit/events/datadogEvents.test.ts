import assert from 'node:assert/strict';
import { decodeDatadogLog } from '../../../src/core/providers/datadog/logEvent';
import { decodeDatadogSpan } from '../../../src/core/providers/datadog/spanEvent';
import type { ErrorEvent } from '../../../src/core/model/event.types';
import { fixtureJson } from './eventFixtures';

const SHA = '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39';
const first = (name: string): unknown => (fixtureJson(name).data as unknown[])[0];

function assertCrashFrames(event: ErrorEvent): void {
  const outer = event.exceptions.at(-1);
  assert.ok(outer, 'the stack text was parsed into an exception');
  assert.equal(outer.type, 'Error');
  assert.equal(outer.value, 'Could not price order ord_1000');
  assert.equal(outer.frames.length, 2);
  const [top, next] = outer.frames;
  assert.match(top.path ?? '', /capture\/app\/src\/routes\/orders\.js$/);
  assert.equal(top.function, 'createOrder');
  assert.equal(top.line, 30);
  assert.equal(top.column, 11);
  assert.equal(next.function, 'process.processTicksAndRejections');
}

describe('decodeDatadogSpan', () => {
  const api = decodeDatadogSpan(first('dd-api-span.json'));
  const agent = decodeDatadogSpan(fixtureJson('dd-agent-span.json'));

  it('reads commit, version, env, ids and http data from the API span', () => {
    assert.equal(api.commit, SHA);
    assert.equal(api.release, '1.5.0');
    assert.equal(api.environment, 'production');
    assert.equal(api.platform, 'node');
    assert.equal(api.message, 'Could not price order ord_1000');
    assert.equal(api.tags['http.status_code'], '500');
    assert.equal(api.tags.service, 'orders-api');
    assert.equal(api.tags['git.repository_url'], 'https://github.com/acme/orders-api');
    assert.match(api.tags.span_id, /^\d{15,20}$/);
    assert.equal(api.request?.method, 'POST');
    assert.match(api.request?.url ?? '', /\/api\/orders\?source=checkout$/);
    assert.equal(api.request?.query, 'source=checkout');
    assert.match(api.timestamp ?? '', /Z$/);
    assert.ok(api.eventId);
  });

  it('reads the raw agent span the same way (meta, _dd.git.*, 64-bit ids as strings)', () => {
    assert.equal(agent.commit, SHA);
    assert.equal(agent.release, '1.5.0');
    assert.equal(agent.environment, 'production');
    assert.equal(agent.tags['http.status_code'], '500');
    const raw = fixtureJson('dd-agent-span.json');
    assert.equal(agent.eventId, raw.span_id);
    assert.equal(typeof agent.eventId, 'string');
    assert.equal(agent.timestamp, api.timestamp);
    assert.deepEqual(agent.request, api.request);
  });

  it('parses error.stack into frames (API and agent shapes agree)', () => {
    assertCrashFrames(api);
    assert.deepEqual(agent.exceptions, api.exceptions);
  });
});

describe('decodeDatadogLog', () => {
  const log = decodeDatadogLog(first('dd-api-log.json'));

  it('reads commit, version, env, status and trace correlation', () => {
    assert.equal(log.commit, SHA);
    assert.equal(log.release, '1.5.0');
    assert.equal(log.environment, 'production');
    assert.equal(log.tags['http.status_code'], '500');
    assert.equal(log.tags.status, 'error');
    assert.match(log.tags['dd.trace_id'], /^\d+$/);
    assert.equal((log.contexts.trace as Record<string, unknown>).trace_id, log.tags['dd.trace_id']);
    assert.equal(log.request?.method, 'POST');
    assert.match(log.message ?? '', /^POST \/api\/orders\?source=checkout failed/);
    assert.ok(log.eventId);
  });

  it('parses error.stack into the same frames as the span', () => {
    assertCrashFrames(log);
  });

  it('falls back to error.kind/message when there is no stack', () => {
    const e = decodeDatadogLog({
      type: 'log',
      attributes: { message: 'x', attributes: { error: { kind: 'Timeout', message: 'upstream' } } },
    });
    assert.deepEqual(e.exceptions, [{ type: 'Timeout', value: 'upstream', frames: [] }]);
  });
});
