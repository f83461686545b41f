import { strict as assert } from 'node:assert';
import { createGitRunner } from '../../../src/core/git/gitRunner';
import { openRepo } from '../../../src/core/git/gitRepo';
import { newestBlameBaseline } from '../../../src/core/suspects/newestBlameBaseline';
import { ALICE, BOB, CAROL, createTempRepo } from '../../helpers/gitRepo';

describe('newestBlameBaseline (what the trackers do)', () => {
  it('names the newest commit blame puts on any frame line at HEAD, post-deploy ones included', async () => {
    const t = createTempRepo();
    try {
      t.write('a.js', 'one\ntwo\nthree\n');
      const c1 = t.commit('c1', { author: ALICE, date: '2026-01-01T00:00:00Z' });
      t.write('a.js', 'one\nTWO\nthree\n');
      const bug = t.commit('bug', { author: BOB, date: '2026-01-02T00:00:00Z' });
      t.write('a.js', 'one\nTWO\nTHREE\n');
      const later = t.commit('after the deploy', { author: CAROL, date: '2026-01-03T00:00:00Z' });
      const repo = await openRepo(createGitRunner({ cwd: t.dir, trusted: true }), t.dir);
      const port = {
        runImmutable: repo.run,
        show: async () => null,
        blameRange: repo.blameRange,
        blameAt: repo.blameAt,
        commitsInRange: repo.commitsInRange,
      };
      const out = await newestBlameBaseline(port, t.sha('HEAD'), [
        { depth: 0, path: 'a.js', line: 2, function: null },
        { depth: 1, path: 'a.js', line: 3, function: null },
        { depth: 2, path: 'a.js', line: 1, function: null },
      ]);
      assert.deepEqual(
        out.map((s) => s.sha),
        [later, bug, c1],
      );
    } finally {
      t.cleanup();
    }
  });
});
