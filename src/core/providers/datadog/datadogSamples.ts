/** From an Error Tracking issue to a sample: the newest matching error span (or log), decoded. */
import { CulpritError } from '../../errors';
import type { HttpClient } from '../../http/httpClient';
import type { ErrorEvent } from '../../model/event.types';
import type { DeployHint, ErrorSample } from '../../model/group.types';
import type { DatadogTrack } from './datadog.types';
import { type CursorPlacement, searchPages, searchTerm } from './datadogApi';
import { type DatadogIssueDto, issueTitle } from './datadogDtos';
import { type DatadogSite, datadogIssueUrl } from './datadogSites';
import { decodeDatadogLog } from './logEvent';
import { decodeDatadogSpan } from './spanEvent';

/** Candidates fetched per issue: enough to prefer the one matching the issue's message and location. */
const CANDIDATES = 10;

/** What every per-issue lookup shares. */
export interface SampleContext {
  http: HttpClient;
  site: DatadogSite;
  track: DatadogTrack;
  service: string;
  /** Empty string: no env filter. */
  env: string;
  /** Epoch ms. */
  window: { from: number; to: number };
  signal?: AbortSignal;
}

export function placementOf(track: DatadogTrack): CursorPlacement {
  return track === 'logs' ? 'logs' : 'spans';
}

/** Decodes a span or log search result with the existing decoders. */
export function decodeEvent(track: DatadogTrack, item: unknown): ErrorEvent {
  return track === 'logs' ? decodeDatadogLog(item) : decodeDatadogSpan(item);
}

/** `service:<s> env:<e> status:error`, plus more terms (already in search syntax). */
export function baseEventQuery(ctx: Pick<SampleContext, 'service' | 'env'>, ...more: string[]): string {
  return [searchTerm('service', ctx.service), ctx.env ? searchTerm('env', ctx.env) : null, 'status:error', ...more]
    .filter(Boolean)
    .join(' ');
}

/**
 * `to` is the revision that produced the event: its `git.commit.sha` tag, else its version, else
 * the issue's last seen version. `from` stays null so the pipeline finds the previous deploy from
 * tags: the issue's first_seen_version is *not* used as `from`, because the bug was introduced at
 * or before that version, and a range starting there would exclude the culprit commit.
 */
export function deployHintOf(event: ErrorEvent, fallbackVersion: string | null): DeployHint {
  return { to: event.commit ?? event.release ?? fallbackVersion, from: null };
}

/** Builds the sample for one issue; throws (a CulpritError) when no usable event is found. */
export async function sampleForIssue(issue: DatadogIssueDto, ctx: SampleContext): Promise<ErrorSample> {
  const what = ctx.track === 'logs' ? 'error log' : 'error span';
  const typeKey = ctx.track === 'logs' ? '@error.kind' : '@error.type';
  const query = baseEventQuery(ctx, ...(issue.errorType ? [searchTerm(typeKey, issue.errorType)] : []));
  const items = await searchPages(
    ctx.http,
    placementOf(ctx.track),
    { query, from: String(ctx.window.from), to: String(ctx.window.to) },
    {
      limit: CANDIDATES,
      maxItems: CANDIDATES,
      maxPages: 1,
      signal: ctx.signal,
    },
  );
  if (items.length === 0) {
    throw new CulpritError(
      'not-found',
      `no ${what} matched "${query}" in the time window (it may be outside span/log retention or sampled out)`,
    );
  }
  const event = bestMatch(
    items.map((item) => decodeEvent(ctx.track, item)),
    issue,
  );
  return {
    group: {
      id: issue.id,
      title: issueTitle(issue),
      count: issue.count,
      userCount: issue.userCount,
      firstSeen: issue.firstSeen,
      lastSeen: issue.lastSeen,
      release: issue.lastSeenVersion ?? event.release,
      firstRelease: issue.firstSeenVersion,
      environment: event.environment ?? (ctx.env || null),
      status: issue.state,
      url: datadogIssueUrl(ctx.site, issue.id),
      source: 'datadog',
    },
    event,
    deploy: deployHintOf(event, issue.lastSeenVersion),
  };
}

/**
 * Several issues can share an error type; prefer the newest event whose message, file or
 * function matches the issue, and one that has frames. Ties keep the newest (search order).
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
    if (
      issue.functionName &&
      frames.some((f) => f.function !== null && f.function.includes(issue.functionName as string))
    )
      score += 2;
    if (frames.length > 0) score += 1;
    if (score > bestScore) {
      best = ev;
      bestScore = score;
    }
  }
  return best;
}
