// Suspect accuracy on the generated corpus (bench/scenarios/), one split at a time. For each
// scenario at each range width (~10, ~100, ~1,000 commits), where Culprit's triage ranks the
// bug-introducing commit, where the newest-blame baseline (what Sentry and Datadog suspect commits
// do) ranks it, and where a seeded random order of the deploy range does.
//   npm run bench:accuracy                         train and validation (the default)
//   npm run bench:accuracy -- --split test         the sealed test split: numbers only
//   npm run bench:accuracy -- --width 10,100       some widths only
//   npm run bench:accuracy -- --transform renamed  generated scenarios as they are and renamed
//                                                  (or reformatted, reordered): is the bug's rank kept?
// The split is a hash of each scenario's bug class (bench/lib/split.mjs). The test split prints
// only its figures: no scenario name, rank or miss leaves this file for it, in the log, in
// RESULTS.md or in bench/.work/results.json. Scenarios are built once and cached under
// bench/.work/scenarios, keyed by their content.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { groupBy, groupTable, metrics, pct, rankOf, widthTable } from '../lib/accuracyScore.mjs';
import { loadCore } from '../lib/coreBundle.mjs';
import { FOLDS, foldOf } from '../lib/folds.mjs';
import { corpusVariants, loadScenarioDefs, WIDTHS } from '../lib/scenarioList.mjs';
import { buildScenarios } from '../lib/scenarioRepo.mjs';
import { SPLITS } from '../lib/split.mjs';
import { seededRandom } from '../lib/stats.mjs';

const SETTINGS = { limit: 1, suspectLimit: 20, blameFrames: 12 };
const TARGETS = { top1: 0.85, top3: 0.97, mrr: 0.9 };

/** `--split a,b` and `--width 10,100` from the bench's arguments. */
export function accuracyOptions(args = []) {
  const value = (flag) => {
    const at = args.indexOf(flag);
    return at >= 0 ? String(args[at + 1] ?? '') : null;
  };
  const splits = (value('--split') ?? 'train,validation').split(',').filter(Boolean);
  for (const s of splits) if (!SPLITS.includes(s)) throw new Error(`--split ${s}: choose from ${SPLITS.join(', ')}`);
  if (splits.includes('test') && splits.length > 1)
    throw new Error('the test split is scored on its own: --split test');
  const widths = (value('--width') ?? WIDTHS.join(',')).split(',').map(Number);
  for (const w of widths) if (!WIDTHS.includes(w)) throw new Error(`--width ${w}: choose from ${WIDTHS.join(', ')}`);
  // `--vocab shop`: generated scenarios of one domain vocabulary only (a third of them), and
  // `--runtime py,go`: scenarios of those runtimes only (`js`, `py`, `java` for the hand-written ones).
  return {
    splits,
    widths,
    sealed: splits.includes('test'),
    transform: value('--transform'),
    vocab: value('--vocab'),
    runtimes: value('--runtime')?.split(','),
  };
}

function hashName(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function shuffled(list, rnd) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Culprit's rank, the baseline's rank and the reasons, for one built scenario. */
async function judge(core, s, v, rnd) {
  const ws = await core.openTriageWorkspace({ dir: s.repo, trusted: true });
  const text = readFileSync(s.traceFile, 'utf8');
  const t0 = performance.now();
  const report = await core.runTriage(core.createFileSource(text, path.basename(s.traceFile)), ws, {
    ...SETTINGS,
    deployFlag: s.deploy,
  });
  const ms = performance.now() - t0;
  const issue = report.issues[0];
  const suspects = issue?.suspects.map((x) => x.sha) ?? [];
  // The trackers blame the reported line of each in-app frame at HEAD (no deploy range, no drift).
  const head = await ws.git.head();
  const frames = (issue?.frames ?? [])
    .filter((f) => f.inApp && f.file && f.line)
    .slice(0, SETTINGS.blameFrames)
    .map((f, depth) => ({ depth, path: f.file, line: f.line, function: f.function }));
  const baseline = frames.length
    ? (await core.newestBlameBaseline(ws.git.suspectPort(), head, frames)).map((b) => b.sha)
    : [];
  const top = issue?.suspects[0];
  const bug = issue?.suspects.find((x) => x.sha === s.bugSha) ?? null;
  return {
    name: v.base.name,
    original: v.base.seedName ?? v.base.name,
    transform: v.base.transform ?? null,
    bugClass: v.base.bugClass,
    split: v.split,
    fold: foldOf(v.base.bugClass),
    width: v.width,
    family: v.base.family,
    runtime: v.base.runtime ?? v.base.lang,
    ms,
    error: issue ? null : JSON.stringify(report.errors).slice(0, 200),
    culprit: rankOf(suspects, s.bugSha),
    baseline: rankOf(baseline, s.bugSha),
    random: rankOf(shuffled(s.rangeShas, rnd), s.bugSha),
    rangeSize: s.rangeShas.length,
    bug: bug && { score: bug.score, reasons: bug.reasons.slice(0, 3) },
    top: top && { summary: top.summary, score: top.score, reasons: top.reasons.slice(0, 3) },
  };
}

/** The CLI's JSON on a few scenarios, checked against the contract (issues[].frames/suspects). */
function cliContract(repoRoot, built) {
  const cli = path.join(repoRoot, 'dist/cli.js');
  if (!existsSync(cli)) return 'dist/cli.js not built: contract not checked';
  const problems = [];
  for (const s of built) {
    for (const extra of [['--deploy', s.deploy], []]) {
      try {
        const out = execFileSync(
          process.execPath,
          [cli, 'triage', '--file', s.traceFile, '--repo', s.repo, '--json', ...extra],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 },
        );
        const issue = JSON.parse(out).issues?.[0];
        if (!issue?.frames?.length || !Array.isArray(issue.suspects)) problems.push(`${s.name}: no frames/suspects`);
        for (const x of issue?.suspects ?? [])
          if (!/^[0-9a-f]{40}$/.test(x.sha ?? '') || !Array.isArray(x.reasons))
            problems.push(`${s.name}: suspect without sha/reasons`);
      } catch (e) {
        problems.push(
          `${s.name}: ${String(e.stderr || e.message)
            .trim()
            .slice(0, 120)}`,
        );
      }
    }
  }
  return problems.length
    ? `CLI JSON contract **broken**: ${[...new Set(problems)].slice(0, 5).join('; ')}`
    : `CLI JSON contract (\`culprit triage --file TRACE --repo REPO --json\`, with and without \`--deploy\`) held on ${built.length} scenarios (one per runtime).`;
}

