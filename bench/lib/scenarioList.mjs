// Loads every scenario family in bench/scenarios/ (each exports `scenarios`), in file order.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** All scenario definitions, optionally only those whose name contains `filter`. */
export async function loadScenarioDefs(repoRoot, filter = null) {
  const dir = path.join(repoRoot, 'bench/scenarios');
  const defs = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.mjs'))
    .sort()) {
    const mod = await import(pathToFileURL(path.join(dir, file)).href);
    for (const def of mod.scenarios ?? []) defs.push({ ...def, family: file.replace(/\.mjs$/, '') });
  }
  return filter ? defs.filter((d) => d.name.includes(filter)) : defs;
}
