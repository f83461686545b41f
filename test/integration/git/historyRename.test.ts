// A deployed file moved in one commit after the deploy and rewritten so much since that the
// deploy→today diff no longer pairs the two names (a move to src/, then years of edits): its lines
// are still followed to today's file through the commit that moved it.
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
  'module.exports = { applyDiscount };',
  '',
].join('\n');

const REWRITTEN = [
  "'use strict';",
  "const { roundCents } = require('./money');",
  "const { audit } = require('./audit');",
  '',
  '/** The loyalty discount, audited and rounded to the cent. */',
  'function applyDiscount(amount, customer) {',
  "  audit('discount', customer.id);",
  '  const rate = customer.loyalty.discountRate;',
  '  const discounted = amount * (1 - rate);',
  '  return roundCents(discounted);',
  '}',
  '',
  'function applySurcharge(amount, region) {',
  "  audit('surcharge', region.code);",
  '  return roundCents(amount * (1 + region.surcharge));',
  '}',
  '',
  'module.exports = { applyDiscount, applySurcharge };',
  '',
].join('\n');

describe('a deployed file moved in a commit after the deploy, then rewritten', function () {
  this.timeout(60_000);
  after(cleanupTempDirs);

  it("follows its lines to today's file through the move, though the whole diff pairs no rename", async () => {
    const t = createTempRepo();
    try {
      t.write('pricing.js', DEPLOYED);
      const to = t.commit('deploy');
      t.rename('pricing.js', 'src/pricing.js');
      t.commit('Move to the src/ layout');
      t.write('src/pricing.js', REWRITTEN);
      t.commit('Audit and round the discounts; add surcharges');
      // The deploy→today diff sees a deletion and an unrelated addition, not a rename.
      assert.equal(t.git(['diff', '--name-status', '-M', to]), 'D\tpricing.js\nA\tsrc/pricing.js');
      const repo = await openRepo(createGitRunner({ cwd: t.dir, trusted: true }), t.dir);
      const m = await localLineOf(repo, to, 'pricing.js', [4, 5]);
      assert.deepEqual([m.get(4)?.path, m.get(4)?.line, m.get(4)?.changedSince], ['src/pricing.js', 8, null]);
      // The return line was rewritten: its counterpart, with the commit that changed it.
      assert.deepEqual([m.get(5)?.path, m.get(5)?.line], ['src/pricing.js', 9]);
      const rewrite = m.get(5)?.changedSince;
      assert.ok(rewrite && 'summary' in rewrite, JSON.stringify(rewrite));
      assert.equal(rewrite.summary, 'Audit and round the discounts; add surcharges');
    } finally {
      t.cleanup();
    }
  });
});
