/**
 * The crash frame renamed after the bug commit, inside the deploy range: the same frame under its
 * earlier file or function name is still the bug, so the bisect confirms the bug commit, not the
 * rename. Real repositories, real node crashes captured at the deployed tag.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { verifyIssue } from '../../../src/core/verify';
import { ALICE, BOB, cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';
import { triageFor } from '../../helpers/verifyRepo';

const cart = (fn: string, rate: string, note: string) => `'use strict';
// ${note}
function ${fn}(customer) {
  return ${rate};
}
function total(items, customer) {
  let sum = 0;
  for (const item of items) sum += item.price * item.qty;
  return sum * (1 - ${fn}(customer));
}
module.exports = { total };
`;
const main = (file: string) => `'use strict';
const { total } = require('./${file}');
console.log(total([{ price: 10, qty: 2 }], { tier: 'gold' }));
`;

/** v1, two tweaks, the bug, then `rename` (a later commit), one more tweak, v2; the crash node printed at v2. */
function buildRenamedRepo(rename: (repo: TempRepo) => { file: string; fn: string }): {
  repo: TempRepo;
  bugSha: string;
  renameSha: string;
  trace: string;
} {
  const repo = createTempRepo();
  let file = 'src/cart.js';
  let fn = 'rateOf';
  let rate = '0.1';
  const write = (note: string) => {
    repo.write(file, cart(fn, rate, note));
    repo.write('main.js', main(file.replace(/\.js$/, '')));
  };
  write('initial');
  repo.commit('Initial import', { author: ALICE });
  repo.tag('v1');
  write('tweak 1');
  repo.commit('Tweak 1', { author: BOB });
  write('tweak 2');
  repo.commit('Tweak 2', { author: ALICE });
  rate = 'customer.loyalty.rate';
  write('loyalty');
  const bugSha = repo.commit('Use loyalty rates', { author: BOB });
  ({ file, fn } = rename(repo));
  write('renamed');
  const renameSha = repo.commit('Rename for clarity', { author: ALICE });
  write('tweak 3');
  repo.commit('Tweak 3', { author: BOB });
  repo.tag('v2');
  const deploy = mkdtempSync(path.join(tmpdir(), 'culprit-deploy-'));
  execFileSync('tar', ['-x', '-C', deploy], { input: execFileSync('git', ['-C', repo.dir, 'archive', 'v2']) });
  const run = spawnSync(process.execPath, ['main.js'], { cwd: deploy, encoding: 'utf8' });
  rmSync(deploy, { recursive: true, force: true });
  assert.notEqual(run.status, 0, 'the deployed revision crashes');
  return { repo, bugSha, renameSha, trace: run.stderr };
}

describe('verify: a crash frame renamed after the bug is the same frame (real repos, real node)', function () {
  this.timeout(120_000);
  let scratch: string;
  beforeEach(() => (scratch = mkdtempSync(path.join(tmpdir(), 'culprit-scratch-'))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));
  after(cleanupTempDirs);

  for (const [what, rename] of [
    [
      'its file was renamed',
      (repo: TempRepo) => {
        repo.rename('src/cart.js', 'src/basket.js');
        return { file: 'src/basket.js', fn: 'rateOf' };
      },
    ],
    ['its function was renamed', () => ({ file: 'src/cart.js', fn: 'loyaltyRateOf' })],
  ] as const) {
    it(`confirms the bug commit, not the rename, when ${what}`, async () => {
      const v = buildRenamedRepo(rename);
      const { ws, event, issue } = await triageFor(v.repo.dir, v.trace, 'trace.txt', 'v1..v2');
      const out = await verifyIssue(ws, event, issue, { repro: 'node main.js', trusted: true, scratchRoot: scratch });
      const ver = out.verification!;
      assert.equal(ver.status, 'confirmed', ver.summary);
      assert.equal(ver.commit, v.bugSha, `confirmed ${ver.commit}; the rename is ${v.renameSha}`);
      const atBug = ver.steps.find((s) => s.sha === v.bugSha);
      assert.equal(atBug?.result, 'bad', JSON.stringify(ver.steps));
    });
  }
});
