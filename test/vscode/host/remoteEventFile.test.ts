// Opening an event file that lives on another file system (remote, virtual), in the real extension
// host: VS Code reads those only whole (`workspace.fs.readFile`), so Culprit checks the size the file
// system reports before asking, refuses what it cannot bound (a device or a pipe), and stops waiting
// at `culprit.timeout`. The file system here is a real FileSystemProvider registered for a scheme of
// its own, as remote and virtual workspaces are; it counts the reads it is asked for.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CulpritApi } from '../../../src/extension/extension';
import { CMD } from '../../../src/extension/constants';
import { withShownErrors } from './hostEnv';

const SCHEME = 'culprit-remote-test';
const TRACE = 'TypeError: boom\n    at handler (/app/src/app.js:2:10)\n    at main (/app/src/app.js:5:3)\n';

interface RemoteFile {
  stat: vscode.FileStat;
  /** The bytes a read answers with; undefined: the read never answers (a remote that stopped). */
  bytes?: Uint8Array;
}

/** A read-only file system holding `files`, counting the whole-file reads it is asked for. */
function remoteFileSystem(files: Record<string, RemoteFile>): vscode.FileSystemProvider & { reads: string[] } {
  const reads: string[] = [];
  const find = (uri: vscode.Uri): RemoteFile => {
    const f = files[uri.path];
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return f;
  };
  return {
    reads,
    onDidChangeFile: new vscode.EventEmitter<vscode.FileChangeEvent[]>().event,
    watch: () => new vscode.Disposable(() => undefined),
    stat: (uri) => find(uri).stat,
    readDirectory: () => [],
    createDirectory: () => undefined,
    readFile: (uri) => {
      reads.push(uri.path);
      const f = find(uri);
      return f.bytes ?? new Promise<Uint8Array>(() => undefined);
    },
    writeFile: () => undefined,
    delete: () => undefined,
    rename: () => undefined,
  };
}

const stat = (type: vscode.FileType, size: number): vscode.FileStat => ({ type, size, ctime: 0, mtime: 0 });

/** Opens `path` on the test file system with Open Stack Trace or Event File; records the errors shown. */
async function open(path: string): Promise<{ keys: string[] | undefined; errors: string[]; ms: number }> {
  const started = Date.now();
  const uri = vscode.Uri.from({ scheme: SCHEME, path });
  const { result: keys, errors } = await withShownErrors(() =>
    vscode.commands.executeCommand<string[] | undefined>(CMD.openEventFile, uri),
  );
  return { keys, errors, ms: Date.now() - started };
}

describe('Culprit with an event file on a remote or virtual file system', function () {
  this.timeout(60_000);
  let api: CulpritApi;
  let registration: vscode.Disposable;
  const fsp = remoteFileSystem({
    '/big.log': { stat: stat(vscode.FileType.File, 300 * 1024 * 1024), bytes: new Uint8Array(0) },
    '/pipe.log': { stat: stat(vscode.FileType.Unknown, 0), bytes: new Uint8Array(0) },
    '/silent.log': { stat: stat(vscode.FileType.File, 120) },
    '/trace.txt': { stat: stat(vscode.FileType.File, TRACE.length), bytes: new TextEncoder().encode(TRACE) },
  });
  const config = () => vscode.workspace.getConfiguration('culprit');

  before(async () => {
    api = await vscode.extensions.getExtension<CulpritApi>('culprit-dev.culprit')!.activate();
    registration = vscode.workspace.registerFileSystemProvider(SCHEME, fsp, { isReadonly: true });
  });
  after(async () => {
    registration.dispose();
    await config().update('timeout', undefined, vscode.ConfigurationTarget.Global);
  });

  it('refuses a file whose reported size is over the bound, without reading it, with the local message', async () => {
    const before = api.store.entries().length;
    const { keys, errors } = await open('/big.log');
    assert.equal(keys, undefined);
    assert.equal(api.store.entries().length, before, 'nothing was added');
    assert.deepEqual(fsp.reads, [], 'no read was asked for');
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /big\.log is larger than 256 MB: Culprit reads at most 256 MB of event input/);
  });

  it('refuses a device or a pipe there, which a whole-file read cannot bound', async () => {
    const { keys, errors } = await open('/pipe.log');
    assert.equal(keys, undefined);
    assert.deepEqual(fsp.reads, [], 'no read was asked for');
    assert.match(errors[0] ?? '', /pipe\.log is not a regular file/);
  });

  it('stops waiting for a read that never answers at culprit.timeout, and says so', async () => {
    await config().update('timeout', 2, vscode.ConfigurationTarget.Global);
    const { keys, errors, ms } = await open('/silent.log');
    assert.equal(keys, undefined);
    assert.deepEqual(fsp.reads, ['/silent.log']);
    assert.match(errors[0] ?? '', /silent\.log was still being read when the 2 s deadline \(culprit\.timeout\) passed/);
    assert.ok(ms < 10_000, `took ${ms} ms`);
  });

  it('reads and triages a stack trace there within the bounds', async () => {
    const { keys, errors } = await open('/trace.txt');
    assert.deepEqual(errors, []);
    assert.equal(keys?.length, 1);
    const entry = api.store.entries().find((e) => e.key === keys?.[0]);
    assert.ok(entry, 'the issue is in the view');
  });
});
