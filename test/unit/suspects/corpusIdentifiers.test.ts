// The ranking must not know the corpus: no identifier from the scenario programs of the accuracy
// corpus (bench/scenarios/*.mjs) may appear in src/core/suspects/, comments included. Identifiers
// here are the corpus-specific shapes (camelCase, snake_case, CONSTANT_CASE of 5+ characters);
// names of the languages' own standard libraries are facts, not corpus knowledge.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const words = (text: string) => text.match(/\b[A-Za-z_$][\w$]*\b/g) ?? [];
const specific = (w: string) =>
  w.length >= 5 && (/[a-z][A-Z]/.test(w) || /[A-Za-z]_[A-Za-z]/.test(w) || /^[A-Z][A-Z0-9_]{4,}$/.test(w));

function readAll(dir: string, pick: (f: string) => boolean): Array<[string, string]> {
  return readdirSync(dir)
    .filter(pick)
    .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]);
}

/** JavaScript's standard names (TypeScript's lib files), and other runtimes' documented ones. */
function standardNames(): Set<string> {
  const lib = path.join(root, 'node_modules/typescript/lib');
  const names = new Set(readAll(lib, (f) => /^lib\..*\.d\.ts$/.test(f)).flatMap(([, t]) => words(t)));
  // java.util.Optional.orElseThrow, java.util.Map.keySet, Python's built-in KeyError.
  for (const n of ['orElseThrow', 'keySet', 'KeyError']) names.add(n);
  return names;
}

describe('src/core/suspects knows no corpus scenario', () => {
  it('contains no identifier from the scenario programs, comments included', () => {
    const std = standardNames();
    const corpus = new Set(
      readAll(path.join(root, 'bench/scenarios'), (f) => f.endsWith('.mjs'))
        .flatMap(([, t]) => words(t))
        .filter((w) => specific(w) && !std.has(w)),
    );
    const leaks = readAll(path.join(root, 'src/core/suspects'), (f) => /\.(?:ts|json)$/.test(f)).flatMap(([f, t]) =>
      [...new Set(words(t))].filter((w) => corpus.has(w)).map((w) => `${f}: ${w}`),
    );
    assert.deepEqual(leaks, []);
  });
});
