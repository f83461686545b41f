import { strict as assert } from 'node:assert';
import { enclosingFunction } from '../../../src/core/suspects/functionExtent';
import { functionBaseName } from '../../../src/core/stack';

const js = `'use strict';
const TIERS = { gold: 0.1 };

function subtotal(items) {
  return items.reduce((s, i) => s + i.price, 0);
}

function applyDiscount(amount, customer) {
  const rate = customer.loyalty.discountRate;
  return amount * (1 - rate);
}

class Orders {
  async create(body) {
    const x = body.items;
    if (x) {
      return x.length;
    }
    return 0;
  }
}
`.split('\n');

const py = `import os

def subtotal(items):
    return sum(i.price for i in items)


def apply_discount(amount, customer):
    rate = customer["loyalty"]["rate"]

    return amount * (1 - rate)

def other():
    pass
`.split('\n');

const rb = `class Pricing
  def apply(amount, customer)
    rate = customer.loyalty.rate
    amount * (1 - rate)
  end

  def other
  end
end
`.split('\n');

describe('functionExtent', () => {
  it('finds a JS function by name and braces', () => {
    assert.deepEqual(enclosingFunction(js, 9, 'applyDiscount'), { start: 8, end: 11, named: true });
  });
  it('finds a method in a class by name', () => {
    const r = enclosingFunction(js, 18, 'Orders.create');
    assert.equal(r.start, 14);
    assert.equal(r.end, 20);
  });
  it('finds an anonymous enclosing function by shape', () => {
    const r = enclosingFunction(js, 5, null);
    assert.equal(r.start, 4);
    assert.equal(r.end, 6);
  });
  it('uses indentation for Python, across blank lines', () => {
    assert.deepEqual(enclosingFunction(py, 8, 'apply_discount'), { start: 7, end: 10, named: true });
  });
  it('includes Ruby end', () => {
    assert.deepEqual(enclosingFunction(rb, 3, 'Pricing#apply'), { start: 2, end: 5, named: true });
  });
  it('finds an Allman-style method whose brace opens after a return type, and no header in a loop', () => {
    const php = [
      'final class Folios',
      '{',
      '    public static function folioRow(array $booking): string',
      '    {',
      "        $label = ucfirst($booking['name']);",
      "        $rate = round(Config::RATES[$booking['room']], 2);",
      '        return $label;',
      '    }',
      '}',
    ];
    assert.deepEqual(enclosingFunction(php, 6, 'folioRow'), { start: 3, end: 8, named: true });
    const ts = [
      'export function couponRule(code: string): { rate: number; label: string } {',
      '  const rule = RULES[code];',
      '  return { rate: rule.rate, label: rule.label.trim() };',
      '}',
    ];
    assert.deepEqual(
      enclosingFunction(ts, 3, 'couponRule'),
      { start: 1, end: 4, named: true },
      'a return type in braces',
    );
    const main = [
      "$ids = ['b7'];",
      '$prepared = array_map(fn ($id) => f($id), $ids);',
      'foreach (report($prepared) as $l) {',
    ];
    assert.notEqual(enclosingFunction(main, 3, '{main}').start, 3, 'a foreach is no function header');
  });
  it('falls back to a window when nothing encloses the line', () => {
    const r = enclosingFunction(js, 2, 'nothing');
    assert.equal(r.named, false);
    assert.ok(r.start <= 2 && r.end >= 2);
  });
  it('survives empty files and out-of-range lines', () => {
    assert.equal(enclosingFunction([], 10, 'x').named, false);
    assert.equal(enclosingFunction(js, 10_000, 'x').named, false);
  });
  it('reduces frame function names to their last identifier', () => {
    assert.equal(functionBaseName('Object.applyDiscount [as apply]'), 'applyDiscount');
    assert.equal(functionBaseName('com.acme.Orders.create'), 'create');
    assert.equal(functionBaseName('Pricing#apply'), 'apply');
    assert.equal(functionBaseName('main.(*Service).Handle'), 'Handle');
    assert.equal(functionBaseName('App\\Service->run'), 'run');
    assert.equal(functionBaseName('<anonymous>'), null);
    assert.equal(functionBaseName('<module>'), null);
    assert.equal(functionBaseName(null), null);
  });
});
