// The public surface of core/http: what the extension, the CLI and the webview may use.
// Everything else in this folder is internal to core.
export { createRedactor, secretVariants } from './secretRedactor';
export type { Redactor } from './secretRedactor';
