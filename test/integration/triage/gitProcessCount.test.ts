/**
 * How many git processes a real 30-frame triage starts, and how many run at once, counted by a
 * logging `git` on PATH in front of the real one (the bench's V8 trace scenario: a real crash of
 * the deployed revision, a real history). Process count is what a triage's time is made of.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runTriageCli } from '../../helpers/demoScenario';
import { cleanupTempDirs, countingGitDir, makeTempDir } from '../../helpers/gitRepo';

// Measured on this scenario: 23 before one blob process answered the revisions and was held through the
// triage, the frames and reasons shared their diffs to today (commit to commit when the working tree is
// HEAD's: no filter query), later suspect questions were answered from earlier, wider calls, and git's
// version was remembered per binary; 14 after; 8 once the range blames of the changed frame files (5
// here) were computed from the frame files' range patches (src/core/git/rangeBlame.ts); 7 once the
// repository's opening rev-parse listed the tag names and the blob process peeled them (no for-each-ref).
// What stays: the repository root with the tag names, the blob process, the range's commit list, the
// TO->HEAD diff, the token log, the deploy diff and the frame files' range patches (the index listing is
// read from the git dir).
const MOST_PROCESSES = 7;

describe('git processes of a 30-frame triage', function () {
  this.timeout(60_000);
  after(cleanupTempDirs);

  it(`starts at most ${MOST_PROCESSES} git processes, at most two at once, and verifies no SHA twice`, async () => {
    // @ts-expect-error: the bench fixture is plain JavaScript without types
    const { buildTraceScenario } = await import('../../../bench/fixtures/traceRepo.mjs');
    const work = makeTempDir('culprit-count-');
    const s = buildTraceScenario(path.join(work, 'trace'), path.join(work, 'app'));
    assert.equal(s.frames, 30);
    // A just-written index is racily clean, so its listing is not kept (indexListing.ts): the index of a
    // repository someone triages was written earlier.
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(s.repo, '.git', 'index'), past, past);
    const git = countingGitDir();
    const triage = () =>
      runTriageCli(['--event', s.traceFile, '--repo', s.repo, '--deploy', s.deploy, '--json'], {
        PATH: `${git.dir}${path.delimiter}${process.env.PATH ?? ''}`,
      });
    // The first run with a git binary also asks its version; every later run is counted.
    const first = await triage();
    assert.equal(first.code, 0, first.stderr);
    // The CLI exits without waiting for its idle blob process, which ends on the EOF of its stdin a
    // moment later: counted before the second run starts, it is not one of that run's processes.
    let logged = git.calls().length;
    for (let quiet = 0; quiet < 3;) {
      await new Promise((r) => setTimeout(r, 200));
      const now = git.calls().length;
      quiet = now === logged ? quiet + 1 : 0;
      logged = now;
    }
    const before = git.calls().length;
    assert.ok(
      git.calls().some((c) => c.args.includes('version')),
      'the first run checked the version',
    );
    const cli = await triage();
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(cli.stdout, first.stdout, 'the same report');
    const report = JSON.parse(cli.stdout);
    assert.ok(report.issues[0].suspects.length > 0, 'the triage ranked suspects');
    const calls = git.calls().slice(before);
    assert.ok(calls.length > 0, 'the logging git ran');
    assert.ok(
      calls.length <= MOST_PROCESSES,
      `${calls.length} git processes:\n${calls.map((c) => c.args.join(' ')).join('\n')}`,
    );
    assert.ok(git.maxConcurrent() <= 2, `${git.maxConcurrent()} git processes at once`);
    const verified = calls.map((c) => c.args.join(' ')).filter((a) => /rev-parse --verify/.test(a));
    assert.equal(new Set(verified).size, verified.length, 'a revision was verified twice');
    assert.ok(!verified.some((a) => /\b[0-9a-f]{40}\^\{commit\}/.test(a)), 'a resolved SHA was verified again');
  });
});
