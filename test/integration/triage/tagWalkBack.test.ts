// No deploy named: the tags are walked back newest first until one whose files hold the trace's own
// lines, so a fix tagged after the release that crashed is never taken for the deploy (nor blamed
// as the culprit). Python really runs the tree production ran, taken from the tag.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { runTriage } from '../../../src/core/triage/runTriage';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { BOB, CAROL, DAN, cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

const APP =
  'RATES = {"gold": 0.1, "std": 0.0}\n\n\ndef rate(tier):\n    return RATES[tier]\n\n\n' +
  'def quote(tier, amount):\n    return amount * (1 - rate(tier))\n\n\nprint(quote("std", 10))\n';

function crashAt(repo: TempRepo, tag: string, edit?: (text: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'culprit-deployed-'));
  const text = repo.git(['show', `${tag}:app.py`]) + '\n';
  writeFileSync(path.join(dir, 'app.py'), edit ? edit(text) : text);
  const r = spawnSync('python3', ['app.py'], { cwd: dir, encoding: 'utf8' });
  assert.notEqual(r.status, 0, 'the program must crash');
  return r.stderr;
}

describe('walking back through tags when no deploy is named', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  let bug: string;
  before(() => {
    repo = createTempRepo();
    repo.write('app.py', APP);
    repo.commit('initial');
    repo.tag('v1');
    repo.write('app.py', APP.replace('"std": 0.0', '"standard": 0.0'));
    bug = repo.commit('Rates: rename std to standard', { author: BOB });
    repo.tag('v2');
    // The fix, released after the crashing v2: three lines above the crash line move it down.
    repo.write(
      'app.py',
      repo
        .read('app.py')
        .replace(
          'def rate(tier):\n    return RATES[tier]',
          'def rate(tier):\n    # Old name.\n' +
            '    if tier == "std":\n        tier = "standard"\n    return RATES[tier]',
        ),
    );
    repo.commit('Rates: accept the old std name', { author: CAROL });
    repo.tag('v3');
    repo.write('README.md', 'rates\n');
    repo.commit('After the last tag', { author: DAN });
  });
  after(() => {
    repo?.cleanup();
    cleanupTempDirs();
  });

  async function triage(trace: string) {
    const ws = await openTriageWorkspace({ dir: repo.dir, trusted: true });
    const report = await runTriage(createFileSource(trace, 'trace.txt'), ws, {
      limit: 1,
      suspectLimit: 5,
      blameFrames: 12,
    });
    return report.issues[0];
  }

  it('skips the newest tag whose lines differ and takes the older one that holds them', async () => {
    const issue = await triage(crashAt(repo, 'v2'));
    assert.deepEqual(
      [issue.deploy.source, issue.deploy.to, issue.deploy.from],
      ['tags', repo.sha('v2'), repo.sha('v1')],
    );
    assert.equal(issue.suspects[0]?.sha, bug, JSON.stringify(issue.suspects.map((s) => s.summary)));
    const crash = issue.frames[0];
    // The v2 line 5, followed to today: three lines further down, below the fix's guard, itself unchanged.
    assert.deepEqual([crash.file, crash.function, crash.line, crash.localLine], ['app.py', 'rate', 5, 8]);
    assert.equal(crash.changedSince, null);
  });

  it('a trace no tag holds is blamed at HEAD, its lines realigned inside their function or null', async () => {
    // Production ran an untagged build: a blank line above `rate`, and a call rewritten.
    const issue = await triage(
      crashAt(repo, 'v2', (t) => t.replace('def rate', '\ndef rate').replace('rate(tier))', 'rate(tier) or 0)')),
    );
    assert.equal(issue.deploy.source, 'none');
    const [crash, caller] = issue.frames;
    // `return RATES[tier]` stands inside `rate` at HEAD, two lines below the reported 6.
    assert.deepEqual([crash.function, crash.line, crash.localLine, crash.placedBy], ['rate', 6, 8, 'function-text']);
    // The rewritten call is nowhere at HEAD: unknown, not left at its reported number.
    assert.deepEqual([caller.function, caller.localLine, caller.placedBy], ['quote', null, null]);
    assert.ok(caller.unplaced, JSON.stringify(caller));
  });
});
