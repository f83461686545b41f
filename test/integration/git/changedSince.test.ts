// Today's line and `changedSince` for deployed lines, case by case, in a real repository: a line
// rewritten inside a modified hunk maps to its counterpart, the newest change is the one named
// (an uncommitted edit of that line over a commit; a commit when only other lines are edited), and
// `line` is null only when the line was deleted with nothing in its place (a hunk with no added line).
import { strict as assert } from 'node:assert';
import { localLineOf } from '../../../src/core/git/lineDrift';
import { openRepo, type GitRepo } from '../../../src/core/git/gitRepo';
import { createGitRunner } from '../../../src/core/git/gitRunner';
import { BOB, CAROL, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

const DEPLOYED = [
  'function price(order) {', // 1
  '  const rate = order.customer.rate;', // 2
  '  return order.total * rate;', // 3
  '}', // 4
  '', // 5
  'function audit(order) {', // 6
  '  log.info("priced", order.id);', // 7
  '  metrics.count("priced");', // 8
  '}', // 9
  '', // 10
  'module.exports = { price, audit };', // 11
  'exports.legacyPrice = price;', // 12
];

const TODAY = [
  'function price(order) {', // 1
  '  if (!order.customer) return 0;', // 2  guard added above the rewrite
  '  const rate = order.customer.rate ?? 1;', // 3  deployed 2, rewritten
  '  return order.total * rate;', // 4  deployed 3
  '}', // 5
  '', // 6
  'function audit(order) {', // 7
  '  tracer.mark(order);', // 8  deployed 7 and 8 replaced by unlike text
  '}', // 9
  '', // 10
  'module.exports = { price, audit };', // 11  deployed 12 deleted, nothing in its place
];

describe('changedSince and the counterpart line, case by case', function () {
  this.timeout(60_000);
  let t: TempRepo;
  let repo: GitRepo;
  let deployed: string;
  let rewrite: string;
  let audit: string;
  before(async () => {
    t = createTempRepo();
    t.write('src/pricing.js', `${DEPLOYED.join('\n')}\n`);
    deployed = t.commit('Pricing');
    t.write('src/pricing.js', `${[...DEPLOYED.slice(0, 1), TODAY[1], TODAY[2], ...DEPLOYED.slice(2)].join('\n')}\n`);
    rewrite = t.commit('Guard a missing customer', { author: BOB });
    t.write('src/pricing.js', `${TODAY.join('\n')}\n`);
    audit = t.commit('Trace instead of logging', { author: CAROL });
    repo = await openRepo(createGitRunner({ cwd: t.dir, trusted: true }), t.dir);
  });
  after(() => t.cleanup());

  const sha = (c: unknown) => (c && typeof c === 'object' && 'sha' in c ? (c as { sha: string }).sha : c);

  it('a line rewritten inside a modified hunk: its counterpart, and the commit that rewrote it', async () => {
    const m = await localLineOf(repo, deployed, 'src/pricing.js', [2, 3, 11]);
    assert.deepEqual([m.get(2)?.line, sha(m.get(2)?.changedSince)], [3, rewrite]);
    // Lines the hunks did not touch shift with them and carry no change.
    assert.deepEqual([m.get(3)?.line, m.get(3)?.changedSince], [4, null]);
    assert.deepEqual([m.get(11)?.line, m.get(11)?.changedSince], [11, null]);
  });

  it('two lines replaced by one unlike line: both pair with it (something stands in their place)', async () => {
    const m = await localLineOf(repo, deployed, 'src/pricing.js', [7, 8]);
    assert.deepEqual([m.get(7)?.line, sha(m.get(7)?.changedSince)], [8, audit]);
    assert.deepEqual([m.get(8)?.line, sha(m.get(8)?.changedSince)], [8, audit]);
  });

  it('a line deleted with nothing in its place: null, and the commit that removed it named', async () => {
    const m = await localLineOf(repo, deployed, 'src/pricing.js', [12]);
    assert.deepEqual([m.get(12)?.line, sha(m.get(12)?.changedSince)], [null, audit]);
  });

  it('an uncommitted edit of the line is the newest change; one of another line is not', async () => {
    const committed = t.read('src/pricing.js');
    try {
      t.write('src/pricing.js', committed.replace('order.customer.rate ?? 1', 'order.customer.rate ?? 0.5'));
      let m = await localLineOf(repo, deployed, 'src/pricing.js', [2]);
      assert.deepEqual([m.get(2)?.line, m.get(2)?.changedSince], [3, { uncommitted: true }]);
      t.write('src/pricing.js', committed.replace('tracer.mark(order);', 'tracer.mark(order.id);'));
      m = await localLineOf(repo, deployed, 'src/pricing.js', [2, 3]);
      assert.deepEqual([m.get(2)?.line, sha(m.get(2)?.changedSince)], [3, rewrite]);
      assert.deepEqual([m.get(3)?.line, m.get(3)?.changedSince], [4, null]);
    } finally {
      t.write('src/pricing.js', committed);
    }
  });

  it('an uncommitted edit on an unchanged deployed line: its place, marked uncommitted', async () => {
    const committed = t.read('src/pricing.js');
    try {
      t.write(
        'src/pricing.js',
        committed.replace('return order.total * rate;', 'return Math.round(order.total * rate);'),
      );
      const m = await localLineOf(repo, deployed, 'src/pricing.js', [3]);
      assert.deepEqual([m.get(3)?.line, m.get(3)?.changedSince], [4, { uncommitted: true }]);
    } finally {
      t.write('src/pricing.js', committed);
    }
  });
});
