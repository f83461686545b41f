// The public surface of core/resolve: what the extension, the CLI and the webview may use.
// Everything else in this folder is internal to core.
export { confineToRoot } from './confine';
export type { PathMapping } from './resolve.types';
