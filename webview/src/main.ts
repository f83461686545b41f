/** The detail panel's webview entry: one transport, saved state, and the render of a model. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { PanelModel, TagComparison } from '../../src/core/insights';
import {
  type ResponseResults,
  type ViewRequest,
  type ViewToHost,
  parseHostMessage,
} from '../../src/extension/panel/panelProtocol';
import { el } from './dom';
import {
  type InsightHandlers,
  renderActions,
  renderComparison,
  renderWhatDiffersSection,
  setFixStatus,
  setStatus,
} from './renderInsights';
import {
  type IssueHandlers,
  renderBreadcrumbs,
  renderContext,
  renderHeader,
  renderRequest,
  renderStack,
  renderSuspects,
} from './renderIssue';
import { type VerificationHandlers, renderVerification } from './renderVerification';
import { renderResources, showResourceMetrics } from './renderResources';

interface VsCodeApi {
  postMessage(msg: ViewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let model: PanelModel | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

type RequestBody = ViewRequest extends infer R ? (R extends ViewRequest ? Omit<R, 'requestId'> : never) : never;

/** Sends a request and resolves with the host's typed answer. */
function request<T extends ViewRequest['type']>(msg: Extract<RequestBody, { type: T }>): Promise<ResponseResults[T]> {
  const requestId = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(requestId, { resolve: resolve as (v: unknown) => void, reject });
    vscode.postMessage({ ...msg, requestId } as ViewToHost);
  });
}

/** Runs a request from a button: disabled while pending, outcome in the status line. */
async function fromButton<T>(
  b: HTMLElement | null,
  busy: string,
  run: () => Promise<T>,
  done: (r: T) => string | null,
): Promise<void> {
  b?.setAttribute('disabled', '');
  setStatus(busy);
  try {
    const r = await run();
    const text = done(r);
    if (text !== null) setStatus(text);
  } catch (e) {
    setStatus(e instanceof Error ? e.message : String(e), true);
  } finally {
    b?.removeAttribute('disabled');
  }
}

function issueId(): string {
  if (!model) throw new Error('no issue');
  return model.issueId;
}

const issueHandlers: IssueHandlers = {
  openFrame: (frameIndex) =>
    void fromButton(
      null,
      'Opening frame…',
      () => request<'openFrame'>({ type: 'openFrame', issueId: issueId(), frameIndex }),
      () => '',
    ),
  openSuspectDiff: (s) =>
    void fromButton(
      null,
      `Opening ${s.shortSha}…`,
      () =>
        request<'openSuspectDiff'>({
          type: 'openSuspectDiff',
          issueId: issueId(),
          sha: s.sha,
          file: s.file,
          line: s.line,
        }),
      () => '',
    ),
  openProvider: () => {
    const url = model?.providerUrl;
    if (url)
      void fromButton(
        null,
        '',
        () => request<'openExternal'>({ type: 'openExternal', url }),
        () => '',
      );
  },
};

const insightHandlers: InsightHandlers = {
  issueAction: (action, b) =>
    void fromButton(
      b,
      'Working…',
      () => request<'issueAction'>({ type: 'issueAction', issueId: issueId(), action }),
      (r) => r.message,
    ),
  createRegressionTest: (b) =>
    void fromButton(
      b,
      'Writing the regression test…',
      () => request<'createRegressionTest'>({ type: 'createRegressionTest', issueId: issueId() }),
      (r) => `Created ${r.relPath}`,
    ),
  watchFix: (b) =>
    void fromButton(
      b,
      'Checking events since the fix…',
      () => request<'fixStatus'>({ type: 'fixStatus', issueId: issueId(), startWatching: true }),
      (r) => {
        setFixStatus(r.status.kind, r.text);
        save({ fixStatus: r });
        return 'Watching this fix.';
      },
    ),
  whatDiffers: (b) =>
    void fromButton(
      b,
      'Comparing failing events with the baseline…',
      () => request<'whatDiffers'>({ type: 'whatDiffers', issueId: issueId() }),
      (c: TagComparison) => {
        const body = document.getElementById('what-differs-body');
        body?.replaceChildren(renderComparison(c));
        save({ comparison: c });
        return '';
      },
    ),
};

