// `npm run fit`: fits the suspect ranking model (src/core/suspects/rankerModel.ts) on the TRAIN
// split of the accuracy corpus, picks its L2 strength and calibrates its softmax temperature on
// the VALIDATION split, and writes src/core/suspects/rankerWeights.json stamped with the corpus
// hash. The TEST split is scored once, as numbers only.
//   npm run fit                 fit and write the weights
//   npm run fit -- --report     also the ablation of every feature, calibration and confidence
//                               figures, written to bench/RESULTS.md (section "ranking")
//   npm run fit -- --check      report whether the weights were fitted on the current corpus
//   --width 10,1000             only those range widths (default: 10, 100 and 1,000)
//   --cached                    reuse bench/.work/rankFeatures-w<width>.json from the last run (same code)
//   --splits validation,test    triage only those splits (a wide range scored, not fitted on)
//   --triage-only               write the caches, fit nothing
//   --only-cached               with --cached: widths without a cache are left out, not triaged
//   --calibrate-only            fit only the shipped ranking's probabilities (suspectCalibration.json)
//   --keep-weights              keep the ranker's parameters (evidenceWeights.json) as they are: no search
//   --windows                   the search windows' ablation: each halved and doubled, re-triaged at ~10
//                               commits, written to bench/RESULTS.md (section "windows"); fits nothing
//                               (with --only-cached: only the settings triaged before; --reverse: last first;
//                               --only name,name: triage only those windows' settings, the rest from cache)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusFeatures, corpusHash } from './fit/corpusFeatures.mjs';
import { WIDTHS } from '../bench/lib/scenarioList.mjs';
import { fitTemperature, fitWeights, nll, outcomes } from './fit/softmaxModel.mjs';
import { rankingSection } from './fit/rankingSection.mjs';
import { byConfidence, rankMetrics, reliability } from './fit/fitReport.mjs';
import { calibratedOutcomes, calibrationSection, fitCalibration, writeCalibration } from './fit/calibration.mjs';
import { realCrashFeatures } from './fit/realCrashes.mjs';
import {
  applyWeights,
  fitEvidenceWeights,
  rescore,
  restampEvidenceWeights,
  weightAblation,
  writeEvidenceWeights,
} from './fit/weightFit.mjs';
import { buildCoreBundle, loadCore } from '../bench/lib/coreBundle.mjs';
import { weightSection } from './fit/weightSection.mjs';
import { windowAblation, windowSection } from './fit/windowAblation.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEIGHTS = path.join(repoRoot, 'src/core/suspects/rankerWeights.json');
const CALIBRATION = path.join(repoRoot, 'src/core/suspects/suspectCalibration.json');
const EVIDENCE_WEIGHTS = path.join(repoRoot, 'src/core/suspects/evidenceWeights.json');
const CACHE = path.join(repoRoot, 'bench/.work/rankFeatures.json');
/** Candidate L2 strengths, one decade apart in half steps; validation NLL picks one. */
const L2_GRID = [0.001, 0.01, 0.1, 1];
/** The L2 penalty on weights in the features' own units, or on standardized ones. */
const PENALTIES = ['raw', 'standardized'];
/** Whether each bug class weighs the same in the training likelihood, or each scenario does. */
const BALANCE = [false, true];
const argv = process.argv.slice(2);
const args = new Set(argv);
/** `--width 10,1000`: fit on those range widths only (default: every width the bench scores). */
const widthArg = argv.includes('--width') ? argv[argv.indexOf('--width') + 1] : null;
/** `--splits validation,test`: triage only those splits at the widths not cached yet (to score, not fit). */
/** `--drop a,b`: features held at weight 0 (a feature left out by validation, or to compare). */
const dropArg = argv.includes('--drop') ? argv[argv.indexOf('--drop') + 1].split(',') : [];
const splitsArg = argv.includes('--splits') ? argv[argv.indexOf('--splits') + 1].split(',') : undefined;
/** `--windows --only a,b`: triage only those windows' settings (the rest of the table from their caches). */
const onlyArg = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : null;
const log = (m) => process.stderr.write(`${m}\n`);

async function check() {
  const hash = await corpusHash(repoRoot);
  for (const file of [EVIDENCE_WEIGHTS, CALIBRATION, WEIGHTS]) {
    const name = path.basename(file);
    const fitted = JSON.parse(readFileSync(file, 'utf8')).corpusHash;
    if (fitted === hash) console.log(`${name} is fitted on the current corpus (${hash.slice(0, 12)})`);
    else
      console.log(
        `${name} is STALE: fitted on corpus ${String(fitted).slice(0, 12)}, the corpus is now ${hash.slice(0, 12)}: re-run \`npm run fit\``,
      );
  }
}

