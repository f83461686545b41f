// A deployed line whose function moved after the deploy (one block moved below another, the way a
// diff shows it: removed in one hunk, added in another) is followed to where it went, and the
// change named is the commit that moved it, never "uncommitted" when the working tree is clean.
import assert from 'node:assert/strict';
import { localLineOf } from '../../../src/core/git/lineDrift';
import { openRepo } from '../../../src/core/git/gitRepo';
import { createGitRunner } from '../../../src/core/git/gitRunner';
import { cleanupTempDirs, createTempRepo } from '../../helpers/gitRepo';

const DEPLOYED = [
  "'use strict';",
  '',
  'function applyDiscount(amount, customer) {',
  '  const rate = customer.loyalty.discountRate;',
  '  return amount * (1 - rate);',
  '}',
  '',
  'function quote(items, customer) {',
  '  const amount = subtotal(items);',
  '  return applyDiscount(amount, customer);',
  '}',
  '',
  'module.exports = { quote, applyDiscount };',
  '',
].join('\n');
const MOVED = [
  "'use strict';",
  '',
  'function quote(items, customer) {',
  '  const amount = subtotal(items);',
  '  return applyDiscount(amount, customer);',
  '}',
  '',
  'function applyDiscount(amount, customer) {',
  '  const rate = customer.loyalty.discountRate;',
  '  return amount * (1 - rate);',
  '}',
  '',
  'module.exports = { quote, applyDiscount };',
  '',
].join('\n');

describe('a deployed line whose function moved since', function () {
  this.timeout(60_000);
  after(cleanupTempDirs);

  it('maps to where the block went, named by the commit that moved it', async () => {
    const t = createTempRepo();
    try {
      t.write('src/pricing.js', DEPLOYED);
      const to = t.commit('deploy');
      t.write('src/pricing.js', MOVED);
      const moved = t.commit('Put quote first');
      const repo = await openRepo(createGitRunner({ cwd: t.dir, trusted: true }), t.dir);
      const m = await localLineOf(repo, to, 'src/pricing.js', [4, 10]);
      assert.equal(m.get(4)?.line, 9, 'the crash line, moved with its function');
      assert.equal(m.get(10)?.line, 5, 'the caller line');
      for (const l of [4, 10]) {
        const c = m.get(l)?.changedSince;
        // Whichever block git's diff calls moved, the change is the commit, not the working tree.
        if (c) assert.ok('sha' in c && c.sha === moved, JSON.stringify(c));
      }
    } finally {
      t.cleanup();
    }
  });
});
