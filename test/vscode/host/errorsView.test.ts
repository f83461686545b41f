// The extension in a real VS Code extension host, against the spec-validated Sentry stand-in
// serving a real @sentry/node event of the demo service, on the demo repository's real history.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startSentryStandIn, type SentryStandIn } from '../../helpers/sentryStandIn';
import { until, workspaceInfo, workspaceRoot } from './hostEnv';
import type { CulpritApi } from '../../../src/extension/extension';
import type { ErrorTreeNode } from '../../../src/extension/tree/errorNodes';
import { CMD } from '../../../src/extension/constants';

const CANARY = 'canarytok_HOST_CANARY_7d41b2e0';

interface DemoInfo {
  repo: string;
  eventFile: string;
  restEvent: Record<string, unknown>;
  releases: Array<{ version: string; commit: string; dateCreated: string }>;
  bugSha: string;
}

function textOf(md: vscode.MarkdownString | vscode.MarkedString): string {
  return typeof md === 'string' ? md : md.value;
}

function withAuthorization(event: Record<string, unknown>): Record<string, unknown> {
  // The failing request as a browser sends it: with credentials the hover must never show.
  const copy = structuredClone(event) as {
    entries?: Array<{ type: string; data: { headers?: Array<[string, string]> } }>;
  };
  for (const e of copy.entries ?? []) {
    if (e.type === 'request')
      e.data.headers = [
        ...(e.data.headers ?? []),
        ['Authorization', 'Bearer user-session-SECRET-42'],
        ['Cookie', 'sid=SECRET-COOKIE'],
      ];
  }
  return copy as Record<string, unknown>;
}

