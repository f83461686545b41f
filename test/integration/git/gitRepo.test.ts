import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CulpritError } from '../../../src/core/errors';
import { localLineOf } from '../../../src/core/git/lineDrift';
import { openRepo, type GitRepo } from '../../../src/core/git/gitRepo';
import { createGitRunner } from '../../../src/core/git/gitRunner';
import {
  ALICE,
  BOB,
  CAROL,
  DAN,
  cleanupTempDirs,
  createTempRepo,
  makeTempDir,
  shallowClone,
  type TempRepo,
} from '../../helpers/gitRepo';

const lines = (n: number, tag = 'l'): string => Array.from({ length: n }, (_, i) => `${tag}${i + 1}`).join('\n') + '\n';

async function rejects(p: Promise<unknown>, reason: string, message?: RegExp): Promise<CulpritError> {
  try {
    await p;
  } catch (e) {
    assert.ok(CulpritError.is(e), `expected CulpritError, got ${String(e)}`);
    assert.equal(e.reason, reason, e.message);
    if (message) assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected a ${reason} rejection`);
}

describe('git repo facade (real repositories)', function () {
  this.timeout(20_000);
  let t: TempRepo;
  let repo: GitRepo;
  const sha: Record<string, string> = {};

  before(async () => {
    t = createTempRepo();
    t.write('src/app.js', lines(10));
    t.write('src/util.js', lines(3, 'u'));
    sha.v1 = t.commit('initial', { author: ALICE, date: '2024-03-01T10:00:00Z' });
    t.tag('v1.0.0');
    t.write('src/app.js', lines(10).replace('l4\n', 'l4-bob\n'));
    sha.bob = t.commit('bob edits line 4', { author: BOB, date: '2024-03-05T10:00:00Z' });
    t.write('src/app.js', lines(10).replace('l4\n', 'l4-bob\n').replace('l8\n', 'l8-carol\n'));
    sha.carol = t.commit('carol edits line 8', { author: CAROL, date: '2024-03-06T10:00:00Z' });
    t.tag('v1.1.0', { message: 'release 1.1.0' });
    // After the deploy: Dan inserts two lines at the top and deletes l6; then renames util.js.
    t.write(
      'src/app.js',
      'new1\nnew2\n' + lines(10).replace('l4\n', 'l4-bob\n').replace('l8\n', 'l8-carol\n').replace('l6\n', ''),
    );
    sha.dan = t.commit('dan: post-deploy', { author: DAN, date: '2024-03-10T10:00:00Z' });
    t.rename('src/util.js', 'lib/util.js');
    sha.move = t.commit('move util', { author: DAN, date: '2024-03-11T10:00:00Z' });
    repo = await openRepo(createGitRunner({ cwd: t.dir, trusted: true }), path.join(t.dir, 'src'));
  });
  after(() => {
    t.cleanup();
    cleanupTempDirs();
  });

  it('opens at the top level and resolves revisions to 40-hex SHAs', async () => {
    assert.equal(repo.root, t.dir);
    assert.equal(await repo.resolveRevision('v1.1.0'), sha.carol); // annotated tag peeled
    assert.equal(await repo.resolveRevision(sha.bob.slice(0, 8)), sha.bob);
    assert.equal(await repo.resolveRevision('HEAD~1'), sha.dan);
  });

  it('range blame attributes changed lines to range commits and the rest to the boundary', async () => {
    const blame = await repo.blameRange(sha.v1, sha.carol, 'src/app.js', [
      [3, 4],
      [8, 9],
    ]);
    assert.deepEqual(
      blame.map((b) => [b.finalLine, b.author, b.boundary]),
      [
        [3, 'Alice Ng', true],
        [4, 'Bob Ödegaard', false],
        [8, 'Carol Diaz', false],
        [9, 'Alice Ng', true],
      ],
    );
    assert.equal(blame[1].sha, sha.bob);
    assert.equal(blame[1].authorMail, 'bob@example.com');
    assert.equal(blame[1].authorTime, Date.parse('2024-03-05T10:00:00Z') / 1000);
  });

  it('clamps -L ranges past the end of the file instead of failing', async () => {
    const blame = await repo.blameRange(sha.v1, sha.carol, 'src/app.js', [[9, 50]]);
    assert.deepEqual(
      blame.map((b) => b.finalLine),
      [9, 10],
    );
    assert.deepEqual(await repo.blameRange(sha.v1, sha.carol, 'src/app.js', [[40, 50]]), []);
  });

  it('full-history blame at a revision has no boundary lines (root commit included)', async () => {
    const blame = await repo.blameAt(sha.carol, 'src/app.js', [[1, 10]]);
    assert.equal(blame.length, 10);
    assert.ok(blame.every((b) => !b.boundary));
    assert.equal(blame[0].sha, sha.v1);
  });

  it('reports a path missing at the revision as not-found', async () => {
    await rejects(
      repo.blameRange(sha.v1, sha.carol, 'lib/util.js', [[1, 1]]),
      'not-found',
      /lib\/util\.js does not exist/,
    );
  });

  it('diffs several paths in one call', async () => {
    const diffs = await repo.diffU0(sha.v1, sha.move, ['src/app.js', 'src/util.js', 'lib/util.js']);
    assert.deepEqual(
      diffs.map((d) => [d.oldPath, d.newPath]),
      [
        [null, 'lib/util.js'],
        ['src/app.js', 'src/app.js'],
        ['src/util.js', null],
      ],
    );
  });

  it('lists commits in range with files, and commit info', async () => {
    const commits = await repo.commitsInRange(sha.v1, sha.carol);
    assert.deepEqual(
      commits.map((c) => c.sha),
      [sha.carol, sha.bob],
    );
    assert.deepEqual(commits[0].files, [{ path: 'src/app.js', added: 1, removed: 1 }]);
    const info = await repo.commitInfo(sha.bob);
    assert.equal(info.author, 'Bob Ödegaard');
    assert.equal(info.date, '2024-03-05T10:00:00+00:00');
    assert.deepEqual(info.parents, [sha.v1]);
  });

  it('checks ancestry', async () => {
    assert.equal(await repo.isAncestor(sha.v1, sha.carol), true);
    assert.equal(await repo.isAncestor(sha.carol, sha.v1), false);
  });

  it('lists files in the working tree (with untracked, without ignored) and at a revision', async () => {
    t.write('.gitignore', 'ignored.txt\n');
    t.write('ignored.txt', 'x');
    t.write('untracked.txt', 'x');
    try {
      const wt = await repo.listFiles();
      assert.ok(wt.includes('untracked.txt') && wt.includes('lib/util.js') && wt.includes('.gitignore'));
      assert.ok(!wt.includes('ignored.txt'));
      assert.deepEqual(await repo.listFiles('v1.0.0'), ['src/app.js', 'src/util.js']);
    } finally {
      for (const f of ['.gitignore', 'ignored.txt', 'untracked.txt']) fs.rmSync(path.join(t.dir, f));
    }
  });

  it('maps deployed lines onto the working tree: later commits, uncommitted edits, deleted lines', async () => {
    t.write('src/app.js', t.read('src/app.js').replace('l9\n', 'l9\nuncommitted\n').replace('l2\n', 'l2-edited\n'));
    try {
      const m = await localLineOf(repo, sha.carol, 'src/app.js', [1, 2, 4, 6, 9, 10]);
      const dan = { sha: sha.dan, summary: 'dan: post-deploy', author: `${DAN.name} <${DAN.email}>` };
      assert.deepEqual(m.get(1), { path: 'src/app.js', line: 3, changedSince: null });
      // Edited in place, not committed: its counterpart, with the edit named.
      assert.deepEqual(m.get(2), { path: 'src/app.js', line: 4, changedSince: { uncommitted: true } });
      assert.deepEqual(m.get(4), { path: 'src/app.js', line: 6, changedSince: null });
      const deleted = m.get(6)!;
      assert.deepEqual([deleted.path, deleted.line], ['src/app.js', null]); // deleted by Dan, nothing in its place
      assert.ok(deleted.changedSince && 'sha' in deleted.changedSince);
      assert.deepEqual({ ...deleted.changedSince, date: undefined }, { ...dan, date: undefined });
      assert.equal(new Date(deleted.changedSince.date).toISOString(), '2024-03-10T10:00:00.000Z');
      assert.deepEqual(m.get(9), { path: 'src/app.js', line: 10, changedSince: null });
      assert.deepEqual(m.get(10), { path: 'src/app.js', line: 12, changedSince: null });
    } finally {
      t.git(['checkout', '--', 'src/app.js']);
    }
  });

  it('names the commit that rewrote a deployed line, and its counterpart today', async () => {
    const m = await localLineOf(repo, sha.v1, 'src/app.js', [4, 8]);
    const bob = m.get(4)!;
    assert.equal(bob.line, 6); // Dan's two lines at the top
    assert.ok(bob.changedSince && 'sha' in bob.changedSince);
    assert.equal(bob.changedSince.sha, sha.bob);
    assert.equal(bob.changedSince.summary, 'bob edits line 4');
    const carol = m.get(8)!;
    assert.equal(carol.line, 9); // +2 at the top, -1 for l6
    assert.ok(carol.changedSince && 'sha' in carol.changedSince);
    assert.equal(carol.changedSince.sha, sha.carol);
  });

  it('follows a rename made after the deploy', async () => {
    const m = await localLineOf(repo, sha.carol, 'src/util.js', [2]);
    assert.deepEqual(m.get(2), { path: 'lib/util.js', line: 2, changedSince: null });
  });

  it('maps every line to null when the file was deleted, naming the deletion', async () => {
    t.git(['rm', '-q', 'lib/util.js']);
    try {
      const m = await localLineOf(repo, sha.carol, 'src/util.js', [1, 3]);
      assert.deepEqual(
        [...m.values()],
        [
          { path: null, line: null, changedSince: { uncommitted: true } },
          { path: null, line: null, changedSince: { uncommitted: true } },
        ],
      );
    } finally {
      t.git(['reset', '-q', 'HEAD', '--', 'lib/util.js']);
      t.git(['checkout', '--', 'lib/util.js']);
    }
  });

  it('names an unknown SHA and how to fetch it', async () => {
    const missing = 'deadbeef'.repeat(5);
    const e = await rejects(
      repo.resolveRevision(missing),
      'unknown-revision',
      new RegExp(`${missing}.*git fetch origin ${missing}`),
    );
    assert.doesNotMatch(e.message, /shallow/);
    await rejects(repo.resolveRevision('no-such-tag'), 'unknown-revision', /git fetch --tags/);
    await rejects(repo.resolveRevision('--output=/tmp/x'), 'invalid-input');
  });

  it('says where history stops in a shallow clone', async () => {
    const clone = shallowClone(t.dir, 2);
    const shallow = await openRepo(createGitRunner({ cwd: clone, trusted: true }), clone);
    const e = await rejects(
      shallow.resolveRevision(sha.v1),
      'unknown-revision',
      /shallow: its history stops at [0-9a-f]{7,} \(2024-03-10\)/,
    );
    assert.match(e.message, /git fetch --unshallow/);
    assert.equal(await shallow.resolveRevision('HEAD'), sha.move);
  });

  it('respects .git-blame-ignore-revs at the root', async () => {
    const r = createTempRepo();
    try {
      r.write('a.js', 'one\ntwo\n');
      r.commit('init', { author: ALICE });
      r.write('a.js', 'one;\ntwo;\n');
      const fmt = r.commit('format everything', { author: BOB });
      const runner = createGitRunner({ cwd: r.dir, trusted: true });
      const before = await (await openRepo(runner, r.dir)).blameAt(fmt, 'a.js', [[1, 2]]);
      assert.deepEqual(
        before.map((b) => b.author),
        ['Bob Ödegaard', 'Bob Ödegaard'],
      );
      r.write('.git-blame-ignore-revs', `# formatting\n${fmt}\n`);
      const after = await (await openRepo(runner, r.dir)).blameAt(fmt, 'a.js', [[1, 2]]);
      assert.deepEqual(
        after.map((b) => b.author),
        ['Alice Ng', 'Alice Ng'],
      );
    } finally {
      r.cleanup();
    }
  });
});

