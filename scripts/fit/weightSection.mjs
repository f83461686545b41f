// Writes the shipped ranker's fitted parameters (scripts/fit.mjs --report) into bench/RESULTS.md as the
// `weights` section: each parameter's fitted value and the test-split figures with it switched off.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeResultsSection } from '../../bench/lib/resultsFile.mjs';
import { metricsRow } from './fitReport.mjs';

const pts = (x) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} pts`;

/** The search's real-crash veto (scripts/fit/realCrashes.mjs): each crash's culprit rank under the shipped values. */
function crashLines(crashes) {
  if (!crashes) return [];
  const ranks = Object.entries(crashes.ranks);
  return [
    '',
    `The test suite's real crashes, the search's second veto (development data, scripts/fit/realCrashes.mjs): ` +
      `${ranks.filter(([, r]) => r === 1).length} of ${ranks.length} culprits first, MRR ${crashes.mrr.toFixed(3)} ` +
      `(${crashes.startMrr.toFixed(3)} with the values the search started from); ` +
      ranks.map(([name, r]) => `${name} #${r}`).join(', ') +
      '.',
  ];
}

export function weightSection(repoRoot, f) {
  const file = path.join(repoRoot, 'bench/RESULTS.md');
  const w = JSON.parse(readFileSync(path.join(repoRoot, 'src/core/suspects/evidenceWeights.json'), 'utf8'));
  const full = f.full.top1[0];
  const lines = [
    `## Shipped ranking: its parameters and their ablation (${Object.keys(f.weights).length} parameters)`,
    '',
    `Written by \`npm run fit -- --report\` (scripts/fit/weightFit.mjs). The ranker's shape (strongest evidence decides, corroboration adds, depth decay, neutral-commit discounts; src/core/suspects/evidenceWeight.ts) is the design; its numbers are in src/core/suspects/evidenceWeights.json: ${w.method}; corpus ${w.corpusHash.slice(0, 12)}. The test split is scored as numbers only.`,
    '',
    '| split | scenarios | top-1 (95% CI) | top-3 | top-5 | MRR |',
    '|---|---|---|---|---|---|',
    metricsRow('**test**, shipped parameters', f.full),
    metricsRow('test, the values the search started from', f.before),
    ...crashLines(w.realCrashes),
    '',
    'Ablation: each parameter set in turn to the value that switches its mechanism off (1 for a factor or decay, 0 for a weight or bonus, no limit for a threshold), everything else as shipped; test-split top-1 and MRR without it.',
    '',
    '| parameter | shipped | switched off at | test top-1 without it | change | test MRR without it |',
    '|---|---|---|---|---|---|',
    ...f.ablation.map(
      (a) =>
        `| ${a.name} | ${f.weights[a.name]} | ${a.off} | ${(100 * a.test.top1[0]).toFixed(1)}% | ${pts(a.test.top1[0] - full)} | ${a.test.mrr[0].toFixed(3)} |`,
    ),
    '',
    '- Not fitted, because the corpus cannot measure them: the factors for ranges blamed without an earlier deploy (`to-only` 0.7, `head` 0.5, and the recency spread 0.55–1 at HEAD) scale a presentation score; every corpus scenario has a deploy range, so they never reorder a corpus ranking.',
    w.fittedAt
      ? `- Fitted ${w.fittedAt.slice(0, 16)}Z; \`npm run fit -- --check\` reports when the corpus has changed since.`
      : '- Not searched values: `npm run fit` searches them; `--keep-weights` reports them as they are.',
  ];
  writeResultsSection(file, 'weights', lines.join('\n'));
}
