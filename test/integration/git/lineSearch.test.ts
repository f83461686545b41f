// One `git grep` finds where exact lines stand at a revision: whole trimmed lines only, fixed
// strings (never patterns), paths with spaces and unicode, and nothing found is an empty answer.
import assert from 'node:assert/strict';
import { findLinesAt } from '../../../src/core/git/lineSearch';
import { openRepo } from '../../../src/core/git/gitRepo';
import { createGitRunner } from '../../../src/core/git/gitRunner';
import { cleanupTempDirs, createTempRepo } from '../../helpers/gitRepo';

describe('findLinesAt', function () {
  this.timeout(60_000);
  after(cleanupTempDirs);

  it('finds whole lines at the revision, not today', async () => {
    const t = createTempRepo();
    try {
      t.write('src/a b/ünï.js', 'x\n  const rate = c.loyalty.rate;\n  const rate = c.loyalty.rate * 2;\n');
      t.write('src/re.js', 'const s = "a.*b";\n');
      t.write('bin/blob.bin', Buffer.from([0, 1, 2, 99, 111, 110, 115, 116]));
      const sha = t.commit('first');
      t.write('src/later.js', '  const rate = c.loyalty.rate;\n');
      t.commit('later');
      const repo = await openRepo(createGitRunner({ cwd: t.dir, trusted: true }), t.dir);
      const found = await findLinesAt(repo, sha, [
        'const rate = c.loyalty.rate;',
        '"a.*b"',
        'const s = "a.*b";',
        'absent here',
      ]);
      assert.deepEqual(found.get('const rate = c.loyalty.rate;'), [{ path: 'src/a b/ünï.js', line: 2 }]);
      assert.deepEqual(found.get('"a.*b"'), [], 'a part of a line is not the line');
      assert.deepEqual(found.get('const s = "a.*b";'), [{ path: 'src/re.js', line: 1 }]);
      assert.deepEqual(found.get('absent here'), []);
      assert.deepEqual([...(await findLinesAt(repo, sha, ['nothing matches this'])).values()], [[]]);
    } finally {
      t.cleanup();
    }
  });
});
