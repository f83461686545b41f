import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMapJson } from '../../../src/core/sourcemap/mapJson';
import { parseSourceMappingUrl, sourceMappingUrlFromTail } from '../../../src/core/sourcemap/sourceMappingUrl';

/** What parseMapJson must return: JSON.parse with a top-level sourcesContent string array as null. */
function expected(text: string): unknown {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'sourcesContent' in parsed) {
    const content = (parsed as Record<string, unknown>).sourcesContent;
    if (Array.isArray(content) && content.every((c) => c === null || typeof c === 'string'))
      return { ...parsed, sourcesContent: null };
  }
  return parsed;
}

describe('parseMapJson', () => {
  it('reads a map without its sources content, whatever the content holds', () => {
    const map = {
      version: 3,
      sources: ['a.ts', 'b "q".ts'],
      sourcesContent: ['x = "\\"];', null, '\\', '"sourcesContent": [1]'],
      mappings: 'AAAA',
      names: ['sourcesContent'],
    };
    const parsed = parseMapJson(Buffer.from(JSON.stringify(map, null, 1))) as Record<string, unknown>;
    assert.deepEqual(parsed, { ...map, sourcesContent: null });
  });

  it('keeps sources content it cannot skip safely, and nested keys', () => {
    for (const text of [
      '{"sourcesContent":[1,"a"],"mappings":""}',
      '{"sourcesContent":"x"}',
      '{"x":{"sourcesContent":["a"]}}',
      '[{"sourcesContent":["a"]}]',
      '{"sourcesContent" : [ ] , "a":1}',
    ]) {
      assert.deepEqual(parseMapJson(Buffer.from(text)), expected(text), text);
    }
  });

  it('throws what JSON.parse throws on invalid JSON', () => {
    for (const text of ['{"version":3,', '{"sourcesContent":["a"],}', '', '\ufeff{}', '{"sourcesContent":["a"]']) {
      assert.throws(
        () => parseMapJson(Buffer.from(text)),
        (e: Error) => {
          assert.throws(() => JSON.parse(text), { message: e.message });
          return true;
        },
      );
    }
  });

  it('equals JSON.parse, sources content aside, on any JSON (property)', () => {
    const str = fc.string({
      unit: fc.constantFrom('a', '"', '\\', ']', '[', ',', ':', '{', 'é', '😀', '\n', ' ', 'sourcesContent'),
    });
    const content = fc.array(fc.option(str, { nil: null }));
    const map = fc.record(
      {
        version: fc.constant(3),
        sources: fc.array(str),
        sourcesContent: content,
        mappings: str,
        names: fc.array(str),
        x: fc.jsonValue(),
      },
      { requiredKeys: ['version'] },
    );
    fc.assert(
      fc.property(map, fc.integer({ min: 0, max: 2 }), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        assert.deepEqual(parseMapJson(Buffer.from(text)), expected(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('sourceMappingUrlFromTail', () => {
  it('decides from the last lines, or says it cannot', () => {
    assert.equal(sourceMappingUrlFromTail('partial line\ncode();\n//# sourceMappingURL=a.map\n'), 'a.map');
    assert.equal(sourceMappingUrlFromTail('partial\ncode();\n'), null);
    assert.equal(sourceMappingUrlFromTail('x //# sourceMappingURL=a.map\n// a note\n\n'), undefined);
    assert.equal(sourceMappingUrlFromTail('no newline at all'), undefined);
  });

  it('agrees with parsing the whole text wherever the tail starts (property)', () => {
    const line = fc.constantFrom(
      'code();',
      '//# sourceMappingURL=a.map',
      '  //@ sourceMappingURL=b.map',
      '/*# sourceMappingURL=c.map */',
      '// note',
      '',
      'x = "//# sourceMappingURL=d.map"',
      '\r',
      'é😀',
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.nat(), (lines, cut) => {
        const text = lines.join('\n');
        const bytes = Buffer.from(text);
        // The tail is decoded from a byte offset, possibly inside a multi-byte character.
        const tail = bytes.subarray(cut % (bytes.length + 1)).toString('utf8');
        const fromTail = sourceMappingUrlFromTail(tail);
        if (fromTail !== undefined) assert.equal(fromTail, parseSourceMappingUrl(text), JSON.stringify({ text, tail }));
      }),
      { numRuns: 2000 },
    );
  });
});
