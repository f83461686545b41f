/** Every command, view and context-key id in one place; package.json declares the same strings. */
export const VIEW_ERRORS = 'culprit.errors';

export const CMD = {
  refresh: 'culprit.refresh',
  /** Refresh under the name an error row's button gives it. */
  retry: 'culprit.retry',
  connectSentry: 'culprit.connectSentry',
  disconnectSentry: 'culprit.disconnectSentry',
  connectDatadog: 'culprit.connectDatadog',
  disconnectDatadog: 'culprit.disconnectDatadog',
  connectBugsnag: 'culprit.connectBugsnag',
  disconnectBugsnag: 'culprit.disconnectBugsnag',
  openErrorById: 'culprit.openErrorById',
  pasteStackTrace: 'culprit.pasteStackTrace',
  openEventFile: 'culprit.openEventFile',
  triageEditor: 'culprit.triageEditor',
  triageSample: 'culprit.triageSample',
  getStarted: 'culprit.getStarted',
  openFrame: 'culprit.openFrame',
  selectIssue: 'culprit.selectIssue',
  openDetails: 'culprit.openDetails',
  showSuspects: 'culprit.showSuspects',
  openSuspectDiff: 'culprit.openSuspectDiff',
  copyIssueLink: 'culprit.copyIssueLink',
  openInProvider: 'culprit.openInProvider',
  addPathMapping: 'culprit.addPathMapping',
  showLog: 'culprit.showLog',
  toggleDecorations: 'culprit.toggleDecorations',
  copyAsMarkdown: 'culprit.copyAsMarkdown',
  openDeployedFile: 'culprit.openDeployedFile',
  setDeployRange: 'culprit.setDeployRange',
  nextFrame: 'culprit.nextFrame',
  filterIssues: 'culprit.filterIssues',
  sortIssues: 'culprit.sortIssues',
  loadMore: 'culprit.loadMore',
  previousFrame: 'culprit.previousFrame',
  confirmByBisect: 'culprit.confirmByBisect',
  cancelBisect: 'culprit.cancelBisect',
  cancelRefresh: 'culprit.cancelRefresh',
} as const;

export type CommandId = (typeof CMD)[keyof typeof CMD];

/** Commands a hover may link to: markdown is trusted for these and nothing else. */
export const HOVER_COMMANDS: readonly CommandId[] = [
  CMD.openDetails,
  CMD.openSuspectDiff,
  CMD.showSuspects,
  CMD.openInProvider,
  CMD.copyIssueLink,
  CMD.openFrame,
  CMD.copyAsMarkdown,
  CMD.openDeployedFile,
  CMD.confirmByBisect,
];

export const CONTEXT = {
  configured: 'culprit.configured',
  untrusted: 'culprit.untrusted',
  hasIssues: 'culprit.hasIssues',
  /** A stack-line hover was shown (the walkthrough's "read the hover" step). */
  hoverShown: 'culprit.hoverShown',
  /** A frame's file was opened, from the tree, a hover, the panel or Next Frame (the walkthrough's step). */
  frameOpened: 'culprit.frameOpened',
  /** A suspect was checked: its diff opened or a bisect started (the walkthrough's last step). */
  suspectChecked: 'culprit.suspectChecked',
  /** A provider refresh is listing or triaging (the view title shows Stop Refresh). */
  refreshing: 'culprit.refreshing',
} as const;

/** Read-only documents of a file at a commit, for the suspect diff. */
export const GIT_SCHEME = 'culprit-git';
