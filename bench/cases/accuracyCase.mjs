// Suspect accuracy on the generated corpus (bench/scenarios/): for each scenario, where Culprit's
// triage ranks the bug-introducing commit, where the newest-blame baseline (what Sentry and
// Datadog suspect commits do) ranks it, and where a seeded random order of the deploy range
// does. Scenarios are built once and cached under bench/.work/scenarios, keyed by their content.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCore } from '../lib/coreBundle.mjs';
import { buildScenarios } from '../lib/scenarioRepo.mjs';
import { loadScenarioDefs } from '../lib/scenarioList.mjs';
import { markdownTable, seededRandom } from '../lib/stats.mjs';

const SETTINGS = { limit: 1, suspectLimit: 20, blameFrames: 12 };
/** The held-out set's first measurement (13 scenarios, before any rule was added for it). */
const HELD_OUT_FIRST = 'top-1 7.7%, top-3 38.5%, top-5 53.8%, MRR 0.275 (random: 7.7% top-1)';
const TARGETS = { top1: 0.85, top3: 0.97, mrr: 0.9, aboveBaseline: 0.3 };

/** 1-based rank of `sha` in `list`, 0 when absent. */
function rankOf(list, sha) {
  return list.indexOf(sha) + 1;
}

function metrics(ranks) {
  const n = ranks.length || 1;
  const within = (k) => ranks.filter((r) => r > 0 && r <= k).length / n;
  return {
    top1: within(1),
    top3: within(3),
    top5: within(5),
    mrr: ranks.reduce((s, r) => s + (r > 0 ? 1 / r : 0), 0) / n,
  };
}

function shuffled(list, rnd) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** What the JSON contract promises of one `culprit triage --json` report; the broken promises. */
function contractProblems(report) {
  const problems = [];
  const int = (v) => Number.isInteger(v) && v > 0;
  if (!Array.isArray(report?.issues) || report.issues.length === 0) return ['no issues[]'];
  for (const issue of report.issues) {
    if (!Array.isArray(issue.frames) || issue.frames.length === 0) problems.push('issue without frames[]');
    for (const f of issue.frames ?? []) {
      if (!('file' in f) || !('line' in f) || !('localLine' in f))
        problems.push(`frame without file/line/localLine: ${String(f.raw).slice(0, 80)}`);
      else if (f.inApp && (typeof f.file !== 'string' || !int(f.line) || !(f.localLine === null || int(f.localLine))))
        problems.push(`in-app frame with a bad file/line/localLine: ${String(f.raw).slice(0, 80)}`);
    }
    if (!Array.isArray(issue.suspects)) problems.push('issue without suspects[]');
    for (const x of issue.suspects ?? []) {
      if (
        !/^[0-9a-f]{40}$/.test(x.sha ?? '') ||
        !Array.isArray(x.reasons) ||
        x.reasons.length === 0 ||
        x.reasons.some((r) => typeof r !== 'string')
      )
        problems.push(`suspect without sha/reasons: ${JSON.stringify(x).slice(0, 80)}`);
    }
  }
  if (!report.issues.some((i) => i.frames?.some((f) => f.inApp && typeof f.file === 'string')))
    problems.push('no in-app frame resolved to a file');
  return [...new Set(problems)];
}

/**
 * Runs a held-out scenario through the built CLI the way a user would, with and without
 * `--deploy` (without it the range comes from the event's release and the tags, or from nothing).
 * `--file` is tried first (the documented acceptance invocation), then `--event`.
 */
function cliRun(repoRoot, s, withDeploy, flags = ['--file', '--event']) {
  const cli = path.join(repoRoot, 'dist/cli.js');
  const tail = ['--repo', s.repo, '--json', ...(withDeploy ? ['--deploy', s.deploy] : [])];
  let flag = '--file';
  let out;
  for (flag of flags) {
    try {
      out = execFileSync(process.execPath, [cli, 'triage', flag, s.traceFile, ...tail], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 << 20,
      });
      break;
    } catch (e) {
      if (flag === flags.at(-1))
        return {
          flag,
          error: String(e.stderr || e.message)
            .trim()
            .slice(0, 200),
        };
    }
  }
  const report = JSON.parse(out);
  const issue = report.issues?.[0];
  return {
    flag,
    problems: contractProblems(report),
    rank: issue
      ? rankOf(
          issue.suspects.map((x) => x.sha),
          s.bugSha,
        )
      : 0,
    source: issue?.deploy?.source ?? null,
  };
}

