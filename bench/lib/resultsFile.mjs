// bench/RESULTS.md is built up by several invocations (`node bench/run.mjs accuracy`, then
// `triage` …): each run replaces the sections of the cases it ran and keeps the others, so a
// partial run never erases figures it did not measure. Sections are tagged with an HTML comment
// naming their case; untagged sections from older files are recognised by their title.

import { readFileSync, writeFileSync } from 'node:fs';

const MARK = /^<!-- bench:([\w-]+) -->$/;

/** Title prefixes of the sections written before the tags existed. */
const LEGACY_TITLES = [
  ['triage', '30-frame trace end to end'],
  ['paths', 'Path index:'],
  ['sourcemap', 'Source map:'],
  ['blame', 'Range blame vs full-history blame'],
  ['sentry', 'Provider listing:'],
  ['accuracy', 'Suspect accuracy:'],
];

function legacyId(heading, n) {
  const title = heading.replace(/^##\s+/, '');
  return LEGACY_TITLES.find(([, prefix]) => title.startsWith(prefix))?.[0] ?? `untagged-${n}`;
}

/** The sections of an existing RESULTS.md, by case id, in file order (the header is dropped). */
export function parseSections(text) {
  // Files from before the tags dated the whole run in the header: carry it onto their sections.
  const legacyRun = /^- Date: (.+)$/m.exec(text)?.[1] ?? null;
  const sections = new Map();
  let current = null;
  let pendingId = null;
  for (const line of text.split('\n')) {
    const mark = MARK.exec(line);
    if (mark) {
      pendingId = mark[1];
      continue;
    }
    if (line.startsWith('## ')) {
      const id = pendingId ?? legacyId(line, sections.size);
      current = [line];
      if (!pendingId && legacyRun) current.tagged = `- Run ${legacyRun}.`;
      pendingId = null;
      sections.set(id, current);
      continue;
    }
    if (current) current.push(line);
  }
  return new Map(
    [...sections].map(([id, lines]) => [
      id,
      [lines.join('\n').replace(/\s+$/, ''), lines.tagged].filter(Boolean).join('\n'),
    ]),
  );
}

/**
 * Merges freshly rendered sections (id → markdown starting with `## `) into the old file's
 * sections, ordered as `order` (known case ids), unknown old sections last.
 */
export function mergeResults(oldText, header, fresh, order) {
  const merged = parseSections(oldText ?? '');
  for (const [id, md] of fresh) merged.set(id, md.replace(/\s+$/, ''));
  const ids = [...order.filter((id) => merged.has(id)), ...[...merged.keys()].filter((id) => !order.includes(id))];
  return [header.replace(/\s+$/, ''), '', ...ids.flatMap((id) => [`<!-- bench:${id} -->`, merged.get(id), ''])].join(
    '\n',
  );
}

/**
 * The order of RESULTS.md's sections, whoever writes them (bench/run.mjs, `npm run fit -- --report`):
 * the default run's speed cases, then accuracy and what the fit adds to it, then verification.
 */
export const SECTION_ORDER = [
  'triage',
  'scale',
  'paths',
  'sourcemap',
  'blame',
  'sentry',
  'extension',
  'accuracy',
  'calibration',
  'weights',
  'ranking',
  'windows',
  'verify',
  'real-regressions',
];

/** Replaces (or adds) section `id` of RESULTS.md at `file` with `markdown`, keeping the header and every other one. */
export function writeResultsSection(file, id, markdown) {
  const old = readFileSync(file, 'utf8');
  const header = old.slice(0, old.search(/^(<!-- bench:|## )/m)).replace(/\s+$/, '');
  writeFileSync(file, `${mergeResults(old, header, new Map([[id, markdown]]), SECTION_ORDER)}\n`);
}
