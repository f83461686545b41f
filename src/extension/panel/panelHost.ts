/**
 * The extension's side of the detail panel: implements PanelActions over the store, the editor
 * features and the provider (issue actions, tag insights, fix verification), and remembers the
 * fixes being watched (workspace state, keyed by issue).
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { CulpritError } from '../../core/errors';
import type { IssueActionResult, IssueActions } from '../../core/actions';
import {
  describeFixStatus,
  toPanelModel,
  compareTagDistributions,
  distributionsFromEvents,
  fixReleaseAfter,
  type FixStatus,
  type FixWatch,
  type TagComparison,
  type PanelModel,
  type ResourceMetrics,
} from '../../core/insights';
import { hasIssueActions, issueActionsFor } from '../../core/registry';
import { writeRegressionTest } from '../../core/regression';
import type { IssueEntry, IssueStore } from '../state/issueStore';
import type { ProviderSetup } from '../sources/sourceFactory';
import type { FrameNavigator } from '../editor/frameNavigator';
import type { PanelActions } from './panelActions';
import type { PanelIssueAction } from './panelProtocol';
import { DetailPanel } from './detailPanel';
import { workspaceFileUri } from '../editor/frameLocation';
import { verificationHeadline, type BisectOutcome } from '../commands/verifyCommands';
import { shortSha } from '../../core/present';
import { MAX_COMMIT_FILES, type CommitFile } from '../editor/commitFiles';

const WATCHES = 'culprit.fixWatches';
/** Suspects whose changed files the panel lists (the others say so in their diff). */
const MAX_SUSPECT_FILES = 5;

export interface PanelHostDeps {
  extensionUri: vscode.Uri;
  store: IssueStore;
  navigator: FrameNavigator;
  state: vscode.Memento;
  provider: () => ProviderSetup | null;
  openSuspectDiff: (key: string, sha: string, file: string | null, line: number | null) => Promise<void>;
  /** The files a suspect commit changed (git), or null without git. */
  commitFiles: (key: string, sha: string) => Promise<CommitFile[] | null>;
  refresh: () => Promise<boolean>;
  log: (line: string) => void;
  /** Confirm by Bisect (commands/verifyCommands.ts). */
  confirmByBisect: (key: string) => Promise<BisectOutcome>;
  /** A watched fix's status changed: the tree's issue row shows it (`regressed: 3 events in 1.5.1`). */
  onFixStatus: (key: string) => void;
}

export class PanelHost implements PanelActions, vscode.Disposable {
  readonly panel: DetailPanel;
  private readonly fixes = new Map<string, FixStatus>();
  /** Files changed per `key\0sha`, read from git once. */
  private readonly files = new Map<string, CommitFile[]>();
  private readonly reading = new Set<string>();
  /** Metrics around each issue's event, queried once per panel session. */
  private readonly metrics = new Map<string, ResourceMetrics>();

  constructor(private readonly deps: PanelHostDeps) {
    this.panel = new DetailPanel(deps.extensionUri, this, { log: deps.log });
  }

  /** Opens the panel on an issue (from the tree, a hover link or a URI). */
  show(key: string): void {
    const entry = this.deps.store.get(key);
    if (!entry) return;
    const fix = this.fixes.get(key);
    const model = toPanelModel(entry.sample, entry.triage?.issue ?? null, {
      fixStatus: fix ?? null,
      triageError: entry.triageError,
      actionable: hasIssueActions(entry.sample.group.source),
    });
    const deploy = entry.triage?.issue.deploy;
    const running = this.deps.store.bisectProgress(key);
    this.panel.show({
      ...model,
      suspects: this.withFiles(key, model.suspects),
      canBisect: vscode.workspace.isTrusted && !!entry.triage?.gitRan && !!deploy?.from && !!deploy.to,
      canQueryResources: !!this.insightsFor(entry)?.resources,
      resources: this.metrics.get(key) ?? null,
      bisecting: running
        ? running.step > 0
          ? `step ${running.step}/${running.maxSteps} · ${running.phase} ${shortSha(running.sha)}`
          : 'preparing the scratch worktree…'
        : null,
    });
    if (this.watchOf(key)) void this.fixStatus(entry.sample.group.id, false).catch(() => undefined);
  }

  /** Re-renders the shown issue after its triage or the list changed. */
  refreshShown(): void {
    const id = this.panel.issueId;
    const entry = id ? this.entryOf(id, false) : undefined;
    if (entry) this.show(entry.key);
  }

  /** `no events in 6 h since 1.5.1` for the tree, when the issue's fix is watched and checked. */
  fixText(key: string): string | null {
    const s = this.fixes.get(key);
    return s ? describeFixStatus(s) : null;
  }

