/**
 * Renders the IssueStore as the Production Errors tree. Thin on purpose: no I/O here, nodes are
 * cached per issue so a triage landing refreshes only that issue's row.
 */
import * as vscode from 'vscode';
import { CMD } from '../constants';
import type { IssueEntry, IssueStore } from '../state/issueStore';
import type { TriagedFrame } from '../../core/model';
import {
  authorName,
  changedSinceText,
  frameLabel,
  frameLocation,
  frameShortLocation,
  issueDescription,
  isMoreLinksReason,
  placementText,
  noSuspectsReason,
  relativeTime,
  releaseLabel,
  shortSha,
  probabilityText,
  suspectRow,
  verdictText,
} from '../../core/present';
import { isRuntimeFrame } from './frameKinds';
import { type IssueSort, loadMoreLabel, visibleIssues } from './issueListView';
import {
  LoadMoreNode,
  FrameNode,
  IssueNode,
  LibraryFramesNode,
  ProviderSuspectNode,
  ReasonNode,
  StatusNode,
  SuspectNode,
  SuspectsNode,
  VerificationNode,
  type ErrorTreeNode,
} from './errorNodes';
import { verificationChildren, verificationItem } from './verificationItems';
import { RelativeTimeRedraw } from './relativeTimeRedraw';

export interface TreeNotices {
  /** Shown above the issues (untrusted folder, incomplete setup…). */
  notices(): StatusNode[];
  /** Fix verification of a watched issue (`no events in 6 h since 1.5.1`), when known. */
  fixText(key: string): string | null;
}

