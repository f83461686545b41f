// The public surface of core/model: what the extension, the CLI and the webview may use.
// Everything else in this folder is internal to core.
export type { RawFrame } from './event.types';
export type { ErrorSample } from './group.types';
export type { Suspect, TriageReport, TriagedFrame, TriagedIssue, Verification } from './triage.types';
