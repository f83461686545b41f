// Smoke test in the real extension host: the Culprit extension is installed from this checkout
// (dist/extension.js) and activates in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('Culprit extension host smoke', () => {
  it('runs in a real VS Code', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
  });

  it('is installed as culprit-dev.culprit and activates', async () => {
    const ext = vscode.extensions.getExtension('culprit-dev.culprit');
    assert.ok(ext, 'culprit-dev.culprit is not loaded: is dist/extension.js built (npm run build)?');
    await ext.activate();
    assert.equal(ext.isActive, true);
  });
});
