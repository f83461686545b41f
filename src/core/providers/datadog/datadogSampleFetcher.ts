/**
 * Finds each Error Tracking issue's sample event within the span-search budget: by the issue's
 * own id (`@issue.id:<id>`, the attribute Error Tracking sets on the spans and logs it groups —
 * never by `@error.type`, which issues of one error type share), several issues per search
 * (`@issue.id:(a OR b OR c)`), and only for issues whose last-seen time changed since the event
 * was cached. While the budget is spent the cached events are served and the rest say when the
 * next refresh can run.
 */
import { CulpritError, messageOf } from '../../errors';
import type { ErrorEvent } from '../../model/event.types';
import { asNonEmptyString, asRecord, getDotted } from '../../decode/valueDecoder';
import { mapLimit } from '../../util/mapLimit';
import { searchPages, searchTerm } from './datadogApi';
import type { DatadogIssueDto } from './datadogDtos';
import type { DatadogRateBudget } from './datadogRateBudget';
import { type SampleContext, baseEventQuery, decodeEvent, placementOf } from './datadogSamples';

/** Issues per search by default, and events read per issue in a batch (to prefer one matching the issue). */
const BATCH = 10;
const PER_ISSUE = 5;
/** Cached issues kept per source (the oldest are dropped first). */
const CACHE_MAX = 1000;

export interface CachedSample {
  lastSeen: string | null;
  event: ErrorEvent;
}

export type FetchOutcome = { event: ErrorEvent; stale?: boolean } | { failure: string; fatal?: unknown };

/** The cache of sample events by issue id: bounded, insertion-ordered (re-set moves to the end). */
export class DatadogSampleCache {
  private readonly map = new Map<string, CachedSample>();
  get(id: string): CachedSample | undefined {
    return this.map.get(id);
  }
  set(id: string, value: CachedSample): void {
    this.map.delete(id);
    this.map.set(id, value);
    while (this.map.size > CACHE_MAX) this.map.delete(this.map.keys().next().value as string);
  }
  get size(): number {
    return this.map.size;
  }
}

/** Whether a failed batch is worth searching issue by issue (not for limits, credentials or cancellation). */
function retryAlone(e: unknown): boolean {
  return CulpritError.is(e) && !['rate-limited', 'auth', 'forbidden', 'cancelled'].includes(e.reason);
}

/** `@issue.id:x` or `@issue.id:(x OR y)`. */
function issueIdTerm(ids: string[]): string {
  if (ids.length === 1) return searchTerm('@issue.id', ids[0]);
  return `@issue.id:(${ids.map((id) => searchTerm('', id).slice(1)).join(' OR ')})`;
}

/** The `issue.id` a span or log search result carries (`custom.issue.id` / `attributes.issue.id`). */
function issueIdOf(item: unknown): string | null {
  const attrs = asRecord(asRecord(item)?.attributes);
  if (!attrs) return null;
  const inner = asRecord(attrs.custom) ?? asRecord(attrs.attributes);
  return inner ? asNonEmptyString(getDotted(inner, 'issue.id'), 128) : null;
}

