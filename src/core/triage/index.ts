// The public surface of core/triage: what the extension, the CLI and the webview may use.
// Everything else in this folder is internal to core.
export { flattenFrames } from './frameSelection';
export { runTriage } from './runTriage';
export { triageSample } from './triageSample';
export { openTriageWorkspace } from './triageWorkspace';
export type { TriageWorkspace } from './triageWorkspace';
export { createDeadline } from '../util/deadline';
export { withRunSignal } from '../git/runSignal';
// An event file's source, without the providers' index: that one also loads the HTTP clients, which a
// triage of a file never uses (the CLI's triage chunk then leaves axios out).
export { readBounded } from '../providers/file/boundedRead';
export { createFileSource } from '../providers/file/fileSource';
