// Host and container metrics around a Datadog error, through the provider registry, against the
// stand-in serving Datadog's recorded metrics-query answer: the requests sent, the series read,
// the limit notes, and a 403 or an empty window said in words, never thrown.
import assert from 'node:assert/strict';
import { providerFor } from '../../../src/core/registry';
import type { ErrorEvent } from '../../../src/core/model/event.types';
import type { ResourceMetrics } from '../../../src/core/insights';
import type { DatadogStandIn, DatadogStandInOptions } from '../../helpers/datadogStandIn';
import { useDatadogRig } from '../../helpers/datadogRig';

const API_KEY = 'test-canary-dd-api-key-CANARY-metrics-01';
const APP_KEY = 'test-canary-dd-app-key-CANARY-metrics-01';
const ISSUE = {
  id: '5f8ebd5c-6dd9-11f0-8a28-da7ad0900020',
  errorType: 'Error',
  errorMessage: 'Could not price order ord_1000',
  spanTags: ['container_id:3f2c9a1b7e'],
};
const GIB = 1024 ** 3;
const METRICS = {
  'system.mem.pct_usable': 0.4,
  'system.mem.used': 4 * GIB,
  // Five values over the ten minutes: the middle one spans the error.
  'system.cpu.user': [10, 20, 35, 30, 25],
  'system.disk.in_use': 0.5,
  'container.memory.usage': [0.5 * GIB, 0.8 * GIB, 0.97 * GIB, 0.9 * GIB, 0.85 * GIB],
  'container.memory.limit': GIB,
};

describe('Datadog metrics around the error', () => {
  const rig = useDatadogRig(API_KEY, APP_KEY);

  /** The listed issue's event, and the registry's insights for the same connection. */
  async function setUp(
    o: DatadogStandInOptions,
  ): Promise<{ s: DatadogStandIn; event: ErrorEvent; query: () => Promise<ResourceMetrics> }> {
    const s = await rig.start({ issues: [ISSUE], ...o });
    const [sample] = (await rig.source(s).listSamples({ limit: 1 })).samples;
    const datadog = providerFor('datadog')!;
    const target = datadog.target(
      { url: s.url, service: 'orders-api' },
      { apiKey: API_KEY, appKey: APP_KEY },
      { logger: (l) => rig.lines.push(l) },
    );
    return { s, event: sample.event, query: () => datadog.insights!(target).resources!(sample.event) };
  }

  it("queries the span's host and container ±5 min and notes the container memory near its limit", async () => {
    const { s, event, query } = await setUp({ metrics: METRICS });
    const r = await query();
    const at = Date.parse(event.timestamp!);
    const sent = s.requests.filter((x) => x.route === 'metrics');
    assert.deepEqual(
      sent.map((x) => x.query.get('query')),
      [
        'avg:system.mem.pct_usable{host:orders-api-7f9c}',
        'avg:system.mem.used{host:orders-api-7f9c}',
        'avg:system.cpu.user{host:orders-api-7f9c}',
        'max:system.disk.in_use{host:orders-api-7f9c}',
        'avg:container.memory.usage{container_id:3f2c9a1b7e}',
        'avg:container.memory.limit{container_id:3f2c9a1b7e}',
      ],
    );
    for (const x of sent) {
      assert.equal(Number(x.query.get('from')), Math.floor((at - 300_000) / 1000));
      assert.equal(Number(x.query.get('to')), Math.ceil((at + 300_000) / 1000));
      assert.ok(x.hasApiKey && x.hasAppKey);
    }
    assert.equal(r.scope, 'host:orders-api-7f9c, container_id:3f2c9a1b7e');
    assert.deepEqual(r.missing, []);
    const by = Object.fromEntries(r.series.map((x) => [x.label, x]));
    assert.equal(Math.round(by['memory used'].peak!), 60);
    assert.equal(by['memory used (bytes)'].atError, 4 * GIB);
    assert.equal(by['CPU user'].peak, 35);
    assert.equal(by['disk in use'].peak, 50);
    assert.equal(Math.round(by['container memory of its limit'].peak!), 97);
    assert.ok(by['CPU user'].points.length >= 30, 'one point every 20 s over ten minutes');
    assert.equal(r.notes.length, 1);
    assert.equal(Math.round(by['container memory of its limit'].atError!), 97);
    assert.equal(by['CPU user'].atError, 35);
    assert.deepEqual(r.notes, ['memory at 97% of the container limit (1 min before the error)']);
  });

  it('says a 403 is the missing timeseries_query permission, after one request', async () => {
    const { s, query } = await setUp({ metricsForbidden: true });
    const r = await query();
    assert.deepEqual(r.series, []);
    assert.deepEqual(r.missing, ['Datadog denied the metrics query (403): the application key needs timeseries_query']);
    assert.equal(s.count('metrics'), 1);
  });

  it('says which metrics had no points, and a server failure per metric, without throwing', async () => {
    const { s, query } = await setUp({ metrics: { 'system.cpu.user': 12 } });
    s.fault('metrics', { status: 400, times: 1 });
    const r = await query();
    assert.deepEqual(
      r.series.map((x) => x.label),
      ['CPU user'],
    );
    assert.equal(r.missing.length, 5);
    assert.match(r.missing[0], /^memory used: .*400/);
    assert.ok(r.missing.includes('no disk in use points for host:orders-api-7f9c in the window'));
    assert.deepEqual(r.notes, []);
  });

  it('asks nothing when the span names no host or container', async () => {
    const { s, event, query } = await setUp({ metrics: METRICS });
    delete event.tags.host;
    delete event.tags.container_id;
    const r = await query();
    assert.equal(s.count('metrics'), 0);
    assert.match(r.missing[0], /names no host or container/);
  });
});
