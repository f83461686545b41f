// Bug-class templates for the parametric corpus. Every template starts from the same program
// (programSpec: a record store, an intake step, a rate table, a paging helper, an amount codec, a
// statement service) and says which slots the bug commit flips, which records production holds,
// and how the commit is worded (several wordings, never always the error's words). The crash is
// whatever the runtime does with that program at the deployed revision.

/** The slots of a healthy program. */
export const BASE_SLOTS = Object.freeze({
  guard: true,
  label: 'name',
  rate: 'guarded',
  find: 'fallback',
  encode: 'plain',
  bound: '<',
  norm: 'lower',
  batch: 25,
  vendored: false,
  sep: ': ',
  lint: false,
  lintRule: 'prefer-const',
  extraKey: false,
  dropLastKey: false,
  windowOrder: 'list-first',
  amountField: 'plain',
});

const say = (...wordings) => wordings;

/**
 * name, bugClass, `before` (slots of the initial program), `after` (slots the bug commit sets),
 * where (the module the bug edits, for the generator's decoys), messages ({entity}, {sub}, … are
 * filled from the vocabulary), and `skip` (runtimes the template does not fit).
 */
export const TEMPLATES = [
  {
    name: 'label-from-sub',
    bugClass: 'null-field-production-data',
    before: { guard: false },
    after: { label: 'leaf' },
    msgs: say(
      '{Service}: show the {leaf} on statements',
      'Statements: lead with the {sub} {leaf}',
      'Use the {leaf} as the statement label',
    ),
  },
  {
    name: 'intake-guard-removed',
    bugClass: 'removed-guard-off-stack',
    before: { label: 'leaf' },
    after: { guard: false },
    msgs: say(
      '{Intake}: stop inventing a {sub} for records without one',
      'Intake: records come complete from the new API',
      'Remove the placeholder {sub}',
    ),
  },
  {
    name: 'find-returns-null',
    bugClass: 'producer-returns-other-type',
    before: {},
    after: { find: 'null' },
    msgs: say(
      '{Store}: unknown ids are not guests',
      'Lookup: no guest record for unknown ids',
      '{Store}: return what the database returns',
    ),
    runtime: { rust: { before: { rate: 'direct' } } },
  },
  {
    name: 'rate-unguarded',
    bugClass: 'unguarded-table-lookup',
    before: { extraKey: true },
    after: { rate: 'direct' },
    msgs: say('{Service}: every {key} has a rate now', 'Statements: simplify the rate lookup', 'Drop the default rate'),
  },
  {
    name: 'rate-entry-removed',
    bugClass: 'removed-config-entry',
    before: { rate: 'direct' },
    after: { dropLastKey: true },
    msgs: say(
      '{Config}: retire the {lastKey} {key}',
      'Settings: remove {lastKey}, nobody is on it',
      'Clean up old {key} rates',
    ),
  },
  {
    name: 'key-case-flip',
    bugClass: 'key-normalisation-change',
    before: { rate: 'direct' },
    after: { norm: 'upper' },
    msgs: say(
      '{Util}: {key} codes in upper case, like the billing export',
      'Normalise {key} names the way the CRM does',
      'Keys: canonical {key} codes',
    ),
  },
  {
    name: 'batch-default-zero',
    bugClass: 'config-flag-default',
    before: {},
    after: { batch: 0 },
    msgs: say(
      '{Config}: page size 0 means one page (set per tenant)',
      'Settings: default {batch} from ops',
      'Config: let tenants pick the page size',
    ),
  },
  {
    name: 'window-bound',
    bugClass: 'off-by-one-bound',
    before: {},
    after: { bound: '<=' },
    msgs: say(
      '{Util}: include the last of the {items}',
      'Paging: inclusive upper bound, as the API documents it',
      'Show every one of the {items} in the header',
    ),
  },
  {
    name: 'amount-decimal',
    bugClass: 'serialisation-format-change',
    before: {},
    after: { encode: 'decimal' },
    msgs: say(
      '{Codec}: {amount} as a decimal string, like the ledger',
      'Encode {amount} with two decimals',
      'Codec: human-readable {amount}',
    ),
  },
  {
    name: 'chore-drops-guard',
    bugClass: 'behaviour-in-chore-commit',
    before: { label: 'leaf' },
    after: { guard: false, lint: true },
    msgs: say('chore: apply the shared lint config', 'Style: lint sweep', 'chore: lint and tidy'),
  },
  {
    name: 'vendored-upgrade',
    bugClass: 'dependency-upgrade-vendored',
    before: { rate: 'direct', vendored: '1.4.2' },
    after: { vendored: '2.0.0', norm: 'upper' },
    msgs: say('Vendor {vendor} 2.0.0', 'Update vendored {vendor} to 2.0.0', 'deps: {vendor} 1.4.2 -> 2.0.0 (vendored)'),
  },
  {
    name: 'provider-field-renamed',
    bugClass: 'third-party-format-change',
    before: {},
    after: { amountField: 'received' },
    msgs: say(
      'Provider API 2024-06: {amount} is reported as {amount}_received',
      'Read {amount}_received, as the provider now documents',
      'Upstream v2 payloads',
    ),
    skip: ['go', 'mono', 'rust'],
  },
  {
    name: 'helper-params-swapped',
    bugClass: 'signature-change-stale-caller',
    before: {},
    after: { windowOrder: 'n-first' },
    msgs: say(
      '{Util}: count first, like the other helpers',
      'Paging: (n, list) as the style guide says',
      'Consistent argument order in {util}',
    ),
    // Compiled runtimes refuse the stale call; JavaScript compares a list with a number and goes on.
    skip: ['go', 'mono', 'rust', 'js-cjs', 'js-esm', 'ts-bundle'],
  },
];

/** The slots of a template's program before and after its bug commit, for one runtime. */
export function slotsOf(template, runtime) {
  const extra = template.runtime?.[runtime] ?? {};
  const before = { ...BASE_SLOTS, ...template.before, ...(extra.before ?? {}) };
  return { before, after: { ...before, ...template.after, ...(extra.after ?? {}) } };
}
