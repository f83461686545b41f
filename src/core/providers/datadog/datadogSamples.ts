/** From an Error Tracking issue and its sample error span (or log) to an ErrorSample. */
import type { HttpClient } from '../../http/httpClient';
import type { ErrorEvent } from '../../model/event.types';
import type { DeployHint, ErrorSample } from '../../model/group.types';
import type { DatadogTrack } from './datadog.types';
import { type CursorPlacement, searchTerm } from './datadogApi';
import { type DatadogIssueDto, issueTitle } from './datadogDtos';
import { type DatadogSite, datadogIssueUrl } from './datadogSites';
import { decodeDatadogLog } from './logEvent';
import { decodeDatadogSpan } from './spanEvent';

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

/** The sample of one issue, from the event found for it. */
export function sampleFromEvent(issue: DatadogIssueDto, event: ErrorEvent, ctx: SampleContext): ErrorSample {
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
