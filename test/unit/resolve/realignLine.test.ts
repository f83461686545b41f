import assert from 'node:assert/strict';
import { bareFunctionName, realignLine } from '../../../src/core/triage/realignLine';

describe('realigning a frame line by its text, inside its named function', () => {
  const py = ['def a(x):', '    return x["k"]', '', 'def b(x):', '    y = 1', '    return x["k"]', ''];

  it('finds the text inside the named function, not the same statement in another one', () => {
    assert.equal(realignLine(py, 2, 'return x["k"]', 'b'), 6);
    assert.equal(realignLine(py, 6, 'return x["k"]', 'a'), 2);
  });

  it('is null when the text is not found (never the reported number)', () => {
    assert.equal(realignLine(py, 6, 'return x["other"]', 'b'), null);
    assert.equal(realignLine(py, 6, 'y = 1', 'a'), null, 'present only in another function');
  });

  it('brace languages: the span runs to the closing brace; Go receivers and JS methods are found', () => {
    const go = [
      'func (c *Calc) Price(t int) int {',
      '\treturn c.tiers[t]',
      '}',
      'func Other() int {',
      '\treturn c.tiers[t]',
      '}',
    ];
    assert.equal(realignLine(go, 5, 'return c.tiers[t]', '(*Calc).Price'), 2);
    const js = ['class S {', '  priceFor(sku) {', '    return CATALOG[sku].price;', '  }', '}'];
    assert.equal(realignLine(js, 9, 'return CATALOG[sku].price;', 'S.priceFor'), 3);
  });

  it('an anonymous or unknown function falls back to the nearest match', () => {
    assert.equal(realignLine(py, 3, 'return x["k"]', null), 2);
    assert.equal(realignLine(py, 5, 'return x["k"]', 'Object.<anonymous>'), 6);
  });

  it('reduces runtime spellings to the bare name', () => {
    assert.equal(bareFunctionName('block (2 levels) in create'), 'create');
    assert.equal(bareFunctionName('com.acme.Svc.priceFor'), 'priceFor');
    assert.equal(bareFunctionName('main.(*Calc).Price'), 'Price');
    assert.equal(bareFunctionName('<module>'), null);
  });
});
