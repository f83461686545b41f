/**
 * The event to triage for one Bugsnag error: the newest full event of that error in the
 * configured release stage, from the project's events endpoint — the request SmartBear's own
 * client makes for "the latest event" (README, Requests to each provider:
 * `listEventsOnProject` with `sort=timestamp`, `direction=desc`, `per_page=1`, `full_reports=true`
 * and an `error` filter). `GET /errors/{id}/latest_event` would ignore the stage, so a production
 * listing could triage a staging event.
 */
import { CulpritError } from '../../errors';
import type { HttpClient } from '../../http/httpClient';
import type { ErrorEvent } from '../../model/event.types';
import { asArray } from '../../decode/valueDecoder';
import { seg } from './bugsnagApi';
import { decodeBugsnagEvent } from './bugsnagEvent';

/** `filters[field][][type]=eq&filters[field][][value]=…`, Bugsnag's filter encoding. */
export function bugsnagFilter(field: string, value: string): Record<string, string> {
  return { [`filters[${field}][][type]`]: 'eq', [`filters[${field}][][value]`]: value };
}

/** Decodes an event body; a body that is not an event object is a bad response for this error only. */
export function bugsnagEventOf(data: unknown): ErrorEvent {
  if (
    typeof data !== 'object' ||
    data === null ||
    Array.isArray(data) ||
    !Array.isArray((data as Record<string, unknown>).exceptions)
  ) {
    throw new CulpritError('bad-response', 'the event is not a Bugsnag event object (no exceptions)');
  }
  return decodeBugsnagEvent(data);
}

/** The newest full event of `errorId` in `stage` (all stages when empty); `not-found` when there is none. */
export async function newestBugsnagEvent(
  http: HttpClient,
  projectId: string,
  errorId: string,
  stage: string,
  signal?: AbortSignal,
): Promise<ErrorEvent> {
  const res = await http.request({
    path: `/projects/${seg(projectId)}/events`,
    query: {
      ...bugsnagFilter('error', errorId),
      ...(stage ? bugsnagFilter('app.release_stage', stage) : {}),
      sort: 'timestamp',
      direction: 'desc',
      per_page: 1,
      full_reports: true,
    },
    signal,
  });
  if (!Array.isArray(res.data)) {
    throw new CulpritError('bad-response', `Bugsnag GET /projects/{id}/events did not return a list`);
  }
  const first = asArray(res.data)[0];
  if (first === undefined) {
    throw new CulpritError(
      'not-found',
      `no event of this error${stage ? ` in release stage "${stage}"` : ''} (it may be past the plan's retention)`,
    );
  }
  return bugsnagEventOf(first);
}
