// The extension in a real VS Code extension host, against the spec-validated Sentry stand-in
// serving a real @sentry/node event of the demo service, on the demo repository's real history.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startSentryStandIn, type SentryStandIn } from '../../helpers/sentryStandIn';
import { until, untilAsync, workspaceInfo, workspaceRoot } from './hostEnv';
import type { CulpritApi } from '../../../src/extension/extension';
import type { ErrorTreeNode } from '../../../src/extension/tree/errorNodes';
import { CMD } from '../../../src/extension/constants';
import { originOf } from '../../../src/core/registry';
import { createFileSource } from '../../../src/core/providers';
import { releaseItems } from '../../../src/extension/commands/deployCommands';

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
    await api.secrets.storeSentry({ token: CANARY }, originOf(standIn.url));
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

  it('redraws an idle row when its relative time would change, so it reads what a hover drawn then reads', async () => {
    const entry = api.store.entries()[0];
    const group = entry.sample.group;
    const original = group.lastSeen;
    const redrawn: string[] = [];
    const listening = api.tree.onDidChangeTreeData(() => {
      const node = (api.tree.getChildren() as ErrorTreeNode[]).find((n) => n.kind === 'issue' && n.entry === entry)!;
      redrawn.push(String(api.tree.getTreeItem(node).description));
    });
    try {
      // Seen 58 s ago: `just now` until 59.5 s, then `1 min ago`, with nothing else happening meanwhile.
      group.lastSeen = new Date(Date.now() - 58_000).toISOString();
      const node = (api.tree.getChildren() as ErrorTreeNode[]).find((n) => n.kind === 'issue' && n.entry === entry)!;
      assert.match(String(api.tree.getTreeItem(node).description), / · just now · /);
      await until('the row redrawn as 1 min ago', () => redrawn.some((d) => / · 1 min ago · /.test(d)), 10_000);
    } finally {
      listening.dispose();
      group.lastSeen = original;
      api.tree.refreshAll();
    }
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
    const libraries = children.find((c) => c.kind === 'libraryFrames');
    if (libraries) {
      const group = api.tree.getTreeItem(libraries);
      assert.equal(group.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'library frames are folded');
      for (const lib of api.tree.getChildren(libraries) as ErrorTreeNode[]) {
        const it = api.tree.getTreeItem(lib);
        assert.equal((it.iconPath as vscode.ThemeIcon).id, 'library', String(it.label));
        assert.equal(it.contextValue, 'frame.library', 'no Add Path Mapping… on a library frame');
      }
    }
    assert.ok(firstFrame);
    // File and today's line first, so a default-width sidebar shows them; the folder after.
    assert.equal(api.tree.getTreeItem(firstFrame).description, 'pricing.js:15 · src/services');
    assert.match(String(api.tree.getTreeItem(firstFrame).tooltip), /^src\/services\/pricing\.js:15:\d+\n/);
    const suspectsItem = api.tree.getTreeItem(children[0]);
    assert.equal(suspectsItem.description, 'deploy v1.4.0..v1.5.0 (from Sentry deploys)');
    const suspects = api.tree.getChildren(children[0]) as ErrorTreeNode[];
    assert.equal(suspects[0].kind, 'suspect');
    const top = api.tree.getTreeItem(suspects[0]);
    // The probability and the summary lead (cut at a word); SHA, author and age beside them.
    assert.match((top.label as vscode.TreeItemLabel).label, /^(?:>99|\d+)% Use loyalty programme…$/);
    assert.match(String(top.description), new RegExp(`^${info.bugSha.slice(0, 7)} · .+ · \\d+ d ago$`));
    assert.match((top.tooltip as vscode.MarkdownString).value, /- /, 'reasons are in the tooltip');
    assert.equal(suspects[0].kind === 'suspect' && suspects[0].suspect.sha, info.bugSha);
    const reasons = api.tree.getChildren(suspects[0]) as ErrorTreeNode[];
    assert.ok(reasons.length > 0, 'the top suspect lists its reasons');
    // "and 1 more link to the stack" expands into the link it stands for: every link is reachable.
    const more = reasons.find((r) => r.kind === 'reason' && /^and \d+ more links? to the stack$/.test(r.text));
    assert.ok(
      more && suspects[0].kind === 'suspect',
      reasons.map((r) => (r.kind === 'reason' ? r.text : r.kind)).join('; '),
    );
    const moreLinks = suspects[0].suspect.moreLinks ?? [];
    assert.equal(api.tree.getTreeItem(more).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const links = api.tree.getChildren(more) as ErrorTreeNode[];
    assert.deepEqual(
      links.map((l) => (l.kind === 'reason' ? l.text : l.kind)),
      moreLinks,
    );
    assert.ok(moreLinks.length > 0 && links.every((l) => api.tree.getParent(l) === more));
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

  it('says in the tree, hover and on opening how a frame was placed and whether its line changed', async () => {
    const entry = api.store.entries()[0];
    const frame = entry.triage!.issue.frames[0];
    assert.equal(frame.placedBy, 'line-number', 'the demo crash line stands at its reported number');
    const issue = (api.tree.getChildren() as ErrorTreeNode[]).find((n) => n.kind === 'issue');
    const node = (api.tree.getChildren(issue) as ErrorTreeNode[]).find((c) => c.kind === 'frame' && c.index === 0);
    assert.ok(node);
    const uri = vscode.Uri.file(path.join(workspaceRoot(), 'src/services/pricing.js'));
    const saved = { ...frame };
    const sha = 'c0ffee1'.padEnd(40, '0');
    try {
      Object.assign(frame, {
        placedBy: 'history',
        placedAt: sha,
        changedSince: { sha, summary: 'Guard the tier', author: 'Bob <bob@x>', date: new Date().toISOString() },
      });
      let item = api.tree.getTreeItem(node);
      assert.equal(item.description, 'pricing.js:15 · changed after deploy · src/services');
      assert.match(String(item.tooltip), /placed by its line text at c0ffee1: the deployed file no longer holds it/);
      assert.match(String(item.tooltip), /changed after deploy by c0ffee1 Guard the tier/);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        new vscode.Position(14, 4),
      );
      assert.match(
        hovers.flatMap((h) => h.contents.map(textOf)).join('\n'),
        /\$\(location\) Placed by its line text at c0ffee1/,
      );
      Object.assign(frame, {
        placedBy: null,
        unplaced: 'its line text is in no revision',
        changedSince: null,
        localLine: null,
      });
      item = api.tree.getTreeItem(node);
      assert.match(String(item.description), /^pricing\.js:9 · line not placed · src\/services$/);
      assert.match(String(item.tooltip), /line not placed: its line text is in no revision/);
      await vscode.commands.executeCommand(CMD.openFrame, entry.key, 0);
      // No guess: the file opens at its top, not at a number that holds other code today.
      assert.equal(vscode.window.activeTextEditor?.selection.active.line, 0);
    } finally {
      for (const k of ['placedAt', 'unplaced'] as const) delete frame[k];
      Object.assign(frame, saved);
    }
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
    assert.match(text, /\*\*Variables\*\*/);
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
        .includes('**Variables**'),
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

  it('triages the bundled sample on its own repository, though this workspace has a src/services/pricing.js', async () => {
    assert.ok(fs.existsSync(path.join(workspaceRoot(), 'src/services/pricing.js')), 'the same-named file is here');
    const count = api.store.entries().length;
    const keys = await vscode.commands.executeCommand<string[]>(CMD.triageSample);
    assert.equal(keys?.length, 1);
    assert.equal(api.store.entries().length, count + 1, 'one issue: the sample');
    const triage = api.store.get(keys[0])?.triage;
    assert.ok(triage, api.store.get(keys[0])?.triageError ?? 'not triaged');
    const root = fs.realpathSync(triage.root);
    assert.ok(!root.startsWith(fs.realpathSync(workspaceRoot())), `triaged on ${root}, not the workspace`);
    // Its own history: the commit that made prices objects, in the guessed range of its tags.
    assert.equal(triage.issue.suspects[0]?.summary, 'Prices carry their amount and currency');
    assert.equal(triage.issue.confidence, 'high');
    assert.equal(triage.issue.deploy.label, 'v1.0.0..v1.1.0 (guessed: newest tag — no release in the event)');
    const known = (sha: string) => {
      try {
        execFileSync('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd: workspaceRoot(), stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    assert.ok(!triage.issue.suspects.some((s) => known(s.sha)), 'no suspect from the workspace repository');
    // Its crashing frame opens in the sample's clone, at the line that crashed.
    const editor = await until('the sample frame open', () => {
      const e = vscode.window.activeTextEditor;
      return e && fs.realpathSync(e.document.uri.fsPath).startsWith(root) ? e : undefined;
    });
    assert.match(editor.document.uri.fsPath, /src[\\/]services[\\/]pricing\.js$/);
    assert.equal(editor.document.lineAt(editor.selection.active.line).text.trim(), 'return item.price.amount * qty;');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('labels the deploy range by its source: tags of the release, none (blamed at HEAD)', async () => {
    // The SDK's event names release orders-api@1.5.0 and no deploy: the range comes from the tags.
    const keys = await vscode.commands.executeCommand<string[]>(CMD.openEventFile, vscode.Uri.file(info.eventFile));
    assert.equal(
      api.store.get(keys![0])?.triage?.issue.deploy.label,
      'v1.4.0..v1.5.0 (from tags: release orders-api@1.5.0)',
    );
    // The sample's program with its history but no tags: no range at all, said as such.
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-untagged-'));
    try {
      const ext = vscode.extensions.getExtension('culprit-dev.culprit')!;
      const bundle = path.join(ext.extensionPath, 'media/sample/sample-repo.bundle');
      execFileSync('git', ['clone', '-q', bundle, bare]);
      execFileSync('git', ['tag', '-d', 'v1.0.0', 'v1.1.0'], { cwd: bare });
      const trace = fs.readFileSync(path.join(ext.extensionPath, 'media/sample/node-crash.txt'), 'utf8');
      const listed = await createFileSource(trace, 'untagged').listSamples({ limit: 1 });
      const [key] = await api.store.addSamples(listed.samples, { repo: bare });
      assert.equal(api.store.get(key)?.triage?.issue.deploy.label, '(none: blamed at HEAD)');
      assert.equal(api.store.get(key)?.triage?.issue.deploy.guessed, false);
    } finally {
      fs.rmSync(bare, { recursive: true, force: true });
    }
  });

  describe('editor surfaces (#19) and the deploy range (#20)', () => {
    const pricing = () => vscode.Uri.file(path.join(workspaceRoot(), 'src/services/pricing.js'));
    const providerEntry = () => api.store.entries().find((e) => e.origin === 'provider')!;
    const hoverText = async (line: number) => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        pricing(),
        new vscode.Position(line, 4),
      );
      return hovers.flatMap((h) => h.contents.map(textOf)).join('\n');
    };

    before(async () => {
      api.store.select(providerEntry().key);
      await vscode.window.showTextDocument(pricing());
      await until('the crashing line indexed', () => api.lines.linesOf(pricing()).some((l) => l.crashing));
    });

    it('hover leads with the error, then the suspect and one action row, then context; prose wraps', async () => {
      const text = await hoverText(14);
      const at = (re: RegExp) => {
        const i = text.search(re);
        assert.ok(i >= 0, `${re} not in the hover:\n${text}`);
        return i;
      };
      const order = [
        at(/\$\(error\) \*\*TypeError\*\*/),
        at(/\*\*Suspect\*\* \[\$\(git-commit\) [0-9a-f]{7}\]\(command:culprit\.openSuspectDiff/),
        at(/\$\(rocket\) deploy v1\\\.4\\\.0\\\.\\\.v1\\\.5\\\.0 \\\(from Sentry deploys\\\)/),
        at(
          /\[Open Diff\]\(command:culprit\.openSuspectDiff.*\[Details\]\(command:culprit\.openDetails.*\[Copy as Markdown\]\(command:culprit\.copyAsMarkdown/,
        ),
        at(/\*\*Variables\*\*/),
        at(/\*\*Request\*\* `+POST /),
      ];
      assert.deepEqual(
        order,
        [...order].sort((a, b) => a - b),
        `hover sections out of order:\n${text}`,
      );
      assert.ok(!text.includes('&nbsp;'), 'spaces stay spaces so prose wraps');
      assert.match(
        text,
        new RegExp(`${info.bugSha.slice(0, 7)}.*· (?:\\d+|>99)%`),
        'the suspect line carries its probability',
      );
      // Today's line, as the editor shows it, with the deployed one beside it.
      assert.match(text, /changed line 15 \\\(deployed\\: 9\\\) of src\/services\/pricing\\\.js/);
      assert.ok(!/changed line 9 of/.test(text), 'no deployed line number alone');
      // Compact: a bounded request line without its query twice, and "… in Details" past a few variables.
      const links = [...text.matchAll(/\]\(([^)\s]+)/g)].map((m) => m[1]);
      assert.ok(links.length > 0);
      for (const l of links) assert.match(l, /^command:culprit\./, `only Culprit commands are links: ${l}`);
      const request = /\*\*Request\*\* (`+)(.*?)\1/.exec(text)?.[2] ?? '';
      assert.ok((request.match(/\?/g) ?? []).length <= 1, `the query string appears once: ${request}`);
    });

    it('never turns server text into a link, and says first when the line changed after the deploy', async () => {
      const entry = providerEntry();
      const ex = entry.sample.event.exceptions[entry.sample.event.exceptions.length - 1];
      const original = ex.value;
      const frame = entry.triage!.issue.frames[0];
      const realChange = frame.changedSince;
      try {
        // Short enough that the hover's bounded message shows all of it.
        ex.value = 'see https://evil.example/x?a=1 or [here](http://127.0.0.1:9/steal) www.evil.example a@evil.example';
        frame.changedSince = {
          sha: 'c0ffee1'.padEnd(40, '0'),
          summary: 'Guard a missing loyalty tier',
          author: 'Bob <bob@x>',
          date: new Date(Date.now() - 3600_000).toISOString(),
        };
        const text = await hoverText(14);
        assert.ok(
          text.indexOf('Changed after deploy') >= 0 &&
            text.indexOf('Changed after deploy') < text.indexOf('**TypeError**'),
          `the change after the deploy leads:\n${text}`,
        );
        assert.match(text, /by `c0ffee1` Guard a missing loyalty tier — Bob, .* a fix may already be in/);
        assert.match(text, /\[deployed version\]\(command:culprit\.openDeployedFile\?/);
        for (const l of [...text.matchAll(/\]\(([^)\s]+)/g)].map((m) => m[1]))
          assert.match(l, /^command:culprit\./, `server text became a link: ${l}`);
        assert.match(text, /`https:\/\/evil\.example\/x\?a=1`/, 'server URLs are code');
        assert.match(text, /`www\.evil\.example`/);
        assert.match(text, /`a@evil\.example`/);
        assert.match(text, /\\\[here\\\]\\\(`http:\/\/127\.0\.0\.1:9\/steal\\?\)?`/);
      } finally {
        ex.value = original;
        frame.changedSince = realChange;
      }
    });

    it('writes the message itself after the crashing line, and frame N of … after callers, cut at a word', async () => {
      api.decorations.paint();
      const painted = api.decorations.paintedIn(pricing());
      const crash = painted.find((p) => p.crashing);
      assert.ok(crash, 'the crashing line is painted');
      assert.equal(crash.line, 14);
      // The message leads and the text ends by column 110: the facts give way before the message is cut.
      const doc = await vscode.workspace.openTextDocument(pricing());
      for (const p of painted) {
        const end = doc.lineAt(p.line).text.trimEnd().length + 4 + p.text.length;
        assert.ok(end <= 110, `line ${p.line + 1} ends at column ${end}: ${p.text}`);
        if (p.text.endsWith('…')) assert.match(p.text, /\w…$/, `cut mid-word or at a parenthesis: ${p.text}`);
      }
      assert.equal(crash.text, 'TypeError: Cannot read properties of undefined…');
      const caller = painted.find((p) => !p.crashing && p.line === 24);
      assert.equal(caller?.text, 'frame 2 of TypeError: Cannot read properties of…');
      await config().update('inlineText.maxLength', 200, vscode.ConfigurationTarget.Global);
      try {
        // A wider setting never runs the text past column 110.
        await until('repainted', () => {
          api.decorations.paint();
          return api.decorations.paintedIn(pricing()).find((p) => p.crashing)?.text === crash.text;
        });
      } finally {
        await config().update('inlineText.maxLength', undefined, vscode.ConfigurationTarget.Global);
      }
      await config().update('inlineText.maxLength', 40, vscode.ConfigurationTarget.Global);
      try {
        await until('the shorter text painted', () => {
          api.decorations.paint();
          return api.decorations.paintedIn(pricing()).find((p) => p.crashing && p.text.length <= 40);
        });
        const short = api.decorations.paintedIn(pricing());
        for (const p of short) {
          assert.ok(p.text.length <= 60, p.text);
          const head = p.crashing ? p.text.split(' · ')[0] : p.text;
          if (head.endsWith('…')) assert.match(head, /[^\s]…$/, `cut mid-space: ${head}`);
        }
        const caller = short.find((p) => !p.crashing);
        if (caller) assert.match(caller.text, /^frame \d+ of TypeError/);
        await config().update('inlineText.show', 'off', vscode.ConfigurationTarget.Global);
        await until('no text after lines', () => {
          api.decorations.paint();
          return api.decorations.paintedIn(pricing()).every((p) => p.text === '');
        });
      } finally {
        await config().update('inlineText.maxLength', undefined, vscode.ConfigurationTarget.Global);
        await config().update('inlineText.show', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('writes the count, the first release and the suspect after a short crash message', async () => {
      const entry = providerEntry();
      const ex = entry.sample.event.exceptions[entry.sample.event.exceptions.length - 1];
      const original = ex.value;
      try {
        // Short enough that the message and all three facts end by column 110 after this line.
        ex.value = 'tier is undefined';
        const crashText = () => {
          api.decorations.paint();
          return api.decorations.paintedIn(pricing()).find((p) => p.crashing)?.text ?? '';
        };
        await until('the short message painted', () => crashText().startsWith('TypeError: tier is undefined'));
        const text = crashText();
        const count = entry.sample.group.count;
        assert.ok(count !== null, 'the provider reports a count');
        const sha = entry.triage!.issue.suspects[0].sha.slice(0, 7);
        assert.equal(sha, info.bugSha.slice(0, 7));
        assert.equal(text, `TypeError: tier is undefined · ×${count} since 1.5.0 · ${sha}`);
      } finally {
        ex.value = original;
        api.decorations.paint();
      }
    });

    it('puts a CodeLens on the header of the function with frames, and none when turned off', async () => {
      const doc = await vscode.workspace.openTextDocument(pricing());
      const header = doc
        .getText()
        .split('\n')
        .findIndex((l) => /function applyDiscount\b/.test(l));
      assert.ok(header >= 0);
      const lensesOf = async () =>
        (
          await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', pricing(), 10)
        ).filter((l) => l.command?.command === CMD.selectIssue);
      const lenses = await untilAsync('a Culprit CodeLens', async () => {
        const got = await lensesOf();
        return got.length ? got : undefined;
      });
      const lens = lenses.find((l) => l.range.start.line === header);
      assert.ok(lens, `no lens on line ${header + 1}: ${lenses.map((l) => l.range.start.line + 1).join(',')}`);
      assert.match(
        lens.command!.title,
        new RegExp(`^\\$\\(error\\) \\d+ production errors? · \\d+ events? · suspect ${info.bugSha.slice(0, 7)}$`),
      );
      assert.equal(typeof lens.command!.arguments?.[0], 'string');
      await config().update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
      try {
        await untilAsync('no Culprit lens', async () => ((await lensesOf()).length === 0 ? true : undefined));
      } finally {
        await config().update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('sets a deploy range for one issue, labels it, and goes back to automatic', async () => {
      const entry = providerEntry();
      await vscode.commands.executeCommand(CMD.setDeployRange, entry.key, { flag: 'v1.4.0..v1.5.0', scope: 'issue' });
      // Typed by hand: the label names what its ends are.
      assert.equal(api.store.get(entry.key)?.triage?.issue.deploy.label, 'v1.4.0..v1.5.0 (set: tags v1.4.0..v1.5.0)');
      assert.equal(api.store.get(entry.key)?.triage?.issue.suspects[0]?.sha, info.bugSha);
      await vscode.commands.executeCommand(CMD.setDeployRange, entry.key, { flag: null, scope: 'issue' });
      assert.equal(api.store.get(entry.key)?.triage?.issue.deploy.label, 'v1.4.0..v1.5.0 (from Sentry deploys)');
      // As the workspace default: every issue without its own range, until it is cleared.
      await vscode.commands.executeCommand(CMD.setDeployRange, entry.key, {
        flag: 'v1.5.0',
        scope: 'workspace',
        as: 'tag v1.5.0',
      });
      const providers = () => api.store.entries().filter((e) => e.origin === 'provider');
      assert.ok(providers().every((e) => e.triage?.issue.deploy.label === 'v1.4.0..v1.5.0 (set: tag v1.5.0)'));
      await vscode.commands.executeCommand(CMD.setDeployRange, entry.key, { flag: null, scope: 'workspace' });
      assert.ok(providers().every((e) => /\(from Sentry deploys\)$/.test(e.triage?.issue.deploy.label ?? '')));
      await assert.rejects(
        Promise.resolve(
          vscode.commands.executeCommand(CMD.setDeployRange, entry.key, { flag: '--output=x', scope: 'issue' }),
        ),
      );
    });

    it("offers Sentry's releases newest first with dates, each ranging from the release before", async () => {
      const lister = api.store.releaseLister;
      assert.ok(lister, 'the Sentry source lists releases');
      const releases = await lister.lister.listReleases();
      assert.deepEqual(
        releases.map((r) => r.version),
        ['orders-api@1.5.0', 'orders-api@1.4.0'],
      );
      const [r14, r15] = info.releases;
      const items = releaseItems(releases, ['v1.5.0', 'v1.4.0'], 'Sentry');
      assert.deepEqual(
        items.map((i) => [i.label, i.description, i.flag]),
        [
          [
            '$(rocket) orders-api@1.5.0',
            `2026-10-21 · range 1.4.0..1.5.0 · ${r15.commit.slice(0, 7)}`,
            `${r14.commit}..${r15.commit}`,
          ],
          ['$(rocket) orders-api@1.4.0', `2026-09-29 · no earlier release · ${r14.commit.slice(0, 7)}`, r14.commit],
        ],
      );
      // Picking the newest: the triage reruns on that range and still finds the bug commit.
      const entry = providerEntry();
      await vscode.commands.executeCommand(CMD.setDeployRange, entry.key, {
        flag: items[0].flag,
        scope: 'issue',
        as: items[0].as,
      });
      const issue = api.store.get(entry.key)?.triage?.issue;
      assert.equal(issue?.deploy.from, r14.commit);
      assert.equal(issue?.deploy.to, r15.commit);
      // It says what was picked, never like a reported or guessed range.
      assert.equal(issue?.deploy.label, 'v1.4.0..v1.5.0 (set: release 1.5.0 from Sentry)');
      assert.equal(issue?.suspects[0]?.sha, info.bugSha);
      await vscode.commands.executeCommand(CMD.setDeployRange, entry.key, { flag: null, scope: 'issue' });
      // A release without a commit names git only through a tag of its version.
      assert.deepEqual(
        releaseItems(
          [
            { version: 'orders-api@1.5.0', revision: null, date: null },
            { version: 'x', revision: null, date: null },
          ],
          ['v1.5.0'],
        ).map((i) => i.flag),
        ['v1.5.0'],
      );
    });

    it('copies an issue as Markdown with its deploy, frames and suspects', async () => {
      const entry = providerEntry();
      const md = await vscode.commands.executeCommand<string>(CMD.copyAsMarkdown, entry.key);
      assert.match(md, /^### `/);
      assert.match(md, /Deploy: v1\\\.4\\\.0\\\.\\\.v1\\\.5\\\.0 \\\(from Sentry deploys\\\)/);
      assert.match(md, /\*\*Frames\*\* \(crashing first\)\n\n1\. ` applyDiscount ` ` src\/services\/pricing\.js:15 `/);
      assert.match(
        md,
        new RegExp(
          `\\*\\*Suspect commits\\*\\*\\n\\n1\\. \` ${info.bugSha.slice(0, 7)} \` Use loyalty programme rates`,
        ),
      );
    });

    it('pastes without clipboard access: a scratch editor with one line of instructions, then Triage', async () => {
      // The web workbench's clipboard needs a browser permission the headless page does not grant.
      await vscode.commands.executeCommand(CMD.pasteStackTrace);
      const editor = await until('the scratch editor', () => {
        const e = vscode.window.activeTextEditor;
        return e?.document.isUntitled && /Paste a stack trace/.test(e.document.lineAt(0).text) ? e : undefined;
      });
      assert.equal(await vscode.commands.executeCommand(CMD.triageEditor), undefined, 'an empty paste adds nothing');
      const trace = JSON.stringify(info.restEvent);
      await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount - 1, 0), trace));
      const keys = await vscode.commands.executeCommand<string[]>(CMD.triageEditor);
      assert.equal(keys?.length, 1);
      assert.equal(api.store.get(keys[0])?.triage?.issue.suspects[0]?.sha, info.bugSha);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    describe('a watched fix with no release after the first one', () => {
      let ongoing: SentryStandIn;
      before(async () => {
        // 1.5.0 is the issue's first release and the newest: no release can hold a fix yet.
        ongoing = await startSentryStandIn({
          issueCount: 1,
          token: CANARY,
          event: info.restEvent,
          releases: info.releases,
          issueEventCount: 2,
        });
        await api.secrets.storeSentry({ token: CANARY }, originOf(ongoing.url));
        await config().update('sentry.url', ongoing.url, vscode.ConfigurationTarget.Global);
        await until('its one issue', () => api.store.entries().filter((e) => e.origin === 'provider').length === 1);
      });
      after(async () => {
        await api.secrets.storeSentry({ token: CANARY }, originOf(standIn.url));
        await config().update('sentry.url', standIn.url, vscode.ConfigurationTarget.Global);
        await until('the 3 issues back', () => api.store.entries().filter((e) => e.origin === 'provider').length === 3);
        await ongoing?.close();
      });

      it('reads "no fix release yet" in the tree, never "regressed"', async () => {
        const entry = providerEntry();
        assert.equal(entry.sample.group.firstRelease, 'orders-api@1.5.0');
        const status = await api.panels.fixStatus(entry.sample.group.id, true);
        assert.equal(status.kind, 'ongoing');
        const row = (api.tree.getChildren() as ErrorTreeNode[]).find(
          (n) => n.kind === 'issue' && n.entry.key === entry.key,
        );
        assert.ok(row);
        const description = String(api.tree.getTreeItem(row).description);
        assert.match(description, /^2 events since the fix was watched; no fix release yet · /);
        assert.doesNotMatch(description, /regressed/);
        // Every event was asked for since the watch began, none filtered by a release that does not exist.
        const asked = ongoing.requests.filter((r) => r.route === 'issueEvents').pop();
        assert.ok(asked && !/release:/.test(asked.query.get('query') ?? ''), asked?.query.toString());
      });
    });

    describe('an issue list at scale', () => {
      let many: SentryStandIn;
      before(async () => {
        many = await startSentryStandIn({
          issueCount: 130,
          token: CANARY,
          event: info.restEvent,
          releases: info.releases,
        });
        // Another stand-in is another origin: the token goes there only once connected to it.
        await api.secrets.storeSentry({ token: CANARY }, originOf(many.url));
        await config().update('sentry.url', many.url, vscode.ConfigurationTarget.Global);
        await until(
          '20 of 130 listed',
          () => api.store.entries().filter((e) => e.origin === 'provider').length === 20,
          120_000,
        );
      });
      after(async () => {
        await vscode.commands.executeCommand(CMD.filterIssues, '');
        await vscode.commands.executeCommand(CMD.sortIssues, 'lastSeen');
        await api.secrets.storeSentry({ token: CANARY }, originOf(standIn.url));
        await config().update('sentry.url', standIn.url, vscode.ConfigurationTarget.Global);
        await until(
          'the 3 issues back',
          () => api.store.entries().filter((e) => e.origin === 'provider').length === 3,
          120_000,
        );
        await many?.close();
      });
      const issueRows = () => (api.tree.getChildren() as ErrorTreeNode[]).filter((n) => n.kind === 'issue');

      it('shows 20 with Load More, and Load More lists the next 20', async () => {
        const roots = api.tree.getChildren() as ErrorTreeNode[];
        const more = roots.find((n) => n.kind === 'loadMore');
        assert.ok(more, 'a Load More row');
        // The total is the stand-in's X-Hits, as Sentry's paginator sends it.
        assert.equal(String(api.tree.getTreeItem(more).label), '20 of 130 — Load More');
        await vscode.commands.executeCommand(CMD.loadMore);
        await until(
          '40 listed',
          () => api.store.entries().filter((e) => e.origin === 'provider').length === 40,
          120_000,
        );
        const after = (api.tree.getChildren() as ErrorTreeNode[]).find((n) => n.kind === 'loadMore');
        assert.equal(after && String(api.tree.getTreeItem(after).label), '40 of 130 — Load More');
      });

      it('Stop Refresh while 60 of 130 are listed aborts the listing; the 40 shown stay, no error', async () => {
        const before = api.store.entries().filter((e) => e.origin === 'provider');
        assert.equal(before.length, 40);
        assert.ok(before.every((e) => e.triage));
        // Each event answers slowly: the listing is still under way when the user stops it.
        many.fault('event', { delayMs: 2000 });
        try {
          await stopMidway(before);
        } finally {
          many.clearFaults();
        }
      });
      const stopMidway = async (before: Array<{ key: string }>) => {
        api.store.loadMore();
        const refreshing = vscode.commands.executeCommand<boolean>(CMD.refresh);
        await until('the listing under way', () => (api.store.refreshing ? true : undefined));
        const asked = many.requests.length;
        await until('event requests sent', () =>
          many.requests.slice(asked).some((r) => r.route === 'event') ? true : undefined,
        );
        const cancelledAt = many.requests.length;
        assert.equal(await vscode.commands.executeCommand(CMD.cancelRefresh), true);
        assert.equal(await refreshing, false);
        assert.equal(api.store.refreshing, false);
        const after = api.store.entries().filter((e) => e.origin === 'provider');
        assert.deepEqual(
          after.map((e) => e.key),
          before.map((e) => e.key),
          'the list shown stays',
        );
        assert.ok(
          after.every((e) => e.triage && !e.triageError),
          'their triages stay',
        );
        assert.notEqual(api.store.status.state, 'error', 'a cancel is not a failure');
        const roots = api.tree.getChildren() as ErrorTreeNode[];
        assert.ok(!roots.some((n) => n.kind === 'status'), 'no error row');
        // Aborted for real: no request starts after the cancel. The stand-in shares this process's
        // event loop, so requests sent just before the cancel may reach it a moment later.
        await new Promise((r) => setTimeout(r, 500));
        const sent = many.requests.length;
        await new Promise((r) => setTimeout(r, 2500));
        const late = many.requests.slice(sent).map((r) => `${r.route} ${r.path}`);
        assert.deepEqual(late, [], `requests after the cancel (cancel at ${cancelledAt})`);
      };

      it('a cancel midway through triaging keeps the triages done and says which were not', async () => {
        // Listed fast, triaged one by one: the cancel comes after the first new issue is triaged.
        const controller = new AbortController();
        const old = new Set(api.store.entries().map((e) => e.key));
        const sub = api.store.onDidChange((key) => {
          if (key && !old.has(key) && api.store.get(key)?.triage) controller.abort();
        });
        const steps: string[] = [];
        try {
          assert.equal(
            await api.store.refresh({ signal: controller.signal, progress: (p) => steps.push(p.message) }),
            false,
          );
        } finally {
          sub.dispose();
        }
        const added = api.store.entries().filter((e) => e.origin === 'provider' && !old.has(e.key));
        assert.equal(added.length, 20, 'the 60 listed stay listed');
        const done = added.filter((e) => e.triage);
        assert.ok(done.length >= 1 && done.length < 20, `${done.length} of 20 triaged before the cancel`);
        assert.ok(
          added.filter((e) => !e.triage).every((e) => /cancelled/.test(e.triageError ?? '')),
          'the rest say the triage was cancelled',
        );
        assert.ok(steps[0]?.startsWith('listing issues from Sentry'), steps.join(' | '));
        assert.ok(
          steps.some((s) => /^triaging 1 of 60$/.test(s)),
          steps.join(' | '),
        );
        // Refresh finishes them.
        assert.equal(await api.store.refresh(), true);
        assert.ok(api.store.entries().every((e) => e.triage));
      });

      it('filters by words and sorts by events', async () => {
        // Frame files are words once triaged (run alone, this test may come before the triages end).
        await until('the list triaged', () => api.store.entries().every((e) => e.triage || e.triageError), 120_000);
        const entry = api.store.entries().find((e) => e.origin === 'provider')!;
        await vscode.commands.executeCommand(CMD.filterIssues, 'no-such-issue-words');
        assert.equal(issueRows().length, 0);
        await vscode.commands.executeCommand(CMD.filterIssues, `${entry.sample.group.title.split(' ')[0]} pricing.js`);
        assert.ok(issueRows().length > 0, 'title and file words match');
        // The release and the environment are words of an issue too.
        const { release, environment } = entry.sample.group;
        assert.ok(release && environment, 'the listed issue names its release and environment');
        await vscode.commands.executeCommand(CMD.filterIssues, `${release} ${environment}`);
        assert.ok(
          issueRows().some((n) => n.kind === 'issue' && n.entry.key === entry.key),
          'release and environment',
        );
        await vscode.commands.executeCommand(CMD.filterIssues, `${release} no-such-environment`);
        assert.equal(issueRows().length, 0);
        await vscode.commands.executeCommand(CMD.filterIssues, '');
        await vscode.commands.executeCommand(CMD.sortIssues, 'count');
        const counts = issueRows().map((n) => (n.kind === 'issue' ? (n.entry.sample.group.count ?? 0) : 0));
        assert.ok(counts.length >= 20);
        assert.deepEqual(
          counts,
          [...counts].sort((a, b) => b - a),
          'sorted by events, most first',
        );
      });
    });

    it('logs what each triage decided', async () => {
      await api.store.retriage(providerEntry().key);
      const dir = path.dirname(api.logUri.fsPath);
      const text = await until('the decision line in the log', () => {
        const found: string[] = [];
        const walk = (d: string) => {
          for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) {
            const p = path.join(d, e.name);
            if (e.isDirectory()) walk(p);
            else if (/culprit/i.test(p) && e.name.endsWith('.log')) found.push(fs.readFileSync(p, 'utf8'));
          }
        };
        walk(dir);
        const all = found.join('\n');
        return /triaged sentry:.*deploy v1\.4\.0\.\.v1\.5\.0 \(from Sentry deploys\); folder .*in-app frames resolved/.test(
          all,
        )
          ? all
          : undefined;
      });
      assert.match(text, /top suspect [0-9a-f]{7}/);
    });
  });
});
