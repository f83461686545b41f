import { strict as assert } from 'assert';
import fs from 'node:fs';
import path from 'node:path';
import { createGitRunner } from '../../../src/core/git/gitRunner';
import { openRepo } from '../../../src/core/git/gitRepo';
import { trackedListing } from '../../../src/core/git/indexListing';
import { cleanupTempDirs, countingGitDir, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

describe('the index listing kept in the git dir (real git)', function () {
  this.timeout(30_000);
  let t: TempRepo;
  const index = () => path.join(t.dir, '.git', 'index');
  const settle = () => fs.utimesSync(index(), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));

  beforeEach(() => {
    t = createTempRepo();
    t.write('src/a.js', 'a\n');
    t.write('src/b c.js', 'b\n');
    t.commit('files');
  });
  afterEach(() => cleanupTempDirs());

  const open = async () => {
    const git = countingGitDir();
    const repo = await openRepo(createGitRunner({ cwd: t.dir, trusted: true, binary: `${git.dir}/git` }), t.dir);
    const listings = () => git.calls().filter((c) => c.args.includes('ls-files')).length;
    return { repo, listings };
  };

  it('lists once, then reads the kept listing until the index changes', async () => {
    settle();
    const { repo, listings } = await open();
    const first = await trackedListing(repo);
    assert.equal(first, 'src/a.js\0src/b c.js\0');
    assert.equal(await trackedListing(repo), first);
    assert.equal(listings(), 1, 'the second listing came from the git dir');
    t.write('src/new.js', 'n\n');
    t.git(['add', 'src/new.js']);
    assert.equal(await trackedListing(repo), 'src/a.js\0src/b c.js\0src/new.js\0', 'a changed index is listed again');
    assert.equal(listings(), 2);
  });

  it('keeps nothing for an index written a moment ago (it may change within the same timestamp)', async () => {
    const { repo, listings } = await open();
    await trackedListing(repo);
    await trackedListing(repo);
    assert.equal(listings(), 2);
    assert.equal(fs.existsSync(path.join(t.dir, '.git', 'culprit-ls-files')), false);
  });
});
