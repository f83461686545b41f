import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createSourceMapper } from '../../../src/core/sourcemap/sourceMapper';

const FIXTURES = path.resolve(__dirname, '../../fixtures/sourcemaps');

/** The crashing frame of a stack node really printed: `at fn (/abs/path.js:line:col)`. */
function topFrame(stackFile: string): { line: number; column: number } {
  const m = /^\s+at .*?:(\d+):(\d+)\)?$/m.exec(fs.readFileSync(path.join(FIXTURES, 'dist', stackFile), 'utf8'));
  assert.ok(m, `no frame in ${stackFile}`);
  return { line: Number(m[1]), column: Number(m[2]) };
}

describe('createSourceMapper: runs of frames through one bundle', () => {
  const bundles = ['bundle', 'inline', 'rooted', 'external'].map((name) => ({
    gen: `dist/${name}.min.js`,
    ...topFrame(`${name}.stack.txt`),
  }));

  it('answers the same whether frames alternate between bundles or repeat one, even with one cached map', () => {
    const fresh = bundles.map((b) => createSourceMapper({ root: FIXTURES }).mapPosition(b.gen, b.line, b.column));
    assert.ok(fresh.every((p) => p !== null && p.file === 'src/orders/pricing.ts'));
    const mapper = createSourceMapper({ root: FIXTURES, maxEntries: 1 });
    for (let round = 0; round < 3; round++) {
      bundles.forEach((b, i) => {
        assert.deepEqual(mapper.mapPosition(b.gen, b.line, b.column), fresh[i]);
        assert.deepEqual(mapper.mapPosition(b.gen, b.line, b.column), fresh[i]);
      });
      assert.equal(mapper.cachedMaps, 1);
    }
    mapper.clear();
    assert.equal(mapper.cachedMaps, 0);
    assert.deepEqual(mapper.mapPosition(bundles[0].gen, bundles[0].line, bundles[0].column), fresh[0]);
    assert.equal(mapper.cachedMaps, 1);
  });

  it('still reports failures between hits of a cached bundle', () => {
    const mapper = createSourceMapper({ root: FIXTURES });
    const b = bundles[0];
    assert.ok(mapper.mapPosition(b.gen, b.line, b.column));
    assert.equal(mapper.mapPositionOrReason('../outside.js', 1, 1).ok, false);
    assert.equal(mapper.mapPositionOrReason(b.gen, 0, 1).ok, false);
    assert.ok(mapper.mapPosition(b.gen, b.line, b.column));
  });

  describe("bounded by the parsed maps' estimated bytes, not their count", () => {
    /** Each bundle's map alone: its estimated bytes once parsed, and its answer. */
    const alone = bundles.map((b) => {
      const mapper = createSourceMapper({ root: FIXTURES });
      const answer = mapper.mapPosition(b.gen, b.line, b.column);
      return { answer, bytes: mapper.cachedBytes };
    });

    it('estimates each real map at ~100 bytes a segment, more than its file', () => {
      for (const [i, a] of alone.entries()) {
        assert.ok(a.answer?.file === 'src/orders/pricing.ts', bundles[i].gen);
        const mapFile = path.join(FIXTURES, `${bundles[i].gen}.map`);
        const fileBytes = fs.existsSync(mapFile) ? fs.statSync(mapFile).size : 0;
        assert.ok(a.bytes > fileBytes, `${bundles[i].gen}: ${a.bytes} estimated, ${fileBytes} on disk`);
      }
    });

    it('filled past the bound, evicts the least recently used maps until the rest fit, answering the same', () => {
      const [b0, b1, b2] = alone.map((a) => a.bytes);
      const bound = b0 + b1 + b2;
      const mapper = createSourceMapper({ root: FIXTURES, maxCacheBytes: bound, revalidateMs: 0 });
      const look = (i: number) => mapper.mapPosition(bundles[i].gen, bundles[i].line, bundles[i].column);
      [0, 1, 2].forEach((i) => assert.deepEqual(look(i), alone[i].answer));
      assert.equal(mapper.cachedMaps, 3, 'three maps fit the bound exactly');
      assert.equal(mapper.cachedBytes, bound);
      assert.deepEqual(look(0), alone[0].answer, 'bundle 0 used again: bundle 1 is now the least recent');
      assert.deepEqual(look(3), alone[3].answer, 'the fourth map goes past the bound');
      // Least recent first: 1, 2, 0, then 3 (just added, always kept).
      const order = [1, 2, 0, 3];
      let kept = order.reduce((n, i) => n + alone[i].bytes, 0);
      while (kept > bound && order.length > 1) kept -= alone[order.shift()!].bytes;
      assert.ok(!order.includes(1), 'the least recently used map went first');
      assert.equal(mapper.cachedMaps, order.length);
      assert.equal(mapper.cachedBytes, kept);
      assert.ok(mapper.cachedBytes <= bound, `${mapper.cachedBytes} bytes kept, bound ${bound}`);
      for (let i = 0; i < bundles.length; i++) assert.deepEqual(look(i), alone[i].answer, `${bundles[i].gen} again`);
      assert.ok(mapper.cachedBytes <= bound);
    });

    it('keeps the map in use even when it alone is over the bound', () => {
      const mapper = createSourceMapper({ root: FIXTURES, maxCacheBytes: 1 });
      bundles.forEach((b, i) => {
        assert.deepEqual(mapper.mapPosition(b.gen, b.line, b.column), alone[i].answer);
        assert.equal(mapper.cachedMaps, 1);
        assert.equal(mapper.cachedBytes, alone[i].bytes);
      });
    });

    it('counts the generated lines read for function names against the bound', () => {
      const mapper = createSourceMapper({ root: FIXTURES });
      const b = bundles[0];
      assert.ok(mapper.mapPosition(b.gen, b.line, b.column));
      const before = mapper.cachedBytes;
      mapper.originalFunctionName(b.gen, b.line, b.column, 's');
      const generated = fs.readFileSync(path.join(FIXTURES, b.gen), 'utf8').length;
      assert.ok(mapper.cachedBytes >= before + generated, `${before} → ${mapper.cachedBytes} (+${generated} chars)`);
      mapper.originalFunctionName(b.gen, b.line, b.column, 's');
      assert.ok(mapper.cachedBytes < before + 2 * generated + 1000, 'counted once');
    });
  });
});
