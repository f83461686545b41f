/** Sentry side of fix verification: the issue's events since a release or a time. */
import { CulpritError, messageOf } from '../../errors';
import type { HttpClient } from '../../http/httpClient';
import { type FixStatus, type FixWatch, fixStatusFromCount } from '../../insights/fixStatus';
import { fetchPages, seg } from './sentryApi';

/** Most events counted; past this, "regressed: 1000 events" says enough. */
const MAX_COUNTED = 1000;

/** Sentry search syntax for one release value, quoted when it is not a plain token. */
function releaseTerm(release: string): string {
  const v = release.slice(0, 200);
  return /^[A-Za-z0-9_.@+\-/]+$/.test(v) ? `release:${v}` : `release:"${v.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * Counts the issue's events since `watch.since` (in `watch.release` when given) with
 * `GET /organizations/{org}/issues/{id}/events/?start=…&query=release:…`. A release Sentry does not
 * know yet (404 on the release) is `unknown`: zero events from an undeployed release prove nothing.
 */
export async function sentryFixStatus(
  http: HttpClient,
  org: string,
  issueId: string,
  watch: FixWatch,
  opts: { environment?: string; now?: number; signal?: AbortSignal } = {},
): Promise<FixStatus> {
  const now = opts.now ?? Date.now();
  const start = Date.parse(watch.since);
  if (!Number.isFinite(start))
    return { kind: 'unknown', reason: `"${String(watch.since).slice(0, 40)}" is not a time` };
  if (start >= now) return { kind: 'unknown', reason: 'the fix was watched from a time in the future' };
  try {
    if (watch.release) {
      const rel = await http.request({
        path: `/api/0/organizations/${seg(org)}/releases/${seg(watch.release)}/`,
        acceptStatuses: [404],
        signal: opts.signal,
      });
      if (rel.status === 404)
        return { kind: 'unknown', reason: `Sentry does not know release ${watch.release} yet (not deployed?)` };
    }
    const events = await fetchPages(
      http,
      {
        path: `/api/0/organizations/${seg(org)}/issues/${seg(issueId)}/events/`,
        query: {
          start: new Date(start).toISOString(),
          end: new Date(now).toISOString(),
          environment: opts.environment || undefined,
          query: watch.release ? releaseTerm(watch.release) : undefined,
          per_page: 100,
        },
        signal: opts.signal,
      },
      MAX_COUNTED,
      MAX_COUNTED / 100,
    );
    return fixStatusFromCount(events.length, watch, now);
  } catch (e) {
    if (CulpritError.is(e, 'cancelled')) throw e;
    if (CulpritError.is(e)) return { kind: 'unknown', reason: messageOf(e) };
    throw e;
  }
}
