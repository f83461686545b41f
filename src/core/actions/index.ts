// The public surface of core/actions: what the extension, the CLI and the webview may use.
// Everything else in this folder is internal to core.
export type { IssueActionResult, IssueActions } from './issueActions';
