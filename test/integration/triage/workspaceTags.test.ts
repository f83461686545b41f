/**
 * The workspace's tags come from the names the repository's open call listed, peeled through the
 * running blob process: the same map as `for-each-ref` (order, annotated and nested tags, case,
 * names outside ASCII), the same deploy ranges and labels, and no `for-each-ref` of their own.
 */
import { strict as assert } from 'assert';
import fs from 'node:fs';
import path from 'node:path';
import { loadTags, resolveDeployRange } from '../../../src/core/deploy/deployRange';
import { openRepo } from '../../../src/core/git/gitRepo';
import { createGitRunner } from '../../../src/core/git/gitRunner';
import { createWorkspaceGit } from '../../../src/core/triage/workspaceGit';
import { ALICE, BOB, cleanupTempDirs, countingGitDir, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

describe('workspace tags without a for-each-ref (real repositories)', function () {
  this.timeout(60_000);
  let t: TempRepo;
  const sha: Record<string, string> = {};

  beforeEach(() => {
    t = createTempRepo();
    t.write('a.js', '1\n');
    sha.c1 = t.commit('c1', { author: ALICE });
    t.tag('v1.4.0');
    t.tag('orders-api@1.4.0', { message: 'orders 1.4.0' });
    t.write('a.js', '2\n');
    sha.c2 = t.commit('c2', { author: BOB });
    t.tag('Release-1.5.0', { message: 'annotated, another style and case' });
    t.tag('nested', { message: 'a tag of a tag', rev: 'Release-1.5.0' });
    t.tag('é-1.5.0');
    t.git(['pack-refs', '--all']); // packed and loose tags together, as in a clone that fetched since
    t.tag('Z-loose');
    t.write('a.js', '3\n');
    sha.c3 = t.commit('c3', { author: BOB });
  });
  afterEach(cleanupTempDirs);

  const open = async () => {
    const git = countingGitDir();
    const repo = await openRepo(createGitRunner({ cwd: t.dir, trusted: true, binary: `${git.dir}/git` }), t.dir);
    const forEachRef = () => git.calls().filter((c) => c.args.includes('for-each-ref')).length;
    return { repo, ws: createWorkspaceGit(repo), forEachRef };
  };

  it('maps every tag as for-each-ref does, labels and resolves releases from that map, with no listing', async () => {
    const { repo, ws, forEachRef } = await open();
    const fromBatch = await ws.tags();
    assert.equal(forEachRef(), 0, 'the names came from the open call, the targets from the blob process');
    const listed = await loadTags(repo);
    assert.deepEqual([...fromBatch], [...listed], 'the same names, targets and order');
    assert.equal(fromBatch.get('Release-1.5.0') === sha.c2, true, 'an annotated tag peeled to its commit');
    assert.notEqual(fromBatch.get('nested'), sha.c2, 'a tag of a tag peeled once, as %(*objectname)');
    assert.equal(await ws.label(sha.c1), 'orders-api@1.4.0', 'the first tag in refname order');
    assert.equal(await ws.label(sha.c2), 'Release-1.5.0');
    assert.equal(await ws.label(sha.c3), sha.c3.slice(0, 7));
    const inputs = [{ release: 'release-1.5.0' }, { release: '1.5.0' }, { providerTo: 'v1.4.0' }];
    for (const input of inputs) {
      const viaWorkspace = await resolveDeployRange(repo, input, undefined, () => ws.tags());
      assert.deepEqual(viaWorkspace, await resolveDeployRange(repo, input), JSON.stringify(input));
    }
    assert.equal(forEachRef(), 1 + inputs.length, 'only the reference calls listed the tags');
  });

  it('after invalidate lists the tags again, so a tag made since the open is seen', async () => {
    const { ws, forEachRef } = await open();
    assert.equal(await ws.label(sha.c3), sha.c3.slice(0, 7));
    t.tag('v1.6.0');
    assert.equal(await ws.label(sha.c3), sha.c3.slice(0, 7), 'kept until invalidate, as before');
    ws.invalidate();
    assert.equal(await ws.label(sha.c3), 'v1.6.0');
    assert.equal(forEachRef(), 1);
  });

  it('many tags are listed by one for-each-ref rather than peeled one by one', async () => {
    for (let i = 0; i < 300; i++) t.git(['tag', `bulk-${String(i).padStart(3, '0')}`, sha.c1]);
    const { repo, ws, forEachRef } = await open();
    assert.equal(repo.tagNamesAtOpen?.length, 306);
    assert.equal(await ws.label(sha.c1), 'bulk-000');
    assert.equal(forEachRef(), 1);
    assert.deepEqual([...(await ws.tags())], [...(await loadTags(repo))]);
  });

  it('a repository whose path holds a newline: its top level asked alone, the tags listed', async () => {
    const odd = path.join(path.dirname(t.dir), 'odd\n/repo');
    fs.mkdirSync(path.dirname(odd), { recursive: true });
    fs.renameSync(t.dir, odd);
    const git = countingGitDir();
    const repo = await openRepo(createGitRunner({ cwd: odd, trusted: true, binary: `${git.dir}/git` }), odd);
    assert.equal(repo.root, odd);
    assert.equal(repo.gitDir, null, 'not told apart from the top level');
    assert.equal(repo.tagNamesAtOpen, null);
    const ws = createWorkspaceGit(repo);
    assert.deepEqual([...(await ws.tags())], [...(await loadTags(repo))]);
    assert.equal(await ws.label(sha.c2), 'Release-1.5.0');
  });
});
