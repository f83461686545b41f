import assert from 'node:assert/strict';
import path from 'node:path';
import { tagsNewestFirst } from '../../../src/core/deploy/tagWalk';
import { openRepo } from '../../../src/core/git/gitRepo';
import { createGitRunner } from '../../../src/core/git/gitRunner';
import { createTempRepo, type TempRepo } from '../../helpers/gitRepo';

describe('walking back through tags (no deploy named)', function () {
  this.timeout(60_000);
  let t: TempRepo;
  before(() => {
    t = createTempRepo();
    for (const [i, tag] of ['v1.0.0', 'v1.1.0', 'release-7', 'v1.2.0'].entries()) {
      t.write('a.txt', `${i}\n`);
      t.commit(`commit ${i}`, { date: `2024-03-0${i + 1}T10:00:00Z` });
      t.tag(tag, i % 2 ? { message: `annotated ${tag}` } : {});
    }
    t.write('a.txt', 'after\n');
    t.commit('after the last tag', { date: '2024-03-09T10:00:00Z' });
  });
  after(() => t.cleanup());

  it('lists the tags reachable from HEAD newest first, filtered by a pattern, bounded', async () => {
    const repo = await openRepo(createGitRunner({ cwd: t.dir, trusted: true }), path.join(t.dir));
    assert.deepEqual(await tagsNewestFirst(repo), ['v1.2.0', 'release-7', 'v1.1.0', 'v1.0.0']);
    assert.deepEqual(await tagsNewestFirst(repo, 'v*'), ['v1.2.0', 'v1.1.0', 'v1.0.0']);
    assert.deepEqual(await tagsNewestFirst(repo, undefined, 2), ['v1.2.0', 'release-7']);
  });
});