describe('Culprit extension: Production Errors from Sentry', function () {
  this.timeout(60_000);
  let api: CulpritApi;
  let standIn: SentryStandIn;
  let info: DemoInfo;
  const config = () => vscode.workspace.getConfiguration('culprit');

  before(async () => {
    const got = workspaceInfo<DemoInfo>();
    assert.ok(got?.restEvent, 'workspace.mjs must prepare the demo repository and its captured event');
    info = got;
    standIn = await startSentryStandIn({
      issueCount: 3,
      token: CANARY,
      event: withAuthorization(info.restEvent),
      releases: info.releases,
    });
    const ext = vscode.extensions.getExtension<CulpritApi>('culprit-dev.culprit');
    assert.ok(ext, 'culprit-dev.culprit is not loaded');
    api = await ext.activate();
    await api.secrets.storeSentry({ token: CANARY });
    await config().update('sentry.url', standIn.url, vscode.ConfigurationTarget.Global);
    await config().update('sentry.org', 'acme', vscode.ConfigurationTarget.Global);
    await config().update('sentry.projects', ['orders-api'], vscode.ConfigurationTarget.Global);
    await config().update('provider', 'sentry', vscode.ConfigurationTarget.Global);
    await until(
      '3 triaged issues',
      () => api.store.entries().length === 3 && api.store.entries().every((e) => e.triage),
    );
  });

  after(async () => {
    await standIn?.close();
  });

  it('registers every command it declares', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(CMD)) assert.ok(all.has(id), `${id} is not registered`);
    const declared = (
      vscode.extensions.getExtension('culprit-dev.culprit')!.packageJSON.contributes.commands as Array<{
        command: string;
      }>
    ).map((c) => c.command);
    assert.deepEqual(new Set(declared), new Set(Object.values(CMD)));
  });

  it('keeps the token in SecretStorage, never in settings', async () => {
    assert.equal((await api.secrets.sentry())?.token, CANARY);
    const inspected = JSON.stringify(config());
    assert.ok(!inspected.includes(CANARY));
    const wsSettings = path.join(workspaceRoot(), '.vscode', 'settings.json');
    if (fs.existsSync(wsSettings)) assert.ok(!fs.readFileSync(wsSettings, 'utf8').includes(CANARY));
  });

  it('shows issues with count, release and top suspect, then Suspects and in-app frames', async () => {
    const roots = api.tree.getChildren() as ErrorTreeNode[];
    const issues = roots.filter((n) => n.kind === 'issue');
    assert.equal(issues.length, 3);
    const item = api.tree.getTreeItem(issues[0]);
    assert.match(String(item.label), /TypeError/);
    assert.match(String(item.description), new RegExp(`×\\d+ · .* · 1\\.5\\.0 · ${info.bugSha.slice(0, 7)} `));
    assert.equal(item.id, `issue:sentry:${api.store.entries()[0].sample.group.id}`);
    const children = api.tree.getChildren(issues[0]) as ErrorTreeNode[];
    assert.equal(children[0].kind, 'suspects');
    const firstFrame = children.find((c) => c.kind === 'frame');
    assert.ok(firstFrame);
    assert.equal(
      api.tree.getTreeItem(firstFrame).description,
      'src/services/pricing.js:15:' + (firstFrame.kind === 'frame' ? firstFrame.frame.column : ''),
    );
    const suspects = api.tree.getChildren(children[0]) as ErrorTreeNode[];
    assert.equal(suspects[0].kind, 'suspect');
    assert.equal(suspects[0].kind === 'suspect' && suspects[0].suspect.sha, info.bugSha);
    assert.ok((api.tree.getChildren(suspects[0]) as ErrorTreeNode[]).length > 0, 'the top suspect lists its reasons');
  });

  it('opens a frame at its working-tree line and column', async () => {
    const entry = api.store.entries()[0];
    const frame = entry.triage!.issue.frames[0];
    await vscode.commands.executeCommand(CMD.openFrame, entry.key, 0);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(path.relative(workspaceRoot(), editor.document.uri.fsPath), 'src/services/pricing.js');
    assert.equal(editor.selection.active.line, 14);
    assert.equal(editor.selection.active.character, (frame.column ?? 1) - 1);
  });

  it('hovers the crashing line with the error, variables, request without secrets, and the suspect', async () => {
    const uri = vscode.Uri.file(path.join(workspaceRoot(), 'src/services/pricing.js'));
    await until('the crashing line indexed', () => api.lines.linesOf(uri).some((l) => l.line === 14 && l.crashing));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(14, 4),
    );
    const text = hovers.flatMap((h) => h.contents.map(textOf)).join('\n');
    assert.match(text, /TypeError/);
    assert.match(text, /Local variables/);
    assert.match(text, /POST/);
    assert.match(text, new RegExp(info.bugSha.slice(0, 7)));
    assert.match(text, /command:culprit\.openSuspectDiff\?/);
    assert.ok(
      !/SECRET-42|SECRET-COOKIE|Authorization/i.test(text),
      'credentials of the failing request must not be shown',
    );
    const none = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(2, 0),
    );
    assert.ok(
      !none
        .flatMap((h) => h.contents.map(textOf))
        .join('\n')
        .includes('Local variables'),
      'lines without a frame get no Culprit hover',
    );
  });

  it('moves the decorated lines with edits above them', async () => {
    const uri = vscode.Uri.file(path.join(workspaceRoot(), 'src/services/pricing.js'));
    const editor = await vscode.window.showTextDocument(uri);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// one\n// two\n'));
    await until('the crashing line moved to 17', () => api.lines.linesOf(uri).some((l) => l.line === 16 && l.crashing));
    await vscode.commands.executeCommand('undo');
    await until('the crashing line back at 15', () => api.lines.linesOf(uri).some((l) => l.line === 14 && l.crashing));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('opens the suspect diff between its parent and itself', async () => {
    const entry = api.store.entries()[0];
    await vscode.commands.executeCommand(CMD.openSuspectDiff, entry.key, info.bugSha);
    const tab = await until('a diff tab', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff ? t : undefined;
    });
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(input.original.scheme, 'culprit-git');
    assert.equal(input.modified.path, '/src/services/pricing.js');
    const right = await vscode.workspace.openTextDocument(input.modified);
    const left = await vscode.workspace.openTextDocument(input.original);
    assert.notEqual(left.getText(), right.getText());
    assert.match(right.getText(), /loyalty/i);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('keeps the last good list with an error node when a refresh fails, without the token', async () => {
    standIn.fault('issues', { status: 401, times: 1, detail: `Invalid token ${CANARY}` });
    const ok = await api.refresh();
    assert.equal(ok, false);
    assert.equal(api.store.entries().length, 3, 'the last good issues stay');
    const status = (api.tree.getChildren() as ErrorTreeNode[]).find(
      (n) => n.kind === 'status' && n.severity === 'error',
    );
    assert.ok(status && status.kind === 'status');
    assert.match(status.detail, /token|401|scope/i);
    assert.ok(!status.detail.includes(CANARY));
    assert.ok(await api.refresh(), 'the next refresh recovers');
    assert.ok(!(api.tree.getChildren() as ErrorTreeNode[]).some((n) => n.kind === 'status' && n.severity === 'error'));
  });

  it('counts the issues with events since the user last looked, and none right after looking', async () => {
    assert.equal(api.status.newCount(), 3, 'the view was never shown, so every listed issue is new');
    api.status.markLooked();
    assert.equal(api.status.newCount(), 0);
  });

  it('never writes the token to its log', async () => {
    await api.refresh();
    const dir = path.dirname(api.logUri.fsPath);
    const logs: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.log')) logs.push(p);
      }
    };
    walk(dir);
    const culpritLog = logs.filter((p) => /culprit/i.test(p));
    assert.ok(culpritLog.length > 0, `no Culprit log file under ${dir}`);
    const text = culpritLog.map((p) => fs.readFileSync(p, 'utf8')).join('\n');
    assert.match(text, /listed 3 issue/);
    assert.ok(!text.includes(CANARY));
  });

  it('opens an issue from a vscode:// link, and refuses a malformed one', async () => {
    const entry = api.store.entries()[1];
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const link = vscode.Uri.parse(
      `${vscode.env.uriScheme}://culprit-dev.culprit/open?provider=sentry&org=acme&issue=${encodeURIComponent(entry.sample.group.id)}`,
    );
    // What VS Code calls for a vscode:// link (the web workbench here has no OS protocol routing).
    await api.handleUri(link);
    await until('the linked issue selected', () => api.store.selected?.key === entry.key);
    const editor = await until('its crashing frame open', () => vscode.window.activeTextEditor);
    assert.match(editor.document.uri.fsPath, /pricing\.js$/);
    const before = api.store.selected?.key;
    await api.handleUri(
      vscode.Uri.parse(
        `${vscode.env.uriScheme}://culprit-dev.culprit/open?provider=sentry&issue=${encodeURIComponent('../../etc/passwd')}`,
      ),
    );
    assert.equal(api.store.selected?.key, before);
  });

  it('triages an event file with no account and adds it to the list', async () => {
    const keys = await vscode.commands.executeCommand<string[]>(CMD.openEventFile, vscode.Uri.file(info.eventFile));
    assert.equal(keys?.length, 1);
    const entry = api.store.get(keys[0]);
    assert.equal(entry?.origin, 'file');
    assert.equal(entry?.triage?.issue.suspects[0]?.sha, info.bugSha);
  });
});
