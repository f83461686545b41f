// `culprit verify` measured: (1) time to confirm on a 100-commit range whose reproduction takes
// 2 seconds, and the number of reproduction runs against ⌈log2 N⌉ + 2 and a linear scan; (2) the
// accuracy corpus (bench/scenarios/): per scenario, the built CLI bisects the deploy range with
// the scenario's own entry point as the reproduction, and the confirmed commit is compared with
// the bug commit and with the static ranking's top-1. Self-contained: builds its own repos.
// CULPRIT_VERIFY_SCENARIOS=a,b (exact names) or CULPRIT_VERIFY_FILTER=part runs only those scenarios, and
// CULPRIT_VERIFY_RANGE=0 / CULPRIT_VERIFY_CORPUS=0 skip a part: such subset runs leave RESULTS.md as it was.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildScenarios } from '../lib/scenarioRepo.mjs';
import { loadScenarioDefs } from '../lib/scenarioList.mjs';
import { markdownTable } from '../lib/stats.mjs';
import { reproOf, verifyScenarioDefs } from '../lib/verifyCorpus.mjs';

const STEP_SECONDS = 2;
const RANGE = 100;
const BUG_POSITIONS = [17, 58, 91];

function git(cwd, args, input) {
  return execFileSync('git', args, {
    cwd,
    input,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Bench',
      GIT_AUTHOR_EMAIL: 'b@example.com',
      GIT_COMMITTER_NAME: 'Bench',
      GIT_COMMITTER_EMAIL: 'b@example.com',
    },
  }).trim();
}

/** A repo with v1, then RANGE commits (the bug at `bugAt`), tagged v2; the crash node printed at v2. */
function rangeRepo(dir, bugAt) {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  const lib = (rate, i) =>
    `'use strict';\nconst STEP_${i} = ${i};\nfunction rateOf(c) {\n  return ${rate};\n}\nmodule.exports = { rateOf };\n`;
  writeFileSync(
    path.join(dir, 'main.js'),
    "const { rateOf } = require('./lib');\nconsole.log(rateOf({ tier: 'gold' }));\n",
  );
  writeFileSync(path.join(dir, 'lib.js'), lib('0.1', 'init'));
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-qm', 'init']);
  git(dir, ['tag', 'v1']);
  let rate = '0.1';
  for (let i = 0; i < RANGE; i++) {
    if (i === bugAt) rate = 'c.loyalty.rate';
    writeFileSync(path.join(dir, 'lib.js'), lib(rate, i));
    git(dir, ['commit', '-qam', i === bugAt ? 'the bug' : `step ${i}`]);
  }
  git(dir, ['tag', 'v2']);
  const bug = git(dir, ['rev-list', '--reverse', 'v1..v2']).split('\n')[bugAt];
  const crash = spawnSync(process.execPath, ['main.js'], { cwd: dir, encoding: 'utf8' });
  writeFileSync(path.join(dir, '..', 'trace.txt'), crash.stderr);
  return { bug, trace: path.join(dir, '..', 'trace.txt') };
}

function verifyCli(repoRoot, args, env = {}) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'verify', ...args, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - t0;
  try {
    return { ms, issue: JSON.parse(r.stdout).issues[0], stderr: r.stderr };
  } catch {
    return { ms, issue: null, stderr: r.stderr.slice(-400) };
  }
}