function missNote(r) {
  const bug = r.bug ? `bug #${r.culprit} (${r.bug.score}: ${r.bug.reasons.join('; ')})` : 'bug not among the suspects';
  const top = r.top ? `top "${r.top.summary}" (${r.top.score}: ${r.top.reasons.join('; ')})` : 'no suspects';
  return `Miss **${r.name}** ~${r.width} [${r.bugClass}]: ${bug}; ${top}.`;
}

function widthRows(results, widths) {
  return widths.map((w) => {
    const rs = results.filter((r) => r.width === w);
    const size = rs.map((r) => r.rangeSize);
    return {
      label: `~${w} (${size.length ? `${Math.min(...size)}–${Math.max(...size)}` : '—'} commits)`,
      culprit: metrics(rs.map((r) => r.culprit)),
      baseline: metrics(rs.map((r) => r.baseline)),
      random: metrics(rs.map((r) => r.random)),
    };
  });
}

export async function accuracyCase({ repoRoot, bundle, work, log, args = [] }) {
  const opts = accuracyOptions(args);
  const filter = process.env.CULPRIT_SCENARIOS || null;
  const defs = (await loadScenarioDefs(repoRoot, filter)).filter(
    (d) =>
      (!opts.vocab || !d.generator || d.generator.vocab === opts.vocab) &&
      (!opts.runtimes || opts.runtimes.includes(d.runtime ?? d.lang)),
  );
  const variants = corpusVariants(defs, opts);
  // A sealed run logs nothing per scenario: only counts and the final figures.
  const say = opts.sealed ? () => {} : log;
  const t0 = performance.now();
  const built = await buildScenarios(
    variants.map((v) => v.def),
    path.join(work, 'scenarios'),
    say,
  );
  const buildSeconds = (performance.now() - t0) / 1000;
  const failed = built.filter((b) => b.error);
  if (failed.length) {
    for (let i = built.length - 1; i >= 0; i--) if (built[i].error) variants.splice(i, 1);
    built.splice(0, built.length, ...built.filter((b) => !b.error));
  }
  const generated = built.filter((b) => !b.cached).length;
  log(`  ${built.length} scenario builds (${generated} generated) in ${buildSeconds.toFixed(1)} s`);
  const core = loadCore(bundle);
  // Two triages at a time (most of a triage is waiting on git); each scenario's random order is
  // seeded by its name, so the figures do not depend on which finishes first.
  const results = new Array(built.length);
  let next = 0;
  const worker = async () => {
    while (next < built.length) {
      const i = next++;
      const r = await judge(core, built[i], variants[i], seededRandom(hashName(built[i].name)));
      results[i] = r;
      say(
        `  ${r.culprit === 1 ? 'hit ' : 'MISS'} ${built[i].name}: culprit #${r.culprit || '—'}, baseline #${r.baseline || '—'}`,
      );
    }
  };
  await Promise.all([worker(), worker()]);
  const tables = [];
  const notes = [];
  if (opts.transform) {
    const pairs = results
      .filter((r) => r.transform)
      .map((r) => [results.find((o) => !o.transform && o.name === r.original && o.width === r.width), r]);
    const same = pairs.filter(([o, r]) => o && o.culprit === r.culprit).length;
    const keptTop = pairs.filter(([o, r]) => o && (o.culprit === 1) === (r.culprit === 1)).length;
    notes.push(
      `Metamorphic (${opts.transform}): the bug's rank is the same in ${same} of ${pairs.length} scenario builds; top-1 hit or miss kept in ${keptTop} of ${pairs.length}.`,
    );
  }
  for (const split of opts.splits) {
    const rs = results.filter((r) => r.split === split);
    tables.push(widthTable(split, widthRows(rs, opts.widths)), '');
    const all = metrics(rs.map((r) => r.culprit));
    notes.push(
      `${split}: ${new Set(rs.map((r) => r.name)).size} scenarios in ${new Set(rs.map((r) => r.bugClass)).size} bug classes; all widths together top-1 ${pct(all.top1.value)} (target ≥ ${pct(TARGETS.top1)}), top-3 ${pct(all.top3.value)} (≥ ${pct(TARGETS.top3)}), MRR ${all.mrr.value.toFixed(3)} (≥ ${TARGETS.mrr}).`,
    );
    const w = widthRows(rs, [Math.min(...opts.widths), Math.max(...opts.widths)]);
    if (opts.widths.length > 1)
      notes.push(
        `${split}: top-1 at ~${Math.max(...opts.widths)} commits is ${(100 * (w[1].culprit.top1.value - w[0].culprit.top1.value)).toFixed(1)} points from ~${Math.min(...opts.widths)} (target: within 5).`,
      );
  }
  if (!opts.sealed) {
    const open = results;
    tables.push(
      groupTable(
        'bug class (split)',
        groupBy(open, (r) => `${r.bugClass} (${r.split})`).map(([k, rs]) => [k, metrics(rs.map((r) => r.culprit))]),
      ),
      '',
      groupTable(
        'runtime',
        groupBy(open, (r) => r.runtime).map(([k, rs]) => [k, metrics(rs.map((r) => r.culprit))]),
      ),
      '',
      groupTable(
        `grouped fold (${FOLDS} folds by bug class)`,
        groupBy(open, (r) => r.fold).map(([k, rs]) => [
          `fold ${k}: ${[...new Set(rs.map((r) => r.bugClass))].join(', ')}`,
          metrics(rs.map((r) => r.culprit)),
        ]),
      ),
    );
    notes.push(
      `Grouped cross-validation: each fold holds whole bug classes (bench/lib/folds.mjs). The figure per fold is that of the ranking as it is on main; a fitted model is cross-validated by fitting it on the other folds' classes (\`npm run fit\`) and scoring the fold.`,
      'Baseline: blame at HEAD on the reported line of each in-app frame (at most 12), newest commit first. Random: one seeded shuffle of the deploy range. Rank 0 (absent) counts as a miss and adds 0 to the MRR. Intervals: Wilson (95%) for rates, a seeded bootstrap (2,000 resamples) for the MRR.',
      ...results.filter((r) => r.error).map((r) => `No issue triaged for ${r.name} ~${r.width}: ${r.error}`),
      ...results.filter((r) => r.culprit !== 1).map(missNote),
    );
    const sample = groupBy(
      built.filter((b, i) => variants[i].width === Math.min(...opts.widths)),
      (b) => b.lang,
    ).map(([, bs]) => bs[0]);
    notes.push(cliContract(repoRoot, sample));
  } else {
    notes.push('The test split is sealed: only its figures are printed; its scenarios and misses are not studied.');
  }
  if (failed.length)
    notes.push(
      opts.sealed
        ? `${failed.length} scenario builds failed and are not scored.`
        : `Not scored (the build failed): ${failed.map((b) => `${b.name} (${b.error})`).join('; ')}.`,
    );
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  notes.push(
    `Triage per scenario (in process, core bundle): median ${ms[Math.floor(ms.length / 2)]?.toFixed(0)} ms, max ${ms.at(-1)?.toFixed(0)} ms; ${built.length} builds (${generated} generated this run) in ${buildSeconds.toFixed(1)} s.`,
  );
  const runtimes = groupBy(results, (r) => r.runtime).map(([k, rs]) => `${rs.length} ${k}`);
  return {
    id: opts.sealed ? 'accuracy-test' : 'accuracy',
    title: `Suspect accuracy, ${opts.splits.join(' + ')} split${opts.splits.length > 1 ? 's' : ''}${opts.vocab ? ` (generated scenarios of the ${opts.vocab} vocabulary only)` : ''}${opts.runtimes ? ` (runtimes ${opts.runtimes.join(', ')} only)` : ''}: ${new Set(results.map((r) => r.name)).size} scenarios × widths ${opts.widths.map((w) => `~${w}`).join('/')} (${runtimes.join(', ')})`,
    rows: [],
    table: tables.join('\n'),
    notes,
    detail: opts.sealed
      ? { splits: opts.splits, figures: widthRows(results, opts.widths) }
      : { splits: opts.splits, results },
  };
}
