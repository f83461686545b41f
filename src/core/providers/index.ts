// The public surface of core/providers: what the extension, the CLI and the webview may use.
// Everything else in this folder is internal to core.
export { DATADOG_SITES } from './datadog/datadogSites';
export type { ErrorSource, ListTotal, ProviderRelease, ReleaseLister, SampleList } from './errorSource';
export { EVENT_ID_FORMS, createEventLookupSource } from './eventLookup';
export type { EventLookupTarget } from './eventLookup';
export { MAX_EVENT_BYTES, readBounded, tooLargeMessage } from './file/boundedRead';
export { MAX_INPUT_CHARS } from './file/eventFileParser';
export { createFileSource } from './file/fileSource';
export type { SentrySuspectCommit } from './sentry/sentry.types';
