// Every way the triage can end without suspects says why, in the JSON and in the CLI table: git
// not run (untrusted), no repository, no commit to blame, no frame on the repository, a failed
// blame, and the deadline. Real repositories in temp dirs and the built CLI; no stand-in git.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runTriage } from '../../../src/core/triage/runTriage';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { noSuspectsReason } from '../../../src/core/present/issueSummary';
import { formatTextReport } from '../../../src/cli/textReport';
import type { TriageReport } from '../../../src/core/model/triage.types';
import {
  ALICE,
  BOB,
  cleanupTempDirs,
  createTempRepo,
  failingBlameGitDir,
  isolatedGitEnv,
  makeTempDir,
} from '../../helpers/gitRepo';

const CART =
  'function total(items) {\n  let sum = 0;\n  for (const item of items) {\n    sum += item.price;\n  }\n  return sum;\n}\nmodule.exports = { total };\n';
const trace = (root: string) => `TypeError: x is undefined\n    at total (${root}/src/cart.js:4:17)\n`;
const CLI = path.resolve(__dirname, '../../../dist/cli.js');

async function triage(dir: string, text: string, trusted = true, deployFlag?: string): Promise<TriageReport> {
  const ws = await openTriageWorkspace({ dir, trusted, requireGit: false });
  return runTriage(createFileSource(text), ws, { limit: 5, suspectLimit: 5, blameFrames: 12, deployFlag });
}

/** The one issue's reason, checked to be the same in the JSON field, the shared text and the table. */
function reasonOf(report: TriageReport): string {
  assert.deepEqual(report.errors, []);
  const issue = report.issues[0];
  assert.deepEqual(issue.suspects, []);
  const why = issue.suspectsUnavailable ?? '';
  assert.match(why, /^suspects unavailable: \S/);
  assert.equal(noSuspectsReason(issue), why.replace(/^suspects /, ''));
  assert.ok(formatTextReport(report).includes(`  suspects: ${why.replace(/^suspects /, '')}`));
  return why;
}

describe('Suspects unavailable: every reason is reported, never a blank', function () {
  this.timeout(60_000);
  after(() => cleanupTempDirs());

  it('an untrusted workspace: git is not run, the frames stand, the reason names Restricted Mode', async () => {
    const repo = createTempRepo();
    repo.write('src/cart.js', CART);
    repo.commit('cart', { author: ALICE });
    const report = await triage(repo.dir, trace(repo.dir), false);
    assert.equal(report.issues[0].frames[0].file, 'src/cart.js');
    assert.match(reasonOf(report), /git is not run in an untrusted workspace \(Restricted Mode\)/);
  });

  it('a folder that is no git repository: the reason is git’s own', async () => {
    const dir = makeTempDir('culprit-norepo-');
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src/cart.js'), CART);
    // GIT_CEILING_DIRECTORIES keeps git from finding a repository above the temp dir.
    const saved = process.env.GIT_CEILING_DIRECTORIES;
    process.env.GIT_CEILING_DIRECTORIES = path.dirname(dir);
    try {
      const report = await triage(dir, trace(dir));
      assert.equal(report.issues[0].frames[0].file, 'src/cart.js');
      assert.match(reasonOf(report), /not a git repository/i);
    } finally {
      if (saved === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
      else process.env.GIT_CEILING_DIRECTORIES = saved;
    }
  });

  it('a repository without a commit: nothing to blame, and it says so', async () => {
    const dir = makeTempDir('culprit-empty-');
    execFileSync('git', ['init', '-q', dir], { env: isolatedGitEnv(dir) });
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src/cart.js'), CART);
    const report = await triage(fs.realpathSync(dir), trace(fs.realpathSync(dir)));
    assert.match(reasonOf(report), /no commit to blame/);
  });

  it('a stack none of whose frames is in the repository: no line to blame', async () => {
    const repo = createTempRepo();
    repo.write('src/cart.js', CART);
    repo.commit('cart', { author: ALICE });
    const report = await triage(repo.dir, 'TypeError: x\n    at run (/srv/other/lib/queue.js:10:3)\n');
    assert.equal(report.issues[0].frames[0].file, null);
    assert.match(reasonOf(report), /no in-app frame resolved onto a line of this repository/);
  });

  it('git ran and no commit fits: "none found" with the range, not "unavailable"', async () => {
    const repo = createTempRepo();
    repo.write('src/cart.js', CART);
    repo.commit('cart', { author: ALICE });
    repo.tag('v1');
    // A redeploy of the same revision: the range holds no commit at all.
    const report = await triage(repo.dir, trace(repo.dir), true, 'v1..v1');
    const issue = report.issues[0];
    assert.equal(issue.suspectsUnavailable, undefined);
    assert.deepEqual(issue.suspects, []);
    assert.equal(noSuspectsReason(issue), 'none found: no commit in the deploy range touches the stack');
    assert.match(formatTextReport(report), /suspects: none found: no commit in the deploy range touches the stack/);
  });

  it('the CLI table and --json carry the same reason for a failed blame', () => {
    const repo = createTempRepo();
    repo.write('README.md', 'shop\n');
    repo.commit('readme', { author: ALICE });
    repo.tag('v1');
    // Created inside the range: its range blame cannot come from the patches (rangeBlame.ts), git blames it.
    repo.write('src/cart.js', CART);
    repo.commit('cart', { author: ALICE });
    repo.write('src/cart.js', CART.replace('item.price', 'item.product.price'));
    repo.commit('price from the product', { author: BOB });
    repo.tag('v2');
    // The real git, except that blame fails the way a broken ignore-revs setting makes it fail.
    const bin = failingBlameGitDir();
    const event = path.join(bin, 'trace.txt');
    fs.writeFileSync(event, trace(repo.dir));
    const env = { ...isolatedGitEnv(bin), PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1' };
    const run = (json: boolean) =>
      spawnSync(
        process.execPath,
        [CLI, 'triage', '--event', event, '--repo', repo.dir, '--deploy', 'v1..v2', ...(json ? ['--json'] : [])],
        { env, encoding: 'utf8' },
      );
    const report = JSON.parse(run(true).stdout) as TriageReport;
    const why = report.issues[0].suspectsUnavailable ?? '';
    assert.match(why, /^suspects unavailable: .*could not open object name list/);
    assert.equal(report.issues[0].frames[0].file, 'src/cart.js');
    const text = run(false).stdout;
    assert.ok(text.includes(`  suspects: ${why.replace(/^suspects /, '')}`), text);
    assert.ok(!/suspects: none found/.test(text), text);
  });
});
