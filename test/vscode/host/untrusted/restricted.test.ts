// Restricted Mode: the folder is untrusted, so Culprit must not run git at all. The repository's
// core.fsmonitor points at a program that leaves a marker if any git command runs there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { workspaceInfo, workspaceRoot } from '../hostEnv';
import type { CulpritApi } from '../../../../src/extension/extension';
import type { ErrorTreeNode } from '../../../../src/extension/tree/errorNodes';
import { CMD } from '../../../../src/extension/constants';

interface DemoInfo {
  eventFile: string;
  marker: string;
}

describe('Culprit in an untrusted folder', function () {
  this.timeout(60_000);
  let api: CulpritApi;
  let info: DemoInfo;

  before(async () => {
    info = workspaceInfo<DemoInfo>()!;
    assert.ok(info?.marker, 'the untrusted workspace must carry the fsmonitor marker hook');
    api = await vscode.extensions.getExtension<CulpritApi>('culprit-dev.culprit')!.activate();
  });

  it('is really untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('triages an event file without running git: frames resolve, no suspects, and the view says why', async () => {
    const keys = await vscode.commands.executeCommand<string[]>(CMD.openEventFile, vscode.Uri.file(info.eventFile));
    assert.equal(keys?.length, 1);
    const entry = api.store.get(keys[0])!;
    assert.equal(entry.triage?.gitRan, false);
    assert.equal(entry.triage?.issue.suspects.length, 0);
    assert.equal(entry.triage?.issue.frames[0].file, 'src/services/pricing.js');
    const roots = api.tree.getChildren() as ErrorTreeNode[];
    assert.ok(
      roots.some((n) => n.kind === 'status' && n.label === 'Restricted Mode'),
      'the view says git is not run',
    );
    const suspects = (api.tree.getChildren(roots.find((n) => n.kind === 'issue')) as ErrorTreeNode[]).find(
      (n) => n.kind === 'suspects',
    )!;
    assert.match(String(api.tree.getTreeItem(suspects).description), /Restricted Mode/);
    // The frame still opens (at the reported line: nothing can follow it without git).
    await vscode.commands.executeCommand(CMD.openFrame, entry.key, 0);
    assert.equal(
      path.relative(workspaceRoot(), vscode.window.activeTextEditor!.document.uri.fsPath),
      'src/services/pricing.js',
    );
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(!fs.existsSync(info.marker), 'git ran in an untrusted folder (the fsmonitor hook left its marker)');
  });

  it("triages the bundled sample on Culprit's own clone of it, suspects included, and runs no git here", async () => {
    const keys = await vscode.commands.executeCommand<string[]>(CMD.triageSample);
    const triage = api.store.get(keys[0])?.triage;
    assert.ok(triage, api.store.get(keys[0])?.triageError ?? 'not triaged');
    assert.ok(!fs.realpathSync(triage.root).startsWith(fs.realpathSync(workspaceRoot())), triage.root);
    assert.equal(triage.gitRan, true);
    assert.equal(triage.issue.suspects[0]?.summary, 'Prices carry their amount and currency');
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(!fs.existsSync(info.marker), 'git ran in an untrusted folder (the fsmonitor hook left its marker)');
  });

  it('never runs Confirm by Bisect: it says why and runs nothing', async () => {
    const keys = await vscode.commands.executeCommand<string[]>(CMD.openEventFile, vscode.Uri.file(info.eventFile));
    const outcome = await vscode.commands.executeCommand<{ kind: string; message?: string }>(
      CMD.confirmByBisect,
      keys[0],
    );
    assert.equal(outcome?.kind, 'refused');
    assert.match(outcome?.message ?? '', /never runs in Restricted Mode/);
    assert.equal(api.store.bisectProgress(keys[0]), undefined);
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(!fs.existsSync(info.marker), 'git ran in an untrusted folder (the fsmonitor hook left its marker)');
  });
});
