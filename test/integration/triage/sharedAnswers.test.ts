import { strict as assert } from 'assert';
import { createGitRunner } from '../../../src/core/git/gitRunner';
import { openRepo } from '../../../src/core/git/gitRepo';
import { createSharedPort } from '../../../src/core/triage/sharedAnswers';
import { cleanupTempDirs, countingGitDir, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

describe("the suspects' port answers from earlier, wider git calls (real git)", function () {
  this.timeout(30_000);
  let t: TempRepo;
  let from: string;
  let to: string;
  const body = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}`).join('\n') + '\n';

  before(() => {
    t = createTempRepo();
    t.write('src/a.js', body(30, 'a'));
    t.write('src/b.js', body(10, 'b'));
    from = t.commit('base');
    t.write('src/a.js', body(30, 'a').replace('a 5\n', 'A 5\n'));
    t.commit('edit a 5');
    t.write('src/a.js', t.read('src/a.js').replace('a 25\n', 'A 25\n'));
    t.write('src/b.js', body(10, 'b').replace('b 2\n', 'B 2\n'));
    to = t.commit('edit a 25, b 2');
  });
  after(() => cleanupTempDirs());

  it('gives what git gives, with fewer processes', async () => {
    const git = countingGitDir();
    const repo = await openRepo(createGitRunner({ cwd: t.dir, trusted: true, binary: `${git.dir}/git` }), t.dir);
    const port = createSharedPort(repo);
    const direct = await openRepo(createGitRunner({ cwd: t.dir, trusted: true }), t.dir);
    const count = () => git.calls().length;

    const diffOfA = await port.runImmutable(['diff', '-U0', '--no-renames', '--no-color', from, to, '--', 'src/a.js']);
    assert.equal(diffOfA, await direct.run(['diff', '-U0', '--no-renames', '--no-color', from, to, '--', 'src/a.js']));
    const n = count();
    await port.runImmutable(['diff', '-U0', '--no-renames', '--no-color', from, to]);
    assert.equal(count(), n, 'the whole deploy diff was the one already run');

    // The frame's lines, then (as callee evidence would) a line the deploy added: one blame for both.
    const frame = await port.blameRange(from, to, 'src/a.js', [[1, 3]]);
    assert.deepEqual(frame, await direct.blameRange(from, to, 'src/a.js', [[1, 3]]));
    const m = count();
    const added = await port.blameRange(from, to, 'src/a.js', [[25, 25]]);
    assert.equal(count(), m, 'a deploy-added line was blamed with the frame');
    assert.deepEqual(added, await direct.blameRange(from, to, 'src/a.js', [[25, 25]]));
    assert.equal(added[0]?.boundary, false);

    const log = ['log', '-p', '-U0', '--no-renames', '--no-color', '--format=%x00%H', `${from}..${to}`, '--'];
    await port.runImmutable([...log, 'src/a.js', 'src/b.js']);
    const k = count();
    const onlyB = await port.runImmutable([...log, 'src/b.js']);
    assert.equal(onlyB, await direct.run([...log, 'src/b.js']));
    assert.ok(count() <= k + 1, 'at most the range listing that shows the range has no merge');
  });
});
