/**
 * The one-document memory bound (MAX_JSON_DOCUMENT_CHARS) holds for single-line files too: a
 * 33 MB event on one line is refused with a clear message instead of being parsed by the NDJSON
 * path, while real NDJSON (many small lines) still decodes.
 */
import assert from 'node:assert/strict';
import { MAX_JSON_DOCUMENT_CHARS, detectAndParse } from '../../../src/core/providers/file/eventFileParser';
import { CulpritError } from '../../../src/core/errors';

const event = (pad: number): string =>
  JSON.stringify({
    platform: 'node',
    extra: { pad: 'x'.repeat(pad) },
    exception: { values: [{ type: 'E', value: 'v', stacktrace: { frames: [{ filename: 'a.js', lineno: 1 }] } }] },
  });

describe('single-line JSON over the document bound', function () {
  this.timeout(60_000);
  it('is refused as too large, not parsed line by line', () => {
    const big = event(MAX_JSON_DOCUMENT_CHARS + 1024);
    assert.ok(!big.includes('\n'));
    let err: unknown = null;
    try {
      const events = detectAndParse(big, 'big.json');
      assert.fail(`parsed ${events.length} event(s) from a ${big.length}-character line`);
    } catch (e) {
      err = e;
    }
    assert.ok(CulpritError.is(err, 'unknown-format'), String(err));
    assert.match(err.message, /too large to parse as one document \(over 32 MB\)/);
  });

  it('NDJSON of small lines over the bound in total still decodes', () => {
    const line = event(1024 * 1024);
    const text = Array.from({ length: 40 }, () => line).join('\n');
    assert.ok(text.length > MAX_JSON_DOCUMENT_CHARS);
    assert.ok(detectAndParse(text).length > 0);
  });
});
