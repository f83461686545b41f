// Loads every scenario family in bench/scenarios/ (each exports `scenarios`), in file order, and
// expands them into the variants the bench scores: one per range width, in the splits asked for.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { transformed, TRANSFORMS } from './gen/generate.mjs';
import { splitOf } from './split.mjs';

/** The deploy-range widths every scenario is built at (commits in the range, about). */
export const WIDTHS = Object.freeze([10, 100, 1000]);

/** All scenario definitions, optionally only those whose name contains `filter`. */
export async function loadScenarioDefs(repoRoot, filter = null) {
  const dir = path.join(repoRoot, 'bench/scenarios');
  const defs = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.mjs'))
    .sort()) {
    const mod = await import(pathToFileURL(path.join(dir, file)).href);
    for (const def of mod.scenarios ?? []) {
      if (typeof def.bugClass !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(def.bugClass))
        throw new Error(`${file}: scenario ${def.name} needs a bugClass (kebab-case root-cause class)`);
      defs.push({ ...def, family: file.replace(/\.mjs$/, '') });
    }
  }
  return filter ? defs.filter((d) => d.name.includes(filter)) : defs;
}

/**
 * The scenarios of `splits` at each of `widths`: `{ base, split, width, def }`, where `def` is
 * the definition the builder takes (its name carries the width, `width` widens its range).
 */
export function corpusVariants(defs, { splits, widths = WIDTHS, transform = null }) {
  if (transform && !TRANSFORMS.includes(transform))
    throw new Error(`--transform ${transform}: choose from ${TRANSFORMS.join(', ')}`);
  const out = [];
  for (const base of defs) {
    const split = splitOf(base.bugClass);
    if (!splits.includes(split)) continue;
    // Under a metamorphic transform, each generated scenario is scored as it is and transformed.
    const forms = transform ? [base, transformed(base, transform)].filter(Boolean) : [base];
    if (transform && forms.length < 2) continue;
    for (const form of forms)
      for (const width of widths)
        out.push({ base: form, split, width, def: { ...form, name: `${form.name}~${width}`, width } });
  }
  return out;
}
