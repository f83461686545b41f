import assert from 'node:assert/strict';
import { isSecretName, safeHeaders, safeQuery, safeUrl } from '../../../src/core/request/requestRedaction';

describe('request redaction', () => {
  it('drops credential headers and keeps the rest in order', () => {
    const kept = safeHeaders([
      ['Host', 'api.example.com'],
      ['Authorization', 'Bearer abc'],
      ['Cookie', 'sid=1'],
      ['X-Api-Key', 'k'],
      ['X-Session-Id', 's'],
      ['Content-Type', 'application/json'],
      ['X-Request-Id', 'r-1'],
    ]);
    assert.deepEqual(kept, [
      ['Host', 'api.example.com'],
      ['Content-Type', 'application/json'],
      ['X-Request-Id', 'r-1'],
    ]);
  });

  it('recognizes secret names but not look-alikes', () => {
    for (const n of ['access_token', 'client-secret', 'password', 'api_key', 'X-Auth-Token', 'signing_key'])
      assert.ok(isSecretName(n), n);
    for (const n of ['keyboard', 'author', 'monkey_business', 'sort', 'page']) assert.ok(!isSecretName(n), n);
  });

  it('drops credential query parameters and user info from URLs', () => {
    assert.equal(safeQuery('page=2&access_token=abc&q=x'), 'page=2&q=x');
    assert.equal(safeUrl('https://u:p@api.example.com/orders?id=7&apikey=zzz'), 'https://api.example.com/orders?id=7');
    assert.equal(safeUrl('not a url'), 'not a url');
  });
});
