/**
 * The range blame computed from a range's patches (src/core/git/rangeBlame.ts) equals real
 * `git blame --porcelain -L.. FROM..TO`, line for line and field for field: on generated histories
 * (random inserts, deletes, block moves, repeated and blank lines, CRLF, no final newline, files
 * emptied and refilled, files added, deleted and renamed, odd commit messages, a FROM off the
 * branch) over many seeds, and on this repository's own history when the checkout has it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createGitRunner } from '../../../src/core/git/gitRunner';
import { openRepo, type GitRepo } from '../../../src/core/git/gitRepo';
import { rangeBlame } from '../../../src/core/git/rangeBlame';
import { RANGE_PATCH_FORMAT } from '../../../src/core/suspects/rangePatch';
import { cleanupTempDirs, isolatedGitEnv, makeTempDir } from '../../helpers/gitRepo';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The bench's seeded PRNG (mulberry32), loaded before the tests: the same histories on every run. */
let prng: (seed: number) => () => number;

// Few distinct lines, so identical lines repeat and diffs have several equally short answers.
const VOCAB = ['', '', '}', '  return x;', 'if (a) {', '  a++;', 'foo();', 'bar();', '// note', '\t', 'end'];
const MESSAGES = ['fix: one', 'two lines\nof subject\n\nbody', '\n\n  \nafter blank lines', '', 'x\r\ny'];
const AUTHORS = ['Ana <ana@example.com>', 'Bö Ödön <bo@example.com>', 'no mail <>', ' Spaced  <sp@example.com>'];

interface FileState {
  lines: string[];
  crlf: boolean;
  finalNewline: boolean;
}

const textOf = (f: FileState) => {
  const eol = f.crlf ? '\r\n' : '\n';
  return f.lines.join(eol) + (f.lines.length && f.finalNewline ? eol : '');
};

function edit(rand: () => number, f: FileState): void {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const at = () => Math.floor(rand() * (f.lines.length + 1));
  const block = () =>
    Array.from({ length: 1 + Math.floor(rand() * 5) }, () => pick(VOCAB) + (rand() < 0.3 ? at() : ''));
  const op = rand();
  if (op < 0.3) f.lines.splice(at(), 0, ...block());
  else if (op < 0.5) f.lines.splice(at(), 1 + Math.floor(rand() * 4));
  else if (op < 0.65) {
    const moved = f.lines.splice(at(), 1 + Math.floor(rand() * 6));
    f.lines.splice(at(), 0, ...moved);
  } else if (op < 0.8) f.lines.splice(at(), 1 + Math.floor(rand() * 3), ...block());
  else if (op < 0.86) f.crlf = !f.crlf;
  else if (op < 0.92) f.finalNewline = !f.finalNewline;
  else if (op < 0.96) f.lines = [];
  else f.lines.push(...block(), ...block());
}

/** A random linear history written by one `git fast-import`, plus a side branch; returns main's SHAs. */
function generate(dir: string, seed: number): { main: string[]; side: string } {
  const rand = prng(seed);
  const files = new Map<string, FileState>();
  for (const p of ['a.txt', 'src/b.js', 'c.txt'])
    files.set(p, {
      lines: Array.from({ length: 20 }, (_, i) => VOCAB[i % VOCAB.length] + i),
      crlf: false,
      finalNewline: true,
    });
  const chunks: string[] = [];
  const data = (s: string) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  const commit = (ref: string, mark: number, from: number | null, ops: string[], when: number) => {
    const who = AUTHORS[Math.floor(rand() * AUTHORS.length)];
    const msg = MESSAGES[Math.floor(rand() * MESSAGES.length)] as string;
    chunks.push(`commit ${ref}\nmark :${mark}\nauthor ${who} ${when} +0200\ncommitter ${who} ${when} +0000\n`);
    chunks.push(data(msg), from ? `from :${from}\n` : '', ...ops, '\n');
  };
  const put = (p: string) => `M 100644 inline ${p}\n${data(textOf(files.get(p) as FileState))}`;
  const N = 30;
  commit('refs/heads/main', 1, null, [...files.keys()].map(put), 1_700_000_000);
  for (let m = 2; m <= N; m++) {
    const ops: string[] = [];
    const r = rand();
    if (r < 0.05 && files.has('c.txt')) {
      files.delete('c.txt');
      ops.push('D c.txt\n');
    } else if (r < 0.1 && !files.has('c.txt')) {
      files.set('c.txt', { lines: ['re', 'added'], crlf: false, finalNewline: true });
      ops.push(put('c.txt'));
    } else if (r < 0.13 && files.has('a.txt')) {
      files.set('d.txt', files.get('a.txt') as FileState);
      files.delete('a.txt');
      ops.push('R a.txt d.txt\n');
    } else
      for (const p of [...files.keys()].filter(() => rand() < 0.6)) {
        edit(rand, files.get(p) as FileState);
        ops.push(put(p));
      }
    commit('refs/heads/main', m, m - 1, ops, 1_700_000_000 + m * 3600);
  }
  commit('refs/heads/side', N + 1, Math.floor(N / 3), [], 1_700_000_000 + N * 4000);
  execFileSync('git', ['init', '-q', dir]);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join(''), env: isolatedGitEnv(dir) });
  const revs = (ref: string) =>
    execFileSync('git', ['rev-list', '--reverse', ref], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
  return { main: revs('main'), side: revs('side').pop() as string };
}

