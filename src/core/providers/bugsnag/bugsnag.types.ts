import type { HttpLogger, HttpTuning, RequestEvent } from '../../http/http.types';
import type { ErrorSample } from '../../model/group.types';
import type { ErrorSource, ReleaseLister } from '../errorSource';

/** Everything needed to read production errors from one Bugsnag project (Data Access API v2). */
export interface BugsnagSourceOptions {
  /** Default `https://api.bugsnag.com` (Insight Hub: `https://api.bugsnag.smartbear.com`); or an on-premise API URL. */
  baseUrl?: string;
  /** Dashboard origin of an on-premise install, for issue links (default: the API URL). */
  appUrl?: string;
  /** The project's notifier API key, when known: one starting with `00000` selects the Insight Hub hosts. */
  apiKey?: string;
  /** Personal auth token (`Authorization: token …`). Secret. */
  token: string;
  /** Project id (24 hex digits) or slug/name; a slug is resolved through organizations → projects. */
  project: string;
  /** Release stage filter (`app.release_stage`); default `production`; an empty string means all stages. */
  stage?: string;
  /** Only errors with unhandled events (default false: an error handler that answers 500 reports them as handled). */
  unhandledOnly?: boolean;
  /** Errors per page (default 30, max 100). */
  perPage?: number;
  /** HTTP limits and retries. */
  http?: HttpTuning & { onRequest?: (event: RequestEvent) => void };
  /** One line per request, secrets redacted. */
  logger?: HttpLogger;
}

/** The Bugsnag `ErrorSource`, plus lookup of one event by its id. */
export interface BugsnagSource extends ErrorSource, ReleaseLister {
  readonly id: 'bugsnag';
  /** The event with this id (from a dashboard link or an error response), with its error as the group. */
  lookupEvent(eventId: string, signal?: AbortSignal): Promise<ErrorSample>;
}