describe('git runner', () => {
  it('refuses to run in an untrusted workspace without spawning git', async () => {
    // A binary that would be spawned if the runner tried: its absence would give git-missing instead.
    const runner = createGitRunner({ cwd: makeTempDir(), trusted: false, binary: '/nonexistent/git' });
    await rejects(runner.run(['status']), 'untrusted', /untrusted/);
  });

  it('classifies a missing git, a non-repository and an unknown revision', async () => {
    const dir = makeTempDir();
    await rejects(
      createGitRunner({ cwd: dir, trusted: true, binary: '/nonexistent/git' }).run(['status']),
      'git-missing',
      /git was not found/,
    );
    await rejects(createGitRunner({ cwd: dir, trusted: true }).run(['status']), 'not-a-repo');
    const t = createTempRepo();
    t.write('a', 'a\n');
    t.commit('a');
    const runner = createGitRunner({ cwd: t.dir, trusted: true });
    await rejects(runner.run(['log', 'nope']), 'unknown-revision', /nope/);
    const e = await rejects(runner.run(['blame', '--', 'missing.txt']), 'git-failed', /git blame failed: no such path/);
    assert.equal(e.details?.exitCode, 128);
    t.cleanup();
  });

  it('pins the environment so repo config cannot start fsmonitor or a pager', async () => {
    const t = createTempRepo();
    t.write('a', 'a\n');
    t.commit('a');
    const marker = path.join(t.dir, '..', 'fsmonitor-ran');
    t.git(['config', 'core.fsmonitor', `touch ${marker}`]);
    const runner = createGitRunner({ cwd: t.dir, trusted: true });
    await runner.run(['status', '--porcelain']);
    assert.equal(fs.existsSync(marker), false);
    assert.equal((await runner.run(['config', 'core.quotepath'])).trim(), 'false');
    t.cleanup();
  });

  it('runs at most 2 git processes at once and supports cancellation', async () => {
    const t = createTempRepo();
    t.write('a', 'a\n');
    t.commit('a');
    const runner = createGitRunner({ cwd: t.dir, trusted: true });
    const results = await Promise.all(Array.from({ length: 6 }, () => runner.run(['rev-parse', 'HEAD'])));
    assert.ok(results.every((r) => r.trim() === t.sha()));
    const ac = new AbortController();
    ac.abort();
    await rejects(runner.run(['log'], ac.signal), 'cancelled');
    // `cat-file --batch` waits on stdin forever: only the timeout can end it.
    await rejects(
      createGitRunner({ cwd: t.dir, trusted: true, timeoutMs: 300 }).run(['cat-file', '--batch']),
      'timeout',
      /took longer than 300 ms/,
    );
    t.cleanup();
  });
});