/** The weights, temperature, L2 and penalty form chosen on validation, for the features not in `drop`. */
function fitAll(train, validation, dims, drop = new Set(), grid = L2_GRID, penalties = PENALTIES, balance = BALANCE) {
  let best = null;
  const judged = validation.length ? validation : train;
  for (const balanced of balance)
    for (const penalty of penalties)
      for (const l2 of grid) {
        const w = fitWeights(train, dims, l2, drop, penalty, balanced);
        const t = fitTemperature(judged, w);
        const loss = nll(judged, w, t);
        if (drop.size === 0)
          log(`    L2 ${l2} (${penalty}${balanced ? ', classes balanced' : ''}): validation NLL ${loss.toFixed(3)}`);
        if (!best || loss < best.loss) best = { l2, penalty, balanced, w, t, loss };
      }
  return best;
}

async function main() {
  if (args.has('--check')) return check();
  const hash = await corpusHash(repoRoot);
  if (args.has('--windows')) {
    const strength = loadCore(await buildCoreBundle(repoRoot)).commitStrength;
    const read = (file) => JSON.parse(readFileSync(file, 'utf8'));
    const result = await windowAblation(repoRoot, {
      strength,
      params: read(EVIDENCE_WEIGHTS).params,
      calibration: read(CALIBRATION),
      onlyCached: args.has('--only-cached'),
      reverse: args.has('--reverse'),
      only: onlyArg ? onlyArg.split(',') : null,
      log,
    });
    windowSection(repoRoot, result, hash);
    return log('  wrote the windows section of bench/RESULTS.md');
  }
  // One cache per range width, so a width can be re-triaged (or built the first time) on its own.
  const widths = widthArg ? widthArg.split(',').map(Number) : WIDTHS;
  const data = [];
  for (const width of widths) {
    const cache = CACHE.replace(/\.json$/, `-w${width}.json`);
    if (args.has('--cached') && existsSync(cache)) data.push(...JSON.parse(readFileSync(cache, 'utf8')));
    else if (!args.has('--only-cached')) {
      const part = await corpusFeatures(repoRoot, log, { widths: [width], splits: splitsArg });
      writeFileSync(cache, JSON.stringify(part));
      data.push(...part);
    }
  }
  if (args.has('--triage-only')) return log(`  cached ${data.length} scenario variants`);
  const names = data.find((d) => d.featureNames.length)?.featureNames ?? [];
  if (data.some((d) => d.rows.some((r) => typeof r.raw !== 'number' || !Array.isArray(r.evidence))))
    throw new Error('a cached feature file predates the evidence in the probe: re-run without --cached');
  const core = loadCore(await buildCoreBundle(repoRoot));
  const strength = core.commitStrength;
  const initial = JSON.parse(readFileSync(EVIDENCE_WEIGHTS, 'utf8')).params;
  // The re-scoring must be the core's own arithmetic: with the weights the triage ran, every strength agrees.
  const drift = rescore(data, strength, initial).flatMap((raws, k) =>
    raws.filter((x, i) => Math.abs(x - data[k].rows[i].raw) > 1e-9),
  );
  if (drift.length) throw new Error(`${drift.length} cached strengths differ from the core's: re-run without --cached`);
  const bySplit = (set, s) => set.filter((d) => d.split === s);
  // `--keep-weights`: score and report the parameters as they are in evidenceWeights.json, search nothing.
  const weightFit =
    args.has('--calibrate-only') || args.has('--keep-weights')
      ? null
      : fitEvidenceWeights(
          bySplit(data, 'train'),
          bySplit(data, 'validation'),
          strength,
          initial,
          log,
          await realCrashFeatures(repoRoot, core, log),
        );
  const weights = weightFit
    ? writeEvidenceWeights(EVIDENCE_WEIGHTS, hash, weightFit, { train: bySplit(data, 'train').length }).params
    : initial;
  if (weightFit) log(`  wrote ${path.relative(repoRoot, EVIDENCE_WEIGHTS)} (${weightFit.passes} passes kept)`);
  else if (args.has('--keep-weights')) restampEvidenceWeights(EVIDENCE_WEIGHTS, hash);
  const ranked = applyWeights(data, strength, weights);
  const [train, validation, test] = ['train', 'validation', 'test'].map((s) => bySplit(ranked, s));
  log(`  train ${train.length}, validation ${validation.length}, test ${test.length} scenarios`);
  // The probability map: its form chosen by grouped (bug class) cross-validation over train+validation.
  const calibration = fitCalibration([...train, ...validation]);
  for (const j of calibration.judged)
    log(
      `    ${j.form.name}: out-of-fold ECE ${j.ece.toFixed(3)}, NLL ${j.nll.toFixed(3)}, top-label log loss ${j.topLoss.toFixed(3)}`,
    );
  const shipped = writeCalibration(
    CALIBRATION,
    hash,
    calibration,
    JSON.parse(readFileSync(CALIBRATION, 'utf8')).confidence,
    {
      train: train.length,
      validation: validation.length,
      test: test.length,
    },
  );
  for (const [label, set] of [
    ['validation', validation],
    ['test', test],
  ]) {
    const o = calibratedOutcomes(set, shipped);
    const m = rankMetrics(o);
    log(
      `  shipped ranking, ${label}: n=${m.n} top-1 ${(100 * m.top1[0]).toFixed(1)}% [${(100 * m.top1[1]).toFixed(1)}–${(100 * m.top1[2]).toFixed(1)}] top-3 ${(100 * m.top3[0]).toFixed(1)}% MRR ${m.mrr[0].toFixed(3)} ECE ${reliability(o).ece.toFixed(3)}`,
    );
  }
  log(`  calibration "${shipped.form}", k ${shipped.exponent}; wrote ${path.relative(repoRoot, CALIBRATION)}`);
  if (args.has('--report')) {
    calibrationSection(repoRoot, shipped, calibration, { train, validation, test });
    const metrics = (set) => rankMetrics(calibratedOutcomes(set, shipped));
    const full = metrics(test);
    const before = metrics(applyWeights(bySplit(data, 'test'), strength, initial));
    weightSection(repoRoot, { weights, full, before, ablation: weightAblation(test, strength, weights, metrics) });
  }
  if (args.has('--calibrate-only')) return;
  const dropped = new Set(dropArg.map((n) => names.indexOf(n)).filter((i) => i >= 0));
  const best = fitAll(train, validation, names.length, dropped);
  const old = JSON.parse(readFileSync(WEIGHTS, 'utf8'));
  const model = {
    corpusHash: hash,
    features: names,
    weights: best.w.map((x) => Math.round(x * 1e4) / 1e4),
    calibration: {
      temperature: Math.round(best.t * 1e4) / 1e4,
      method: 'temperature scaling of the softmax, fitted by NLL on the validation split',
    },
    confidence: old.confidence,
    l2: best.l2,
    penalty: best.penalty,
    classesBalanced: best.balanced,
    scenarios: { train: train.length, validation: validation.length, test: test.length },
    fittedAt: new Date().toISOString(),
  };
  writeFileSync(WEIGHTS, `${JSON.stringify(model, null, 2)}\n`);
  const score = (set) => outcomes(set, model.weights, model.calibration.temperature);
  for (const [label, set] of [
    ['train', train],
    ['validation', validation],
    ['test', test],
  ]) {
    const m = rankMetrics(score(set));
    log(
      `  ${label}: n=${m.n} top-1 ${(100 * m.top1[0]).toFixed(1)}% top-3 ${(100 * m.top3[0]).toFixed(1)}% MRR ${m.mrr[0].toFixed(3)}`,
    );
  }
  log(
    `  L2 ${best.l2} (${best.penalty}), validation NLL ${best.loss.toFixed(3)}, temperature ${model.calibration.temperature}; wrote ${path.relative(repoRoot, WEIGHTS)}`,
  );
  if (args.has('--misses'))
    for (const o of [...score(train), ...score(validation)].filter((x) => x.rank !== 1))
      log(`  miss (${o.split}) ${o.name}: #${o.rank || '—'} p1 ${o.p1.toFixed(2)}`);
  if (!args.has('--report')) return;
  const ablation = names.map((name, i) => {
    const fit = fitAll(train, validation, names.length, new Set([i]), [best.l2], [best.penalty], [best.balanced]);
    return {
      name,
      test: rankMetrics(outcomes(test, fit.w, fit.t)),
      val: rankMetrics(outcomes(validation, fit.w, fit.t)),
    };
  });
  const figures = {
    model,
    classes: new Set(data.map((d) => d.bugClass)).size,
    metrics: Object.fromEntries(
      [
        ['train', train],
        ['validation', validation],
        ['test', test],
      ].map(([k, set]) => [k, rankMetrics(score(set))]),
    ),
    reliability: { validation: reliability(score(validation)), test: reliability(score(test)) },
    confidence: {
      validation: byConfidence(score(validation), model.confidence),
      test: byConfidence(score(test), model.confidence),
    },
    ablation,
    widths: [...new Set(data.map((d) => d.rangeSize))].length,
    testOutcomes: score(test),
  };
  rankingSection(repoRoot, figures);
  log('  wrote the ranking section of bench/RESULTS.md');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
