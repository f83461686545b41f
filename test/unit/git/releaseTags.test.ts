import { strict as assert } from 'assert';
import { candidateTags, isVersionLikeTag, packageTagGlobs, parseRelease } from '../../../src/core/deploy/releaseTags';

describe('release names and tags', () => {
  it('splits package, version and SHA releases', () => {
    assert.deepEqual(parseRelease('orders-api@1.5.0'), {
      raw: 'orders-api@1.5.0',
      pkg: 'orders-api',
      version: '1.5.0',
      sha: null,
    });
    assert.deepEqual(parseRelease('v1.5.0'), { raw: 'v1.5.0', pkg: null, version: '1.5.0', sha: null });
    assert.equal(parseRelease('1.5.0+build.7').version, '1.5.0');
    assert.deepEqual(parseRelease('orders-api-v1.5.0-rc.1'), {
      raw: 'orders-api-v1.5.0-rc.1',
      pkg: 'orders-api',
      version: '1.5.0-rc.1',
      sha: null,
    });
    assert.equal(parseRelease('@acme/orders@2.0.1').pkg, '@acme/orders');
    assert.equal(parseRelease('orders-api@abc1234').sha, 'abc1234');
    assert.equal(parseRelease('ABC1234def').sha, 'abc1234def');
    assert.deepEqual(parseRelease('x'.repeat(300)), { raw: 'x'.repeat(300), pkg: null, version: null, sha: null });
    assert.equal(parseRelease(null as unknown as string).raw, '');
  });

  it('lists candidate tags, most specific first', () => {
    assert.deepEqual(candidateTags(parseRelease('orders-api@1.5.0+b3')), [
      'orders-api@1.5.0+b3',
      'orders-api@1.5.0',
      'orders-api@v1.5.0',
      'orders-api-v1.5.0',
      'orders-api-1.5.0',
      'orders-api/v1.5.0',
      'orders-api/1.5.0',
      'v1.5.0',
      '1.5.0',
    ]);
    assert.deepEqual(candidateTags(parseRelease('1.5.0')), ['1.5.0', 'v1.5.0']);
  });

  it('recognises version and deploy tags', () => {
    for (const t of ['v1.2.3', '1.2', 'api@1.2.3', 'api-v1.2.3', 'deploy-2024-03-01', 'release/42'])
      assert.ok(isVersionLikeTag(t), t);
    for (const t of ['wip', 'before-refactor', 'latest']) assert.ok(!isVersionLikeTag(t), t);
    assert.deepEqual(packageTagGlobs('a*b'), []);
    assert.deepEqual(packageTagGlobs('orders-api'), [
      'orders-api@*',
      'orders-api-v[0-9]*',
      'orders-api-[0-9]*',
      'orders-api/*',
    ]);
  });
});
