/**
 * Opens one Sentry error from an ID a user has: an event ID (32 hex digits, e.g. from an
 * `X-Sentry-Event-Id`-style log line or a safe error page) through `eventids`, or an issue short
 * ID pasted from a Sentry link (`ORDERS-API-1K`) through `shortids`.
 */
import { CulpritError } from '../../errors';
import type { HttpClient } from '../../http/httpClient';
import type { ErrorEvent } from '../../model/event.types';
import type { ErrorSample } from '../../model/group.types';
import { asRecord } from '../../decode/valueDecoder';
import { createDeployResolver } from './deployHints';
import { decodeSentryRestEvent, looksLikeSentryRestEvent } from './restEvent';
import { createSentryHttp, seg } from './sentryApi';
import { resolveSentryContext } from './sentryContext';
import { type IssueDto, readIssue, toSentryGroup } from './sentryDtos';
import type { SentrySourceOptions } from './sentry.types';

/** What kind of Sentry ID a string is. */
export type SentryIdKind = 'event-id' | 'short-id';

/** `event-id` for 32 hex digits (dashes allowed, as in a UUID), `short-id` for `PROJECT-1K`, else null. */
export function classifySentryId(input: string): { kind: SentryIdKind; id: string } | null {
  const s = String(input ?? '').trim();
  const hex = s.replace(/-/g, '').toLowerCase();
  if (/^[0-9a-f]{32}$/.test(hex) && (s.length === 32 || s.length === 36)) return { kind: 'event-id', id: hex };
  if (s.length <= 128 && /^[A-Za-z0-9][A-Za-z0-9_.]*(?:-[A-Za-z0-9_.]+)*-[A-Za-z0-9]+$/.test(s))
    return { kind: 'short-id', id: s.toUpperCase() };
  return null;
}

/**
 * Looks up one event (or short ID) in the org and returns it as a sample with its issue and deploy
 * range. Throws a CulpritError: `invalid-input` for an ID of neither form, `not-found` naming the
 * ID and org when Sentry has no such event or issue.
 *
 * @example
 * const sample = await lookupSentryEvent({ token, org: 'acme', projects: [] }, 'ORDERS-API-1K');
 */
export async function lookupSentryEvent(
  opts: SentrySourceOptions,
  input: string,
  signal?: AbortSignal,
): Promise<ErrorSample> {
  const parsed = classifySentryId(input);
  if (!parsed) {
    throw new CulpritError(
      'invalid-input',
      `'${String(input).slice(0, 80)}' is neither a Sentry event ID (32 hex digits) nor an issue short ID (like ` +
        `ORDERS-API-1K)`,
    );
  }
  if (typeof opts.org !== 'string' || opts.org.trim() === '')
    throw new CulpritError('invalid-input', 'no Sentry organization given (the org slug from your Sentry URL)');
  const org = opts.org.trim();
  const { http } = await resolveSentryContext(createSentryHttp(opts), org, [], signal, opts.logger);
  const base = `/api/0/organizations/${seg(org)}`;

  let issue: IssueDto | null;
  let event: ErrorEvent;
  if (parsed.kind === 'event-id') {
    const res = await http.request({ path: `${base}/eventids/${seg(parsed.id)}/`, signal, acceptStatuses: [404] });
    const found = asRecord(res.data);
    if (res.status === 404 || !found) {
      throw new CulpritError(
        'not-found',
        `Sentry has no event ${parsed.id} in organization '${org}' (check the org; events older than the plan's ` +
          `retention are gone)`,
      );
    }
    const groupId = typeof found.groupId === 'string' ? found.groupId : null;
    const projectSlug = typeof found.projectSlug === 'string' ? found.projectSlug : null;
    event = looksLikeSentryRestEvent(found.event)
      ? decodeSentryRestEvent(found.event)
      : await fetchEvent(
          http,
          `/api/0/projects/${seg(org)}/${seg(projectSlug ?? '')}/events/${seg(parsed.id)}/`,
          signal,
        );
    issue = groupId ? await fetchIssue(http, `${base}/issues/${seg(groupId)}/`, signal) : null;
    if (!issue) issue = fallbackIssue(groupId ?? parsed.id, event);
  } else {
    const res = await http.request({ path: `${base}/shortids/${seg(parsed.id)}/`, signal, acceptStatuses: [404] });
    const found = asRecord(res.data);
    if (res.status === 404 || !found)
      throw new CulpritError('not-found', `Sentry has no issue ${parsed.id} in organization '${org}'`);
    issue = readIssue(found.group) ?? (typeof found.groupId === 'string' ? fallbackIssue(found.groupId, null) : null);
    if (!issue) throw new CulpritError('bad-response', `Sentry answered the short ID ${parsed.id} without an issue id`);
    event = await latestEventOf(http, `${base}/issues/${seg(issue.id)}/events`, opts.environment, signal);
  }
  // The event's own environment names where it ran; the previous release must have been deployed there.
  const environment = event.environment ?? opts.environment ?? 'production';
  const deploy = await createDeployResolver(http, org, environment, opts.logger).resolve(
    event.release,
    issue.projectId,
    signal,
  );
  return {
    group: toSentryGroup(issue, event, null),
    event,
    deploy,
  };
}

async function fetchEvent(http: HttpClient, path: string, signal?: AbortSignal): Promise<ErrorEvent> {
  const res = await http.request({ path, signal });
  if (!looksLikeSentryRestEvent(res.data))
    throw new CulpritError('bad-response', `Sentry GET ${path} did not return an event object (no entries)`);
  return decodeSentryRestEvent(res.data);
}

/** Issue details; null when the issue is gone (merged or deleted) so the event still opens. */
async function fetchIssue(http: HttpClient, path: string, signal?: AbortSignal): Promise<IssueDto | null> {
  const res = await http.request({ path, signal, acceptStatuses: [404] });
  return res.status === 404 ? null : readIssue(res.data);
}

/** The issue's latest event, else the recommended one (latest can 404 after retention). */
async function latestEventOf(
  http: HttpClient,
  eventsPath: string,
  environment: string | undefined,
  signal?: AbortSignal,
): Promise<ErrorEvent> {
  for (const which of ['latest', 'recommended']) {
    const res = await http.request({
      path: `${eventsPath}/${which}/`,
      query: { environment: environment || undefined },
      signal,
      acceptStatuses: [404],
    });
    if (res.status === 404) continue;
    if (!looksLikeSentryRestEvent(res.data))
      throw new CulpritError('bad-response', `the ${which} event is not a Sentry event object (no entries)`);
    return decodeSentryRestEvent(res.data);
  }
  throw new CulpritError('not-found', 'the issue has no event left (latest and recommended both answered 404)');
}

function fallbackIssue(id: string, event: ErrorEvent | null): IssueDto {
  const outer = event?.exceptions[event.exceptions.length - 1];
  const title = outer ? [outer.type, outer.value].filter(Boolean).join(': ') : (event?.message ?? '');
  return {
    id,
    title: title || `Sentry issue ${id}`,
    count: null,
    userCount: null,
    firstSeen: null,
    lastSeen: event?.timestamp ?? null,
    status: null,
    permalink: null,
    firstRelease: null,
    projectId: null,
    projectSlug: null,
  };
}
