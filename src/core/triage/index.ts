// The public surface of core/triage: what the extension, the CLI and the webview may use.
// Everything else in this folder is internal to core.
export { flattenFrames } from './frameSelection';
export { runTriage } from './runTriage';
export { triageSample } from './triageSample';
export { openTriageWorkspace } from './triageWorkspace';
export type { TriageWorkspace } from './triageWorkspace';
export { createDeadline } from '../util/deadline';
export { withRunSignal } from '../git/runSignal';