export class ErrorsTreeProvider implements vscode.TreeDataProvider<ErrorTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ErrorTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly issueNodes = new Map<string, IssueNode>();
  /** The list's text filter and order (Filter Issues…, Sort Issues By…). */
  filter = '';
  sort: IssueSort = 'lastSeen';
  private readonly disposables: vscode.Disposable[] = [];
  /** Rows say `3 d ago`: redrawn when one of those would change, so they agree with a hover drawn then. */
  private readonly times: RelativeTimeRedraw;

  constructor(
    private readonly store: IssueStore,
    private readonly notices: TreeNotices,
  ) {
    this.times = new RelativeTimeRedraw(
      () => datesShown(store.entries()),
      () => this.refreshAll(),
    );
    this.disposables.push(this.times);
    store.onDidChange(
      (key) => {
        const node = key ? this.issueNodes.get(key) : undefined;
        this.changed.fire(node);
        this.times.schedule();
      },
      this,
      this.disposables,
    );
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }

  refreshAll(): void {
    this.changed.fire(undefined);
  }

  /** Redraws one issue's row (its fix status changed), or the list when the row is not drawn yet. */
  refreshIssue(key: string): void {
    this.changed.fire(this.issueNodes.get(key));
  }

  /** The cached node of an issue, for `reveal`. */
  issueNode(key: string): IssueNode | undefined {
    const entry = this.store.get(key);
    return entry ? this.nodeFor(entry) : undefined;
  }

  private nodeFor(entry: IssueEntry): IssueNode {
    let node = this.issueNodes.get(entry.key);
    if (!node || node.entry !== entry) {
      node = new IssueNode(entry);
      this.issueNodes.set(entry.key, node);
    }
    return node;
  }

  getChildren(node?: ErrorTreeNode): ErrorTreeNode[] {
    if (!node) {
      const entries = this.store.entries();
      for (const k of [...this.issueNodes.keys()]) if (!this.store.get(k)) this.issueNodes.delete(k);
      const shown = visibleIssues(entries, this.filter, this.sort).map((e) => this.nodeFor(e));
      const more = this.store.mayHaveMore ? [new LoadMoreNode(this.store.providerCount, this.store.providerTotal)] : [];
      this.times.schedule();
      return [...this.notices.notices(), ...shown, ...more];
    }
    switch (node.kind) {
      case 'issue':
        return this.issueChildren(node.entry);
      case 'libraryFrames':
        return node.frames.map((f) => new FrameNode(node.entry, f.index, f.frame));
      case 'suspects':
        return [
          ...this.verificationRow(node.entry),
          ...(node.entry.triage?.issue.suspects ?? []).map((s, i) => new SuspectNode(node.entry, i + 1, s)),
          ...node.entry.providerSuspects.map((c) => new ProviderSuspectNode(node.entry, c)),
        ];
      case 'suspect': {
        const s = node.suspect;
        return s.reasons.map((r, i) => new ReasonNode(node, i, r, isMoreLinksReason(s, r) ? s.moreLinks : []));
      }
      case 'reason':
        return node.links.map((link, i) => new ReasonNode(node, i, link));
      case 'verification':
        return verificationChildren(node);
      default:
        return [];
    }
  }

  /** The bisect's verdict, or its progress while it runs, as the first row under Suspects. */
  private verificationRow(entry: IssueEntry): VerificationNode[] {
    if (this.store.bisectProgress(entry.key)) return [new VerificationNode(entry, null)];
    const v = entry.triage?.issue.verification;
    const ended = this.store.bisectInterruption(entry.key);
    // A cancelled or failed run says so rather than leaving the row blank, until the next run.
    if (ended) return [new VerificationNode(entry, null, ended)];
    return v ? [new VerificationNode(entry, v)] : [];
  }

  private issueChildren(entry: IssueEntry): ErrorTreeNode[] {
    const frames = entry.triage?.issue.frames ?? [];
    const out: ErrorTreeNode[] = [new SuspectsNode(entry)];
    const library: Array<{ index: number; frame: (typeof frames)[number] }> = [];
    frames.forEach((frame, index) => {
      if (frame.inApp) out.push(new FrameNode(entry, index, frame));
      else library.push({ index, frame });
    });
    if (library.length) out.push(new LibraryFramesNode(entry, library));
    return out;
  }

  getParent(node: ErrorTreeNode): ErrorTreeNode | undefined {
    switch (node.kind) {
      case 'frame':
      case 'suspects':
      case 'libraryFrames':
        return this.nodeFor(node.entry);
      case 'suspect':
      case 'providerSuspect':
      case 'verification':
        return new SuspectsNode(node.entry);
      case 'reason':
      case 'verificationDetail':
        return node.parent;
      default:
        return undefined;
    }
  }

  getTreeItem(node: ErrorTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'loadMore': {
        const item = new vscode.TreeItem(loadMoreLabel(node.shown, node.total), vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.tooltip = 'List more issues from the error source';
        item.command = { command: CMD.loadMore, title: 'Load More' };
        item.contextValue = 'loadMore';
        return item;
      }
      case 'status':
        return statusItem(node);
      case 'issue':
        return this.issueItem(node);
      case 'frame':
        return frameItem(node);
      case 'libraryFrames': {
        const item = new vscode.TreeItem(
          `${node.frames.length} library frame${node.frames.length === 1 ? '' : 's'}`,
          vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('library');
        return item;
      }
      case 'suspects':
        return suspectsItem(node);
      case 'suspect':
        return suspectItem(node);
      case 'verification':
        return verificationItem(node, this.store.bisectProgress(node.entry.key));
      case 'verificationDetail': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = node.description;
        item.tooltip = node.tooltip;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
      case 'providerSuspect': {
        const c = node.commit;
        const item = new vscode.TreeItem(`${shortSha(c.sha)} ${c.summary}`, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = `Sentry's suspect${c.authorName ? ` · ${c.authorName}` : ''}`;
        item.tooltip = `Sentry suspects this commit ${c.suspectCommitType ?? ''}`.trim();
        item.iconPath = new vscode.ThemeIcon('git-commit', new vscode.ThemeColor('disabledForeground'));
        item.contextValue = 'providerSuspect';
        return item;
      }
      case 'reason': {
        const more = node.links.length > 0;
        const item = new vscode.TreeItem(
          node.text,
          more ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.id = node.id;
        // A reason can be longer than the sidebar is wide: the tooltip shows all of it.
        item.tooltip = more ? `${node.text}: expand to see every one` : node.text;
        item.iconPath = new vscode.ThemeIcon(more ? 'list-unordered' : 'info');
        return item;
      }
    }
  }

  private issueItem(node: IssueNode): vscode.TreeItem {
    const { sample, triage, triageError } = node.entry;
    const g = sample.group;
    const item = new vscode.TreeItem(g.title, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    const fix = this.notices.fixText(node.entry.key);
    // A watched fix's verdict leads: at the default sidebar width the end of the row is cut off.
    item.description = [fix, issueDescription(sample, triage?.issue ?? null)].filter(Boolean).join(' · ');
    const pending = !triage && !triageError;
    item.iconPath = pending
      ? new vscode.ThemeIcon('sync~spin')
      : new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = g.url ? 'issue.linked' : 'issue';
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**').appendText(g.title).appendMarkdown('**\n\n');
    const facts = [
      g.count !== null ? `${g.count} events` : null,
      g.firstSeen ? `first seen ${relativeTime(g.firstSeen)}` : null,
      g.lastSeen ? `last seen ${relativeTime(g.lastSeen)}` : null,
      g.release ? `release ${releaseLabel(g.release)}` : null,
      g.environment ? `env ${g.environment}` : null,
    ].filter((x): x is string => x !== null);
    if (facts.length) md.appendText(facts.join(' · ')).appendMarkdown('\n\n');
    if (triage?.issue.deploy.label) md.appendText(`Deploy ${triage.issue.deploy.label}`).appendMarkdown('\n\n');
    const top = triage?.issue.suspects[0];
    if (top)
      md.appendText(
        `Top suspect: ${shortSha(top.sha)} ${top.summary} (${authorName(top.author)}, ${probabilityText(top)})`,
      );
    const verdict = triage ? verdictText(triage.issue) : null;
    if (top && verdict) md.appendMarkdown('\n\n').appendText(verdict);
    if (triageError) md.appendText(`Not triaged: ${triageError}`);
    item.tooltip = md;
    return item;
  }
}

function statusItem(node: StatusNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = node.detail;
  item.tooltip = node.detail ? `${node.label}: ${node.detail}` : node.label;
  const icon = { error: 'error', warning: 'warning', info: 'info', loading: 'sync~spin' }[node.severity];
  item.iconPath = new vscode.ThemeIcon(
    icon,
    node.severity === 'error' ? new vscode.ThemeColor('errorForeground') : undefined,
  );
  item.contextValue = `status.${node.severity}`;
  if (node.command) item.command = { command: node.command.id, title: node.command.title };
  return item;
}

/** What a glance at the tree must tell: the line changed after the deploy, or could not be placed. */
function frameNote(f: TriagedFrame): string {
  if (f.file && f.placedBy === null) return 'line not placed';
  return f.changedSince ? 'changed after deploy' : '';
}

function frameItem(node: FrameNode): vscode.TreeItem {
  const f = node.frame;
  const item = new vscode.TreeItem(frameLabel(f), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  // `pricing.js:15 · src/services`: file and line first, readable at the default sidebar width.
  item.description = frameShortLocation(f, frameNote(f));
  // Plain text: the raw line and the placement come from production and git, never markup.
  item.tooltip = [frameLocation(f), f.raw.trim(), placementText(f), changedSinceText(f.changedSince)]
    .filter(Boolean)
    .join('\n');
  const resolved = f.file !== null;
  // Runtime and library frames are never "missing": no warning, no offer to map their paths.
  const library = !f.inApp || isRuntimeFrame(f.raw);
  if (library) {
    item.iconPath = new vscode.ThemeIcon('library');
    item.contextValue = 'frame.library';
    if (!resolved)
      item.description = f.raw
        .trim()
        .replace(/^at\s+/, '')
        .slice(0, 80);
  } else {
    item.iconPath = resolved
      ? new vscode.ThemeIcon('debug-stackframe')
      : new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.contextValue = resolved ? 'frame' : 'frame.unresolved';
  }
  item.command = { command: CMD.openFrame, title: 'Open Frame', arguments: [node.entry.key, node.index] };
  return item;
}

function suspectsItem(node: SuspectsNode): vscode.TreeItem {
  const t = node.entry.triage;
  const count = (t?.issue.suspects.length ?? 0) + node.entry.providerSuspects.length;
  const verified = t?.issue.verification;
  const item = new vscode.TreeItem(
    'Suspects',
    count ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('search');
  // Why there are none (git not run, a failed blame, the deadline…) is said on the row itself.
  const none = t ? noSuspectsReason(t.issue) : null;
  if (!t) item.description = node.entry.triageError ? `not triaged: ${node.entry.triageError}` : 'ranking…';
  else if (t.issue.suspectsUnavailable && none) item.description = none;
  else if (count === 0) item.description = none ?? 'none found';
  else item.description = t.issue.deploy.label ? `deploy ${t.issue.deploy.label}` : `${count} ranked`;
  if (verified?.status === 'confirmed') item.description = `confirmed · ${item.description}`;
  const tips = [
    t?.issue.deploy.label ? `Deploy range ${t.issue.deploy.label}` : '',
    t?.issue.suspectsUnavailable ?? (!t && node.entry.triageError ? `Not triaged: ${node.entry.triageError}` : ''),
    t ? (verdictText(t.issue) ?? '') : '',
  ].filter(Boolean);
  if (tips.length) item.tooltip = tips.join('\n');
  item.contextValue = 'suspects';
  return item;
}

function suspectItem(node: SuspectNode): vscode.TreeItem {
  const s = node.suspect;
  const confirmed = isConfirmed(node);
  // Readable at the default sidebar width: `90% Use loyalty programme…` leads (a confirmed commit
  // says so instead of a probability), `2b16db1 · Ada Lovelace · 3 d ago` follows, reasons in the tooltip.
  const row = suspectRow(s, confirmed);
  const item = new vscode.TreeItem(
    { label: row.label },
    s.reasons.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  item.description = row.description;
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**')
    .appendText(`${node.rank}. ${shortSha(s.sha)} ${s.summary}`)
    .appendMarkdown('**\n\n');
  const badge = confirmed ? 'confirmed by bisect' : probabilityText(s);
  md.appendText(`${authorName(s.author)} · ${relativeTime(s.date) ?? s.date} · ${badge}`);
  md.appendMarkdown('\n\n');
  for (const r of s.reasons) md.appendMarkdown('- ').appendText(r).appendMarkdown('\n');
  item.tooltip = md;
  // Only a confirmed commit carries an icon: at the default width the probability and summary need its room.
  if (confirmed) item.iconPath = new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
  item.contextValue = 'suspect';
  item.command = { command: CMD.openSuspectDiff, title: 'Open Suspect Diff', arguments: [node.entry.key, s.sha] };
  return item;
}

/** This suspect is the commit a bisect replay confirmed. */
function isConfirmed(node: SuspectNode): boolean {
  const v = node.entry.triage?.issue.verification;
  return v?.status === 'confirmed' && v.commit === node.suspect.sha;
}

/** Every date the rows and their tooltips show as a relative time. */
function* datesShown(entries: readonly IssueEntry[]): Iterable<string | null> {
  for (const e of entries) {
    yield e.sample.group.firstSeen;
    yield e.sample.group.lastSeen;
    for (const s of e.triage?.issue.suspects ?? []) yield s.date;
  }
}
