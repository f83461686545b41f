// A frame whose line text is not in the deployed file (production ran an older or a patched copy)
// is followed through git's pickaxe to the revision that holds the text at the reported number,
// and placed from there; a text nothing in git holds is said to be unplaced, never guessed. The
// tracebacks come from really running Python on the copy production ran.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { runTriage } from '../../../src/core/triage/runTriage';
import type { TriagedFrame } from '../../../src/core/model';
import { BOB, CAROL, DAN, cleanupTempDirs, createTempRepo, makeTempDir, type TempRepo } from '../../helpers/gitRepo';

const PRICING_RAN = [
  'def unit_price(order):',
  '    # the average price of an item',
  '    total = sum(item["price"] for item in order["items"])',
  '    return total / order["count"]',
  '',
  '',
  'def quote(order):',
  '    price = unit_price(order)',
  '    return round(price, 2)',
  '',
].join('\n');
const MAIN = 'from shop.pricing import quote\n\nprint(quote({"items": [], "count": 0}))\n';

/** Runs `main.py` of a copy of the service laid out like a deployment; returns the traceback. */
function crashOf(files: Record<string, string>): string {
  const app = path.join(makeTempDir('culprit-ran-'), 'srv', 'app');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
    fs.writeFileSync(path.join(app, name), text);
  }
  const r = spawnSync('python3', ['main.py'], { cwd: app, encoding: 'utf8' });
  assert.notEqual(r.status, 0, 'the program crashes');
  assert.match(r.stderr, /ZeroDivisionError/);
  return r.stderr;
}

async function triage(dir: string, trace: string, deploy: string): Promise<TriagedFrame[]> {
  const ws = await openTriageWorkspace({ dir, trusted: true });
  const report = await runTriage(createFileSource(trace), ws, {
    limit: 1,
    suspectLimit: 3,
    blameFrames: 5,
    deployFlag: deploy,
  });
  assert.deepEqual(report.errors, []);
  return report.issues[0].frames.filter((f) => f.inApp);
}

describe('frames placed through git history (pickaxe), or said to be unplaced', function () {
  this.timeout(120_000);
  let repo: TempRepo;
  let ran: string;
  let rewrite: string;
  before(() => {
    repo = createTempRepo();
    repo.write('main.py', MAIN);
    repo.write('shop/__init__.py', '');
    repo.write('shop/pricing.py', PRICING_RAN.replace(' / order["count"]', ' / max(order["count"], 1)'));
    repo.commit('Quotes', { author: BOB });
    repo.tag('v1.0.0');
    repo.write('shop/pricing.py', PRICING_RAN);
    ran = repo.commit('Divide by the item count', { author: CAROL });
    // The tag the deploy names was cut after a rewrite of the crash line that production did not run.
    repo.write(
      'shop/pricing.py',
      PRICING_RAN.replace('    return total / order["count"]', '    count = order["count"]\n    return total / count'),
    );
    rewrite = repo.commit('Name the item count', { author: DAN });
    repo.tag('v1.1.0');
    repo.write('shop/pricing.py', `"""Prices."""\n\n${repo.read('shop/pricing.py')}`);
    repo.commit('Module docstring', { author: BOB });
  });
  after(() => {
    repo?.cleanup();
    cleanupTempDirs();
  });

  it('a crash line not in the deployed file is placed at the revision holding it, then followed today', async () => {
    const trace = crashOf({ 'main.py': MAIN, 'shop/__init__.py': '', 'shop/pricing.py': PRICING_RAN });
    const [crash, caller, entry] = await triage(repo.dir, trace, 'v1.0.0..v1.1.0');
    assert.deepEqual(
      [crash.file, crash.line, crash.placedBy, crash.placedAt, crash.localLine],
      ['shop/pricing.py', 4, 'history', ran, 7],
      JSON.stringify(crash),
    );
    assert.ok(crash.changedSince && 'sha' in crash.changedSince && crash.changedSince.sha === rewrite);
    // The caller's text stands one line lower in the deployed file, inside its function.
    assert.deepEqual(
      [caller.function, caller.line, caller.placedBy, caller.localLine],
      ['quote', 8, 'function-text', 11],
    );
    assert.deepEqual([entry.file, entry.line, entry.placedBy, entry.localLine], ['main.py', 3, 'line-number', 3]);
  });

  it('a line text that no revision holds is unplaced: no line today, and why', async () => {
    const patched = PRICING_RAN.replace('order["count"]', 'order["count"]  # patched on the server');
    const trace = crashOf({ 'main.py': MAIN, 'shop/__init__.py': '', 'shop/pricing.py': patched });
    const [crash] = await triage(repo.dir, trace, 'v1.0.0..v1.1.0');
    assert.deepEqual([crash.file, crash.line, crash.placedBy, crash.localLine], ['shop/pricing.py', 4, null, null]);
    assert.match(crash.unplaced ?? '', /not at line 4 of shop\/pricing\.py at the deployed revision.*history/);
  });
});
