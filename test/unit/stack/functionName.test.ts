import { strict as assert } from 'node:assert';
import { functionBaseName } from '../../../src/core/stack';

describe('functionBaseName: the identifier a frame names, for finding its definition', () => {
  const cases: Array<[string | null, string | null]> = [
    ['OrderService.applyDiscount', 'applyDiscount'],
    ['Object.applyDiscount [as apply]', 'applyDiscount'],
    ['async priceOrder', 'priceOrder'],
    ['new Cart', 'Cart'],
    ['com.acme.Orders.create', 'create'],
    ['com.acme.Orders$Line.total', 'total'],
    ['Pricing#apply', 'apply'],
    ['main.(*Service).Handle', 'Handle'],
    ['App\\Service->run', 'run'],
    ['Orders::Create(System.Int32)', 'Create'],
    ['Object.<anonymous>', null],
    ['<anonymous>', null],
    ['<module>', null],
    ['lambda', null],
    ['block in process', null],
    [null, null],
  ];
  for (const [name, base] of cases) {
    it(`${JSON.stringify(name)} → ${JSON.stringify(base)}`, () => assert.equal(functionBaseName(name), base));
  }
});
