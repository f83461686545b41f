// The parametric corpus: bug-class templates × domain vocabularies × runtimes, each rendered as a
// real multi-module program whose history is written as commits (the bug among real changes to
// the same files, then the builder's decoys). Every scripted commit is the line diff between two
// renderings of the program, applied as edits, so fillers and earlier decoys stay as they are.
import { seededRandom } from '../stats.mjs';
import { renderProgram, RUNTIMES } from './dialects.mjs';
import { slotsOf, TEMPLATES } from './templates.mjs';
import { naming, VOCABS } from './vocab.mjs';

/** Program facts from a vocabulary and slots: the rate table, the records, the ids main asks for. */
export function programSpec(v, slots) {
  const values = [slots.rateBump ? 0.25 : 0.2, 0.1, 0, 0.05];
  const rates = v.keys.map((k, i) => [k, values[i]]).filter((_e, i) => !(slots.dropLastKey && i === 3));
  rates.push(['guest', 0]);
  const [p1, p2, p3] = v.people;
  const records = [
    { id: p1[0], name: p1[1], key: v.keys[0], cents: 1250, leaf: p1[2], items: v.itemsOf },
    {
      id: p2[0],
      name: p2[1],
      key: `${v.keys[1].toUpperCase()} `,
      cents: 800,
      leaf: p2[2],
      items: v.itemsOf.slice(0, 2),
    },
    { id: p3[0], name: p3[1], key: v.keys[3], cents: 99, leaf: p3[2], items: v.itemsOf.slice(1) },
  ];
  if (slots.extraKey)
    records.push({ id: `${p1[0]}9`, name: 'Trial', key: 'trial', cents: 0, leaf: 'unknown', items: [v.itemsOf[0]] });
  const fullSlots = { ...slots, rates, guestName: slots.guestName ?? 'Guest' };
  return { v, slots: fullSlots, records, ids: [...records.map((r) => r.id), 'x404'] };
}

/** Line-level hunks between two texts (LCS), as [from, to] edits unique in `before`. */
export function editsBetween(before, after) {
  if (before === after) return [];
  const a = before.split('\n');
  const b = after.split('\n');
  const dp = Array.from({ length: a.length + 1 }, () => new Int32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const hunks = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    const h = { i, j, ie: i, je: j };
    while ((h.ie < a.length || h.je < b.length) && !(h.ie < a.length && h.je < b.length && a[h.ie] === b[h.je])) {
      if (h.je >= b.length || (h.ie < a.length && dp[h.ie + 1][h.je] >= dp[h.ie][h.je + 1])) h.ie++;
      else h.je++;
    }
    hunks.push(h);
    i = h.ie;
    j = h.je;
  }
  const count = (text) => before.split(text).length - 1;
  let prevEnd = 0;
  return hunks.map((h, n) => {
    let [s, e] = [h.i, h.ie];
    const nextStart = n + 1 < hunks.length ? hunks[n + 1].i : a.length;
    const text = () => a.slice(s, e).join('\n');
    // Grow the context (never into a neighbouring hunk) until the old text is non-empty and unique.
    while (e === s || text().trim() === '' || count(text()) !== 1) {
      if (s > prevEnd) s--;
      else if (e < nextStart) e++;
      else throw new Error(`no unique context for an edit near line ${h.i + 1}`);
    }
    prevEnd = e;
    const to = [...a.slice(s, h.i), ...b.slice(h.j, h.je), ...a.slice(h.ie, e)];
    // A pure deletion takes its line break with it rather than leaving a blank line.
    if (to.length === 0 && e < a.length) return [`${text()}\n`, ''];
    return [text(), to.join('\n')];
  });
}

/** The edits of one step between two program states. */
function stepEdits(render, fromSlots, toSlots) {
  const x = render(fromSlots).files;
  const y = render(toSlots).files;
  const edits = [];
  const write = {};
  for (const file of new Set([...Object.keys(x), ...Object.keys(y)])) {
    if (x[file] === y[file]) continue;
    if (x[file] === undefined) write[file] = y[file];
    else for (const [from, to] of editsBetween(x[file], y[file])) edits.push([file, from, to]);
  }
  return { edit: edits, write };
}

/** Real changes that share files with the bugs: a separator, a guest name, a rate, item codes. */
const REAL_CHANGES = [
  {
    slots: { sep: ' | ' },
    msgs: ['{Service}: pipe-separated columns', 'Statements: easier to grep', 'Separate columns with pipes'],
  },
  { slots: { guestName: 'Walk-in' }, msgs: ['{Store}: call unknown visitors walk-ins', 'Rename the guest record'] },
  { slots: { rateBump: true }, msgs: ['{Config}: {firstKey} rate to 25%', 'Raise the {firstKey} rate'] },
  {
    slots: { itemFn: 'trim' },
    msgs: ['{Util}: keep {item} codes as sent', 'Paging: trim {item} codes instead of upper-casing'],
  },
];