/** One sample event (or a failure message) per issue, in the issues' order. */
export async function fetchIssueEvents(
  issues: DatadogIssueDto[],
  ctx: SampleContext,
  cache: DatadogSampleCache,
  budget: DatadogRateBudget,
  maxConcurrent: number,
  batchSize = BATCH,
): Promise<FetchOutcome[]> {
  const batch = Math.min(100, Math.max(1, Math.floor(batchSize)));
  const out = new Map<string, FetchOutcome>();
  const changed: DatadogIssueDto[] = [];
  for (const issue of issues) {
    const hit = cache.get(issue.id);
    if (hit && issue.lastSeen !== null && hit.lastSeen === issue.lastSeen) out.set(issue.id, { event: hit.event });
    else changed.push(issue);
  }
  const chunks: DatadogIssueDto[][] = [];
  for (let i = 0; i < changed.length; i += batch) chunks.push(changed.slice(i, i + batch));
  const search = async (ids: string[], perIssue: number): Promise<unknown[]> => {
    const query = baseEventQuery(ctx, issueIdTerm(ids));
    const limit = Math.min(1000, perIssue * ids.length);
    try {
      return await searchPages(
        ctx.http,
        placementOf(ctx.track),
        { query, from: String(ctx.window.from), to: String(ctx.window.to) },
        { limit, maxItems: limit, maxPages: 1, signal: ctx.signal, onResponse: (h) => budget.observe(h) },
      );
    } catch (e) {
      budget.refused(e);
      throw e;
    }
  };
  const limited = (issue: DatadogIssueDto): FetchOutcome => {
    const hit = cache.get(issue.id);
    return hit ? { event: hit.event, stale: true } : { failure: budget.message() };
  };
  const settle = (issue: DatadogIssueDto, items: unknown[]): void => {
    if (items.length === 0) {
      const what = ctx.track === 'logs' ? 'error log' : 'error span';
      out.set(issue.id, {
        failure:
          `no ${what} with @issue.id:${issue.id} in the time window (it may be outside span/log retention or ` +
          `sampled out)`,
      });
      return;
    }
    const event = bestMatch(
      items.map((item) => decodeEvent(ctx.track, item)),
      issue,
    );
    cache.set(issue.id, { lastSeen: issue.lastSeen, event });
    out.set(issue.id, { event });
  };
  const fail = (issue: DatadogIssueDto, e: unknown): void => {
    if (CulpritError.is(e, 'rate-limited')) {
      const o = limited(issue);
      out.set(issue.id, 'failure' in o ? { failure: `${o.failure} (${messageOf(e)})` } : o);
    } else if (CulpritError.is(e) && ['auth', 'forbidden', 'cancelled'].includes(e.reason))
      out.set(issue.id, { failure: messageOf(e), fatal: e });
    else out.set(issue.id, { failure: messageOf(e) });
  };

  await mapLimit(chunks, maxConcurrent, async (chunk) => {
    if (budget.blockedUntil() !== null) return chunk.forEach((issue) => out.set(issue.id, limited(issue)));
    let items: unknown[];
    try {
      items = await search(
        chunk.map((x) => x.id),
        chunk.length === 1 ? 10 : PER_ISSUE,
      );
    } catch (e) {
      // A broken answer (one huge or damaged event) must not cost the other issues their sample:
      // those are searched alone below. Limits, credentials and cancellation concern them all.
      if (chunk.length === 1 || CulpritError.is(e, 'rate-limited') || !retryAlone(e))
        return chunk.forEach((issue) => fail(issue, e));
      items = [];
    }
    const byIssue = new Map<string, unknown[]>();
    for (const item of items) {
      const id = issueIdOf(item);
      if (id) (byIssue.get(id) ?? byIssue.set(id, []).get(id))?.push(item);
    }
    for (const issue of chunk) {
      const own = byIssue.get(issue.id);
      if (own) settle(issue, own);
      else if (chunk.length === 1) settle(issue, items);
    }
    // Issues crowded out of the batch by busier ones (or in a failed batch) get a search of their own.
    for (const issue of chunk.filter((x) => !out.has(x.id))) {
      if (budget.blockedUntil() !== null) {
        out.set(issue.id, limited(issue));
        continue;
      }
      try {
        settle(issue, await search([issue.id], 10));
      } catch (e) {
        fail(issue, e);
      }
    }
  });
  return issues.map((issue) => out.get(issue.id) ?? { failure: 'no sample event' });
}

/**
 * Prefer the newest event whose message, file or function matches the issue, and one that has
 * frames. Ties keep the newest (search order).
 */
function bestMatch(events: ErrorEvent[], issue: DatadogIssueDto): ErrorEvent {
  let best = events[0];
  let bestScore = -1;
  for (const ev of events) {
    const outer = ev.exceptions[ev.exceptions.length - 1];
    let score = 0;
    if (issue.errorMessage && (ev.message === issue.errorMessage || outer?.value === issue.errorMessage)) score += 4;
    const frames = ev.exceptions.flatMap((e) => e.frames);
    if (issue.filePath && frames.some((f) => f.path !== null && f.path.endsWith(issue.filePath as string))) score += 2;
    if (issue.functionName && frames.some((f) => f.function?.includes(issue.functionName as string))) score += 2;
    if (frames.length > 0) score += 1;
    if (score > bestScore) {
      best = ev;
      bestScore = score;
    }
  }
  return best;
}
