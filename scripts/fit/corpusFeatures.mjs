// The ranking model's training data: every scenario of the accuracy corpus (bench/scenarios/)
// built into a real repository and crashed for real (bench/lib/scenarioRepo.mjs), triaged by the
// core the CLI runs, and read back through the ranker's probe as one feature vector per commit in
// the deploy range, with the bug commit marked. Also the corpus hash the weights are stamped with.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildCoreBundle, loadCore } from '../../bench/lib/coreBundle.mjs';
import { buildScenarios } from '../../bench/lib/scenarioRepo.mjs';
import { corpusVariants, loadScenarioDefs, WIDTHS } from '../../bench/lib/scenarioList.mjs';
import { SPLITS } from '../../bench/lib/split.mjs';

/** The bench's triage settings (bench/cases/accuracyCase.mjs), so features are what the bench ranks. */
export const SETTINGS = { limit: 1, suspectLimit: 20, blameFrames: 12 };

/** A scenario's bug class; scenarios written before `bugClass` existed use their first case tag. */
export function bugClassOf(def) {
  return def.bugClass ?? def.cases?.[0] ?? def.name;
}

function canonical(value) {
  return JSON.stringify(value, (_k, v) => (typeof v === 'function' ? String(v) : v));
}

/**
 * sha256 over what decides the corpus: every scenario definition (sorted by name), the generator
 * that turns them into repositories and crashes, and the split.
 */
export async function corpusHash(repoRoot) {
  const defs = await loadScenarioDefs(repoRoot);
  const h = createHash('sha256');
  for (const d of [...defs].sort((a, b) => (a.name < b.name ? -1 : 1))) h.update(canonical(d)).update('\0');
  for (const f of ['bench/lib/scenarioRepo.mjs', 'bench/lib/split.mjs'])
    h.update(readFileSync(path.join(repoRoot, f), 'utf8'));
  return h.digest('hex');
}

/**
 * One entry per built scenario variant (every split, at each range width the bench scores): { name,
 * split, bugClass, lang, width, rangeSize, rows: [{sha, date, features}], bug: index of the bug
 * commit in rows or -1, featureNames }. Built repositories are cached by content under bench/.work. `core`: a
 * core bundle to triage with (a variant, scripts/fit/windowAblation.mjs), else the source's.
 */
export async function corpusFeatures(repoRoot, log = () => {}, { widths = WIDTHS, splits = SPLITS, core = null } = {}) {
  const defs = await loadScenarioDefs(repoRoot);
  const root = path.join(repoRoot, 'bench/.work/scenarios');
  core ??= loadCore(await buildCoreBundle(repoRoot));
  const variants = corpusVariants(defs, { splits, widths });
  const out = [];
  let failed = 0;
  const t0 = performance.now();
  // Built in batches (two at a time inside buildScenarios), triaged one by one as each batch lands.
  for (let at = 0; at < variants.length; at += 8) {
    const batch = variants.slice(at, at + 8);
    const built = await buildScenarios(
      batch.map((v) => v.def),
      root,
      log,
    );
    for (const [k, s] of built.entries()) {
      const v = batch[k];
      if (!s || s.error) {
        // A runtime missing here (or a load-dependent SDK timeout) drops the scenario, loudly.
        failed++;
        continue;
      }
      const ws = await core.openTriageWorkspace({ dir: s.repo, trusted: true });
      let rows = null;
      let names = null;
      const text = readFileSync(s.traceFile, 'utf8');
      await core.runTriage(core.createFileSource(text, path.basename(s.traceFile)), ws, {
        ...SETTINGS,
        deployFlag: s.deploy,
        rankProbe: (r, n) => {
          rows ??= r;
          names ??= n;
        },
      });
      rows ??= [];
      const bugClass = bugClassOf(v.base);
      out.push({
        name: v.base.name,
        split: v.split,
        bugClass,
        lang: v.base.runtime ?? v.base.lang ?? null,
        width: v.width,
        rangeSize: s.rangeShas.length,
        rows,
        bug: rows.findIndex((r) => r.sha === s.bugSha),
        featureNames: names ?? [],
      });
    }
    log(`  ${out.length + failed}/${variants.length} variants in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  log(`  ${out.length} scenario variants triaged${failed ? `, ${failed} not built` : ''}`);
  return out;
}