  private entryOf(issueId: string, must = true): IssueEntry | undefined {
    const selected = this.deps.store.selected;
    const entry =
      selected?.sample.group.id === issueId
        ? selected
        : this.deps.store.entries().find((e) => e.sample.group.id === issueId);
    if (!entry && must)
      throw new CulpritError('not-found', `issue ${issueId} is no longer listed; refresh the Culprit view`);
    return entry;
  }

  private watchOf(key: string): FixWatch | undefined {
    return this.deps.state.get<Record<string, FixWatch>>(WATCHES, {})[key];
  }

  private async setWatch(key: string, watch: FixWatch): Promise<void> {
    const all = { ...this.deps.state.get<Record<string, FixWatch>>(WATCHES, {}), [key]: watch };
    await this.deps.state.update(WATCHES, all);
  }

  private async dropWatch(key: string): Promise<void> {
    const all = { ...this.deps.state.get<Record<string, FixWatch>>(WATCHES, {}) };
    delete all[key];
    this.fixes.delete(key);
    this.deps.onFixStatus(key);
    await this.deps.state.update(WATCHES, all);
  }

  private issueActions(entry: IssueEntry): IssueActions {
    const setup = this.deps.provider();
    const source = setup?.source;
    if (entry.origin === 'file' || !setup || !source || source.id !== entry.sample.group.source) {
      throw new CulpritError(
        'invalid-input',
        'this error came from a pasted trace or file: resolve, ignore and assign need the provider it came from',
      );
    }
    const actions = issueActionsFor(source);
    if (actions) return actions;
    throw new CulpritError('invalid-input', `${source.id} issues cannot be changed from Culprit yet`);
  }

  /** The connected provider's insights, for an issue that came from it. */
  private insightsFor(entry: IssueEntry) {
    const setup = this.deps.provider();
    if (!setup || entry.origin === 'file' || setup.provider.id !== entry.sample.group.source) return null;
    return setup.provider.insights?.(setup.target) ?? null;
  }

  async openFrame(issueId: string, frameIndex: number): Promise<void> {
    await this.deps.navigator.open(this.entryOf(issueId)!.key, frameIndex, vscode.ViewColumn.One);
  }

  async openSuspectDiff(issueId: string, sha: string, file: string | null, line: number | null): Promise<void> {
    await this.deps.openSuspectDiff(this.entryOf(issueId)!.key, sha, file, line);
  }

  /** The suspects with the files each commit changed, read once per commit; re-renders when they arrive. */
  private withFiles(key: string, suspects: PanelModel['suspects']): PanelModel['suspects'] {
    const missing = suspects.slice(0, MAX_SUSPECT_FILES).filter((s) => !this.files.has(`${key}\0${s.sha}`));
    if (missing.length > 0 && !this.reading.has(key)) {
      this.reading.add(key);
      void Promise.all(
        missing.map(async (s) => {
          const files = await this.deps.commitFiles(key, s.sha).catch(() => null);
          this.files.set(`${key}\0${s.sha}`, files ?? []);
        }),
      ).finally(() => {
        this.reading.delete(key);
        if (this.panel.issueId === this.deps.store.get(key)?.sample.group.id) this.show(key);
      });
    }
    return suspects.map((s) => {
      const files = this.files.get(`${key}\0${s.sha}`);
      if (!files) return s;
      return {
        ...s,
        files: files.slice(0, MAX_COMMIT_FILES),
        moreFiles: Math.max(0, files.length - MAX_COMMIT_FILES),
      };
    });
  }