/** Culprit's rank, the baseline's rank and the reasons, for one built scenario. */
async function judge(core, s, rnd) {
  const ws = await core.openTriageWorkspace({ dir: s.repo, trusted: true });
  const text = readFileSync(s.traceFile, 'utf8');
  const t0 = performance.now();
  const report = await core.runTriage(core.createFileSource(text, path.basename(s.traceFile)), ws, {
    ...SETTINGS,
    deployFlag: s.deploy,
  });
  const ms = performance.now() - t0;
  const issue = report.issues[0];
  if (!issue) throw new Error(`${s.name}: no issue triaged: ${JSON.stringify(report.errors)}`);
  const suspects = issue.suspects.map((x) => x.sha);
  // The trackers blame the reported line of each in-app frame at HEAD (no deploy range, no drift).
  const head = await ws.git.head();
  const frames = issue.frames
    .filter((f) => f.inApp && f.file && f.line)
    .slice(0, SETTINGS.blameFrames)
    .map((f, depth) => ({ depth, path: f.file, line: f.line, function: f.function }));
  const baseline = (await core.newestBlameBaseline(ws.git.suspectPort(), head, frames)).map((b) => b.sha);
  const random = shuffled(s.rangeShas, rnd);
  const top = issue.suspects[0];
  return {
    name: s.name,
    heldOut: s.heldOut === true,
    fresh: s.fresh === true,
    fresh2: s.fresh2 === true,
    cases: s.cases,
    lang: s.lang,
    capture: s.capture,
    ms,
    culprit: rankOf(suspects, s.bugSha),
    baseline: rankOf(baseline, s.bugSha),
    random: rankOf(random, s.bugSha),
    rangeSize: s.rangeShas.length,
    crash: issue.frames[0] ? `${issue.frames[0].file}:${issue.frames[0].line}` : null,
    bug: issue.suspects.find((x) => x.sha === s.bugSha) ?? null,
    top: top ? { sha: top.sha, summary: top.summary, score: top.score, reasons: top.reasons } : null,
  };
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;

function missNote(r, reasons = 2) {
  const bug = r.bug
    ? `bug ranked #${r.culprit} (${r.bug.score}: ${r.bug.reasons.slice(0, reasons).join('; ')})`
    : 'bug not among the suspects';
  const top = r.top
    ? `top was "${r.top.summary}" (${r.top.score}: ${r.top.reasons.slice(0, reasons).join('; ')})`
    : 'no suspects';
  return `Miss${r.heldOut ? ' (held out)' : r.fresh ? ' (fresh)' : r.fresh2 ? ' (fresh2)' : ''} **${r.name}** [${r.cases.join(', ')}]: ${bug}; ${top}.`;
}

const metricRow = (name, x) => [name, pct(x.top1), pct(x.top3), pct(x.top5), x.mrr.toFixed(3)];

/** The held-out set on its own: Culprit, baseline and random, and the CLI runs. */
function heldOutSection(held, cli) {
  if (held.length === 0) return { table: [], notes: [] };
  const m = {
    culprit: metrics(held.map((r) => r.culprit)),
    baseline: metrics(held.map((r) => r.baseline)),
    random: metrics(held.map((r) => r.random)),
  };
  const table = [
    '',
    `**Held-out set** (${held.length} scenarios in bench/scenarios/heldOut.mjs, written before reading the ranking rules; on first measurement Culprit ranked ${HELD_OUT_FIRST}. Rules were then added where its misses showed general patterns, so these figures are no longer an independent measure: add fresh scenarios for one):`,
    '',
    markdownTable(
      ['ranking (held out)', 'top-1', 'top-3', 'top-5', 'MRR'],
      [
        metricRow('Culprit', m.culprit),
        metricRow('newest blame at HEAD (Sentry/Datadog baseline)', m.baseline),
        metricRow('random order of the deploy range (seeded)', m.random),
        ...(cli.length
          ? [
              metricRow('Culprit CLI, `--deploy FROM..TO`', metrics(cli.map((c) => c.withDeploy.rank ?? 0))),
              metricRow(
                'Culprit CLI, no `--deploy` (release and tags only)',
                metrics(cli.map((c) => c.noDeploy.rank ?? 0)),
              ),
            ]
          : []),
      ],
    ),
  ];
  const notes = [];
  if (cli.length) {
    const problems = cli.flatMap((c) =>
      [c.withDeploy, c.noDeploy].flatMap((x) =>
        x.error ? [`${c.name}: ${x.error}`] : x.problems.map((p) => `${c.name}: ${p}`),
      ),
    );
    const flags = [...new Set(cli.flatMap((c) => [c.withDeploy.flag, c.noDeploy.flag]))];
    notes.push(
      `Held-out CLI runs (\`node dist/cli.js triage ${flags.join('|')} TRACE --repo REPO --json\`, with and without \`--deploy\`): JSON contract (issues[].frames[].file/line/localLine, suspects[].sha/reasons) ${problems.length ? `**broken**: ${problems.slice(0, 5).join('; ')}` : 'held on every run'}${flags.includes('--file') ? '' : '; `--file` was refused, `--event` used'}.`,
      `Held-out bug rank without \`--deploy\`: ${cli.map((c) => `${c.name} #${c.noDeploy.rank || '—'} (${c.noDeploy.source ?? '?'})`).join(', ')}.`,
    );
  }
  const misses = held.filter((r) => r.culprit !== 1);
  notes.push(...(misses.length ? misses.map((r) => missNote(r, 3)) : ['No held-out misses.']));
  return { table, notes, metrics: m };
}

/**
 * The fresh set (bench/scenarios/fresh.mjs) on its own: written without reading the ranking rules
 * and measured once, so an independent figure. Culprit, baseline and random, the CLI run without
 * `--deploy`, and every miss with all of Culprit's reasons.
 */
function freshSection(fresh, cli) {
  if (fresh.length === 0) return { table: [], notes: [] };
  const m = {
    culprit: metrics(fresh.map((r) => r.culprit)),
    baseline: metrics(fresh.map((r) => r.baseline)),
    random: metrics(fresh.map((r) => r.random)),
  };
  const table = [
    '',
    `**Fresh set** (${fresh.length} scenarios in bench/scenarios/fresh.mjs, written blind. Scored once as written, before anyone studied it: Culprit top-1 21.4%, top-3 78.6%, top-5 92.9%, MRR 0.504 — the independent figure. Its misses then became development data for general rules, so the table below is not independent):`,
    '',
    markdownTable(
      ['ranking (fresh)', 'top-1', 'top-3', 'top-5', 'MRR'],
      [
        metricRow('Culprit', m.culprit),
        metricRow('newest blame at HEAD (Sentry/Datadog baseline)', m.baseline),
        metricRow('random order of the deploy range (seeded)', m.random),
        ...(cli.length
          ? [
              metricRow('Culprit CLI, `--deploy FROM..TO`', metrics(cli.map((c) => c.withDeploy.rank ?? 0))),
              metricRow(
                'Culprit CLI, no `--deploy` (release and tags only)',
                metrics(cli.map((c) => c.noDeploy.rank ?? 0)),
              ),
            ]
          : []),
      ],
    ),
  ];
  const notes = [
    `Fresh ranks (Culprit / baseline / random${cli.length ? ' / CLI without --deploy' : ''}): ${fresh.map((r) => `${r.name} #${r.culprit || '—'}/#${r.baseline || '—'}/#${r.random || '—'}${cli.length ? `/#${cli.find((c) => c.name === r.name)?.noDeploy.rank || '—'}` : ''}`).join(', ')}.`,
  ];
  if (cli.length) {
    const problems = cli.flatMap((c) =>
      [c.withDeploy, c.noDeploy].flatMap((x) =>
        x.error ? [`${c.name}: ${x.error}`] : x.problems.map((p) => `${c.name}: ${p}`),
      ),
    );
    notes.push(
      `Fresh CLI runs (\`node dist/cli.js triage --event TRACE --repo REPO --json\`, with and without \`--deploy\`): JSON contract ${problems.length ? `**broken**: ${problems.slice(0, 5).join('; ')}` : 'held on every run'}; ranges found without \`--deploy\`: ${[...new Set(cli.map((c) => c.noDeploy.source ?? '?'))].join(', ')}.`,
    );
  }
  const misses = fresh.filter((r) => r.culprit !== 1);
  notes.push(...(misses.length ? misses.map((r) => missNote(r, 8)) : ['No fresh misses.']));
  return { table, notes, metrics: m };
}

/**
 * The second blind set (bench/scenarios/fresh2.mjs), kept out of every other row: written without
 * reading the ranking rules while they were being changed from the older sets' misses, and never
 * scored before that change landed. Culprit, baseline and random, the CLI runs (`--event`, with and
 * without `--deploy`), and every miss with all of Culprit's reasons.
 */
function fresh2Section(fresh2, cli) {
  if (fresh2.length === 0) return { table: [], notes: [] };
  const m = {
    culprit: metrics(fresh2.map((r) => r.culprit)),
    baseline: metrics(fresh2.map((r) => r.baseline)),
    random: metrics(fresh2.map((r) => r.random)),
  };
  const table = [
    '',
    `**Fresh2 set** (${fresh2.length} scenarios in bench/scenarios/fresh2.mjs, a second blind set written while the rules were being changed and kept unscored until then (CULPRIT_FRESH2=1). Scored once as written: Culprit top-1 33.3%, top-3 75.0%, top-5 83.3%, MRR 0.550 — the independent figure. Its misses then became development data too, so the table below is not independent; it is excluded from every other row above):`,
    '',
    markdownTable(
      ['ranking (fresh2)', 'top-1', 'top-3', 'top-5', 'MRR'],
      [
        metricRow('Culprit', m.culprit),
        metricRow('newest blame at HEAD (Sentry/Datadog baseline)', m.baseline),
        metricRow('random order of the deploy range (seeded)', m.random),
        ...(cli.length
          ? [
              metricRow('Culprit CLI, `--deploy FROM..TO`', metrics(cli.map((c) => c.withDeploy.rank ?? 0))),
              metricRow(
                'Culprit CLI, no `--deploy` (release and tags only)',
                metrics(cli.map((c) => c.noDeploy.rank ?? 0)),
              ),
            ]
          : []),
      ],
    ),
  ];
  const notes = [
    `Fresh2 ranks (Culprit / baseline / random${cli.length ? ' / CLI without --deploy' : ''}): ${fresh2.map((r) => `${r.name} #${r.culprit || '—'}/#${r.baseline || '—'}/#${r.random || '—'}${cli.length ? `/#${cli.find((c) => c.name === r.name)?.noDeploy.rank || '—'}` : ''}`).join(', ')}.`,
  ];
  if (cli.length) {
    const problems = cli.flatMap((c) =>
      [c.withDeploy, c.noDeploy].flatMap((x) =>
        x.error ? [`${c.name}: ${x.error}`] : x.problems.map((p) => `${c.name}: ${p}`),
      ),
    );
    notes.push(
      `Fresh2 CLI runs (\`node dist/cli.js triage --event TRACE --repo REPO --json\`, with and without \`--deploy\`): JSON contract ${problems.length ? `**broken**: ${problems.slice(0, 5).join('; ')}` : 'held on every run'}; ranges found without \`--deploy\`: ${[...new Set(cli.map((c) => c.noDeploy.source ?? '?'))].join(', ')}.`,
    );
  }
  const misses = fresh2.filter((r) => r.culprit !== 1);
  notes.push(...(misses.length ? misses.map((r) => missNote(r, 8)) : ['No fresh2 misses.']));
  return { table, notes, metrics: m };
}

export async function accuracyCase({ repoRoot, bundle, work, log, filter = process.env.CULPRIT_SCENARIOS || null }) {
  // The second blind set stays unscored until it is asked for (CULPRIT_FRESH2=1), so nobody tuning
  // the ranking sees its results by running the bench.
  const defs = (await loadScenarioDefs(repoRoot, filter)).filter(
    (d) => d.fresh2 !== true || process.env.CULPRIT_FRESH2 === '1',
  );
  const t0 = performance.now();
  const built = (await buildScenarios(defs, path.join(work, 'scenarios'), log)).map((b, i) => ({
    ...b,
    heldOut: defs[i].heldOut === true,
    fresh: defs[i].fresh === true,
    fresh2: defs[i].fresh2 === true,
  }));
  const buildSeconds = (performance.now() - t0) / 1000;
  const fresh = built.filter((b) => !b.cached).length;
  log(
    `  ${built.length} scenarios (${fresh} generated, ${built.length - fresh} from the cache) in ${buildSeconds.toFixed(1)} s`,
  );
  const core = loadCore(bundle);
  const rnd = seededRandom(7);
  const results = [];
  for (const s of built) {
    const r = await judge(core, s, rnd);
    results.push(r);
    log(
      `  ${r.culprit === 1 ? 'hit ' : 'MISS'} ${s.name}: culprit #${r.culprit || '—'}, baseline #${r.baseline || '—'}, random #${r.random}`,
    );
  }
  const cli = [];
  const freshCli = [];
  const fresh2Cli = [];
  if (existsSync(path.join(repoRoot, 'dist/cli.js'))) {
    for (const s of built.filter((b) => b.fresh)) {
      const c = {
        name: s.name,
        withDeploy: cliRun(repoRoot, s, true, ['--event']),
        noDeploy: cliRun(repoRoot, s, false, ['--event']),
      };
      freshCli.push(c);
      log(
        `  cli ${s.name}: --deploy #${c.withDeploy.rank || '—'}, without #${c.noDeploy.rank || '—'} (${c.noDeploy.source})${[c.withDeploy, c.noDeploy].some((x) => x.error || x.problems.length) ? ' CONTRACT PROBLEM' : ''}`,
      );
    }
    for (const s of built.filter((b) => b.fresh2)) {
      const c = {
        name: s.name,
        withDeploy: cliRun(repoRoot, s, true, ['--event']),
        noDeploy: cliRun(repoRoot, s, false, ['--event']),
      };
      fresh2Cli.push(c);
      log(
        `  cli ${s.name}: --deploy #${c.withDeploy.rank || '—'}, without #${c.noDeploy.rank || '—'} (${c.noDeploy.source})${[c.withDeploy, c.noDeploy].some((x) => x.error || x.problems.length) ? ' CONTRACT PROBLEM' : ''}`,
      );
    }
    for (const s of built.filter((b) => b.heldOut)) {
      const c = { name: s.name, withDeploy: cliRun(repoRoot, s, true), noDeploy: cliRun(repoRoot, s, false) };
      cli.push(c);
      log(
        `  cli ${s.name}: --deploy #${c.withDeploy.rank || '—'}, without #${c.noDeploy.rank || '—'} (${c.noDeploy.source})${[c.withDeploy, c.noDeploy].some((x) => x.error || x.problems.length) ? ' CONTRACT PROBLEM' : ''}`,
      );
    }
  }
  const held = heldOutSection(
    results.filter((r) => r.heldOut),
    cli,
  );
  const freshSet = freshSection(
    results.filter((r) => r.fresh),
    freshCli,
  );
  const fresh2Set = fresh2Section(
    results.filter((r) => r.fresh2),
    fresh2Cli,
  );
  // The fresh2 set is reported only in its own table: every other row and note leaves it out.
  const all = results.filter((r) => !r.fresh2);
  const m = {
    culprit: metrics(all.map((r) => r.culprit)),
    baseline: metrics(all.map((r) => r.baseline)),
    random: metrics(all.map((r) => r.random)),
  };
  const designed = all.filter((r) => !r.heldOut && !r.fresh);
  const md = designed.length < all.length ? metrics(designed.map((r) => r.culprit)) : null;
  const ok = {
    top1: m.culprit.top1 >= TARGETS.top1,
    top3: m.culprit.top3 >= TARGETS.top3,
    mrr: m.culprit.mrr >= TARGETS.mrr,
    above: m.culprit.top1 - m.baseline.top1 >= TARGETS.aboveBaseline,
  };
  const row = metricRow;
  const table = [
    markdownTable(
      [`ranking (all scenarios${all.length < results.length ? ' but fresh2' : ''})`, 'top-1', 'top-3', 'top-5', 'MRR'],
      [
        row('Culprit', m.culprit),
        ...(md ? [row(`Culprit, the ${designed.length} design scenarios only`, md)] : []),
        row('newest blame at HEAD (Sentry/Datadog baseline)', m.baseline),
        row('random order of the deploy range (seeded)', m.random),
        [
          'target (Culprit)',
          `≥ ${pct(TARGETS.top1)} ${ok.top1 ? 'met' : '**missed**'}`,
          `≥ ${pct(TARGETS.top3)} ${ok.top3 ? 'met' : '**missed**'}`,
          '',
          `≥ ${TARGETS.mrr} ${ok.mrr ? 'met' : '**missed**'}`,
        ],
      ],
    ),
    '',
    markdownTable(
      ['family', 'scenarios', 'Culprit top-1', 'baseline top-1'],
      [...new Set(defs.filter((d) => d.fresh2 !== true).map((d) => d.family))].map((fam) => {
        const rs = results.filter((r, i) => defs[i].family === fam && !r.fresh2);
        return [
          fam,
          rs.length,
          pct(metrics(rs.map((r) => r.culprit)).top1),
          pct(metrics(rs.map((r) => r.baseline)).top1),
        ];
      }),
    ),
    ...held.table,
    ...freshSet.table,
    ...fresh2Set.table,
  ].join('\n');
  const langs = ['js', 'py', 'java'].map((l) => `${results.filter((r) => r.lang === l).length} ${l}`).join(', ');
  const captures = `${results.filter((r) => r.capture === 'sentry').length} through @sentry/node, ${results.filter((r) => r.capture === 'bundle').length} through a minified esbuild bundle`;
  const misses = all.filter((r) => r.culprit !== 1);
  const triageMs = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    id: 'accuracy',
    title: `Suspect accuracy: ${results.length} generated scenarios (${langs}; ${captures})`,
    rows: [],
    table,
    notes: [
      `Culprit is ${(100 * (m.culprit.top1 - m.baseline.top1)).toFixed(1)} points above the baseline at top-1 (target ≥ ${100 * TARGETS.aboveBaseline}): ${ok.above ? 'met' : '**missed**'}.`,
      'Baseline: blame at HEAD on the reported line of each in-app frame (at most 12), newest commit first — post-deploy commits included, as the trackers do. Random: one seeded shuffle of the deploy range per scenario. Rank 0 (absent) counts as a miss and adds 0 to the MRR.',
      `Each scenario is a real repository (history with several authors, deploy tags, ${Math.min(...results.map((r) => r.rangeSize))}–${Math.max(...results.map((r) => r.rangeSize))} commits in the deploy range, post-deploy commits) whose deployed tag was run until it crashed; ${fresh} generated this run in ${buildSeconds.toFixed(1)} s, the rest from the cache.`,
      `Triage per scenario (in process, core bundle): median ${triageMs[Math.floor(triageMs.length / 2)]?.toFixed(0)} ms.`,
      ...(misses.filter((r) => !r.heldOut && !r.fresh).length
        ? misses.filter((r) => !r.heldOut && !r.fresh).map((r) => missNote(r))
        : ['No misses among the design scenarios.']),
      ...held.notes,
      ...freshSet.notes,
      ...fresh2Set.notes,
    ],
    detail: {
      metrics: m,
      heldOut: held.metrics ?? null,
      fresh: freshSet.metrics ?? null,
      fresh2: fresh2Set.metrics ?? null,
      cli,
      freshCli,
      fresh2Cli,
      results,
    },
  };
}
