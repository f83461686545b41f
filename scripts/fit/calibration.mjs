// Calibration of the ranking the core ships (src/core/suspects/suspectProbability.ts): the chance
// that each candidate is the culprit is raw^k / (e^c + Σ raw^k) over the ranker's evidence strengths,
// with e^c for "none of these commits". k and c are fitted by likelihood on the VALIDATION split
// only (the ranker's own numbers are not refitted here); the test split is scored as numbers.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mergeResults } from '../../bench/lib/resultsFile.mjs';
import { byConfidence, confidenceTable, metricsRow, rankMetrics, reliability, reliabilityTable } from './fitReport.mjs';

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

/** k on a log grid, c on a linear one, then one finer pass around the best: two parameters, no optimizer needed. */
export function fitCalibration(validation) {
  let best = { k: 1, c: 0, loss: Infinity };
  const scan = (ks, cs) => {
    for (const k of ks)
      for (const c of cs) {
        const loss = nll(validation, k, c);
        if (loss < best.loss) best = { k, c, loss };
      }
  };
  scan(
    Array.from({ length: 41 }, (_, i) => 2 ** (-2 + i * 0.15)),
    Array.from({ length: 81 }, (_, i) => -20 + i * 0.25),
  );
  const { k, c } = best;
  scan(
    Array.from({ length: 21 }, (_, i) => k * 2 ** (-0.15 + i * 0.015)),
    Array.from({ length: 21 }, (_, i) => c - 0.25 + i * 0.025),
  );
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
      'p(commit) = raw^exponent / (e^noneLogWeight + sum of raw^exponent): exponent and noneLogWeight fitted by likelihood on the validation split',
    exponent: Math.round(best.k * 1e4) / 1e4,
    noneLogWeight: Math.round(best.c * 1e4) / 1e4,
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
  const old = readFileSync(file, 'utf8');
  const header = old.slice(0, old.search(/^(<!-- bench:|## )/m)).replace(/\s+$/, '');
  const out = Object.fromEntries(Object.entries(sets).map(([k, s]) => [k, calibratedOutcomes(s, model)]));
  const c = model.confidence;
  const rel = { validation: reliability(out.validation), test: reliability(out.test) };
  const lines = [
    `## Suspect probabilities: the shipped ranking, calibrated (${Object.values(sets).flat().length} scenario variants)`,
    '',
    `Written by \`npm run fit -- --report\` (scripts/fit/calibration.mjs). The ranking is suspectRanker.ts; each candidate's probability is raw^${model.exponent} / (e^${model.noneLogWeight} + Σ raw^${model.exponent}), both numbers fitted by likelihood on the validation split only, corpus ${model.corpusHash.slice(0, 12)}. The test split is scored as numbers only.`,
    '',
    '| split | scenarios | top-1 (95% CI) | top-3 | top-5 | MRR |',
    '|---|---|---|---|---|---|',
    ...Object.entries(out).map(([k, o]) => metricsRow(k === 'test' ? '**test** (never studied)' : k, rankMetrics(o))),
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
  const fresh = new Map([['calibration', lines.join('\n')]]);
  const order = ['triage', 'paths', 'sourcemap', 'blame', 'sentry', 'accuracy', 'calibration', 'ranking', 'extension'];
  writeFileSync(file, `${mergeResults(old, header, fresh, order)}\n`);
  return { out, rel };
}
