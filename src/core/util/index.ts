// The public surface of core/util: what the extension, the CLI and the webview may use.
// Everything else in this folder is internal to core.
export { escapeRegExp } from './escapeRegExp';
export { createDeadline } from './deadline';
