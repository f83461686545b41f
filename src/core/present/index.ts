// The public surface of core/present: what the extension, the CLI and the webview may use.
// Everything else in this folder is internal to core.
export { changedSinceText } from './changedSince';
export { placementText } from './placement';
export { msUntilRelativeTimeChanges, relativeTime } from './relativeTime';
export { issueMarkdown, remoteFileUrl, remoteWebUrl } from './issueMarkdown';
export {
  authorName,
  clipAtWord,
  errorType,
  frameLabel,
  frameLocation,
  frameShortLocation,
  inlineText,
  isMoreLinksReason,
  issueDescription,
  noSuspectsReason,
  probabilityText,
  releaseLabel,
  shortSha,
  suspectRow,
  verdictText,
} from './issueSummary';
