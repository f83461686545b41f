/**
 * Opens one Datadog error from an ID a user has (a request or correlation ID a safe error
 * response showed them, or a trace ID): searches error spans, then error logs, for the ID in
 * `@http.request_id`, `@correlation_id`, the trace id, or (logs) as free text.
 */
import { CulpritError } from '../../errors';
import type { ErrorEvent } from '../../model/event.types';
import type { ErrorSample } from '../../model/group.types';
import type { DatadogSourceOptions, DatadogTrack } from './datadog.types';
import { createDatadogHttp, searchPages, searchTerm } from './datadogApi';
import { decodeEvent, deployHintOf, placementOf } from './datadogSamples';
import { datadogApiBaseUrl, datadogLogUrl, datadogTraceUrl, normalizeDatadogSite } from './datadogSites';
import { datadogWindow } from './datadogTime';

/** Results read per search: the ID is meant to be unique, a few allow choosing the one with a stack. */
const CANDIDATES = 5;

/** Lookup options: the source's, with `service` optional (an ID is usually unique across services). */
export type DatadogLookupOptions = Omit<DatadogSourceOptions, 'service'> & { service?: string };

/** The search query for one ID on one track; exported for tests and for showing the user. */
export function datadogIdQuery(track: DatadogTrack, id: string, scope: { service?: string; env?: string }): string {
  const terms = [searchTerm('@http.request_id', id), searchTerm('@correlation_id', id)];
  // Trace ids are 64-bit decimal (or 128-bit hex in newer tracers); only then is the trace term worth adding.
  if (/^\d{1,20}$/.test(id) || /^[0-9a-f]{32}$/i.test(id))
    terms.push(track === 'logs' ? searchTerm('@dd.trace_id', id) : searchTerm('trace_id', id));
  if (track === 'logs') terms.push(`"${id.replace(/[\\"]/g, '\\$&')}"`);
  const scopeTerms = [
    scope.service ? searchTerm('service', scope.service) : null,
    scope.env ? searchTerm('env', scope.env) : null,
    'status:error',
  ];
  return [...scopeTerms.filter(Boolean), `(${terms.join(' OR ')})`].join(' ');
}

/**
 * Finds the error event carrying `id` and returns it as a sample (group = that one event; deploy
 * from its `git.commit.sha` tag or version). Window: `from` (default `now-15d`, the usual log
 * retention) to `to`. Throws `not-found` naming the queries when neither spans nor logs match.
 *
 * @example
 * const sample = await lookupDatadogEvent({ apiKey, appKey, site: 'datadoghq.eu' }, 'req-7c1d');
 */
export async function lookupDatadogEvent(
  opts: DatadogLookupOptions,
  input: string,
  signal?: AbortSignal,
): Promise<ErrorSample> {
  const id = String(input ?? '').trim();
  if (!/^[A-Za-z0-9_.:\-/+=]{1,256}$/.test(id)) {
    throw new CulpritError(
      'invalid-input',
      `'${String(input).slice(0, 80)}' is not a request, correlation or trace ID (letters, digits and - _ . : / + = ` +
        `only)`,
    );
  }
  const site = normalizeDatadogSite(opts.site);
  const service = typeof opts.service === 'string' ? opts.service.trim() : '';
  const env = typeof opts.env === 'string' ? opts.env.trim() : 'production';
  const window = datadogWindow(opts.from?.trim() || 'now-15d', opts.to?.trim() || 'now');
  const http = createDatadogHttp({ ...opts, service: service || 'any' }, site, opts.baseUrl ?? datadogApiBaseUrl(site));
  const tracks: DatadogTrack[] = opts.track === 'logs' ? ['logs', 'trace'] : ['trace', 'logs'];
  const tried: string[] = [];
  for (const track of tracks) {
    const query = datadogIdQuery(track, id, { service, env });
    tried.push(`${track === 'logs' ? 'logs' : 'spans'}: ${query}`);
    const items = await searchPages(
      http,
      placementOf(track),
      { query, from: String(window.from), to: String(window.to) },
      {
        limit: CANDIDATES,
        maxItems: CANDIDATES,
        maxPages: 1,
        signal,
      },
    );
    if (items.length === 0) continue;
    const events = items.map((item) => decodeEvent(track, item));
    const event = events.find((e) => e.exceptions.some((x) => x.frames.length > 0)) ?? events[0];
    return { group: groupOf(event, track, id, site, env), event, deploy: deployHintOf(event, null) };
  }
  throw new CulpritError(
    'not-found',
    `Datadog found no error span or log with ID ${id} between ${new Date(window.from).toISOString()} and ` +
      `${new Date(window.to).toISOString()} (searched ${tried.join('; ')})`,
  );
}

function groupOf(
  event: ErrorEvent,
  track: DatadogTrack,
  id: string,
  site: ReturnType<typeof normalizeDatadogSite>,
  env: string,
): ErrorSample['group'] {
  const outer = event.exceptions[event.exceptions.length - 1];
  const traceId = event.tags.trace_id ?? event.tags['dd.trace_id'];
  return {
    id: event.eventId ?? id,
    title: outer
      ? [outer.type, outer.value].filter(Boolean).join(': ') || `Datadog event ${id}`
      : (event.message ?? `Datadog event ${id}`),
    count: 1,
    userCount: null,
    firstSeen: event.timestamp,
    lastSeen: event.timestamp,
    release: event.release,
    firstRelease: null,
    environment: event.environment ?? (env || null),
    status: null,
    url:
      track === 'logs'
        ? event.eventId
          ? datadogLogUrl(site, event.eventId)
          : null
        : traceId
          ? datadogTraceUrl(site, traceId)
          : null,
    source: 'datadog',
  };
}
