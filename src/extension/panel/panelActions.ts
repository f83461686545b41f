/** The port the detail panel calls for everything outside the webview; the extension implements it. */
import type { IssueActionResult } from '../../core/actions';
import type { FixStatus, ResourceMetrics, TagComparison } from '../../core/insights';
import type { PanelIssueAction } from './panelProtocol';

/**
 * What the panel needs from the extension. Every method may throw; the panel turns the error's
 * message into the failing button's status line (so throw CulpritErrors with human messages).
 * `issueId` is always the id of the issue the panel currently shows (the panel checks).
 */
export interface PanelActions {
  /**
   * Opens the frame at `frameIndex` of `TriagedIssue.frames` (same order as `PanelModel.frames`) in an editor at its
   * line.
   */
  openFrame(issueId: string, frameIndex: number): Promise<void>;
  /** Shows the suspect commit's diff, focused on `file`/`line` when given (workspace-relative path). */
  openSuspectDiff(issueId: string, sha: string, file: string | null, line: number | null): Promise<void>;
  /**
   * Runs resolve / resolve in next release / ignore / assign through the provider's IssueActions.
   * The panel has already asked the user to confirm `ignore`; this should refresh the tree too.
   */
  runIssueAction(issueId: string, action: PanelIssueAction): Promise<IssueActionResult>;
  /**
   * Writes a regression test from the issue's request (`writeRegressionTest`), opens it, returns its workspace path.
   */
  createRegressionTest(issueId: string): Promise<{ relPath: string }>;
  /** The "what differs" comparison (provider tag insights); may be slow, the panel shows progress. */
  whatDiffers(issueId: string): Promise<TagComparison>;
  /** Host or container metrics around the error (the provider's insights); failures say so in the result. */
  resources(issueId: string): Promise<ResourceMetrics>;
  /**
   * The fix status of the issue. `startWatching` true means the user pressed "Watch fix": record
   * the watch (release = the next/last release, since = now) before answering.
   */
  fixStatus(issueId: string, startWatching: boolean): Promise<FixStatus>;
  /** Runs Confirm by Bisect on the issue (progress in a notification); resolves when it ends. */
  confirmByBisect(issueId: string): Promise<{ status: string | null; message: string }>;
  /** Opens an http(s) URL outside the editor (the panel only passes the model's provider link). */
  openExternal(url: string): Promise<void>;
}