async function rangeBench(repoRoot, work, log) {
  const rows = [];
  for (const bugAt of BUG_POSITIONS) {
    const dir = mkdtempSync(path.join(work, 'verify-range-'));
    const { bug, trace } = rangeRepo(path.join(dir, 'repo'), bugAt);
    const r = verifyCli(
      repoRoot,
      [
        '--event',
        trace,
        '--repo',
        path.join(dir, 'repo'),
        '--deploy',
        'v1..v2',
        '--repro',
        `sleep ${STEP_SECONDS}; node main.js`,
      ],
      { CULPRIT_SCRATCH_DIR: path.join(dir, 'scratch') },
    );
    const v = r.issue?.verification;
    log(`  bug at ${bugAt}: ${v?.status} in ${v?.runs} runs, ${(r.ms / 1000).toFixed(1)} s`);
    rows.push({ bugAt, ok: v?.status === 'confirmed' && v.commit === bug, runs: v?.runs ?? 0, ms: r.ms });
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function staticTop(repoRoot, s) {
  const r = spawnSync(
    process.execPath,
    [
      path.join(repoRoot, 'dist/cli.js'),
      'triage',
      '--event',
      s.traceFile,
      '--repo',
      s.repo,
      '--deploy',
      s.deploy,
      '--json',
    ],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  try {
    return JSON.parse(r.stdout).issues[0]?.suspects[0]?.sha ?? null;
  } catch {
    return null;
  }
}

/** The scenarios named in CULPRIT_VERIFY_SCENARIOS (comma-separated, exact names), else all of `defs`. */
function onlyListed(defs) {
  const listed = (process.env.CULPRIT_VERIFY_SCENARIOS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!listed.length) return defs;
  const unknown = listed.filter((n) => !defs.some((d) => d.name === n));
  if (unknown.length) throw new Error(`CULPRIT_VERIFY_SCENARIOS: no verify scenario named ${unknown.join(', ')}`);
  return defs.filter((d) => listed.includes(d.name));
}

async function corpusBench(repoRoot, work, log) {
  const filter = process.env.CULPRIT_VERIFY_FILTER || null;
  const defs = onlyListed(verifyScenarioDefs(await loadScenarioDefs(repoRoot, filter)));
  const built = await buildScenarios(defs, path.join(work, 'scenarios'), log);
  const rows = [];
  for (const [i, s] of built.entries()) {
    const def = defs[i];
    if (s.error) {
      rows.push({ name: s.name, lang: def.lang, n: 0, bound: 0, status: `not built: ${s.error}`, runs: 0, ms: 0 });
      continue;
    }
    const { args, env } = reproOf(s, def, repoRoot, work);
    const scratch = mkdtempSync(path.join(work, 'verify-scratch-'));
    const r = verifyCli(
      repoRoot,
      ['--event', s.traceFile, '--repo', s.repo, '--deploy', s.deploy, '--timeout', '60', ...args],
      {
        ...env,
        CULPRIT_SCRATCH_DIR: scratch,
      },
    );
    rmSync(scratch, { recursive: true, force: true });
    const v = r.issue?.verification;
    // N is every commit of the range, merged branches included, as git bisect counts it.
    const n = Number(
      execFileSync('git', ['rev-list', '--count', s.deploy], {
        cwd: s.repo,
        encoding: 'utf8',
      }).trim(),
    );
    const bound = Math.ceil(Math.log2(Math.max(n, 1))) + 2;
    const top = staticTop(repoRoot, s);
    const row = {
      name: s.name,
      lang: s.lang,
      n,
      bound,
      status: v?.status ?? `error: ${r.stderr.trim().split('\n').pop()}`,
      runs: v?.runs ?? 0,
      confirmedBug: v?.status === 'confirmed' && v.commit === s.bugSha,
      confirmedOther: v?.status === 'confirmed' && v.commit !== s.bugSha,
      staticRight: top === s.bugSha,
      ms: r.ms,
      summary: v?.summary ?? '',
    };
    log(
      `  ${s.name} (${s.lang}, N=${n}): ${row.status} ${row.confirmedBug ? 'bug' : ''} in ${row.runs}/${bound} runs; static top-1 ${row.staticRight ? 'right' : 'wrong'}`,
    );
    rows.push(row);
  }
  return rows;
}

export async function verifyCase({ repoRoot, work, log }) {
  const range = process.env.CULPRIT_VERIFY_RANGE === '0' ? [] : await rangeBench(repoRoot, work, log);
  const corpus = process.env.CULPRIT_VERIFY_CORPUS === '0' ? [] : await corpusBench(repoRoot, work, log);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const bound = Math.ceil(Math.log2(RANGE)) + 2;
  const table = [
    markdownTable(
      [
        '100-commit range, 2 s reproduction',
        'confirmed the bug',
        'runs',
        `bound ⌈log2 N⌉+2`,
        'linear scan runs',
        'time to confirm',
        'of which test time',
      ],
      range.map((r) => [
        `bug at commit ${r.bugAt + 1}`,
        r.ok ? 'yes' : '**no**',
        r.runs,
        bound,
        r.bugAt + 2,
        `${(r.ms / 1000).toFixed(1)} s`,
        `${r.runs * STEP_SECONDS} s`,
      ]),
    ),
  ];
  const notes = range.length
    ? [
        `Time to confirm on a ${RANGE}-commit range with a ${STEP_SECONDS}-second test: median ${(median(range.map((r) => r.ms)) / 1000).toFixed(1)} s in ${median(range.map((r) => r.runs))} runs (floor: runs × ${STEP_SECONDS} s of test time; the rest is worktree checkout, node start and judging). A linear scan from FROM takes bug position + 2 runs.`,
      ]
    : [];
  if (!range.length) table.length = 0;
  if (corpus.length) {
    const confirmed = corpus.filter((r) => r.confirmedBug);
    const within = confirmed.filter((r) => r.runs <= r.bound);
    const corrected = confirmed.filter((r) => !r.staticRight);
    const langs = [...new Set(corpus.map((r) => r.lang))];
    const byLang = langs
      .map(
        (l) =>
          `${l} ${corpus.filter((r) => r.lang === l && r.confirmedBug).length}/${corpus.filter((r) => r.lang === l).length}`,
      )
      .join(', ');
    const staticWrong = corpus.filter((r) => r.n > 0 && !r.staticRight);
    const wrongConfirmed = corpus.filter((r) => r.confirmedOther);
    table.push(
      '',
      markdownTable(
        ['corpus scenario', 'lang', 'N', 'verdict', 'names the bug', 'runs / bound', 'static top-1', 'time'],
        corpus.map((r) => [
          r.name,
          r.lang,
          r.n,
          r.status,
          r.confirmedBug ? 'yes' : '**no**',
          `${r.runs} / ${r.bound}`,
          r.staticRight ? 'right' : 'wrong',
          `${(r.ms / 1000).toFixed(1)} s`,
        ]),
      ),
    );
    notes.push(
      `Corpus: ${confirmed.length}/${corpus.length} scenarios confirmed with the bug commit (${byLang}); ${within.length} of them within ⌈log2 N⌉ + 2 runs; ${wrongConfirmed.length} confirmed another commit than the bug${wrongConfirmed.length ? ` (${wrongConfirmed.map((r) => r.name).join(', ')})` : ''}.`,
      `Overturned: the static top-1 was wrong in ${staticWrong.length} scenarios; verification named the bug in ${corrected.length} of them${corrected.length ? ` (${corrected.map((r) => r.name).join(', ')})` : ''}.`,
      ...corpus.filter((r) => !r.confirmedBug).map((r) => `Not confirmed: **${r.name}**: ${r.status}: ${r.summary}`),
    );
  }
  return {
    id: 'verify',
    title: 'Verification: bisect with a reproduction (`culprit verify`)',
    rows: [],
    table: table.join('\n'),
    notes,
    partial:
      Boolean(process.env.CULPRIT_VERIFY_SCENARIOS || process.env.CULPRIT_VERIFY_FILTER) ||
      !range.length ||
      !corpus.length,
  };
}
