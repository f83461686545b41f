/**
 * The Datadog integration suites' rig: stand-ins started per test and closed after it, a source
 * pointed at one with fast backoff, and every log line the sources wrote, checked after each test
 * for the canary keys (a key must never reach a log line, whatever the test did).
 */
import assert from 'node:assert/strict';
import type { DatadogSource, DatadogSourceOptions } from '../../src/core/providers/datadog/datadog.types';
import { createDatadogSource } from '../../src/core/providers/datadog/datadogSource';
import { type DatadogStandIn, type DatadogStandInOptions, startDatadogStandIn } from './datadogStandIn';

export interface DatadogRig {
  /** Starts a stand-in that accepts the rig's keys; it is closed after the test. */
  start(o?: DatadogStandInOptions): Promise<DatadogStandIn>;
  /** A source for service `orders-api` on `s`, with the rig's keys, logger and 5–20 ms backoff. */
  source(s: DatadogStandIn, o?: Partial<DatadogSourceOptions>): DatadogSource;
  /** Log lines written by the rig's sources during the current test. */
  readonly lines: string[];
}

/** Call inside a `describe`: registers the `afterEach` that closes the stand-ins and checks the log. */
export function useDatadogRig(apiKey: string, appKey: string): DatadogRig {
  const servers: DatadogStandIn[] = [];
  const lines: string[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    const leaked = lines.filter((l) => l.includes(apiKey) || l.includes(appKey) || l.includes('CANARY'));
    lines.length = 0;
    assert.deepEqual(leaked, [], 'key in a log line');
  });
  return {
    lines,
    async start(o = {}) {
      const s = await startDatadogStandIn({ apiKey, appKey, ...o });
      servers.push(s);
      return s;
    },
    source: (s, o = {}) =>
      createDatadogSource({
        baseUrl: s.url,
        apiKey,
        appKey,
        service: 'orders-api',
        logger: (l) => lines.push(l),
        ...o,
        http: { backoffBaseMs: 5, backoffMaxMs: 20, ...o.http },
      }),
  };
}
