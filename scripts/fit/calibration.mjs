// Calibration of the ranking the core ships (src/core/suspects/suspectProbability.ts): the chance
// that each candidate is the culprit is raw^k / (e^c + Σ raw^k) over the ranker's evidence strengths,
// with e^c for "none of these commits". k is fitted by likelihood on the VALIDATION split
// only (the ranker's own numbers are not refitted here); the test split is scored as numbers.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeResultsSection } from '../../bench/lib/resultsFile.mjs';
import { byConfidence, confidenceTable, metricsRow, rankMetrics, reliability, reliabilityTable } from './fitReport.mjs';
import { widthRows } from './rankingSection.mjs';

/** The same arithmetic as candidateProbabilities in suspectProbability.ts. */
export function probabilities(raws, k, c) {
  const logs = raws.map((r) => (r > 0 ? k * Math.log(r) : -Infinity));
  const top = Math.max(c, ...logs);
  const w = logs.map((l) => Math.exp(l - top));
  const none = Math.exp(c - top);
  const sum = w.reduce((a, b) => a + b, none);
  return { p: w.map((v) => v / sum), none: none / sum };
}

/** Negative log likelihood of the truth: the bug commit, or "none" when it left no evidence. */
function nll(set, k, c) {
  let loss = 0;
  for (const d of set) {
    const { p, none } = probabilities(
      d.rows.map((r) => r.raw),
      k,
      c,
    );
    loss -= Math.log(Math.max(1e-12, d.bug >= 0 ? p[d.bug] : none));
  }
  return loss / (set.length || 1);
}

/**
 * "None of these commits" cannot be learnt from a corpus whose culprits are all in range, so it is
 * defined: it weighs as one more commit that touches nothing of what ran (the median strength of
 * such commits). k is then fitted on a log grid and refined once around the best.
 */
export function fitCalibration(validation) {
  const unlinked = validation.flatMap((d) => d.rows.filter((r) => !r.linked && r.raw > 0).map((r) => r.raw));
  unlinked.sort((a, b) => a - b);
  const noneStrength = unlinked[unlinked.length >> 1] ?? 1;
  let best = { k: 1, c: 0, loss: Infinity, noneStrength };
  const scan = (ks) => {
    for (const k of ks) {
      const c = k * Math.log(noneStrength);
      const loss = nll(validation, k, c);
      if (loss < best.loss) best = { k, c, loss, noneStrength };
    }
  };
  scan(Array.from({ length: 61 }, (_, i) => 2 ** (-3 + i * 0.15)));
  const { k } = best;
  scan(Array.from({ length: 21 }, (_, i) => k * 2 ** (-0.15 + i * 0.015)));
  return best;
}

/** Per scenario: the bug's rank, the top two probabilities, and whether the core would say "none of these". */
export function calibratedOutcomes(set, model) {
  return set.map((d) => {
    const { p, none } = probabilities(
      d.rows.map((r) => r.raw),
      model.exponent,
      model.noneLogWeight,
    );
    const linked = d.rows.some((r) => r.linked);
    return {
      name: d.name,
      split: d.split,
      rangeSize: d.rangeSize,
      rank: d.bug >= 0 ? d.bug + 1 : 0,
      p1: p[0] ?? 0,
      p2: p[1] ?? 0,
      none: !d.rows.length || !linked || none >= (p[0] ?? 0),
    };
  });
}

export function writeCalibration(file, hash, best, confidence, counts) {
  const model = {
    corpusHash: hash,
    method:
      'p(commit) = raw^exponent / (e^noneLogWeight + sum of raw^exponent): exponent fitted by likelihood on the validation split; "none of these" weighs as a commit of noneStrength (the median strength of a commit that touches nothing of what ran)',
    exponent: Math.round(best.k * 1e4) / 1e4,
    noneLogWeight: Math.round(best.c * 1e4) / 1e4,
    noneStrength: best.noneStrength,
    confidence,
    validationNll: Math.round(best.loss * 1e4) / 1e4,
    scenarios: counts,
    fittedAt: new Date().toISOString(),
  };
  writeFileSync(file, `${JSON.stringify(model, null, 2)}\n`);
  return model;
}

/** The `calibration` section of bench/RESULTS.md: the shipped ranking's accuracy and calibration by split. */
export function calibrationSection(repoRoot, model, sets) {
  const file = path.join(repoRoot, 'bench/RESULTS.md');
  const out = Object.fromEntries(Object.entries(sets).map(([k, s]) => [k, calibratedOutcomes(s, model)]));
  const c = model.confidence;
  const rel = { validation: reliability(out.validation), test: reliability(out.test) };
  const lines = [
    `## Suspect probabilities: the shipped ranking, calibrated (${Object.values(sets).flat().length} scenario variants)`,
    '',
    `Written by \`npm run fit -- --report\` (scripts/fit/calibration.mjs). The ranking is suspectRanker.ts; each candidate's probability is raw^${model.exponent} / (e^${model.noneLogWeight} + Σ raw^${model.exponent}), k fitted by likelihood on the validation split only, and "none of these commits" weighing as one more commit that touches nothing of what ran (strength ${model.noneStrength}), corpus ${model.corpusHash.slice(0, 12)}. The test split is scored as numbers only.`,
    '',
    '| split | scenarios | top-1 (95% CI) | top-3 | top-5 | MRR |',
    '|---|---|---|---|---|---|',
    ...Object.entries(out).map(([k, o]) => metricsRow(k === 'test' ? '**test** (never studied)' : k, rankMetrics(o))),
    ...widthRows(out.test),
    '',
    `Expected calibration error of the top suspect's probability (10 equal bins): **${rel.test.ece.toFixed(3)} on test**, ${rel.validation.ece.toFixed(3)} on validation. Test reliability:`,
    '',
    reliabilityTable(rel.test),
    '',
    `Top-1 by the issue's \`confidence\` (high: top probability ≥ ${c.high} in a deploy range; low: under ${c.low}, the top under ${c.noiseRatio}× the second, or \`noSuspect\`; these cut-offs define the labels). Test:`,
    '',
    confidenceTable(byConfidence(out.test, c)),
    '',
    'Validation:',
    '',
    confidenceTable(byConfidence(out.validation, c)),
    '',
    `- Fitted ${model.fittedAt.slice(0, 16)}Z; \`npm run fit -- --check\` reports when the corpus has changed since.`,
  ];
  writeResultsSection(file, 'calibration', lines.join('\n'));
  return { out, rel };
}
