/**
 * One core TriageWorkspace per workspace folder, opened lazily with the folder's trust and the
 * path mappings; forgotten when trust, mappings or folders change, and told to drop its
 * working-tree caches when files or refs change.
 */
import * as vscode from 'vscode';
import { openTriageWorkspace, triageSample, withRunSignal, type TriageWorkspace } from '../../core/triage';
import type { ErrorSample, TriagedIssue } from '../../core/model';
import type { PathMapping } from '../../core/resolve';
import { cleanStaleWorktrees } from '../../core/verify';

export interface FolderTriage {
  issue: TriagedIssue;
  /** Repository root (or folder) the frame paths are relative to. */
  root: string;
  folder: vscode.WorkspaceFolder;
  /** False when git was not run (untrusted folder or no repository). */
  gitRan: boolean;
}

export interface TriageOptions {
  /** Fallbacks; each folder's own resource-scoped values win (see folderOptions). */
  mappings: PathMapping[];
  tagPattern: string;
  /** `FROM..TO` or one revision, chosen with Set Deploy Range… (per issue or workspace default). */
  deployFlag?: string;
  /** What that range was picked as (`release 1.5.0 from Sentry`): the deploy label says it. */
  deployChoice?: string;
  /** A folder's resource-scoped settings (path mappings, tag pattern). */
  folderOptions?: (folder: vscode.WorkspaceFolder) => { mappings: PathMapping[]; tagPattern: string };
  /** Most issues a provider refresh lists. */
  issueLimit?: number;
  /** Seconds a whole refresh may take (`culprit.timeout`); 0 or absent: none. */
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export class Workspaces implements vscode.Disposable {
  private readonly open = new Map<string, Promise<TriageWorkspace>>();
  private readonly mappingsKeys = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const forget = () => {
      this.open.clear();
      this.mappingsKeys.clear();
    };
    const invalidate = () => this.invalidate();
    vscode.workspace.onDidChangeWorkspaceFolders(forget, this, this.disposables);
    vscode.workspace.onDidGrantWorkspaceTrust(forget, this, this.disposables);
    vscode.workspace.onDidSaveTextDocument(invalidate, this, this.disposables);
    vscode.workspace.onDidCreateFiles(invalidate, this, this.disposables);
    vscode.workspace.onDidDeleteFiles(invalidate, this, this.disposables);
    vscode.workspace.onDidRenameFiles(invalidate, this, this.disposables);
    // Commits, checkouts and pulls happen outside the editor: refs changing is the signal.
    const refs = vscode.workspace.createFileSystemWatcher('**/.git/{HEAD,ORIG_HEAD,FETCH_HEAD,packed-refs,refs/**}');
    refs.onDidChange(invalidate, this, this.disposables);
    refs.onDidCreate(invalidate, this, this.disposables);
    refs.onDidDelete(invalidate, this, this.disposables);
    this.disposables.push(refs);
  }

  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /** Drops working-tree caches everywhere (refresh does this so a result is never older than the tree). */
  invalidate(): void {
    for (const ws of this.open.values())
      void ws.then(
        (w) => w.invalidate(),
        () => undefined,
      );
  }

  private workspaceFor(folder: vscode.WorkspaceFolder, mappings: PathMapping[]): Promise<TriageWorkspace> {
    const key = JSON.stringify(mappings);
    const id = folder.uri.toString();
    if (this.mappingsKeys.get(id) !== key) {
      this.open.delete(id);
      this.mappingsKeys.set(id, key);
    }
    let ws = this.open.get(id);
    if (!ws) {
      ws = openTriageWorkspace({ dir: folder.uri.fsPath, trusted: this.trusted, mappings, requireGit: false });
      void ws.then(
        // A bisect killed with its window left a scratch worktree: removed on the next start.
        (w) => (w.git && this.trusted ? cleanStaleWorktrees(w.git.repo).catch(() => 0) : 0),
        () => this.open.delete(id),
      );
      this.open.set(id, ws);
    }
    return ws;
  }

  /**
   * Triages a sample against every local folder and keeps the one where most in-app frames
   * resolve: in a multi-root workspace the service that crashed is the one its paths match.
   */
  async triage(sample: ErrorSample, options: TriageOptions): Promise<FolderTriage | null> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    let best: (FolderTriage & { score: number }) | null = null;
    let lastError: unknown = null;
    for (const folder of folders) {
      if (options.signal?.aborted) break;
      try {
        const own = options.folderOptions?.(folder) ?? { mappings: options.mappings, tagPattern: options.tagPattern };
        const found = await this.triageOn(await this.workspaceFor(folder, own.mappings), folder, sample, {
          ...options,
          tagPattern: own.tagPattern,
        });
        const score =
          found.issue.frames.filter((f) => f.file && f.inApp).length * 2 +
          found.issue.frames.filter((f) => f.file).length;
        if (!best || score > best.score) best = { ...found, score };
      } catch (e) {
        lastError = e;
      }
    }
    if (!best && lastError) throw lastError;
    return best;
  }

  /**
   * Triages on one repository outside the workspace: the bundled sample's clone, which Culprit
   * made itself from its own bundle, so git runs there even in Restricted Mode.
   */
  async triageIn(dir: string, sample: ErrorSample, options: TriageOptions): Promise<FolderTriage> {
    const uri = vscode.Uri.file(dir);
    let ws = this.open.get(uri.toString());
    if (!ws) {
      ws = openTriageWorkspace({ dir, trusted: true, mappings: [], requireGit: false });
      ws.catch(() => this.open.delete(uri.toString()));
      this.open.set(uri.toString(), ws);
    }
    const folder: vscode.WorkspaceFolder = { uri, name: 'Culprit sample', index: -1 };
    return this.triageOn(await ws, folder, sample, { ...options, mappings: [], tagPattern: '' });
  }

  private async triageOn(
    ws: TriageWorkspace,
    folder: vscode.WorkspaceFolder,
    sample: ErrorSample,
    options: TriageOptions,
  ): Promise<FolderTriage> {
    // The refresh's deadline or cancel stops the git processes this triage starts.
    const issue = await withRunSignal(options.signal, () =>
      triageSample(sample, ws, {
        tagPattern: options.tagPattern || undefined,
        deployFlag: options.deployFlag || undefined,
        deployChoice: options.deployFlag ? options.deployChoice : undefined,
        suspectLimit: 10,
        blameFrames: 12,
      }),
    );
    return { issue, root: ws.root, folder, gitRan: ws.git !== null };
  }

  /** The open core workspace whose root holds `root`, for git reads (suspect diffs). */
  async byRoot(root: string): Promise<TriageWorkspace | null> {
    for (const ws of this.open.values()) {
      const w = await ws.catch(() => null);
      if (w && w.root === root) return w;
    }
    return null;
  }

  dispose(): void {
    this.open.clear();
    for (const d of this.disposables) d.dispose();
  }
}