interface Tally {
  compared: number;
  lines: number;
  fallbacks: number;
}

/** Compares the computed blame with git's for every file `from..to` changed, whole and in pieces. */
async function compareRange(repo: GitRepo, from: string, to: string, tally: Tally, rand: () => number) {
  const range = `${from}..${to}`;
  const names = await repo.run(['diff', '--name-only', '--no-renames', '-z', from, to], undefined, {
    readsWorktree: false,
  });
  const paths = names.split('\0').filter(Boolean);
  if (paths.length === 0) return;
  const log = await repo.run(
    ['log', '-p', '-U0', '--no-renames', '--no-color', RANGE_PATCH_FORMAT, range, '--', ...paths],
    undefined,
    { readsWorktree: false },
  );
  const commits = await repo.commitsInRange(from, to);
  for (const p of paths) {
    const toText = await repo.blobs.read(to, p);
    if (toText === null || toText.length === 0) continue;
    const n = toText.split('\n').length - (toText.endsWith('\n') ? 1 : 0);
    const a = 1 + Math.floor(rand() * n);
    const pieces: Array<Array<[number, number]>> = [[[1, n]], [[a, Math.min(n, a + Math.floor(rand() * 8))]]];
    for (const ranges of pieces) {
      const commitText = (sha: string) => repo.blobs.commitText(sha);
      const ours = await rangeBlame({ to, path: p, ranges, commits, log, toText, commitText });
      if (!ours) {
        tally.fallbacks++;
        continue;
      }
      const git = await repo.blameRange(from, to, p, ranges);
      assert.deepEqual(ours, git, `${range} ${p} ${JSON.stringify(ranges)}`);
      tally.compared++;
      tally.lines += git.length;
    }
  }
}

describe('range blame from the range patches equals git blame --porcelain', function () {
  before(async () => {
    // @ts-expect-error: the bench's statistics are plain JavaScript without types
    ({ seededRandom: prng } = await import('../../../bench/lib/stats.mjs'));
  });
  this.timeout(600_000);
  after(cleanupTempDirs);

  it('on generated histories over many seeds', async () => {
    const tally: Tally = { compared: 0, lines: 0, fallbacks: 0 };
    const seeds = Number(process.env.RANGE_BLAME_SEEDS ?? 12);
    for (let seed = 1; seed <= seeds; seed++) {
      const dir = path.join(makeTempDir('culprit-rangeblame-'), 'repo');
      const { main, side } = generate(dir, seed);
      const repo = await openRepo(createGitRunner({ cwd: dir, trusted: true }), dir);
      const rand = prng(seed * 7919);
      const pairs: Array<[string, string]> = [[side, main[main.length - 1] as string]];
      for (let k = 0; k < 5; k++) {
        const i = Math.floor(rand() * (main.length - 1));
        const j = i + 1 + Math.floor(rand() * (main.length - 1 - i));
        pairs.push([main[i] as string, main[j] as string]);
      }
      for (const [from, to] of pairs) await compareRange(repo, from, to, tally, rand);
      repo.blobs.close();
    }
    console.log(`      ${tally.compared} blames, ${tally.lines} lines equal; ${tally.fallbacks} declined`);
    assert.ok(tally.compared > 100, `compared only ${tally.compared} blames (${tally.fallbacks} fell back)`);
    assert.ok(tally.compared > tally.fallbacks * 2, `${tally.fallbacks} fallbacks for ${tally.compared} blames`);
  });

  it("on this repository's own history", async function () {
    const has = fs.existsSync(path.join(REPO_ROOT, '.git'));
    const count = has
      ? Number(execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim())
      : 0;
    const shallow = has && fs.existsSync(path.join(REPO_ROOT, '.git', 'shallow'));
    if (count < 40 || shallow) {
      console.log(`      skipped: the checkout has ${count} commits${shallow ? ' (shallow)' : ''}`);
      this.skip();
    }
    const repo = await openRepo(createGitRunner({ cwd: REPO_ROOT, trusted: true }), REPO_ROOT);
    const firstParents = execFileSync('git', ['rev-list', '--first-parent', '--max-count=400', 'HEAD'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    const tally: Tally = { compared: 0, lines: 0, fallbacks: 0 };
    const rand = prng(17);
    // Linear stretches only: the computed blame declines a range with a merge, so pick ranges of
    // a few commits and keep those whose commits each have one parent.
    for (let k = 0, tried = 0; k < 5 && tried < 60; tried++) {
      const j = Math.floor(rand() * (firstParents.length - 10));
      const [to, from] = [firstParents[j] as string, firstParents[j + 2 + Math.floor(rand() * 6)] as string];
      const commits = await repo.commitsInRange(from, to);
      if (commits.some((c) => c.parents.length !== 1)) continue;
      await compareRange(repo, from, to, tally, rand);
      k++;
    }
    repo.blobs.close();
    console.log(`      ${tally.compared} blames, ${tally.lines} lines equal; ${tally.fallbacks} declined`);
    assert.ok(tally.compared > 0, 'no range of this history was compared');
  });
});
