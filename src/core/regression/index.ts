// The public surface of core/regression: what the extension, the CLI and the webview may use.
// Everything else in this folder is internal to core.
export { writeRegressionTest } from './regressionTestWriter';
