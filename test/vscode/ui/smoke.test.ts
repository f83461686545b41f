// Smoke test of the real workbench: VS Code opens with Culprit loaded from this checkout and shows
// its activity bar entry.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { captureFailure, openWorkbench, type Workbench } from './workbench';

describe('Culprit workbench smoke', function () {
  this.timeout(60000);
  let wb: Workbench | undefined;
  let folder: string;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-ui-smoke-'));
    fs.writeFileSync(path.join(folder, 'README.md'), '# smoke\n');
    wb = await openWorkbench({ folder, devExtension: true });
  });
  afterEach(async function () {
    await captureFailure(this, wb);
  });
  after(async () => {
    await wb?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('opens the workbench with the Culprit activity bar entry', async () => {
    const entry = wb!.activityBarEntry('Culprit');
    await entry.waitFor({ timeout: 20000 });
    assert.equal(await entry.getAttribute('aria-label'), 'Culprit');
    await wb!.openViewContainer('Culprit');
    const file = await wb!.screenshot('ui-smoke-culprit');
    assert.ok(fs.statSync(file).size > 0);
  });
});
