import { strict as assert } from 'assert';
import fc from 'fast-check';
import { parseDiffU0 } from '../../../src/core/git/diffParser';
import { mapLineThroughHunks, traceLineThroughHunks } from '../../../src/core/git/lineDrift';
import { gitFixture } from './fixtures';

describe('mapLineThroughHunks', () => {
  const hunks = [
    { oldStart: 0, oldLines: 0, newStart: 1, newLines: 2 }, // 2 lines inserted at the top
    { oldStart: 3, oldLines: 1, newStart: 5, newLines: 1 }, // line 3 replaced
    { oldStart: 5, oldLines: 0, newStart: 8, newLines: 3 }, // 3 lines inserted after line 5
    { oldStart: 8, oldLines: 2, newStart: 13, newLines: 0 }, // lines 8-9 deleted
  ];

  it('shifts lines by insertions before them, pairs replaced lines and drops deleted ones', () => {
    assert.equal(mapLineThroughHunks(hunks, 1), 3);
    assert.equal(mapLineThroughHunks(hunks, 2), 4);
    assert.equal(mapLineThroughHunks(hunks, 3), 5); // replaced: its counterpart
    assert.equal(mapLineThroughHunks(hunks, 4), 6);
    assert.equal(mapLineThroughHunks(hunks, 5), 7); // the insertion is *after* line 5
    assert.equal(mapLineThroughHunks(hunks, 6), 11);
    assert.equal(mapLineThroughHunks(hunks, 8), null);
    assert.equal(mapLineThroughHunks(hunks, 9), null);
    assert.equal(mapLineThroughHunks(hunks, 10), 13); // +2 +3 -2
  });

  it('is the identity without hunks and null for invalid lines', () => {
    assert.equal(mapLineThroughHunks([], 42), 42);
    assert.equal(mapLineThroughHunks(hunks, 0), null);
    assert.equal(mapLineThroughHunks(hunks, 1.5), null);
    assert.equal(mapLineThroughHunks(null as never, 3), null);
  });

  it('maps through hunks parsed from real git output', () => {
    const app = parseDiffU0(gitFixture('diff-u0-no-renames.txt')).find((f) => f.newPath === 'src/app.js')!;
    assert.equal(mapLineThroughHunks(app.hunks, 3), 3);
    assert.equal(traceLineThroughHunks(app.hunks, 4).changed, true);
    assert.equal(traceLineThroughHunks(app.hunks, 7).changed, true);
    assert.equal(traceLineThroughHunks(app.hunks, 10).changed, false);
    assert.equal(mapLineThroughHunks(app.hunks, 10), 10);
  });

  it('agrees with applying the edit to an array of lines (property)', () => {
    // Random edits: a sorted set of disjoint hunks applied to numbered lines.
    const edit = fc.array(fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)), { maxLength: 6 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), edit, (len, ops) => {
        const old = Array.from({ length: len }, (_, i) => `o${i + 1}`);
        const next: string[] = [];
        const hs = [];
        const counterpart = new Map<number, number | null>(); // replaced old line → its position pair
        let i = 0; // old index (0-based)
        for (const [skip, del, ins] of ops) {
          const keep = Math.min(skip, len - i);
          next.push(...old.slice(i, i + keep));
          i += keep;
          const d = Math.min(del, len - i);
          if (d === 0 && ins === 0) continue;
          hs.push({
            oldStart: d === 0 ? i : i + 1,
            oldLines: d,
            newStart: d === 0 && ins === 0 ? next.length : next.length + (ins ? 1 : 0),
            newLines: ins,
          });
          for (let k = 0; k < d; k++)
            counterpart.set(i + k + 1, ins === 0 ? null : next.length + Math.min(k, ins - 1) + 1);
          next.push(...Array.from({ length: ins }, (_, k) => `n${k}`));
          i += d;
        }
        next.push(...old.slice(i));
        for (let line = 1; line <= len; line++) {
          const mapped = mapLineThroughHunks(hs, line);
          const kept = next.indexOf(`o${line}`);
          const expected = kept >= 0 ? kept + 1 : counterpart.get(line);
          assert.equal(mapped, expected, `line ${line}`);
        }
      }),
    );
  });
});

