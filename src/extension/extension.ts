/**
 * Activation: builds each feature once, hands it its dependencies, and pushes one owner of every
 * disposable into the context. Business logic lives in src/core; this file only wires.
 */
import * as vscode from 'vscode';
import { CMD, CONTEXT, GIT_SCHEME, VIEW_ERRORS } from './constants';
import { affects, readConfig, readFolderConfig, updateSetting, type CulpritConfig } from './settings';
import { ExtensionLog } from './log';
import { Secrets } from './secrets';
import { PROVIDERS } from '../core/registry';
import { Workspaces } from './state/workspaces';
import { IssueStore } from './state/issueStore';
import { buildSource } from './sources/sourceFactory';
import { ErrorsTreeProvider } from './tree/errorsTreeProvider';
import { StatusNode, type ErrorTreeNode } from './tree/errorNodes';
import { StackLineIndex } from './editor/stackLines';
import { StackDecorations } from './editor/stackDecorations';
import { StackHoverProvider } from './editor/stackHoverProvider';
import { FrameNavigator } from './editor/frameNavigator';
import { GitContentProvider, openDeployedFile, openSuspectDiff } from './editor/suspectDiff';
import { commitFiles } from './editor/commitFiles';
import { StackCodeLensProvider } from './editor/stackCodeLens';
import { SORT_LABELS, type IssueSort } from './tree/issueListView';
import { DEFAULT_DEPLOY_KEY, savedDeployPick, setDeployRange } from './commands/deployCommands';
import { NewErrorsStatus } from './statusBar';
import { RefreshScheduler } from './refreshScheduler';
import { CulpritUriHandler } from './uriHandler';
import { connectBugsnag, connectDatadog, connectSentry, disconnect } from './commands/connectCommands';
import { openErrorById } from './commands/openByIdCommand';
import type { ProviderSetup } from './sources/sourceFactory';
import { PanelHost } from './panel/panelHost';
import { DETAIL_PANEL_VIEW_TYPE } from './panel/detailPanel';
import { withCancellableProgress, type ProgressStep } from './progress';
import {
  isPasteEditor,
  openEventFile,
  pasteStackTrace,
  triageActiveEditor,
  triageSample,
} from './commands/inputCommands';
import { addPathMapping, copyAsMarkdown, copyIssueLink, openInProvider } from './commands/issueCommands';
import { cancelBisect, confirmByBisect } from './commands/verifyCommands';

