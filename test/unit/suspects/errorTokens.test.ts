import { strict as assert } from 'node:assert';
import { lineTokens, messageTokens, tokenHits } from '../../../src/core/suspects/errorTokens';

describe('errorTokens', () => {
  it('takes quoted names from V8, Python and Ruby messages', () => {
    assert.deepEqual(messageTokens("Cannot read properties of undefined (reading 'discountRate')"), ['discountRate']);
    assert.deepEqual(messageTokens("'NoneType' object has no attribute 'rate'"), ['NoneType', 'rate']);
    assert.deepEqual(messageTokens("KeyError: 'loyalty'"), ['loyalty']);
    assert.deepEqual(messageTokens("undefined method `discount' for nil"), ['discount']);
  });
  it('takes dotted names and ignores keywords', () => {
    assert.deepEqual(messageTokens('customer.loyalty is undefined'), ['customer', 'loyalty']);
    assert.deepEqual(messageTokens(null), []);
  });
  it('takes identifiers from code, not strings or keywords', () => {
    assert.deepEqual(lineTokens("  const rate = customer.loyalty.discountRate; // 'quoted'"), ['rate', 'customer', 'loyalty', 'discountRate']);
  });
  it('matches whole words only', () => {
    assert.deepEqual(tokenHits(['rate', 'loyalty'], 'const rated = x.loyalty;'), ['loyalty']);
  });
});
