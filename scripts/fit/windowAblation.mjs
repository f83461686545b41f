// The search windows' ablation (src/core/suspects/searchWindows.ts, `npm run fit -- --windows`): each window
// halved and doubled in turn, the whole corpus re-triaged at the ~10-commit range width by a core bundle whose
// evidenceWeights.json carries that one changed value, and ranked with the shipped parameters. Train+validation
// figures are what a window is judged by; the test split is reported as a number. Re-triaging every setting at
// every width would take hours, hence the one width. Each setting's triage is cached under bench/.work/windows,
// keyed by the setting only: so before any setting is triaged, the shipped windows are re-triaged by the current
// code and must reproduce their cache (else every cached setting is stale). `only`: triage only those windows'
// settings; the others' rows come from their caches.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeResultsSection } from '../../bench/lib/resultsFile.mjs';
import { buildCoreBundle, loadCore } from '../../bench/lib/coreBundle.mjs';
import { corpusFeatures } from './corpusFeatures.mjs';
import { rankMetrics, withCi } from './fitReport.mjs';
import { applyWeights } from './weightFit.mjs';
import { calibratedOutcomes } from './calibrationForms.mjs';

const WIDTH = 10;
const WEIGHTS_FILE = /src[\\/]core[\\/]suspects[\\/]evidenceWeights\.json$/;

/** A core bundle (the triage's entry points) whose evidenceWeights.json holds `windows`. */
async function variantCore(repoRoot, windows, tag) {
  const file = path.join(repoRoot, 'src/core/suspects/evidenceWeights.json');
  const json = { ...JSON.parse(readFileSync(file, 'utf8')), windows };
  const outfile = path.join(repoRoot, `bench/.work/windows/core-${tag}.cjs`);
  const swap = {
    name: 'windows',
    setup(b) {
      b.onLoad({ filter: WEIGHTS_FILE }, () => ({ contents: JSON.stringify(json), loader: 'json' }));
    },
  };
  return loadCore(await buildCoreBundle(repoRoot, { outfile, plugins: [swap] }));
}

/** The settings measured: every window halved and doubled (whole numbers, at least 1). */
function settings(windows) {
  return Object.entries(windows).flatMap(([name, v]) =>
    [Math.max(1, Math.round(v / 2)), v * 2].filter((x) => x !== v).map((value) => ({ name, value })),
  );
}