/** What activate() returns: the live model, for the extension-host tests and other extensions. */
export interface CulpritApi {
  readonly store: IssueStore;
  readonly panels: PanelHost;
  readonly tree: ErrorsTreeProvider;
  readonly secrets: Secrets;
  /** Folder of the log channel's file (tests read it to prove nothing secret was logged). */
  readonly logUri: vscode.Uri;
  readonly lines: StackLineIndex;
  readonly decorations: StackDecorations;
  readonly status: NewErrorsStatus;
  readonly codeLens: StackCodeLensProvider;
  refresh(): Promise<boolean>;
  /** The URI handler itself: a web workbench cannot route vscode:// links to it from inside a test. */
  handleUri(uri: vscode.Uri): Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<CulpritApi> {
  const started = Date.now();
  const subs = context.subscriptions;
  const log = new ExtensionLog();
  subs.push(log);
  const secrets = new Secrets(context.secrets, log);
  let config: CulpritConfig = readConfig();
  let setupMessage: string | null = null;
  let providerSetup: ProviderSetup | null = null;

  const workspaces = new Workspaces();
  const store = new IssueStore(
    workspaces,
    () => ({
      mappings: config.pathMappings,
      tagPattern: config.deployTagPattern,
      issueLimit: config.issueLimit,
      timeoutSeconds: config.timeoutSeconds,
      folderOptions: (folder) => {
        const own = readFolderConfig(folder.uri);
        return { mappings: own.pathMappings, tagPattern: own.deployTagPattern };
      },
    }),
    log,
  );
  const savedDeploy = context.workspaceState.get<unknown>(DEFAULT_DEPLOY_KEY);
  store.defaultDeploy = savedDeployPick(savedDeploy);
  subs.push(workspaces, store);

  const notices = (): StatusNode[] => {
    const out: StatusNode[] = [];
    const empty = store.entries().length === 0;
    const connect = {
      sentry: CMD.connectSentry,
      datadog: CMD.connectDatadog,
      bugsnag: CMD.connectBugsnag,
      none: CMD.connectSentry,
    }[config.provider];
    if (setupMessage)
      out.push(
        new StatusNode('status:setup', 'Not connected', setupMessage, 'warning', { id: connect, title: 'Connect' }),
      );
    const s = store.status;
    if (s.state === 'error' && s.message) {
      out.push(
        new StatusNode(
          'status:provider',
          s.lastOk && !empty ? `${s.label}: showing the last good list` : `${s.label}: refresh failed`,
          s.message,
          'error',
          { id: CMD.retry, title: 'Retry' },
        ),
      );
    }
    if (!vscode.workspace.isTrusted && (!empty || store.hasProvider)) {
      out.push(
        new StatusNode(
          'status:untrusted',
          'Restricted Mode',
          'git is not run here: no suspects, frames open at the reported lines',
          'warning',
          { id: 'workbench.trust.manage', title: 'Manage Workspace Trust' },
        ),
      );
    }
    if (!vscode.workspace.workspaceFolders?.length && !empty)
      out.push(
        new StatusNode(
          'status:nofolder',
          'No folder open',
          'open the repository to resolve frames onto your code',
          'info',
        ),
      );
    return out;
  };

  // panelHost is created below; the tree asks it for fix texts only once rendering starts.
  const tree = new ErrorsTreeProvider(store, { notices, fixText: (key) => panelHost.fixText(key) });
  const view = vscode.window.createTreeView<ErrorTreeNode>(VIEW_ERRORS, {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  subs.push(tree, view);

  const lines = new StackLineIndex(store);
  const decorations = new StackDecorations(
    context.extensionUri,
    store,
    lines,
    config.decorationsEnabled,
    config.inlineText,
  );
  const codeLens = new StackCodeLensProvider(store, lines, () => config.codeLensEnabled);
  subs.push(codeLens, vscode.languages.registerCodeLensProvider({ scheme: 'file' }, codeLens));
  const navigator = new FrameNavigator(store);
  const status = new NewErrorsStatus(store, context.workspaceState);
  subs.push(lines, decorations, status);
  subs.push(
    vscode.languages.registerHoverProvider(
      { scheme: 'file' },
      new StackHoverProvider(store, lines, () => config.decorationsEnabled),
    ),
  );
  subs.push(vscode.workspace.registerTextDocumentContentProvider(GIT_SCHEME, new GitContentProvider(workspaces)));

  /** A refresh the user asked for gets a cancellable notification; a poll shows in the view only. */
  const refreshNow = async (asked = false): Promise<boolean> => {
    if (!store.hasProvider) return true;
    const run = async (signal?: AbortSignal, progress?: (step: ProgressStep) => void) => {
      void vscode.commands.executeCommand('setContext', CONTEXT.refreshing, true);
      try {
        const ok = await store.refresh({ signal, progress });
        if (ok && view.visible) status.markLooked();
        return ok;
      } finally {
        void vscode.commands.executeCommand('setContext', CONTEXT.refreshing, store.refreshing);
      }
    };
    if (asked) return withCancellableProgress('fetching production errors', run);
    return Promise.resolve(
      vscode.window.withProgress({ location: { viewId: VIEW_ERRORS }, title: 'Fetching production errors' }, () =>
        run(),
      ),
    );
  };
  const panelHost = new PanelHost({
    extensionUri: context.extensionUri,
    store,
    navigator,
    state: context.workspaceState,
    provider: () => providerSetup,
    openSuspectDiff: (key, sha, file, line) =>
      openSuspectDiff(store, workspaces, key, sha, vscode.ViewColumn.One, { file, line }),
    commitFiles: async (key, sha) => {
      const root = store.get(key)?.triage?.root;
      const git = root ? (await workspaces.byRoot(root))?.git : undefined;
      return git ? commitFiles((args) => git.repo.run(args), sha) : null;
    },
    refresh: () => refreshNow(true),
    log: (line) => log.info(line),
    confirmByBisect: (key) => confirmByBisect(store, workspaces, key, log),
    onFixStatus: (key) => tree.refreshIssue(key),
  });
  subs.push(panelHost);
  subs.push(
    vscode.window.registerWebviewPanelSerializer(DETAIL_PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        panelHost.panel.revive(panel, state);
        panelHost.refreshShown();
      },
    }),
  );
  store.onDidChange(
    (key) => {
      if (key === undefined || store.get(key)?.sample.group.id === panelHost.panel.issueId) panelHost.refreshShown();
    },
    null,
    subs,
  );
  const scheduler = new RefreshScheduler(refreshNow, () => config.refreshIntervalMinutes * 60_000);
  subs.push(scheduler);

  const setContexts = () => {
    void vscode.commands.executeCommand('setContext', CONTEXT.configured, config.provider !== 'none');
    void vscode.commands.executeCommand('setContext', CONTEXT.hasIssues, store.entries().length > 0);
    void vscode.commands.executeCommand('setContext', CONTEXT.untrusted, !vscode.workspace.isTrusted);
    // Disconnect commands show only for a provider whose credentials are stored.
    for (const p of PROVIDERS)
      void secrets
        .credentials(p.id)
        .then((c) => vscode.commands.executeCommand('setContext', `culprit.connected.${p.id}`, !!c));
  };

  /** `asked`: right after Connect, the first list is the user's own request (cancellable). */
  const applySource = async (asked = false): Promise<void> => {
    const setup = await buildSource(config, secrets, log);
    setupMessage = setup.kind === 'incomplete' ? setup.message : null;
    providerSetup = setup.kind === 'ready' ? setup.setup : null;
    store.setSource(providerSetup ? { source: providerSetup.source, label: providerSetup.label } : null);
    setContexts();
    tree.refreshAll();
    if (setup.kind === 'ready') await scheduler.runNow(asked);
  };

  const openIssue = async (key: string): Promise<void> => {
    store.select(key);
    const node = tree.issueNode(key);
    // expand 1: the issue opens (its Suspects node is expanded by itself); library frames stay folded.
    if (node) await view.reveal(node, { select: true, focus: false, expand: 1 }).then(undefined, () => undefined);
    const frames = store.get(key)?.triage?.issue.frames ?? [];
    const crashing = frames.findIndex((f) => f.inApp && f.file !== null);
    if (crashing >= 0) await navigator.open(key, crashing, undefined, false);
    panelHost.show(key);
  };

  const showAdded = async (keys: string[] | undefined): Promise<string[] | undefined> => {
    if (keys?.length) await openIssue(keys[0]);
    return keys;
  };

  // Selecting anything under an issue selects that issue for decorations and hovers.
  view.onDidChangeSelection(
    (e) => {
      const node = e.selection[0];
      if (node && 'entry' in node) store.select(node.entry.key);
    },
    null,
    subs,
  );
  view.onDidChangeVisibility(
    (e) => {
      scheduler.setVisible(e.visible);
      if (e.visible) status.markLooked();
    },
    null,
    subs,
  );
  store.onDidChange(
    () => {
      setContexts();
      // Something is always decorated once there is something to show.
      if (!store.selected) {
        const first = store.entries().find((e) => e.triage);
        if (first) store.select(first.key);
      }
    },
    null,
    subs,
  );

  /** Commands get either explicit arguments (hover links, tests) or the tree node they were run on. */
  const fromNode = (arg: unknown): { key?: string; index?: number; sha?: string } => {
    if (!arg || typeof arg !== 'object') return {};
    const n = arg as { entry?: { key?: unknown }; index?: unknown; suspect?: { sha?: unknown } };
    return {
      key: typeof n.entry?.key === 'string' ? n.entry.key : undefined,
      index: typeof n.index === 'number' ? n.index : undefined,
      sha: typeof n.suspect?.sha === 'string' ? n.suspect.sha : undefined,
    };
  };
  const reg = (id: string, fn: (...args: never[]) => unknown) => subs.push(vscode.commands.registerCommand(id, fn));
  const entryKey = (arg: unknown): string | undefined =>
    typeof arg === 'string' ? arg : (fromNode(arg).key ?? store.selected?.key);
  const refresh = async () => {
    if (!store.hasProvider) {
      await applySource();
      if (!store.hasProvider) return store.retriageAll();
    }
    return scheduler.runNow(true);
  };
  reg(CMD.refresh, refresh);
  reg(CMD.retry, refresh);
  reg(CMD.cancelRefresh, () => store.cancelRefresh());
  reg(CMD.connectSentry, async () => (await connectSentry(secrets, log)) && applySource(true));
  reg(CMD.connectDatadog, async () => (await connectDatadog(secrets, log)) && applySource(true));
  reg(CMD.disconnectSentry, () => disconnect(secrets, 'sentry'));
  reg(CMD.disconnectDatadog, () => disconnect(secrets, 'datadog'));
  reg(CMD.connectBugsnag, async () => (await connectBugsnag(secrets, log)) && applySource(true));
  reg(CMD.disconnectBugsnag, () => disconnect(secrets, 'bugsnag'));
  reg(CMD.openErrorById, async (id?: unknown) =>
    showAdded(await openErrorById(store, providerSetup, typeof id === 'string' ? id : undefined)),
  );
  reg(CMD.pasteStackTrace, async () => showAdded(await pasteStackTrace(store)));
  reg(CMD.openEventFile, async (uri?: vscode.Uri) =>
    showAdded(await openEventFile(store, uri instanceof vscode.Uri ? uri : undefined, context.workspaceState)),
  );
  reg(CMD.triageEditor, async () => showAdded(await triageActiveEditor(store)));
  reg(CMD.getStarted, () =>
    vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#culprit.start`, false),
  );
  reg(CMD.triageSample, async () =>
    showAdded(await triageSample(store, context.extensionUri, context.globalStorageUri)),
  );
  vscode.window.onDidChangeActiveTextEditor(
    (e) => void vscode.commands.executeCommand('setContext', 'culprit.pasteEditor', isPasteEditor(e?.document.uri)),
    null,
    subs,
  );
  reg(CMD.openFrame, (arg: unknown, index: unknown) => {
    const n = fromNode(arg);
    if (n.key !== undefined && n.index !== undefined) return navigator.open(n.key, n.index);
    return typeof arg === 'string' && typeof index === 'number' ? navigator.open(arg, index) : undefined;
  });
  reg(CMD.selectIssue, (arg: unknown) => {
    const key = entryKey(arg);
    return key ? openIssue(key) : undefined;
  });
  reg(CMD.openDetails, (arg: unknown) => {
    const key = entryKey(arg);
    if (!key) return;
    panelHost.show(key);
    // Asked for, unlike the panel a new triage opens on its own: the suspects' reasons are read.
    void vscode.commands.executeCommand('setContext', CONTEXT.suspectChecked, true);
  });
  reg(CMD.showSuspects, async (arg: unknown) => {
    const key = entryKey(arg);
    const node = key ? tree.issueNode(key) : undefined;
    if (!key || !node) return;
    store.select(key);
    await view.reveal(node, { select: true, focus: true, expand: 1 });
  });
  reg(CMD.openSuspectDiff, (arg: unknown, sha: unknown) => {
    const n = fromNode(arg);
    if (n.key !== undefined && n.sha !== undefined) return openSuspectDiff(store, workspaces, n.key, n.sha);
    return typeof arg === 'string' && typeof sha === 'string'
      ? openSuspectDiff(store, workspaces, arg, sha)
      : undefined;
  });
  reg(CMD.copyIssueLink, (arg: unknown) => {
    const key = entryKey(arg);
    return key ? copyIssueLink(store, key) : undefined;
  });
  reg(CMD.openInProvider, (arg: unknown) => {
    const key = entryKey(arg);
    return key ? openInProvider(store, key) : undefined;
  });
  reg(CMD.addPathMapping, (arg: unknown, index: unknown) => {
    const n = fromNode(arg);
    if (n.key !== undefined) return addPathMapping(store, n.key, n.index);
    return addPathMapping(
      store,
      typeof arg === 'string' ? arg : undefined,
      typeof index === 'number' ? index : undefined,
    );
  });
  reg(CMD.showLog, () => log.channel.show(true));
  reg(CMD.copyAsMarkdown, (arg: unknown) => {
    const key = entryKey(arg);
    return key ? copyAsMarkdown(store, workspaces, key) : undefined;
  });
  reg(CMD.openDeployedFile, (key: unknown, index: unknown) =>
    typeof key === 'string' && typeof index === 'number' ? openDeployedFile(store, workspaces, key, index) : undefined,
  );
  reg(CMD.setDeployRange, (arg: unknown, given: unknown) => {
    const g = given as { flag?: unknown; scope?: unknown; as?: unknown } | undefined;
    const explicit =
      g && (typeof g.flag === 'string' || g.flag === null) && (g.scope === 'issue' || g.scope === 'workspace')
        ? {
            flag: g.flag as string | null,
            scope: g.scope as 'issue' | 'workspace',
            as: typeof g.as === 'string' ? g.as : undefined,
          }
        : undefined;
    return setDeployRange(store, workspaces, context.workspaceState, entryKey(arg), explicit);
  });
  const describeList = () => {
    const parts = [
      tree.filter ? `filter: ${tree.filter}` : '',
      tree.sort !== 'lastSeen' ? `by ${SORT_LABELS[tree.sort]}` : '',
    ];
    view.description = parts.filter(Boolean).join(' · ') || undefined;
    void vscode.commands.executeCommand('setContext', 'culprit.filtered', !!tree.filter);
  };
  reg(CMD.filterIssues, async (given?: unknown) => {
    const text =
      typeof given === 'string'
        ? given
        : await vscode.window.showInputBox({
            title: 'Culprit: Filter Issues',
            prompt: 'Words to match in the title, message, files, release or environment (empty shows all)',
            value: tree.filter,
          });
    if (text === undefined) return;
    tree.filter = text.trim();
    describeList();
    tree.refreshAll();
  });
  reg(CMD.sortIssues, async (given?: unknown) => {
    const pick =
      typeof given === 'string' && given in SORT_LABELS
        ? { sort: given as IssueSort }
        : await vscode.window.showQuickPick(
            (Object.keys(SORT_LABELS) as IssueSort[]).map((s) => ({
              label: SORT_LABELS[s],
              description: s === tree.sort ? 'current' : undefined,
              sort: s,
            })),
            { title: 'Culprit: Sort Issues By' },
          );
    if (!pick) return;
    tree.sort = pick.sort;
    describeList();
    tree.refreshAll();
  });
  reg(CMD.loadMore, () => {
    store.loadMore();
    return scheduler.runNow(true);
  });
  reg(CMD.confirmByBisect, (arg: unknown) => {
    const key = entryKey(arg);
    if (key) void vscode.commands.executeCommand('setContext', CONTEXT.suspectChecked, true);
    return key ? confirmByBisect(store, workspaces, key, log) : undefined;
  });
  reg(CMD.cancelBisect, (arg: unknown) => {
    const key = entryKey(arg);
    return key ? cancelBisect(key) : false;
  });
  reg(CMD.nextFrame, () => navigator.step(1));
  reg(CMD.previousFrame, () => navigator.step(-1));
  reg(CMD.toggleDecorations, () =>
    updateSetting('decorations.enabled', !config.decorationsEnabled, vscode.ConfigurationTarget.Global),
  );

  const uriHandler = new CulpritUriHandler(store, refreshNow, openIssue);
  subs.push(vscode.window.registerUriHandler(uriHandler));

  vscode.workspace.onDidChangeConfiguration(
    (e) => {
      const what = affects(e);
      config = readConfig();
      if (what.decorations) {
        decorations.setEnabled(config.decorationsEnabled, config.inlineText);
        codeLens.refresh();
      }
      if (what.polling) scheduler.reschedule();
      if (what.source) void applySource();
      else if (what.triage) void store.retriageAll();
    },
    null,
    subs,
  );
  secrets.onDidChange(() => void applySource(), null, subs);
  vscode.workspace.onDidGrantWorkspaceTrust(
    () => {
      setContexts();
      tree.refreshAll();
      void store.retriageAll();
    },
    null,
    subs,
  );
  vscode.workspace.onDidChangeWorkspaceFolders(() => void store.retriageAll(), null, subs);

  setContexts();
  void applySource().then(() => scheduler.setVisible(view.visible));
  log.info(
    `Culprit activated in ${Date.now() - started} ms ` +
      `(${vscode.workspace.isTrusted ? 'trusted' : 'Restricted Mode: git is not run'})`,
  );

  return {
    store,
    panels: panelHost,
    tree,
    secrets,
    logUri: context.logUri,
    lines,
    decorations,
    status,
    codeLens,
    refresh: refreshNow,
    handleUri: (uri) => uriHandler.handleUri(uri),
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
