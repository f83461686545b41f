import assert from 'node:assert/strict';
import { decodeDataUrl, parseSourceMappingUrl } from '../../../src/core/sourcemap/sourceMappingUrl';

describe('parseSourceMappingUrl', () => {
  it('reads the trailing comment forms', () => {
    assert.equal(parseSourceMappingUrl('a();\n//# sourceMappingURL=a.js.map\n'), 'a.js.map');
    assert.equal(parseSourceMappingUrl('a();\n//@ sourceMappingURL=old.map'), 'old.map');
    assert.equal(parseSourceMappingUrl('a{}\n/*# sourceMappingURL=a.css.map */\n\n'), 'a.css.map');
    assert.equal(
      parseSourceMappingUrl('a();\n  //# sourceMappingURL=data:application/json;base64,e30=\n// trailing note\n'),
      'data:application/json;base64,e30=',
    );
  });

  it('takes the last comment', () => {
    assert.equal(
      parseSourceMappingUrl('//# sourceMappingURL=first.map\nb();\n//# sourceMappingURL=second.map'),
      'second.map',
    );
  });

  it('ignores the marker inside code and comments that are not last', () => {
    assert.equal(parseSourceMappingUrl('const s = "//# sourceMappingURL=" + url;\n'), null);
    assert.equal(parseSourceMappingUrl('x(); //# sourceMappingURL=inline.map\n'), null);
    assert.equal(parseSourceMappingUrl('//# sourceMappingURL=a.map\nmoreCode();\n'), null);
    assert.equal(parseSourceMappingUrl('//# sourceMappingURL=\n'), null);
    assert.equal(parseSourceMappingUrl('no comment'), null);
    assert.equal(parseSourceMappingUrl(null), null);
  });

  it('is fast on large bundles', () => {
    const big = `${'x=1;'.repeat(2_000_000)}\n//# sourceMappingURL=big.map\n`;
    const start = performance.now();
    assert.equal(parseSourceMappingUrl(big), 'big.map');
    assert.equal(parseSourceMappingUrl('sourceMappingURL='.repeat(200_000)), null);
    assert.ok(performance.now() - start < 200);
  });
});

describe('decodeDataUrl', () => {
  it('decodes base64 and percent-encoded JSON, and bounds the size', () => {
    const json = '{"version":3}';
    assert.deepEqual(
      decodeDataUrl(`data:application/json;charset=utf-8;base64,${Buffer.from(json).toString('base64')}`, 1000),
      { ok: true, json },
    );
    assert.deepEqual(decodeDataUrl(`data:application/json,${encodeURIComponent(json)}`, 1000), { ok: true, json });
    const big = decodeDataUrl(`data:application/json;base64,${'A'.repeat(4000)}`, 1000);
    assert.equal(big.ok, false);
    assert.equal(decodeDataUrl('data:image/png;base64,AAAA', 1000).ok, false);
  });
});