  async runIssueAction(issueId: string, action: PanelIssueAction): Promise<IssueActionResult> {
    const entry = this.entryOf(issueId)!;
    const actions = this.issueActions(entry);
    const result =
      action.kind === 'resolve'
        ? await actions.resolve(issueId)
        : action.kind === 'resolveInNextRelease'
          ? await actions.resolveInNextRelease(issueId)
          : action.kind === 'ignore'
            ? await actions.ignore(issueId)
            : await actions.assign(issueId, action.assignee);
    // A resolved issue is a fix to verify: watch it from now, in the release it was seen in.
    if (action.kind === 'resolve' || action.kind === 'resolveInNextRelease') {
      await this.setWatch(entry.key, {
        release: action.kind === 'resolve' ? entry.sample.group.release : null,
        since: new Date().toISOString(),
      });
    }
    void this.deps.refresh();
    if (action.kind === 'assign') {
      void vscode.window.showInformationMessage(`Culprit: ${result.message}`);
      return result;
    }
    // Resolve and ignore offer Undo: the issue goes back to unresolved, and the watch is dropped.
    void vscode.window.showInformationMessage(`Culprit: ${result.message}`, 'Undo').then(async (picked) => {
      if (picked !== 'Undo') return;
      try {
        const undone = await actions.reopen(issueId);
        await this.dropWatch(entry.key);
        void vscode.window.showInformationMessage(`Culprit: ${undone.message}`);
        void this.deps.refresh();
      } catch (e) {
        void vscode.window.showErrorMessage(`Culprit: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    return result;
  }

  async createRegressionTest(issueId: string): Promise<{ relPath: string }> {
    const entry = this.entryOf(issueId)!;
    const root = entry.triage?.root ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!root) throw new CulpritError('invalid-input', 'open the service folder first: the test is written into it');
    if (!entry.sample.event.request) throw new CulpritError('invalid-input', 'this event carries no request to replay');
    const written = writeRegressionTest(root, {
      issueId,
      title: entry.sample.group.title,
      request: entry.sample.event.request,
    });
    const uri = workspaceFileUri(entry, written.relPath) ?? vscode.Uri.file(path.join(root, written.relPath));
    await vscode.window.showTextDocument(uri, { preview: false, viewColumn: vscode.ViewColumn.One });
    return { relPath: written.relPath };
  }

  async whatDiffers(issueId: string): Promise<TagComparison> {
    const entry = this.entryOf(issueId)!;
    const window = { from: entry.sample.group.firstSeen, to: entry.sample.group.lastSeen };
    const insights = this.insightsFor(entry);
    if (insights) return insights.whatDiffers(issueId, window);
    const reason =
      entry.origin === 'file'
        ? 'this error came from a single pasted or opened event, so there is nothing to compare it with'
        : `${entry.sample.group.source} gives no tag distributions to compare with`;
    return compareTagDistributions(distributionsFromEvents([entry.sample.event]), {
      baseline: null,
      baselineInfo: { available: false, reason },
      window,
    });
  }

  async resources(issueId: string): Promise<ResourceMetrics> {
    const entry = this.entryOf(issueId)!;
    const query = this.insightsFor(entry)?.resources;
    if (!query) throw new CulpritError('invalid-input', `${entry.sample.group.source} has no host metrics to query`);
    const found = await query(entry.sample.event);
    this.metrics.set(entry.key, found);
    return found;
  }

  async fixStatus(issueId: string, startWatching: boolean): Promise<FixStatus> {
    const entry = this.entryOf(issueId)!;
    const firstRelease = entry.sample.group.firstRelease;
    if (startWatching) await this.setWatch(entry.key, { release: null, since: new Date().toISOString(), firstRelease });
    const kept = this.watchOf(entry.key);
    // The fix release is one after the issue's first release; until one exists, events since the
    // watch say "no fix release yet", never "regressed".
    const watch = kept && { ...kept, firstRelease, release: await this.fixRelease(firstRelease) };
    const insights = this.insightsFor(entry);
    let status: FixStatus;
    if (!watch) status = { kind: 'unknown', reason: 'no fix is watched for this issue yet' };
    else if (insights) status = await insights.fixStatus(issueId, watch);
    else status = { kind: 'unknown', reason: 'fix verification needs the provider the error came from' };
    this.fixes.set(entry.key, status);
    this.panel.updateFixStatus(issueId, status);
    this.deps.onFixStatus(entry.key);
    return status;
  }

  private async fixRelease(firstRelease: string | null): Promise<string | null> {
    const lister = this.deps.store.releaseLister;
    if (!lister || !firstRelease) return null;
    const releases = await lister.lister.listReleases(AbortSignal.timeout(15_000)).catch(() => []);
    return fixReleaseAfter(firstRelease, releases);
  }

  async confirmByBisect(issueId: string): Promise<{ status: string | null; message: string }> {
    const outcome = await this.deps.confirmByBisect(this.entryOf(issueId)!.key);
    switch (outcome.kind) {
      case 'done':
        return { status: outcome.verification.status, message: verificationHeadline(outcome.verification) };
      case 'cancelled':
        return { status: null, message: 'Cancelled: the scratch worktree was removed.' };
      case 'refused':
      case 'failed':
        throw new CulpritError('invalid-input', outcome.message);
    }
  }

  async openExternal(url: string): Promise<void> {
    if (!/^https?:\/\//i.test(url))
      throw new CulpritError('invalid-input', 'only http(s) links open outside the editor');
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  dispose(): void {
    this.panel.dispose();
  }
}
