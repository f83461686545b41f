import { strict as assert } from 'assert';
import { parseGitVersion } from '../../../src/core/git/gitRunner';
import { PromiseLru } from '../../../src/core/git/promiseLru';

describe('PromiseLru', () => {
  it('shares in-flight promises, evicts the least recently used, and never keeps failures', async () => {
    const lru = new PromiseLru<number>(2);
    let calls = 0;
    const make = (v: number) => () => (calls++, Promise.resolve(v));
    const [a, b] = [lru.getOrCreate('a', make(1)), lru.getOrCreate('a', make(99))];
    assert.equal(await a, 1);
    assert.equal(await b, 1);
    assert.equal(calls, 1);
    await lru.getOrCreate('b', make(2));
    await lru.getOrCreate('a', make(99)); // touch a: b becomes the oldest
    await lru.getOrCreate('c', make(3));
    assert.equal(lru.size, 2);
    assert.equal(await lru.getOrCreate('b', make(20)), 20); // b was evicted and recomputed
    await assert.rejects(lru.getOrCreate('x', () => Promise.reject(new Error('boom'))));
    assert.equal(await lru.getOrCreate('x', make(7)), 7);
  });
});

describe('parseGitVersion', () => {
  it('reads plain and vendor version strings', () => {
    assert.deepEqual(parseGitVersion('git version 2.39.5\n'), [2, 39, 5]);
    assert.deepEqual(parseGitVersion('git version 2.45.1.windows.1'), [2, 45, 1]);
    assert.deepEqual(parseGitVersion('git version 2.20'), [2, 20, 0]);
    assert.equal(parseGitVersion('nonsense'), null);
  });
});
