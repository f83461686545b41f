import { strict as assert } from 'assert';
import { CulpritError } from '../../../src/core/errors';
import { resolveDeployRange } from '../../../src/core/deploy/deployRange';
import { openRepo } from '../../../src/core/git/gitRepo';
import { createGitRunner } from '../../../src/core/git/gitRunner';
import { ALICE, BOB, CAROL, createTempRepo, shallowClone } from '../../helpers/gitRepo';
import { useBuiltRepo } from '../../helpers/repoSuite';

describe('resolveDeployRange (real repositories)', function () {
  this.timeout(20_000);
  const suite = useBuiltRepo((t, sha) => {
    t.write('a.js', '1\n');
    sha.c1 = t.commit('c1', { author: ALICE });
    t.tag('v1.4.0');
    t.tag('orders-api@1.4.0', { message: 'orders 1.4.0' });
    t.write('a.js', '2\n');
    sha.c2 = t.commit('c2', { author: BOB });
    t.tag('payments@9.9.9'); // another package's tag, nearer than orders-api@1.4.0
    t.tag('before-refactor'); // not version-like
    t.write('a.js', '3\n');
    sha.c3 = t.commit('c3', { author: CAROL });
    t.tag('v1.5.0');
    t.tag('orders-api@1.5.0', { message: 'orders 1.5.0' });
    t.tag('orders-api-v1.5.0');
    t.write('a.js', '4\n');
    sha.c4 = t.commit('post-deploy', { author: CAROL });
  });
  const { sha } = suite;

  it('--deploy FROM..TO wins over everything and takes any revisions', async () => {
    const r = await resolveDeployRange(suite.repo, { flag: 'v1.4.0..HEAD~1', providerTo: 'v1.5.0', release: '1.5.0' });
    assert.deepEqual({ from: r.from, to: r.to, source: r.source }, { from: sha.c1, to: sha.c3, source: 'flag' });
  });

  it('provider revisions come next (SHA or release name)', async () => {
    const r = await resolveDeployRange(suite.repo, {
      providerTo: sha.c3.slice(0, 10),
      providerFrom: 'v1.4.0',
      release: 'v1.4.0',
    });
    assert.deepEqual({ from: r.from, to: r.to, source: r.source }, { from: sha.c1, to: sha.c3, source: 'provider' });
  });

  it('matches release names against tags and takes FROM from the nearest earlier version tag', async () => {
    for (const release of ['orders-api@1.5.0', '1.5.0', 'v1.5.0', 'orders-api-v1.5.0', 'orders-api@1.5.0+build.42']) {
      const r = await resolveDeployRange(suite.repo, { release });
      assert.equal(r.source, 'tags', release);
      assert.equal(r.to, sha.c3, release);
      // For orders-api the package's own tag wins over payments@9.9.9; 'before-refactor' is never chosen.
      assert.equal(r.from, release.startsWith('orders') ? sha.c1 : sha.c2, release);
      assert.ok(
        r.notes.some((n) => /nearest earlier tag/.test(n)),
        r.notes.join(' | '),
      );
    }
  });

  it('finds a tag that names the same version in another style', async () => {
    const t2 = createTempRepo();
    try {
      t2.write('a.js', '1\n');
      t2.commit('c1', { author: ALICE });
      t2.tag('release-2.0.0');
      t2.write('a.js', '2\n');
      const c2 = t2.commit('c2', { author: BOB });
      t2.tag('release-2.1.0');
      const r2 = await openRepo(createGitRunner({ cwd: t2.dir, trusted: true }), t2.dir);
      const r = await resolveDeployRange(r2, { release: 'shop@2.1.0' });
      assert.deepEqual({ to: r.to, source: r.source }, { to: c2, source: 'tags' });
      assert.equal(r.from, t2.sha('release-2.0.0'));
    } finally {
      t2.cleanup();
    }
  });

  it('honours tagPattern for FROM', async () => {
    const r = await resolveDeployRange(suite.repo, { release: '1.5.0', tagPattern: 'v*' });
    assert.equal(r.from, sha.c1);
    assert.match(r.notes.join(' '), /v1\.4\.0.*matching v\*/);
  });

  it('returns FROM = null with a note when no tag precedes TO', async () => {
    const r = await resolveDeployRange(suite.repo, { release: 'v1.4.0' });
    assert.deepEqual({ from: r.from, to: r.to, source: r.source }, { from: null, to: sha.c1, source: 'tags' });
    assert.match(r.notes.join(' '), /No tag precedes/);
  });

  it('returns none with a note when nothing is known', async () => {
    const r = await resolveDeployRange(suite.repo, { release: null, providerTo: null });
    assert.deepEqual({ from: r.from, to: r.to, source: r.source }, { from: null, to: null, source: 'none' });
    assert.equal(r.notes.length, 1);
  });

  it('throws unknown-revision with a fetch hint for a provider revision or release not in the clone', async () => {
    const missing = 'abcdef1234567890abcdef1234567890abcdef12';
    await assert.rejects(
      resolveDeployRange(suite.repo, { providerTo: missing }),
      (e: unknown) => CulpritError.is(e, 'unknown-revision') && e.message.includes(`git fetch origin ${missing}`),
    );
    await assert.rejects(
      resolveDeployRange(suite.repo, { release: 'orders-api@2.0.0' }),
      (e: unknown) =>
        CulpritError.is(e, 'unknown-revision') && /orders-api@2\.0\.0.*v2\.0\.0.*git fetch --tags/.test(e.message),
    );
    await assert.rejects(resolveDeployRange(suite.repo, { flag: 'v1.4.0...v1.5.0' }), (e: unknown) =>
      CulpritError.is(e, 'invalid-input'),
    );
  });

  it('mentions a shallow clone when the release is beyond its history', async () => {
    const clone = shallowClone(suite.t.dir, 1);
    const shallow = await openRepo(createGitRunner({ cwd: clone, trusted: true }), clone);
    await assert.rejects(
      resolveDeployRange(shallow, { providerTo: sha.c1 }),
      (e: unknown) => CulpritError.is(e, 'unknown-revision') && /shallow: its history stops at/.test(e.message),
    );
  });
});
