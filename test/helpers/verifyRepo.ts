/**
 * A small Node service history for verification tests: `main.js` calls `total()` in
 * `src/cart.js`; one commit of the range introduces a real crash (a property read of undefined),
 * the others are decoys in the same file. The trace is what node printed at the deployed tag.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openTriageWorkspace, type TriageWorkspace } from '../../src/core/triage/triageWorkspace';
import { createFileSource } from '../../src/core/providers/file/fileSource';
import { triageSample } from '../../src/core/triage/triageSample';
import type { ErrorEvent } from '../../src/core/model/event.types';
import type { TriagedIssue } from '../../src/core/model/triage.types';
import { ALICE, BOB, createTempRepo, type TempRepo } from './gitRepo';

export interface VerifyRepo {
  repo: TempRepo;
  bugSha: string;
  /** First-parent commits of v1..v2, oldest first. */
  range: string[];
  trace: string;
}

const cart = (rate: string, extra: string) => `'use strict';
function rateOf(customer) {
  return ${rate};
}
${extra}
function total(items, customer) {
  let sum = 0;
  for (const item of items) sum += item.price * item.qty;
  return sum * (1 - rateOf(customer));
}
module.exports = { total };
`;

const main = `'use strict';
const { total } = require('./src/cart');
console.log(total([{ price: 10, qty: 2 }], { tier: 'gold' }));
`;

/** Builds the repo with `n` range commits (the bug at `bugAt`, 0-based) and captures the crash at v2. */
export function buildVerifyRepo(n: number, bugAt: number): VerifyRepo {
  const repo = createTempRepo();
  repo.write('main.js', main);
  repo.write('src/cart.js', cart('0.1', ''));
  repo.write('package.json', '{ "name": "cart", "version": "1.0.0", "private": true }\n');
  repo.commit('Initial import', { author: ALICE });
  repo.tag('v1');
  let rate = '0.1';
  let bugSha = '';
  for (let i = 0; i < n; i++) {
    if (i === bugAt) rate = 'customer.loyalty.rate';
    repo.write('src/cart.js', cart(rate, `// tuning ${i}\nconst LIMIT_${i} = ${i};`));
    const sha = repo.commit(i === bugAt ? 'Use loyalty rates' : `Tune limits ${i}`, { author: i % 2 ? BOB : ALICE });
    if (i === bugAt) bugSha = sha;
  }
  repo.tag('v2');
  const deploy = mkdtempSync(path.join(tmpdir(), 'culprit-deploy-'));
  const tar = execFileSync('git', ['-C', repo.dir, 'archive', '--format=tar', 'v2']);
  execFileSync('tar', ['-x', '-C', deploy], { input: tar });
  const run = spawnSync(process.execPath, ['main.js'], { cwd: deploy, encoding: 'utf8' });
  if (run.status === 0) throw new Error('the deployed revision did not crash');
  const range = repo.git(['rev-list', '--first-parent', '--reverse', 'v1..v2']).split('\n');
  return { repo, bugSha, range, trace: run.stderr };
}

/** Triage of a trace or event file, keeping the event for verification. */
export async function triageFor(
  dir: string,
  text: string,
  name: string,
  deploy?: string,
): Promise<{ ws: TriageWorkspace; event: ErrorEvent; issue: TriagedIssue }> {
  const ws = await openTriageWorkspace({ dir, trusted: true });
  const listed = await createFileSource(text, name).listSamples({ limit: 1 });
  const sample = listed.samples[0];
  const issue = await triageSample(sample, ws, { deployFlag: deploy, suspectLimit: 10, blameFrames: 12 });
  return { ws, event: sample.event, issue };
}

/** What must not change in the user's checkout, byte for byte. */
export function checkoutState(dir: string): string {
  const git = (args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
  return [
    git(['status', '--porcelain', '--untracked-files=all']),
    git(['stash', 'list']),
    git(['branch', '--list', '--all', '-v', '--no-abbrev']),
    git(['worktree', 'list', '--porcelain']),
  ].join('\n--\n');
}
