import { strict as assert } from 'assert';
import { createGitRunner } from '../../../src/core/git/gitRunner';
import { openRepo } from '../../../src/core/git/gitRepo';
import { localLinesOf } from '../../../src/core/git/lineDrift';
import { todayDiffs } from '../../../src/core/git/worktreeDiff';
import { cleanupTempDirs, countingGitDir, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

describe('diffs to today shared by one triage (real git, counted processes)', function () {
  this.timeout(30_000);
  let t: TempRepo;
  let to: string;
  const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}`).join('\n') + '\n';

  beforeEach(() => {
    t = createTempRepo();
    t.write('src/a.js', lines(6, 'a'));
    t.write('src/b.js', lines(6, 'b'));
    to = t.commit('deployed');
    t.write('src/a.js', `new 1\nnew 2\n${lines(6, 'a')}`);
    t.commit('after the deploy');
  });
  afterEach(() => cleanupTempDirs());

  const open = async () => {
    const git = countingGitDir();
    const repo = await openRepo(createGitRunner({ cwd: t.dir, trusted: true, binary: `${git.dir}/git` }), t.dir);
    const asked = () => git.calls().map((c) => c.args.filter((a, i, all) => a !== '-c' && all[i - 1] !== '-c'));
    return { repo, asked };
  };

  it('diffs a clean working tree commit to commit, each file once, without the filter query', async () => {
    const { repo, asked } = await open();
    const today = todayDiffs();
    const first = await localLinesOf(
      repo,
      to,
      new Map([
        ['src/a.js', [3]],
        ['src/b.js', [2]],
      ]),
      undefined,
      today,
    );
    assert.equal(first.get('src/a.js')?.get(3)?.line, 5);
    assert.equal(first.get('src/b.js')?.get(2)?.line, 2);
    const before = asked().length;
    const again = await localLinesOf(
      repo,
      to,
      new Map([
        ['src/a.js', [1]],
        ['src/b.js', [6]],
      ]),
      undefined,
      today,
    );
    assert.equal(again.get('src/a.js')?.get(1)?.line, 3);
    assert.equal(asked().length, before, 'files already diffed cost no process');
    const diffs = asked().filter((a) => a.includes('diff'));
    assert.equal(diffs.length, 1, JSON.stringify(asked()));
    assert.ok(
      diffs[0].includes(to) && diffs[0].slice(-2).join(' ') === '-- src/a.js',
      'only the changed file, to HEAD',
    );
    assert.ok(!asked().some((a) => a.includes('config')), 'no working-tree read, so no filter query');
  });

  it('lets git read the working tree when a file has uncommitted edits', async () => {
    t.write('src/b.js', `edited\n${lines(6, 'b')}`);
    const { repo, asked } = await open();
    const m = await localLinesOf(
      repo,
      to,
      new Map([
        ['src/a.js', [3]],
        ['src/b.js', [2]],
      ]),
      undefined,
      todayDiffs(),
    );
    assert.equal(m.get('src/a.js')?.get(3)?.line, 5);
    assert.equal(m.get('src/b.js')?.get(2)?.line, 3, 'the uncommitted line counts');
    assert.ok(
      asked().some((a) => a.includes('config')),
      'the filter query precedes the working-tree read',
    );
  });
});