/** The corpus at WIDTH triaged with `windows`, from its cache when that setting was triaged before. */
async function triaged(repoRoot, windows, tag, log, onlyCached) {
  const cache = path.join(repoRoot, `bench/.work/windows/${tag}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8'));
  if (onlyCached) return null;
  const core = await variantCore(repoRoot, windows, tag);
  const data = await corpusFeatures(repoRoot, () => {}, { widths: [WIDTH], core });
  writeFileSync(cache, JSON.stringify(data));
  log(`    ${tag}: ${data.length} variants triaged`);
  return data;
}

/** Throws unless the current code, with the shipped windows, triages the corpus as `cached` records. */
async function checkShipped(repoRoot, shipped, cached, log) {
  const core = await variantCore(repoRoot, shipped, `shipped-check-${process.pid}`);
  const fresh = await corpusFeatures(repoRoot, () => {}, { widths: [WIDTH], core });
  const key = (d) => `${d.name}|${d.width}|${d.split}`;
  const before = new Map(cached.map((d) => [key(d), JSON.stringify(d)]));
  const differ = fresh.filter((d) => before.get(key(d)) !== JSON.stringify(d)).map(key);
  if (differ.length || fresh.length !== cached.length)
    throw new Error(
      `the shipped windows no longer reproduce bench/.work/windows/shipped.json (${differ.length} of ` +
        `${fresh.length} variants differ, e.g. ${differ.slice(0, 3).join(', ')}): every cached setting is stale`,
    );
  log(`    shipped windows reproduce the cache (${fresh.length} variants)`);
}

/** Train+validation and test metrics of every setting, beside the shipped windows'. */
export async function windowAblation(
  repoRoot,
  { strength, params, calibration, onlyCached = false, reverse = false, only = null, log = () => {} },
) {
  mkdirSync(path.join(repoRoot, 'bench/.work/windows'), { recursive: true });
  const shipped = JSON.parse(
    readFileSync(path.join(repoRoot, 'src/core/suspects/evidenceWeights.json'), 'utf8'),
  ).windows;
  const score = async (windows, tag, cachedOnly = onlyCached) => {
    const data = await triaged(repoRoot, windows, tag, log, cachedOnly && tag !== 'shipped');
    if (!data) return null;
    const ranked = applyWeights(data, strength, params);
    // Whether the window bound anything: each variant's candidates and their strengths, in rank order.
    const sign = new Map(
      ranked.map((d) => [`${d.name}|${d.width}|${d.split}`, d.rows.map((r) => `${r.sha}:${r.raw}`).join()]),
    );
    const metrics = (set) => rankMetrics(calibratedOutcomes(set, calibration));
    return {
      sign,
      trainVal: metrics(ranked.filter((d) => d.split !== 'test')),
      test: metrics(ranked.filter((d) => d.split === 'test')),
    };
  };
  const shippedCache = path.join(repoRoot, 'bench/.work/windows/shipped.json');
  const hadShipped = existsSync(shippedCache);
  const base = await score(shipped, 'shipped');
  const unknown = (only ?? []).filter((name) => !(name in shipped));
  if (unknown.length) throw new Error(`not windows: ${unknown.join(', ')}`);
  const all = settings(shipped);
  const toTriage = (s) => !onlyCached && (!only || only.includes(s.name));
  const cacheOf = (s) => path.join(repoRoot, `bench/.work/windows/${s.name}=${s.value}.json`);
  if (hadShipped && all.some((s) => toTriage(s) && !existsSync(cacheOf(s))))
    await checkShipped(repoRoot, shipped, JSON.parse(readFileSync(shippedCache, 'utf8')), log);
  const rows = [];
  const missing = [];
  // `reverse`: a second process can work from the other end; each setting's cache is written once done.
  for (const s of reverse ? [...all].reverse() : all) {
    const m = await score({ ...shipped, [s.name]: s.value }, `${s.name}=${s.value}`, !toTriage(s));
    if (m) rows.push({ ...s, ...m, changed: [...m.sign].filter(([k, v]) => base.sign.get(k) !== v).length });
    else missing.push(`${s.name} = ${s.value}`);
    if (m) log(`  window ${s.name} = ${s.value} measured`);
  }
  const order = (r) => all.findIndex((s) => s.name === r.name && s.value === r.value);
  return { shipped, base, rows: rows.sort((a, b) => order(a) - order(b)), missing };
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const delta = (x, base) => (Math.abs(x - base) < 5e-4 ? '=' : `${x > base ? '+' : '−'}${pct(Math.abs(x - base))}`);

/** The `windows` section of bench/RESULTS.md. */
export function windowSection(repoRoot, { shipped, base, rows, missing = [] }, corpusHash) {
  const head = [
    '| window | shipped | value | variants whose strengths changed | train+validation top-1 | Δ | train+validation MRR | test top-1 | Δ |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const line = (name, value, m) =>
    `| ${name} | ${shipped[name] ?? ''} | ${value} | ${m.changed} | ${withCi(m.trainVal.top1)} | ${delta(m.trainVal.top1[0], base.trainVal.top1[0])} | ${m.trainVal.mrr[0].toFixed(3)} | ${pct(m.test.top1[0])} | ${delta(m.test.top1[0], base.test.top1[0])} |`;
  const lines = [
    `## Search windows: each halved and doubled (${Object.keys(shipped).length} windows, ~${WIDTH}-commit ranges)`,
    '',
    `Written by \`npm run fit -- --windows\` (scripts/fit/windowAblation.mjs). Each window of the evidence search (src/core/suspects/searchWindows.ts, the \`windows\` of evidenceWeights.json) set to half and to twice its value, one at a time; the corpus re-triaged with it at the ~${WIDTH}-commit range width only (re-triaging every setting at ~100 and ~1,000 commits would take hours) and ranked with the shipped parameters. Judged on train+validation (${base.trainVal.n} variants); the test split (${base.test.n}) is a number only. Corpus ${corpusHash.slice(0, 12)}.`,
    '',
    ...head,
    `| (all shipped) | | | | ${withCi(base.trainVal.top1)} | | ${base.trainVal.mrr[0].toFixed(3)} | ${pct(base.test.top1[0])} | |`,
    ...rows.map((r) => line(r.name, r.value, r)),
    '',
    `- "Variants whose strengths changed": of all ${base.trainVal.n + base.test.n} (every split), those whose candidates or their evidence strengths differ from the shipped windows' (the window bound something there), whether or not a rank moved. A 0 says the corpus never reaches that window (its programs are small files and shallow stacks): such a window is kept as a bound on real code's cost, and this corpus cannot measure its worth.`,
    ...(missing.length ? [`- Not measured yet (\`--windows\` triages what is missing): ${missing.join(', ')}.`] : []),
    "- Not windows, so not in this table: the numbers of src/core/suspects marked where they stand `// bound:` (input-safety bounds: a line longer than 400–1,000 characters, a message past 2,000, a file over 2,000,000 characters is not scanned, minified or generated code), `// fact:` (a language or format fact: two quotes, `=>`, a pure deletion between two lines) or `// shown:` (presentation, never ranked on: `SHOWN_LINKS`, the score's scale, `MODE_CONFIDENCE`). test/unit/suspects/bareNumbers.test.ts fails on any other number there.",
  ];
  writeResultsSection(path.join(repoRoot, 'bench/RESULTS.md'), 'windows', lines.join('\n'));
}
