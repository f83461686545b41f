// The public surface of core/insights: what the extension, the CLI and the webview may use.
// Everything else in this folder is internal to core.
export { describeFixStatus, fixReleaseAfter } from './fixStatus';
export type { FixStatus, FixWatch } from './fixStatus';
export { toPanelModel } from './panelModel';
export type { PanelFrame, PanelModel, PanelRequest, PanelSuspect } from './panelModel.types';
export { compareTagDistributions, distributionsFromEvents } from './tagComparison';
export type { TagComparison } from './tagComparison.types';
export type { ResourceMetrics, ResourceSeries } from './resourceContext.types';
export { bytesText } from './runtimeContext';
