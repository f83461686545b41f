// Decoding Datadog's metrics query answer (the official recording) and the scope it is asked for.
import assert from 'node:assert/strict';
import { CulpritError } from '../../../src/core/errors';
import { readMetricsQuery, resourceScopes } from '../../../src/core/providers/datadog/datadogMetrics';
import { decodeDatadogSpan } from '../../../src/core/providers/datadog/spanEvent';
import { recordedBody } from '../../helpers/recordedExchanges';
import { fixtureJson } from '../events/eventFixtures';

const RECORDED = 'QueryMetrics--query-timeseries-points-returns-ok-response';

describe('Datadog metrics query decoding', () => {
  it('reads the recorded answer: 288 points in ms, oldest first', () => {
    const points = readMetricsQuery(recordedBody('datadog', RECORDED));
    assert.equal(points.length, 288);
    assert.deepEqual(points[0], [1641344100000, 91.4583840476142]);
    assert.ok(points.every((p, i) => i === 0 || p[0] > points[i - 1][0]));
  });

  it('drops null and malformed points, and reads an empty series list as no points', () => {
    const body = recordedBody('datadog', RECORDED);
    body.series[0].pointlist = [[2, 5], [1, null], ['x', 3], [3], null, [1, 4]];
    assert.deepEqual(readMetricsQuery(body), [
      [1, 4],
      [2, 5],
    ]);
    assert.deepEqual(readMetricsQuery({ ...body, series: [] }), []);
  });

  it('says why when Datadog answers status error or no series list', () => {
    const failed = { ...recordedBody('datadog', RECORDED), status: 'error', error: 'Rate limit of 300 exceeded' };
    assert.throws(() => readMetricsQuery(failed), /could not run the metrics query: Rate limit of 300 exceeded/);
    assert.throws(
      () => readMetricsQuery({ status: 'ok' }),
      (e: unknown) => CulpritError.is(e, 'bad-response'),
    );
  });

  it("queries the span's host, and its container when a tag names one; never a value that is no tag", () => {
    const span = decodeDatadogSpan((fixtureJson('dd-api-span.json').data as unknown[])[0]);
    assert.deepEqual(resourceScopes(span), { host: 'host:orders-api-7f9c', container: null });
    span.tags.container_id = '3f2c9a1b7e';
    assert.deepEqual(resourceScopes(span).container, 'container_id:3f2c9a1b7e');
    span.tags.host = 'web-1} OR {*';
    assert.equal(resourceScopes(span).host, null);
  });
});
