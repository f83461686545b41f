// Original function names for minified frames, read from the real esbuild bundles and maps
// under test/fixtures/sourcemaps (scripts/fixtures/sourcemaps/generate.mjs builds and runs them).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createSourceMapper } from '../../../src/core/sourcemap/sourceMapper';
import { definitionColumn, enclosingFunctionName } from '../../../src/core/sourcemap/functionNames';
import { parseStackText } from '../../../src/core/stack/parseStackText';

const FIXTURES = path.resolve(__dirname, '../../fixtures/sourcemaps');

describe('original names of minified functions', () => {
  const mapper = createSourceMapper({ root: FIXTURES });

  for (const bundle of ['bundle', 'inline', 'rooted', 'external']) {
    it(`${bundle}.min.js: every frame of the real stack gets its original name from the map`, () => {
      const stack = parseStackText(fs.readFileSync(path.join(FIXTURES, 'dist', `${bundle}.stack.txt`), 'utf8'));
      const frames = (stack?.exceptions[0].frames ?? []).filter((f) => f.path?.endsWith('.min.js')).slice(0, 2);
      assert.deepEqual(
        frames.map((f) => f.function),
        ['s', 'i'],
        'the runtime reports minified names',
      );
      const names = frames.map((f) =>
        mapper.originalFunctionName(`dist/${bundle}.min.js`, f.line!, f.column, f.function!),
      );
      assert.deepEqual(names, ['priceOrder', 'checkout']);
    });
  }

  it('finds the definition enclosing a position: function, arrow, method; nothing for another name', () => {
    const code = 'function b(t){return t.q}function s(t,r){throw 1}var i=(t)=>s(t);class K{m(x){return x}}';
    assert.equal(definitionColumn(code, 's', code.indexOf('throw')), code.indexOf('function s(') + 9);
    assert.equal(definitionColumn(code, 'i', code.length), code.indexOf('i=('));
    assert.equal(definitionColumn(code, 'm', code.length), code.indexOf('m(x)'));
    assert.equal(definitionColumn(code, 'zz', code.length), null);
    assert.equal(definitionColumn(code, 'a.b', code.length), null, 'not an identifier');
  });

  it('without a name in the map: the enclosing function of the original line', () => {
    const src = fs.readFileSync(path.join(FIXTURES, 'src/orders/pricing.ts'), 'utf8').split('\n');
    const throwAt = src.findIndex((l) => l.includes('CULPRIT-THROW')) + 1;
    assert.equal(enclosingFunctionName(src, throwAt), 'priceOrder');
    assert.equal(enclosingFunctionName(src, src.findIndex((l) => l.includes('line.quantity')) + 1), 'lineTotal');
    assert.equal(enclosingFunctionName(['const tax = (x) => x.rate * 2;'], 1), 'tax');
    assert.equal(enclosingFunctionName(['if (x) {', '  y();', '}'], 2), null);
  });
});
