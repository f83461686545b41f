/**
 * The Sentry integration suites' rig: stand-ins started per test and closed after it, a source
 * pointed at one with fast backoff, and every log line the sources wrote, checked after each test
 * for the canary token (a token must never reach a log line, whatever the test did).
 */
import assert from 'node:assert/strict';
import { createSentrySource } from '../../src/core/providers/sentry/sentrySource';
import type { SentrySourceOptions } from '../../src/core/providers/sentry/sentry.types';
import { type SentryStandIn, type SentryStandInOptions, startSentryStandIn } from './sentryStandIn';

interface SentryRig {
  /** Starts a stand-in that accepts the rig's token (`defaults`, then `o`); closed after the test. */
  start(o?: SentryStandInOptions): Promise<SentryStandIn>;
  /** A source for org `acme`, project `orders-api` on `s`, with the rig's token, logger and 5–20 ms backoff. */
  source(s: SentryStandIn, o?: Partial<SentrySourceOptions>): ReturnType<typeof createSentrySource>;
  /** Log lines written by the rig's sources during the current test. */
  readonly lines: string[];
}

/** Call inside a `describe`: registers the `afterEach` that closes the stand-ins and checks the log. */
export function useSentryRig(
  token: string,
  defaults: SentryStandInOptions = {},
  opts: { expectLog?: boolean } = {},
): SentryRig {
  const servers: SentryStandIn[] = [];
  const lines: string[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    const leaked = lines.filter((l) => l.includes(token) || l.includes('CANARY'));
    const logged = lines.length > 0;
    lines.length = 0;
    if (opts.expectLog) assert.ok(logged, 'the source logged nothing');
    assert.deepEqual(leaked, [], 'token in a log line');
  });
  return {
    lines,
    async start(o = {}) {
      const s = await startSentryStandIn({ token, ...defaults, ...o });
      servers.push(s);
      return s;
    },
    source: (s, o = {}) =>
      createSentrySource({
        baseUrl: s.url,
        token,
        org: 'acme',
        projects: ['orders-api'],
        logger: (l) => lines.push(l),
        ...o,
        http: { backoffBaseMs: 5, backoffMaxMs: 20, ...o.http },
      }),
  };
}
