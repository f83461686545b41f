// Calibration of the ranking the core ships (src/core/suspects/suspectProbability.ts): the chance that
// each candidate is the culprit, from the ranker's evidence strengths (the ranker's own numbers are not
// refitted here). Every candidate form (calibrationForms.mjs) is cross-validated over train+validation
// with whole bug classes held out; the form with the lowest out-of-fold log loss of the top label (the
// proper score of what the ECE bins) is fitted on all of train+validation and shipped. The test split is
// scored once, as numbers.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeResultsSection } from '../../bench/lib/resultsFile.mjs';
import { FOLDS } from '../../bench/lib/folds.mjs';
import { byConfidence, confidenceTable, metricsRow, rankMetrics, reliability, reliabilityTable } from './fitReport.mjs';
import { widthRows } from './rankingSection.mjs';
import { calibratedOutcomes, crossValidate, FORMS } from './calibrationForms.mjs';

export { calibratedOutcomes };

/** Every form's out-of-fold figures, and the chosen form fitted on the whole of `trainVal`. */
export function fitCalibration(trainVal) {
  const judged = FORMS.map((form) => ({ form, ...crossValidate(trainVal, form) }));
  // Within a thousandth of the lowest loss, the form with fewer numbers wins.
  const low = Math.min(...judged.map((j) => j.topLoss));
  const near = judged.filter((j) => j.topLoss <= low + 1e-3);
  const best = near.reduce((a, b) =>
    b.form.numbers < a.form.numbers || (b.form.numbers === a.form.numbers && b.topLoss < a.topLoss) ? b : a,
  );
  return { judged, best, model: best.form.fit(trainVal) };
}

const round4 = (x) => Math.round(x * 1e4) / 1e4;

export function writeCalibration(file, hash, fit, confidence, counts) {
  const { model, best } = fit;
  const out = {
    corpusHash: hash,
    form: best.form.name,
    method:
      'p(commit) = raw^exponent / (e^noneLogWeight + sum of raw^exponent), then the top log-odds mapped to ' +
      'topShift + topSlope x (logit, or the top-two margin) when the form has them; the form chosen by the lowest ' +
      'out-of-fold log loss of ' +
      `the top label in ${FOLDS}-fold cross-validation by bug class over train+validation, then fitted on both; ` +
      '"none of these" weighs as a commit of noneStrength (the median strength of a commit that touches nothing ' +
      'of what ran)',
    exponent: round4(model.exponent),
    noneLogWeight: round4(model.noneLogWeight),
    ...(model.topShift !== undefined ? { topShift: round4(model.topShift), topSlope: round4(model.topSlope) } : {}),
    ...(model.margin ? { margin: true } : {}),
    noneStrength: model.noneStrength,
    confidence,
    outOfFold: { ece: round4(best.ece), nll: round4(best.nll), topLoss: round4(best.topLoss) },
    scenarios: counts,
    fittedAt: new Date().toISOString(),
  };
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  return out;
}

const f3 = (x) => x.toFixed(3);
const pct = (x) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

function formsTable(judged, chosen, c) {
  const lines = [
    '| form | numbers | out-of-fold ECE | NLL of the bug | log loss of the top label | high: top-1 | low: top-1 |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const j of judged) {
    const bc = byConfidence(j.out, c);
    const name = j.form.name === chosen ? `**${j.form.name}** (shipped)` : j.form.name;
    lines.push(
      `| ${name} | ${j.form.numbers} | ${f3(j.ece)} | ${f3(j.nll)} | ${f3(j.topLoss)} | ${pct(bc.high.top1)} of ${bc.high.n} | ${pct(bc.low.top1)} of ${bc.low.n} |`,
    );
  }
  return lines.join('\n');
}

function modelFormula(m) {
  const base = `raw^${m.exponent} / (e^${m.noneLogWeight} + Σ raw^${m.exponent})`;
  const x = m.margin ? 'ln(top strength / second)' : 'logit';
  return m.topShift === undefined ? base : `${base}, the top's log-odds then ${m.topShift} + ${m.topSlope} × ${x}`;
}

/** The `calibration` section of bench/RESULTS.md: the shipped ranking's accuracy and calibration by split. */
export function calibrationSection(repoRoot, model, fit, sets) {
  const file = path.join(repoRoot, 'bench/RESULTS.md');
  const out = Object.fromEntries(Object.entries(sets).map(([k, s]) => [k, calibratedOutcomes(s, model)]));
  const c = model.confidence;
  const oof = fit.best.out;
  const rel = { validation: reliability(out.validation), test: reliability(out.test), oof: reliability(oof) };
  const lines = [
    `## Suspect probabilities: the shipped ranking, calibrated (${Object.values(sets).flat().length} scenario variants)`,
    '',
    `Written by \`npm run fit -- --report\` (scripts/fit/calibration.mjs, calibrationForms.mjs). The ranking is suspectRanker.ts; each candidate's probability is ${modelFormula(model)} ("${model.form}"), "none of these commits" weighing as one more commit that touches nothing of what ran (strength ${model.noneStrength}), corpus ${model.corpusHash.slice(0, 12)}. The form was chosen, and its numbers fitted, on train+validation only; the test split is scored once, as numbers.`,
    '',
    `How the form was chosen: each candidate cross-validated over train+validation in ${FOLDS} folds that hold whole bug classes (bench/lib/folds.mjs), so every figure below is of classes the map never saw; the lowest log loss of the top label (the proper score of what the ECE bins; within 0.001, the form with fewer numbers) wins, then it is fitted on all of train+validation. The binned ECE is not the criterion: a form can lower it while it scores worse (the margin form below). "None" fitted freely has nothing to learn from (every culprit is in range) and goes to zero, so it stays defined.`,
    '',
    formsTable(fit.judged, model.form, c),
    '',
    '| split | scenarios | top-1 (95% CI) | top-3 | top-5 | MRR |',
    '|---|---|---|---|---|---|',
    ...Object.entries(out).map(([k, o]) => metricsRow(k === 'test' ? '**test** (never studied)' : k, rankMetrics(o))),
    ...widthRows(out.test),
    '',
    `Expected calibration error of the top suspect's probability (10 equal bins): **${f3(rel.test.ece)} on test**, ${f3(rel.oof.ece)} out of fold on train+validation, ${f3(rel.validation.ece)} on validation (in sample: validation's classes are the hardest). Test reliability:`,
    '',
    reliabilityTable(rel.test),
    '',
    'Out-of-fold reliability (train+validation):',
    '',
    reliabilityTable(rel.oof),
    '',
    `Top-1 by the issue's \`confidence\` (high: top probability ≥ ${c.high} in a deploy range; low: under ${c.low}, the top under ${c.noiseRatio}× the second, or \`noSuspect\`; these cut-offs define the labels). Test:`,
    '',
    confidenceTable(byConfidence(out.test, c)),
    '',
    'Out of fold (train+validation):',
    '',
    confidenceTable(byConfidence(oof, c)),
    '',
    `- Fitted ${model.fittedAt.slice(0, 16)}Z; \`npm run fit -- --check\` reports when the corpus has changed since.`,
  ];
  writeResultsSection(file, 'calibration', lines.join('\n'));
  return { out, rel };
}
