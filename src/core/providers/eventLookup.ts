/**
 * "Open an error by ID": one entry point over the providers' own lookups, so front ends (the CLI's
 * `--event-id`, the extension's "Open Error by ID…") need not know how each provider finds an event.
 */
import { CulpritError } from '../errors';
import type { ErrorSample } from '../model/group.types';
import type { BugsnagSourceOptions } from './bugsnag/bugsnag.types';
import { createBugsnagSource } from './bugsnag/bugsnagSource';
import { type DatadogLookupOptions, lookupDatadogEvent } from './datadog/datadogEventLookup';
import type { ErrorSource, ListOptions, SampleList } from './errorSource';
import { lookupSentryEvent } from './sentry/sentryEventLookup';
import type { SentrySourceOptions } from './sentry/sentry.types';

/** Which provider to ask, with the same options its `ErrorSource` takes. */
export type EventLookupTarget =
  | { provider: 'sentry'; options: SentrySourceOptions }
  | { provider: 'datadog'; options: DatadogLookupOptions }
  | { provider: 'bugsnag'; options: BugsnagSourceOptions };

/** What each provider accepts as an ID, for prompts and help text. */
export const EVENT_ID_FORMS: Record<EventLookupTarget['provider'], string> = {
  sentry: 'a Sentry event ID (32 hex digits) or an issue short ID like ORDERS-API-1K',
  datadog: 'a request or correlation ID (@http.request_id, @correlation_id), a trace ID, or text found in an error log',
  bugsnag: 'a Bugsnag event ID (24 hex digits, from the event URL)',
};

/**
 * Finds the error event with this ID and returns it as a sample (its group, the event, the deploy
 * range hint). Rejects with a CulpritError: `invalid-input` for an ID the provider cannot have
 * issued, `not-found` naming the ID and where it looked, or the HTTP reasons (`auth`, `rate-limited`…).
 *
 * @example
 * const target: EventLookupTarget = { provider: 'sentry', options: { token, org: 'acme', projects: [] } };
 * const sample = await lookupEventById(target, 'ORDERS-API-1K');
 */
export async function lookupEventById(
  target: EventLookupTarget,
  id: string,
  signal?: AbortSignal,
): Promise<ErrorSample> {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new CulpritError(
      'invalid-input',
      `no event ID given; paste ${EVENT_ID_FORMS[target.provider] ?? 'an event ID'}`,
    );
  }
  switch (target.provider) {
    case 'sentry':
      return lookupSentryEvent(target.options, id, signal);
    case 'datadog':
      return lookupDatadogEvent(target.options, id, signal);
    case 'bugsnag':
      return createBugsnagSource(target.options).lookupEvent(id, signal);
    default:
      throw new CulpritError(
        'invalid-input',
        `unknown provider '${String((target as { provider?: unknown }).provider)}' for an event lookup`,
      );
  }
}

/**
 * An `ErrorSource` that yields the one looked-up event, so the usual pipeline (`runTriage`)
 * resolves its frames and ranks suspects. A failed lookup rejects `listSamples` (whole-source).
 */
export function createEventLookupSource(target: EventLookupTarget, id: string): ErrorSource {
  return {
    id: target.provider,
    async listSamples(options: ListOptions): Promise<SampleList> {
      if (options.limit < 1) return { samples: [], failures: [] };
      return { samples: [await lookupEventById(target, id, options.signal)], failures: [] };
    },
  };
}
