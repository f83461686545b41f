import { strict as assert } from 'assert';
import fc from 'fast-check';
import { parseDiffU0 } from '../../../src/core/git/diffParser';
import { traceLineThroughHunks } from '../../../src/core/git/lineDrift';
import { lineSimilarity, pairHunkLines } from '../../../src/core/git/linePairing';
import { gitFixture } from './fixtures';

describe('pairing the lines of a modified hunk (diff-editor alignment)', () => {
  it('pairs an edited line with its rewrite even when a guard was added above it', () => {
    const old = ['  const total = order.items.reduce((s, i) => s + i.price, 0);'];
    const added = [
      '  if (!order.items) return 0;',
      '  const total = order.items.reduce((s, i) => s + i.price * i.qty, 0);',
    ];
    assert.deepEqual(pairHunkLines(old, added), [1]);
  });

  it('keeps order: several rewritten lines pair in sequence, a removed one takes its neighbour', () => {
    const old = ['const a = load(id);', 'log(a);', 'return a.value;'];
    const added = ['const a = await load(id);', 'return a?.value ?? null;'];
    assert.deepEqual(pairHunkLines(old, added), [0, 0, 1]);
  });

  it('is null only when nothing was added in its place; dissimilar text pairs by position', () => {
    assert.deepEqual(pairHunkLines(['x = 1', 'y = 2'], []), [null, null]);
    assert.deepEqual(pairHunkLines(['aaaa', 'bbbb', 'cccc'], ['zzzz', 'qqqq']), [0, 1, 1]);
  });

  it('scores resemblance in [0, 1], ignoring indentation', () => {
    assert.equal(lineSimilarity('  foo(bar)', 'foo(bar)'), 1);
    assert.equal(lineSimilarity('abc', 'xyz'), 0);
    assert.equal(lineSimilarity('', ''), 1);
  });

  it('always returns monotone counterparts within the added lines (property)', () => {
    const text = fc.array(fc.string({ maxLength: 12 }), { maxLength: 12 });
    fc.assert(
      fc.property(text, text, (old, added) => {
        const p = pairHunkLines(old, added);
        assert.equal(p.length, old.length);
        let last = -1;
        for (const j of p) {
          if (added.length === 0) assert.equal(j, null);
          else {
            assert.ok(j !== null && j >= 0 && j < added.length);
            assert.ok(j >= last);
            last = j;
          }
        }
      }),
    );
  });

  it('maps a rewritten line of a real post-deploy diff onto its counterpart', () => {
    const [file] = parseDiffU0(gitFixture('diff-u0-pairing.txt'), { bodies: true });
    const h = file.hunks.find((x) => x.oldLines > 0 && x.newLines > 0)!;
    assert.ok(h.oldText && h.newText, 'bodies parsed');
    const old = h.oldText.findIndex((t) => t.includes('reduce'));
    const now = h.newText.findIndex((t) => t.includes('reduce'));
    assert.deepEqual(traceLineThroughHunks(file.hunks, h.oldStart + old), { line: h.newStart + now, changed: true });
  });
});
