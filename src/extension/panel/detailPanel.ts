/** The issue detail panel: one reused webview panel, the typed protocol, and the actions port. */
import * as vscode from 'vscode';
import { describeFixStatus, type FixStatus, type PanelModel } from '../../core/insights';
import type { PanelActions } from './panelActions';
import { createNonce, renderShell } from './panelHtml';
import { type HostToView, type ResponseResults, type ViewRequest, parseViewMessage } from './panelProtocol';

/** View type of the panel (register a serializer under this id to restore it after reload). */
export const DETAIL_PANEL_VIEW_TYPE = 'culprit.issueDetail';

export interface DetailPanelOptions {
  /** One line per dropped message or failed request (never message bodies). */
  log?: (line: string) => void;
  /** Asks before resolving or ignoring; default a modal warning. Tests may pass their own. */
  confirmAction?: (kind: 'resolve' | 'resolveInNextRelease' | 'ignore', title: string) => Promise<boolean>;
}

/**
 * Owns at most one `WebviewPanel`: `show` creates it or reveals it with the new issue. The model
 * is posted only after the view's `ready` (sent again whenever VS Code re-creates a hidden
 * view, since `retainContextWhenHidden` is off), and every inbound message is validated.
 */
export class DetailPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | null = null;
  private model: PanelModel | null = null;
  private ready = false;
  private readonly panelDisposables: vscode.Disposable[] = [];
  private readonly bundleRoot: vscode.Uri;

  constructor(
    extensionUri: vscode.Uri,
    private readonly actions: PanelActions,
    private readonly options: DetailPanelOptions = {},
  ) {
    this.bundleRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  }

  /** The issue shown, or null when the panel is closed. */
  get issueId(): string | null {
    return this.panel ? (this.model?.issueId ?? null) : null;
  }

  /** The model last posted (tests read what the view was given). */
  get shownModel(): PanelModel | null {
    return this.panel ? this.model : null;
  }

  /** Shows `model` (creating or revealing the panel). */
  show(model: PanelModel, column: vscode.ViewColumn = vscode.ViewColumn.Beside): void {
    this.model = model;
    if (this.panel) {
      this.panel.title = panelTitle(model);
      // Reuse the panel where it is: revealing "beside" again would open yet another editor group.
      this.panel.reveal(this.panel.viewColumn ?? column, false);
      this.post({ type: 'render', model });
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      DETAIL_PANEL_VIEW_TYPE,
      panelTitle(model),
      { viewColumn: column, preserveFocus: false },
      {
        enableScripts: true,
        retainContextWhenHidden: false,
        localResourceRoots: [this.bundleRoot],
      },
    );
    this.attach(panel);
  }

  /**
   * Adopts a panel VS Code restored after a reload (from a `WebviewPanelSerializer`); the view
   * re-renders from its saved state and the host re-posts once `show` gives it a model.
   */
  revive(panel: vscode.WebviewPanel, state?: unknown): void {
    this.disposePanel();
    panel.webview.options = { enableScripts: true, localResourceRoots: [this.bundleRoot] };
    // The view saved its model with setState: knowing its issue lets the host re-post fresh data
    // as soon as that issue is listed again, so a reload shows the same issue, current.
    const saved = (state as { model?: { issueId?: unknown } } | undefined)?.model;
    if (saved && typeof saved.issueId === 'string' && saved.issueId.length <= 512) this.model = saved as PanelModel;
    this.attach(panel);
  }

  /** Pushes a new fix status for the shown issue (e.g. after a refresh). */
  updateFixStatus(issueId: string, status: FixStatus): void {
    if (this.model?.issueId !== issueId) return;
    const text = describeFixStatus(status);
    this.model = { ...this.model, fixStatus: { status, text } };
    this.post({ type: 'fixStatus', issueId, status, text });
  }

  dispose(): void {
    this.disposePanel();
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m), null, this.panelDisposables);
    panel.onDidDispose(() => this.disposePanel(), null, this.panelDisposables);
    // A fresh nonce per render: a hidden panel that VS Code re-creates gets the same HTML again,
    // which is fine, but a new `html` assignment always carries a new nonce.
    panel.webview.html = renderShell(panel.webview, createNonce(), this.bundleRoot);
  }

  private disposePanel(): void {
    const p = this.panel;
    this.panel = null;
    this.ready = false;
    while (this.panelDisposables.length) this.panelDisposables.pop()?.dispose();
    p?.dispose();
  }

  private post(msg: HostToView): void {
    if (!this.panel || !this.ready) return; // sent on `ready` instead
    void this.panel.webview.postMessage(msg);
  }

  private async receive(raw: unknown): Promise<void> {
    const msg = parseViewMessage(raw);
    if (!msg) {
      this.options.log?.('detail panel: dropped an invalid message from the webview');
      return;
    }
    if (msg.type === 'ready') {
      this.ready = true;
      if (this.model) this.post({ type: 'render', model: this.model });
      return;
    }
    try {
      const result = await this.handle(msg);
      this.post({ type: 'response', requestId: msg.requestId, ok: true, result });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      this.options.log?.(`detail panel: ${msg.type} failed: ${error}`);
      this.post({ type: 'response', requestId: msg.requestId, ok: false, error });
    }
  }

  private async handle(msg: ViewRequest): Promise<ResponseResults[ViewRequest['type']]> {
    const model = this.model;
    if (!model) throw new Error('no issue is shown');
    if (msg.type !== 'openExternal' && msg.issueId !== model.issueId)
      throw new Error('the panel now shows another issue');
    switch (msg.type) {
      case 'openFrame':
        if (msg.frameIndex >= model.frames.length) throw new Error('no such frame');
        await this.actions.openFrame(msg.issueId, msg.frameIndex);
        return null;
      case 'openSuspectDiff':
        if (!model.suspects.some((s) => s.sha === msg.sha)) throw new Error('no such suspect');
        await this.actions.openSuspectDiff(msg.issueId, msg.sha, msg.file, msg.line);
        return null;
      case 'issueAction': {
        if (!model.actionable)
          throw new Error(`issues from ${model.providerLabel} cannot be resolved, ignored or assigned`);
        // Resolve and ignore change the issue for the whole team: never one click (and Undo follows).
        const kind = msg.action.kind;
        if (kind === 'resolve' || kind === 'resolveInNextRelease' || kind === 'ignore') {
          const ok = await (this.options.confirmAction ?? confirmAction)(kind, model.title);
          if (!ok) throw new Error(`${kind === 'ignore' ? 'ignore' : 'resolve'} cancelled`);
        }
        const res = await this.actions.runIssueAction(msg.issueId, msg.action);
        return { message: res.message, status: res.status };
      }
      case 'createRegressionTest':
        return this.actions.createRegressionTest(msg.issueId);
      case 'whatDiffers':
        return this.actions.whatDiffers(msg.issueId);
      case 'resources': {
        if (!model.canQueryResources) throw new Error(`${model.providerLabel} has no host metrics to query`);
        const resources = await this.actions.resources(msg.issueId);
        // Kept, so a re-render of the same issue does not query again.
        this.model = { ...model, resources };
        return resources;
      }
      case 'fixStatus': {
        const status = await this.actions.fixStatus(msg.issueId, msg.startWatching);
        const text = describeFixStatus(status);
        this.model = { ...model, fixStatus: { status, text } };
        return { status, text };
      }
      case 'confirmByBisect':
        if (!model.canBisect) throw new Error('Confirm by Bisect needs a trusted repository and a deploy range');
        return this.actions.confirmByBisect(msg.issueId);
      case 'openExternal':
        // Only the provider link the host itself put in the model may leave the editor.
        if (msg.url !== model.providerUrl) throw new Error('only the issue link can be opened');
        await this.actions.openExternal(msg.url);
        return null;
      default: {
        const never: never = msg;
        throw new Error(`unhandled request ${String((never as { type?: unknown }).type)}`);
      }
    }
  }
}

function panelTitle(model: PanelModel): string {
  const t = model.title.replace(/\s+/g, ' ');
  return `Culprit: ${t.length > 40 ? `${t.slice(0, 39)}…` : t}`;
}

const CONFIRM_TEXT = {
  resolve: ['Resolve', 'It is marked resolved for everyone on the project.'],
  resolveInNextRelease: ['Resolve in Next Release', 'It reopens if the next release reports it again.'],
  ignore: ['Ignore', 'It will stop alerting until it is un-ignored in the provider.'],
} as const;

async function confirmAction(kind: keyof typeof CONFIRM_TEXT, title: string): Promise<boolean> {
  const [verb, effect] = CONFIRM_TEXT[kind];
  const pick = await vscode.window.showWarningMessage(
    `${verb} "${title.slice(0, 120)}"? ${effect}`,
    { modal: true },
    verb,
  );
  return pick === verb;
}
