/** Commands on one issue: copy its link, open it in the provider, add a path mapping for its frames. */
import * as vscode from 'vscode';
import type { IssueStore } from '../state/issueStore';
import { readFolderConfig, updateSetting } from '../settings';
import { rawFrameOf } from '../editor/hoverContent';
import type { Workspaces } from '../state/workspaces';
import { issueMarkdown, remoteFileUrl, remoteWebUrl } from '../../core/present';
import { verificationOf } from '../state/optionalFields';

/** "Copy as Markdown": the issue, its frames linked to the repository host, suspects, verification. */
export async function copyAsMarkdown(store: IssueStore, workspaces: Workspaces, key: string): Promise<string> {
  const entry = store.get(key);
  if (!entry) return '';
  const triage = entry.triage;
  const ws = triage ? await workspaces.byRoot(triage.root) : null;
  const remote = ws?.git ? await ws.git.repo.run(['remote', 'get-url', 'origin']).catch(() => null) : null;
  const web = remoteWebUrl(remote);
  const head = web && ws?.git ? await ws.git.head() : null;
  const text = issueMarkdown(entry.sample, triage?.issue ?? null, {
    fileLink: web && head ? (p, line) => remoteFileUrl(web, p, line, head) : undefined,
    verification: triage ? verificationOf(triage.issue) : undefined,
  });
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage('$(check) Culprit: issue copied as Markdown', 3000);
  return text;
}

export async function copyIssueLink(store: IssueStore, key: string): Promise<void> {
  const url = store.get(key)?.sample.group.url;
  if (!url) {
    void vscode.window.showInformationMessage('Culprit: this error came from a pasted trace or file; it has no link.');
    return;
  }
  await vscode.env.clipboard.writeText(url);
  void vscode.window.setStatusBarMessage('$(check) Culprit: issue link copied', 3000);
}

export async function openInProvider(store: IssueStore, key: string): Promise<void> {
  const url = store.get(key)?.sample.group.url;
  if (!url || !/^https?:\/\//i.test(url)) {
    void vscode.window.showInformationMessage('Culprit: this error has no provider link.');
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
}

/** The directory part of a production path: `/app/dist/users/service.js` → `/app/dist`. */
function prefixGuess(path: string | null | undefined): string {
  if (!path) return '';
  const p = path.replace(/^file:\/\//, '');
  const parts = p.split('/');
  return parts.length > 2 ? parts.slice(0, -2).join('/') || '/' : '';
}

export async function addPathMapping(store: IssueStore, key?: string, frameIndex?: number): Promise<boolean> {
  const entry = key ? store.get(key) : store.selected;
  const raw = entry && typeof frameIndex === 'number' ? rawFrameOf(entry, frameIndex) : undefined;
  const from = await vscode.window.showInputBox({
    title: 'Add Path Mapping (1/2)',
    prompt: raw?.path
      ? `Production path prefix to replace in ${raw.path}`
      : 'Production path prefix, e.g. /app/dist or webpack:///./',
    value: prefixGuess(raw?.path),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the prefix production paths start with'),
  });
  if (from === undefined) return false;
  const to = await vscode.window.showInputBox({
    title: 'Add Path Mapping (2/2)',
    prompt: 'Workspace folder it corresponds to, relative to the repository root ("." for the root)',
    value: '.',
    ignoreFocusOut: true,
    validateInput: (v) => (v.includes('..') ? 'The folder must be inside the workspace' : undefined),
  });
  if (to === undefined) return false;
  // A mapping belongs to a folder, but writing it creates the repository's .vscode/settings.json:
  // ask where it goes, user settings first.
  const folder = entry?.triage?.folder;
  const where = folder
    ? await vscode.window.showQuickPick(
        [
          { label: 'User settings', description: 'only on this machine, no file in the repository', folder: false },
          {
            label: `Folder ${folder.name}`,
            description: 'writes .vscode/settings.json in the repository',
            folder: true,
          },
        ],
        { title: 'Add Path Mapping: save it in…', ignoreFocusOut: true },
      )
    : { folder: false };
  if (!where) return false;
  const target = where.folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
  const existing = readFolderConfig(folder?.uri).pathMappings.map((m) => ({ from: m.prod, to: m.local }));
  await updateSetting(
    'pathMappings',
    [...existing.filter((m) => m.from !== from.trim()), { from: from.trim(), to: to.trim() || '.' }],
    target,
    folder?.uri,
  );
  return true;
}
