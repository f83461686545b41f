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
});
