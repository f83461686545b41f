/**
 * Shared rules for the fuzz suites: one seed, one run size, and one "total function" property —
 * a call on hostile input either returns a bounded value or throws a CulpritError with a message,
 * within a time bound. `CULPRIT_FUZZ_RUNS` sets the runs per property (scripts/fuzz.mjs raises it);
 * `CULPRIT_FUZZ_SEED` replays another seed. Every suite reports how many cases it ran.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { CulpritError } from '../../src/core/errors';

/** Runs per property: small in `npm test`, large under scripts/fuzz.mjs. */
export const FUZZ_RUNS = Math.max(1, Number(process.env.CULPRIT_FUZZ_RUNS) || 200);
export const FUZZ_SEED = Number(process.env.CULPRIT_FUZZ_SEED) || 0x0c01b17;
/** One case may take this long (generous: a loaded 2-core CI); a hang or a quadratic blow-up does not fit. */
const CASE_BUDGET_MS = Number(process.env.CULPRIT_FUZZ_CASE_MS) || 10_000;

let casesRun = 0;
process.once('exit', () => {
  if (casesRun > 0 && process.env.CULPRIT_FUZZ_REPORT)
    fs.appendFileSync(process.env.CULPRIT_FUZZ_REPORT, `${casesRun}\n`);
});

/** fast-check parameters every fuzz property uses (seeded, so a failure replays exactly). */
function fuzzParams<T>(runs = FUZZ_RUNS): fc.Parameters<T> {
  return { numRuns: runs, seed: FUZZ_SEED, endOnFailure: true };
}

/** Runs `prop` with the shared parameters and counts its cases. */
export function runFuzz<Ts extends unknown[]>(prop: fc.IProperty<Ts>, runs = FUZZ_RUNS): void {
  fc.assert(prop, fuzzParams<Ts>(runs));
  casesRun += runs;
}

/** Counts the cases of a property run with `fc.assert` directly (async properties). */
export function noteCases(n: number): void {
  casesRun += n;
}

/** Serialized size of a value (strings counted by length), for output bounds; tolerates cycles by giving up. */
export function sizeOf(v: unknown): number {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Calls `fn` and checks the contract for untrusted input: no exception other than a CulpritError
 * with a non-empty message, done within CASE_BUDGET_MS, and an output no bigger than `maxOutput`.
 * Returns the value (or undefined when it threw the typed error).
 */
export function total<T>(fn: () => T, maxOutput: number): T | undefined {
  const t0 = performance.now();
  let out: T | undefined;
  try {
    out = fn();
  } catch (e) {
    if (!(e instanceof CulpritError))
      throw new Error(`untyped exception: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, { cause: e });
    assert.ok(typeof e.message === 'string' && e.message.trim().length > 0, 'CulpritError without a message');
  }
  const ms = performance.now() - t0;
  assert.ok(ms < CASE_BUDGET_MS, `one case took ${Math.round(ms)} ms`);
  const size = sizeOf(out);
  assert.ok(size <= maxOutput, `output of ${size} chars exceeds the bound ${maxOutput}`);
  return out;
}

/** The same contract for an async call (the time bound covers the whole await). */
export async function totalAsync<T>(fn: () => Promise<T>, maxOutput: number): Promise<T | undefined> {
  const t0 = performance.now();
  let out: T | undefined;
  try {
    out = await fn();
  } catch (e) {
    if (!(e instanceof CulpritError))
      throw new Error(`untyped exception: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, { cause: e });
    assert.ok(e.message.trim().length > 0, 'CulpritError without a message');
  }
  assert.ok(performance.now() - t0 < CASE_BUDGET_MS, `one case took ${Math.round(performance.now() - t0)} ms`);
  assert.ok(sizeOf(out) <= maxOutput, `output exceeds the bound ${maxOutput}`);
  return out;
}

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Lines of the real runtime stack captures in test/fixtures/stacks (seeds for text mutation). */
export function fixtureStackLines(): string[] {
  const dir = path.join(FIXTURES, 'stacks');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.txt'))
    .flatMap((e) => fs.readFileSync(path.join(dir, e.name), 'utf8').split('\n'))
    .filter((l) => l.length > 0);
}

/** A parsed fixture from test/fixtures/events. */
export function fixtureJson(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'events', name), 'utf8'));
}

export function fixtureText(rel: string): string {
  return fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
}

/** Hostile leaves: wrong types, huge and odd strings, prototype keys, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withNullPrototype: true,
    withObjectString: true,
    withBoxedValues: true,
    withSparseArray: true,
  }),
  fc.constantFrom<unknown>(
    null,
    undefined,
    NaN,
    Infinity,
    -1,
    2 ** 64,
    '',
    ' ',
    '\0',
    '__proto__',
    [],
    {},
    [[[[[]]]]],
    { __proto__: { x: 1 } },
    'x'.repeat(100_000),
  ),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.integer().map((n) => Array.from({ length: Math.abs(n) % 2_000 }, (_, i) => ({ filename: `f${i}.js`, lineno: i }))),
  fc.nat(60).map((d) => {
    let v: unknown = 'leaf';
    // A chain, not a DAG: JSON.parse can only produce trees.
    for (let i = 0; i < d * 25; i++) v = i % 2 ? { values: [v] } : [v];
    return v;
  }),
);

function copyOf(v: unknown): unknown {
  try {
    return structuredClone(v);
  } catch {
    return v;
  }
}

/** Plain objects and arrays (boxed strings and the like are leaves). */
function isContainer(x: unknown): x is object {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return Array.isArray(x) || proto === Object.prototype || proto === null;
}

/**
 * A real payload with random nodes replaced by hostile values (or deleted): decoders meet
 * almost-valid data, which reaches far deeper than random JSON would. Each edit walks down from
 * the root choosing children by `steps`, so an edit costs its depth, not the document size.
 */
export function mutatedJson(seeds: unknown[]): fc.Arbitrary<unknown> {
  const edit = fc.tuple(fc.array(fc.nat(), { maxLength: 9, size: 'max' }), hostileValue, fc.boolean());
  return fc.tuple(fc.nat(seeds.length - 1), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([i, edits]) => {
    let root: unknown = structuredClone(seeds[i]);
    for (const [steps, value, remove] of edits) {
      if (steps.length === 0 || !isContainer(root)) {
        if (steps.length === 0) root = copyOf(value);
        continue;
      }
      let parent = root as Record<string | number, unknown>;
      let key: string | number = '';
      for (const step of steps) {
        const keys: Array<string | number> = Array.isArray(parent) ? [...parent.keys()] : Object.keys(parent);
        if (keys.length === 0) break;
        key = keys[step % keys.length];
        const child = parent[key];
        if (!isContainer(child)) break;
        if (step % 3 === 0) break; // stop part-way down about a third of the time
        parent = child as Record<string | number, unknown>;
      }
      if (key === '' && Object.keys(parent).length === 0) continue;
      if (remove && !Array.isArray(parent)) delete parent[key];
      // A copy: constants are shared instances, and inserting one twice could make a cycle.
      else parent[key] = copyOf(value);
    }
    return root;
  });
}
