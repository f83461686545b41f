// Multi-root: the stack resolves into the folder whose files it names, and frames open there.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { workspaceInfo } from '../hostEnv';
import type { CulpritApi } from '../../../../src/extension/extension';
import { CMD } from '../../../../src/extension/constants';

interface Info {
  eventFile: string;
  web: string;
  orders: string;
  bugSha: string;
}

describe('Culprit in a multi-root workspace', function () {
  this.timeout(60_000);

  it('has both folders open, the decoy first', () => {
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((f) => f.name),
      ['web-frontend', 'orders-api'],
    );
  });

  it('triages against the orders folder and opens the crashing frame there', async () => {
    const info = workspaceInfo<Info>()!;
    const api = await vscode.extensions.getExtension<CulpritApi>('culprit-dev.culprit')!.activate();
    const keys = await vscode.commands.executeCommand<string[]>(CMD.openEventFile, vscode.Uri.file(info.eventFile));
    const entry = api.store.get(keys![0])!;
    assert.equal(entry.triage?.folder.name, 'orders-api');
    assert.equal(entry.triage?.issue.suspects[0]?.sha, info.bugSha);
    await vscode.commands.executeCommand(CMD.openFrame, entry.key, 0);
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(path.relative(info.orders, doc.uri.fsPath), path.join('src', 'services', 'pricing.js'));
    assert.equal(vscode.window.activeTextEditor!.selection.active.line, 14);
  });
});
