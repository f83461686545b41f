/** The no-account routes: paste a stack trace, open an event or log file, triage the active editor. */
import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import { MAX_EVENT_BYTES, tooLargeMessage, type SampleList } from '../../core/providers';
import { createDeadline } from '../../core/util';
import { CulpritError, messageOf } from '../../core/errors';
import type { IssueStore } from '../state/issueStore';
import { withCancellableProgress } from '../progress';
import { parseOffThread, type ParseInput } from './parseOffThread';

const run = promisify(execFile);

const PASTE_HINT =
  'Paste a stack trace, a log excerpt or an event JSON (Sentry, Datadog) here, then press Triage in the title bar ' +
  '(or run "Culprit: Triage Active Editor").';
/** Above this, reading shows a cancellable notification (parsing is off the main thread at any size). */
const NOTIFY_SIZE = 4 * 1024 * 1024;

/** `culprit.timeout` in ms: how long reading one file may take (0: no deadline). */
function readDeadlineMs(): number {
  const seconds = vscode.workspace.getConfiguration('culprit').get<unknown>('timeout');
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

/** Runs `work` directly, or for a large input under a notification whose Cancel stops it. */
function withCancel<T>(name: string, size: number, work: (token?: vscode.CancellationToken) => Promise<T>): Promise<T> {
  if (size <= NOTIFY_SIZE) return work();
  return Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Culprit: reading ${name}…`, cancellable: true },
      (_progress, token) => work(token),
    ),
  );
}

/** Parses off the main thread; a large input gets a notification whose Cancel stops the parser. */
function parse(input: ParseInput, name: string, size: number): Promise<SampleList> {
  return withCancel(name, size, (token) => parseOffThread(input, name, { token, readDeadlineMs: readDeadlineMs() }));
}

/** `work`, unless `culprit.timeout` passes (`timeout`) or Cancel is pressed (`cancelled`) first. */
async function untilDeadline<T>(work: Thenable<T>, name: string, token?: vscode.CancellationToken): Promise<T> {
  const deadline = createDeadline(readDeadlineMs(), 'culprit.timeout');
  let onCancel: vscode.Disposable | undefined;
  try {
    return await new Promise<T>((resolve, reject) => {
      deadline.signal.addEventListener('abort', () => {
        const why = (deadline.signal.reason as Error).message;
        reject(new CulpritError('timeout', `${name} was still being read when ${why}`));
      });
      onCancel = token?.onCancellationRequested(() =>
        reject(new CulpritError('cancelled', `reading ${name} was cancelled`)),
      );
      work.then(resolve, reject);
    });
  } finally {
    onCancel?.dispose();
    deadline.dispose();
  }
}

/**
 * A file on another file system (remote, virtual): `workspace.fs` reads only whole files, so the
 * reported size is checked before the read, what arrives is checked again before it becomes text
 * (a file that grew, a size reported wrong), and the wait ends at `culprit.timeout` or on Cancel.
 * A device or a pipe there cannot be bounded at all and is refused.
 */
async function readOtherFileSystem(target: vscode.Uri, stat: vscode.FileStat, name: string): Promise<string> {
  if (!(stat.type & vscode.FileType.File))
    throw new CulpritError('invalid-input', `${name} is not a regular file (a device or a pipe cannot be read here)`);
  if (stat.size > MAX_EVENT_BYTES) throw new CulpritError('invalid-input', tooLargeMessage(name));
  const bytes = await withCancel(name, stat.size, (token) =>
    untilDeadline(vscode.workspace.fs.readFile(target), name, token),
  );
  if (bytes.byteLength > MAX_EVENT_BYTES) throw new CulpritError('invalid-input', tooLargeMessage(name));
  return new TextDecoder().decode(bytes);
}

async function addListed(store: IssueStore, listed: SampleList, name: string): Promise<string[]> {
  if (listed.samples.length === 0)
    throw new CulpritError('unknown-format', listed.failures[0]?.message ?? `no stack trace or event found in ${name}`);
  // Resolving frames and ranking suspects runs git: the view shows it, a long one can be cancelled.
  const n = listed.samples.length;
  return withCancellableProgress(`triaging ${n === 1 ? name : `${n} errors from ${name}`}`, (signal) =>
    store.addSamples(listed.samples, { signal }),
  );
}

/** Parses text into samples and adds them; returns the new keys, or undefined when nothing parsed. */
async function triageText(store: IssueStore, text: string, name: string, quiet = false): Promise<string[] | undefined> {
  try {
    return await addListed(store, await parse({ text }, name, text.length), name);
  } catch (e) {
    if (CulpritError.is(e, 'cancelled')) return undefined;
    if (!quiet || CulpritError.is(e, 'invalid-input') || CulpritError.is(e, 'timeout'))
      void vscode.window.showErrorMessage(`Culprit: ${messageOf(e)}`);
    return undefined;
  }
}

/**
 * A browser that denies clipboard access leaves readText pending behind its own "Unable to read
 * from the browser's clipboard" notification until that is closed: wait this long, then go on.
 */
const CLIPBOARD_WAIT_MS = 1500;

async function clipboardText(): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(''), CLIPBOARD_WAIT_MS)));
  try {
    return await Promise.race([Promise.resolve(vscode.env.clipboard.readText()).catch(() => ''), gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}

export async function pasteStackTrace(store: IssueStore): Promise<string[] | undefined> {
  // A browser VS Code may deny clipboard reads (rejects, or answers ''): then the scratch editor.
  const clip = await clipboardText();
  if (clip.trim()) {
    // Quiet: a clipboard holding no trace opens the scratch editor instead; too big is said.
    const keys = await triageText(store, clip, 'the clipboard', true);
    if (keys) return keys;
  }
  // Nothing usable on the clipboard: a scratch editor with one line of instructions; its title
  // bar carries the Triage button (package.json editor/title, when culprit.pasteEditor).
  const doc = await vscode.workspace.openTextDocument({ content: `${PASTE_HINT}\n`, language: 'log' });
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(doc.lineCount - 1, 0, doc.lineCount - 1, 0);
  pasteDocs.add(doc.uri.toString());
  void vscode.commands.executeCommand('setContext', 'culprit.pasteEditor', true);
  return undefined;
}

/** Scratch editors opened by Paste Stack Trace (their first line is PASTE_HINT). */
const pasteDocs = new Set<string>();

/** Whether `uri` is a Paste Stack Trace scratch editor (its title bar shows Triage). */
export function isPasteEditor(uri: vscode.Uri | undefined): boolean {
  return !!uri && pasteDocs.has(uri.toString());
}

export async function triageActiveEditor(store: IssueStore): Promise<string[] | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('Culprit: open or paste a stack trace in an editor first.');
    return undefined;
  }
  const sel = editor.selection;
  const text = (sel.isEmpty ? editor.document.getText() : editor.document.getText(sel)).replace(PASTE_HINT, '');
  if (!text.trim()) {
    void vscode.window.showInformationMessage(
      'Culprit: this editor is empty. Paste a stack trace, a log excerpt or an event JSON into it, then press Triage.',
    );
    return undefined;
  }
  const name = editor.document.isUntitled ? 'pasted text' : vscode.workspace.asRelativePath(editor.document.uri);
  return triageText(store, text, name);
}

/** The workspaceState key of the folder the last event or log file was opened from. */
const LAST_FOLDER_KEY = 'culprit.lastEventFolder';

/** Where the file dialog opens: the folder used last (while it exists), else the first workspace folder. */
async function dialogStart(state: vscode.Memento | undefined): Promise<vscode.Uri | undefined> {
  const last = state?.get<unknown>(LAST_FOLDER_KEY);
  if (typeof last === 'string') {
    const uri = vscode.Uri.parse(last, true);
    const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => null);
    if (stat && stat.type & vscode.FileType.Directory) return uri;
  }
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

export async function openEventFile(
  store: IssueStore,
  uri?: vscode.Uri,
  /** Remembers the folder a file was picked from, for the next dialog. */
  state?: vscode.Memento,
): Promise<string[] | undefined> {
  const picked = uri
    ? undefined
    : (
        await vscode.window.showOpenDialog({
          title: 'Open Stack Trace or Event File',
          canSelectMany: false,
          defaultUri: await dialogStart(state),
          filters: { 'Events and logs': ['json', 'log', 'txt', 'envelope', 'ndjson'], 'All files': ['*'] },
        })
      )?.[0];
  const target = uri ?? picked;
  if (!target) return undefined;
  if (picked) await state?.update(LAST_FOLDER_KEY, vscode.Uri.joinPath(picked, '..').toString());
  try {
    const stat = await vscode.workspace.fs.stat(target);
    const name = target.path.split('/').pop() ?? 'file';
    // A local file is read by the worker with the bound applied while reading. A device or a
    // pipe reports size 0 and may never end, so it gets the cancellable notification too.
    const size = stat.type & vscode.FileType.File ? stat.size : Infinity;
    if (target.scheme === 'file') return await addListed(store, await parse({ path: target.fsPath }, name, size), name);
    const text = await readOtherFileSystem(target, stat, name);
    return await addListed(store, await parse({ text }, name, text.length), name);
  } catch (e) {
    if (!CulpritError.is(e, 'cancelled'))
      void vscode.window.showErrorMessage(`Culprit: cannot read ${target.fsPath}: ${messageOf(e)}`);
    return undefined;
  }
}

/**
 * The bundled sample's own repository: the history of the program that crashed, cloned from the
 * bundle into the extension's storage (once per bundle content). The sample is triaged there only,
 * so a workspace with a file of the same name never lends it frames or suspects.
 */
async function sampleRepo(extensionUri: vscode.Uri, storage: vscode.Uri): Promise<string> {
  const bundle = vscode.Uri.joinPath(extensionUri, 'media', 'sample', 'sample-repo.bundle');
  const bytes = await vscode.workspace.fs.readFile(bundle);
  const id = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const dir = vscode.Uri.joinPath(storage, `sample-repo-${id}`);
  const ready = await Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(dir, '.git', 'HEAD'))).then(
    () => true,
    () => false,
  );
  if (ready) return dir.fsPath;
  await vscode.workspace.fs.createDirectory(storage);
  const scratch = `${dir.fsPath}.${process.pid}.tmp`;
  await fs.rm(scratch, { recursive: true, force: true });
  await run('git', ['clone', '--quiet', '--', bundle.fsPath, scratch], { timeout: 30_000 });
  await fs.rm(dir.fsPath, { recursive: true, force: true });
  await fs.rename(scratch, dir.fsPath);
  return dir.fsPath;
}

/** The bundled sample (a real Node crash captured by scripts/fixtures): the walkthrough's first step. */
export async function triageSample(
  store: IssueStore,
  extensionUri: vscode.Uri,
  storage: vscode.Uri,
): Promise<string[] | undefined> {
  const file = vscode.Uri.joinPath(extensionUri, 'media', 'sample', 'node-crash.txt');
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  try {
    const repo = await sampleRepo(extensionUri, storage);
    const listed = await parse({ text }, 'the sample crash', text.length);
    return await withCancellableProgress('triaging the sample crash', (signal) =>
      store.addSamples(listed.samples, { signal, repo }),
    );
  } catch (e) {
    if (!CulpritError.is(e, 'cancelled'))
      void vscode.window.showErrorMessage(`Culprit: the sample could not be triaged (it needs git): ${messageOf(e)}`);
    return undefined;
  }
}