const verificationHandlers: VerificationHandlers = {
  confirmByBisect: (b) =>
    void fromButton(
      b,
      'Bisecting the deploy range (progress in the notification)…',
      () => request<'confirmByBisect'>({ type: 'confirmByBisect', issueId: issueId() }),
      (r) => r.message,
    ),
};

/** Queries the metrics around the error once per issue; the section says what came back or why not. */
let resourcesAsked: string | null = null;
function loadResources(m: PanelModel): void {
  if (m.resources) return showResourceMetrics(m.resources);
  if (!m.canQueryResources || resourcesAsked === m.issueId) return;
  resourcesAsked = m.issueId;
  const id = m.issueId;
  request<'resources'>({ type: 'resources', issueId: id }).then(
    (r) => {
      if (model?.issueId !== id) return;
      save({ resources: r });
      showResourceMetrics(r);
    },
    (e: unknown) => {
      resourcesAsked = null;
      if (model?.issueId === id) showResourceMetrics(e instanceof Error ? e : new Error(String(e)));
    },
  );
}

function save(patch: Partial<PanelModel>): void {
  if (!model) return;
  model = { ...model, ...patch };
  vscode.setState({ model });
}

function render(next: PanelModel): void {
  // A re-render of the same issue (a refresh landed) keeps what the user already did here: the
  // last action's outcome, the comparison they loaded and the fix status.
  const same = model?.issueId === next.issueId;
  const status = same ? document.getElementById('action-status') : null;
  const kept = status ? { text: status.textContent ?? '', error: status.classList.contains('error') } : null;
  const m: PanelModel =
    same && model
      ? {
          ...next,
          comparison: next.comparison ?? model.comparison,
          fixStatus: next.fixStatus ?? model.fixStatus,
          resources: next.resources ?? model.resources,
        }
      : next;
  model = m;
  vscode.setState({ model: m });
  const app = document.getElementById('app');
  if (!app) return;
  const context = renderContext(m);
  const verification = renderVerification(m, verificationHandlers);
  const resources = renderResources(m);
  app.replaceChildren(
    renderHeader(m, issueHandlers),
    renderActions(m, insightHandlers),
    ...(context ? [context] : []),
    ...(resources ? [resources] : []),
    renderStack(m, issueHandlers),
    ...(verification ? [verification] : []),
    renderSuspects(m, issueHandlers),
    renderWhatDiffersSection(m, insightHandlers),
    renderRequest(m.request),
    renderBreadcrumbs(m),
  );
  app.setAttribute('data-issue-id', m.issueId);
  if (kept?.text) setStatus(kept.text, kept.error);
  loadResources(m);
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg = parseHostMessage(event.data);
  if (!msg) return;
  switch (msg.type) {
    case 'render':
      render(msg.model);
      return;
    case 'response': {
      const p = pending.get(msg.requestId);
      if (!p) return;
      pending.delete(msg.requestId);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error));
      return;
    }
    case 'fixStatus':
      if (model && msg.issueId === model.issueId) {
        setFixStatus(msg.status.kind, msg.text);
        save({ fixStatus: { status: msg.status, text: msg.text } });
      }
      return;
    default: {
      const never: never = msg;
      void never;
    }
  }
});

// Restore the last render at once (the view is re-created when hidden), then ask for fresh data.
const saved = vscode.getState() as { model?: PanelModel } | undefined;
if (saved?.model && typeof saved.model.issueId === 'string') {
  try {
    render(saved.model);
  } catch {
    document.getElementById('app')?.replaceChildren(el('p', { text: 'Loading issue…' }));
  }
}
vscode.postMessage({ type: 'ready' });
