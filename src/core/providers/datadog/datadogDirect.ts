/**
 * Direct mode, for orgs without Error Tracking: page through error spans (or logs) newest first
 * and group them by error type + resource, the way Error Tracking would roughly fingerprint them.
 */
import { createHash } from 'node:crypto';
import type { ErrorEvent } from '../../model/event.types';
import type { ErrorGroup } from '../../model/group.types';
import type { SampleList } from '../errorSource';
import { searchPages } from './datadogApi';
import { baseEventQuery, decodeEvent, deployHintOf, placementOf, type SampleContext } from './datadogSamples';
import { datadogLogUrl, datadogTraceUrl } from './datadogSites';

export interface DirectOptions {
  /** Groups to return. */
  limit: number;
  /** Search query; default `service:<s> env:<e> status:error @http.status_code:500`. */
  query?: string;
  pageLimit: number;
  maxPages: number;
}

interface Bucket {
  key: string;
  /** Newest event (results come newest first). */
  event: ErrorEvent;
  type: string;
  resource: string | null;
  count: number;
  first: string | null;
  last: string | null;
}

/** The default direct-mode query. */
function directQuery(ctx: Pick<SampleContext, 'service' | 'env'>): string {
  return baseEventQuery(ctx, '@http.status_code:500');
}

/**
 * Lists groups of error spans/logs. `count` is the number of events seen in the pages read
 * (a lower bound when `maxPages` stops the scan); first/last seen come from those events.
 */
export async function listDirect(ctx: SampleContext, opts: DirectOptions): Promise<SampleList> {
  const query = opts.query ?? directQuery(ctx);
  const items = await searchPages(
    ctx.http,
    placementOf(ctx.track),
    { query, from: String(ctx.window.from), to: String(ctx.window.to) },
    {
      limit: opts.pageLimit,
      maxItems: opts.pageLimit * opts.maxPages,
      maxPages: opts.maxPages,
      signal: ctx.signal,
    },
  );
  const buckets = new Map<string, Bucket>();
  for (const item of items) {
    const event = decodeEvent(ctx.track, item);
    const outer = event.exceptions[event.exceptions.length - 1];
    const type = outer?.type ?? 'Error';
    const resource = resourceOf(event);
    const key = `${type}\u0000${resource ?? ''}`;
    const b = buckets.get(key);
    if (!b) {
      buckets.set(key, { key, event, type, resource, count: 1, first: event.timestamp, last: event.timestamp });
      continue;
    }
    b.count++;
    if (event.timestamp && (!b.first || event.timestamp < b.first)) b.first = event.timestamp;
    if (event.timestamp && (!b.last || event.timestamp > b.last)) b.last = event.timestamp;
  }
  const samples = [...buckets.values()].slice(0, Math.max(0, opts.limit)).map((b) => ({
    group: groupOf(b, ctx),
    event: b.event,
    deploy: deployHintOf(b.event, null),
  }));
  return { samples, failures: [] };
}

/** The route or resource an event belongs to: `http.route`, the span's resource, else method + path. */
function resourceOf(event: ErrorEvent): string | null {
  const route = event.tags['http.route'] ?? event.tags.resource_name;
  if (route) return route;
  const url = event.request?.url;
  if (!url) return null;
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
  return event.request?.method ? `${event.request.method} ${path}` : path;
}

function groupOf(b: Bucket, ctx: SampleContext): ErrorGroup {
  const outer = b.event.exceptions[b.event.exceptions.length - 1];
  const message = outer?.value ?? b.event.message;
  const traceId = b.event.tags.trace_id ?? b.event.tags['dd.trace_id'];
  const prefix = ctx.track === 'logs' ? 'log' : 'span';
  return {
    id: `${prefix}-${createHash('sha1').update(b.key).digest('hex').slice(0, 16)}`,
    title: `${b.type}${message ? `: ${message}` : ''}${b.resource ? ` (${b.resource})` : ''}`,
    count: b.count,
    userCount: null,
    firstSeen: b.first,
    lastSeen: b.last,
    release: b.event.release,
    firstRelease: null,
    environment: b.event.environment ?? (ctx.env || null),
    status: null,
    url:
      ctx.track === 'logs'
        ? b.event.eventId
          ? datadogLogUrl(ctx.site, b.event.eventId)
          : null
        : traceId
          ? datadogTraceUrl(ctx.site, traceId)
          : null,
    source: 'datadog',
  };
}
