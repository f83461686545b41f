// The public surface of core/stack: what the extension, the CLI and the webview may use.
// Everything else in this folder is internal to core.
export { functionBaseName } from './functionName';