function wording(text, v) {
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  const m = v.modules;
  return text
    .replace(/\{Service\}/g, cap(m.service))
    .replace(/\{Store\}/g, cap(m.store))
    .replace(/\{Config\}/g, cap(m.config))
    .replace(/\{Util\}/g, cap(m.util))
    .replace(/\{Codec\}/g, cap(m.codec))
    .replace(/\{Intake\}/g, cap(m.intake))
    .replace(/\{vendor\}/g, m.vendor)
    .replace(/\{lastKey\}/g, v.keys[3])
    .replace(/\{firstKey\}/g, v.keys[0])
    .replace(/\{batch\}/g, naming.snake(v.batch))
    .replace(/\{(\w+)\}/g, (_m, k) => (Array.isArray(v[k]) ? v[k].join(' ') : k));
}

/**
 * Metamorphic variants: the same scenario with its identifiers renamed consistently, its code
 * reformatted (another indentation), or its unrelated commits in another order. Each keeps the
 * seed of the original, so fillers, decoys and the bug's place are the same; the top suspect
 * should not change.
 */
export const TRANSFORMS = ['renamed', 'reformatted', 'reordered'];

/** Every identifier of the vocabulary renamed (another word appended), file names kept. */
function renamedVocab(v) {
  const more = (ws) => [...ws, 'rec'];
  return {
    ...v,
    ...Object.fromEntries(
      ['entity', 'sub', 'leaf', 'key', 'amount', 'items', 'table', 'batch'].map((k) => [k, more(v[k])]),
    ),
    fn: Object.fromEntries(Object.entries(v.fn).map(([k, ws]) => [k, [...ws, 'v2']])),
  };
}

/** Another indentation for every line of a rendered file (tabs and 4 spaces become 2, 2 become 4). */
function reformat(files) {
  const out = {};
  for (const [file, text] of Object.entries(files)) {
    out[file] = /\.(md|json|mod|toml)$/.test(file)
      ? text
      : text.replace(/^([ \t]+)/gm, (lead) => {
          const width = lead.replace(/\t/g, '    ').length;
          return ' '.repeat(/\.(rb)$/.test(file) ? width * 2 : Math.floor(width / 2) + (width % 2));
        });
  }
  return out;
}

/** One scenario definition (the builder's format) for a template, vocabulary and runtime. */
export function scenarioFor(template, vocab, runtime, transform = null) {
  const base = `gen-${runtime}-${template.name}-${vocab.id}`;
  const name = transform ? `${base}@${transform}` : base;
  const v = transform === 'renamed' ? renamedVocab(vocab) : vocab;
  const render = (slots) => {
    const out = renderProgram(runtime, programSpec(v, slots));
    return transform === 'reformatted' ? { ...out, files: reformat(out.files) } : out;
  };
  const rnd = seededRandom([...base].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261));
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const { before, after } = slotsOf(template, runtime);
  const initial = render(before);
  const real = [...REAL_CHANGES].sort(() => rnd() - 0.5).slice(0, 2 + Math.floor(rnd() * 2));
  const bugAt = Math.floor(rnd() * (real.length + 1));
  // Reordered: the unrelated changes before the bug and those after it each in reverse order.
  const around = (list) => (transform === 'reordered' ? [...list].reverse() : list);
  const plan = [...around(real.slice(0, bugAt)), { bug: true }, ...around(real.slice(bugAt))];
  let state = before;
  const range = plan.map((p) => {
    const flipped = Object.fromEntries(Object.entries(after).filter(([k, x]) => before[k] !== x));
    const next = { ...state, ...(p.bug ? flipped : p.slots) };
    const step = { msg: wording(pick(p.bug ? template.msgs : p.msgs), v), ...stepEdits(render, state, next) };
    if (p.bug) step.bug = true;
    state = next;
    return step;
  });
  const r = RUNTIMES[runtime];
  return {
    name,
    ...(transform ? { seedName: base, transform } : {}),
    generator: { template: template.name, vocab: vocab.id, runtime },
    bugClass: template.bugClass,
    runtime,
    lang: r.lang,
    ...(r.capture ? { capture: r.capture } : {}),
    main: initial.main,
    ...(r.mainClass ? { main: r.mainClass } : {}),
    cases: ['generated', template.name, v.id],
    files: initial.files,
    hot: Object.values(initial.paths).filter((f) => initial.files[f] !== undefined),
    range,
  };
}

/** A generated scenario definition under a metamorphic transform (null for anything else). */
export function transformed(def, transform) {
  if (!def.generator || !TRANSFORMS.includes(transform)) return null;
  const template = TEMPLATES.find((t) => t.name === def.generator.template);
  const v = VOCABS.find((x) => x.id === def.generator.vocab);
  return { ...scenarioFor(template, v, def.generator.runtime, transform), family: def.family };
}

/** Every generated scenario for the runtimes given (all by default). */
export function generatedScenarios(runtimes = Object.keys(RUNTIMES)) {
  const out = [];
  for (const runtime of runtimes)
    for (const template of TEMPLATES)
      if (!(template.skip ?? []).includes(runtime)) for (const v of VOCABS) out.push(scenarioFor(template, v, runtime));
  return out;
}