describe('traceLineThroughHunks: moved lines', () => {
  // A block removed at 3–5 and added at 8–10 (a function moved below another).
  const hunks = [
    {
      oldStart: 3,
      oldLines: 3,
      newStart: 2,
      newLines: 0,
      oldText: ['function a() {', '  return x.y.z;', '}'],
      newText: [],
    },
    {
      oldStart: 9,
      oldLines: 0,
      newStart: 7,
      newLines: 3,
      oldText: [],
      newText: ['function a() {', '  return x.y.z;', '}'],
    },
  ];

  it('a removed line whose distinctive text was added once elsewhere maps there', () => {
    assert.deepEqual(traceLineThroughHunks(hunks, 4), { line: 8, changed: true, moved: true });
    assert.deepEqual(traceLineThroughHunks(hunks, 3), { line: 7, changed: true, moved: true });
  });

  it('short or repeated text is not taken for the same line', () => {
    assert.equal(traceLineThroughHunks(hunks, 5).line, null, '`}` identifies nothing');
    const twice = [
      ...hunks,
      { oldStart: 20, oldLines: 0, newStart: 20, newLines: 1, oldText: [], newText: ['  return x.y.z;'] },
    ];
    assert.equal(traceLineThroughHunks(twice, 4).line, null);
  });
});

describe('a rewritten line whose rewrite git put in the hunk beside it', () => {
  // Real `git diff -U0` output: Go's `func tierOf` rewritten and the blank line above it deleted.
  // git inserts the rewrite above the kept blank line and deletes the old line in the next hunk.
  const diff = [
    'diff --git a/main.go b/main.go',
    'index d4c88c9..708b7c2 100644',
    '--- a/main.go',
    '+++ b/main.go',
    '@@ -11,0 +12 @@ type customer struct{ tier *string }',
    '+funcChecked tierOf(c *customer) string { return *c.tier }',
    '@@ -13,4 +14 @@ type customer struct{ tier *string }',
    '-func tierOf(c *customer) string { return *c.tier }',
    '-',
    '-func handler(w http.ResponseWriter, r *http.Request) {',
    '-\tfmt.Fprint(w, tierOf(&customer{}))',
    '+\tfmt.FprintChecked(w, tierOf(&customer{}))',
    '',
  ].join('\n');
  const hunks = parseDiffU0(diff, { bodies: true })[0].hunks;

  it('maps to the rewrite beside its own hunk, not to an unlike line of it', () => {
    assert.deepEqual(traceLineThroughHunks(hunks, 13), { line: 12, changed: true });
    assert.deepEqual(traceLineThroughHunks(hunks, 16), { line: 14, changed: true });
    assert.deepEqual(traceLineThroughHunks(hunks, 12), { line: 13, changed: false }); // the kept blank
  });

  it('only across a gap of at most two unchanged lines, and only to a resembling line', () => {
    const far = hunks.map((h, i) => (i === 0 ? { ...h, oldStart: h.oldStart - 3, newStart: h.newStart - 3 } : h));
    assert.equal(traceLineThroughHunks(far, 13).line, 14, 'three lines apart: paired within its own hunk');
    const unlike = [{ ...hunks[0], newText: ['const limit = 10'] }, hunks[1]];
    assert.equal(traceLineThroughHunks(unlike, 13).line, 14);
    // A pure deletion beside an unrelated insertion stays deleted.
    const deletion = [
      { oldStart: 4, oldLines: 0, newStart: 5, newLines: 1, newText: ['import { audit } from "./audit";'] },
      { oldStart: 6, oldLines: 1, newStart: 6, newLines: 0, oldText: ['  return cache.get(key) ?? fallback;'] },
    ];
    assert.equal(traceLineThroughHunks(deletion, 6).line, null);
  });
});
