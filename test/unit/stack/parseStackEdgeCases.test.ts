import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { parseStackText } from '../../../src/core/stack/parseStackText';
import { APP, chainOf, stackFixture, where } from './stackFixtures';

const TYPEERROR = "Cannot read properties of undefined (reading 'price')";
const PRICING = `${APP}/node/src/services/pricing.js`;

/** The bare `err.stack` of the node fixture (header + frames, no snippet or footer). */
function nodeStack(): string {
  const text = stackFixture('node-typeerror');
  const start = text.indexOf('TypeError:');
  return text.slice(start, text.indexOf('\n\n', start));
}

function noise(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const l = `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z info: GET /api/items/${i} 200 ${i % 97}ms at edge-${i % 7}: ok (cache=hit)`;
    lines.push(l);
    size += l.length + 1;
  }
  return lines.join('\n');
}

describe('parseStackText edge cases', () => {
  it('returns null for empty, non-string and trace-free input', () => {
    assert.equal(parseStackText(''), null);
    for (const bad of [null, undefined, 42, {}, ['x']]) assert.equal(parseStackText(bad as unknown as string), null);
    assert.equal(parseStackText('server started\nat least 5 items were at index 3\nError: not a trace\n'), null);
    assert.equal(parseStackText('Traceback (most recent call last):\n'), null, 'a header without frames is no trace');
  });

  it('never throws on arbitrary text and returns a well-formed stack or null', () => {
    const pieces = fc.constantFrom(
      '\n',
      '    at ',
      'x (',
      ':1:2)',
      'Traceback (most recent call last):',
      '  File "a.py", line 1, in f',
      'goroutine 1 [running]:',
      '\t/a.go:1 +0x1',
      'main.f()',
      '#0 ',
      '(1): f()',
      ":in `m'",
      '"stack":"',
      '\\n',
      '{',
      '@',
      'Caused by: ',
      ' ---> ',
      '\0',
      '\r',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 40 }), (parts) => {
        const r = parseStackText(parts.join(''));
        if (r === null) return;
        assert.ok(r.exceptions.length > 0);
        for (const e of r.exceptions)
          for (const f of e.frames) {
            assert.equal(typeof f.raw, 'string');
            assert.ok(f.line === null || (Number.isInteger(f.line) && f.line > 0));
          }
      }),
      { numRuns: 400 },
    );
  });

  it('finds a trace after 5 MB of log noise without hanging', () => {
    const text = noise(5 * 1024 * 1024) + '\n' + nodeStack() + '\n';
    const t0 = performance.now();
    const p = parseStackText(text);
    const ms = performance.now() - t0;
    assert.ok(p);
    assert.deepEqual(chainOf(p), [['TypeError', TYPEERROR]]);
    assert.ok(ms < 20_000, `took ${ms.toFixed(0)} ms`);
  });

  it('stays linear on a 4 MB single line of near-miss fragments', () => {
    const text = ('    at x (a:1:' + ' File "' + ':in `').repeat(150_000) + '\n' + nodeStack();
    const t0 = performance.now();
    const p = parseStackText(text);
    assert.ok(performance.now() - t0 < 1000);
    assert.equal(p?.exceptions[0].frames[0].path, PRICING);
  });

  it('parses a real 10,000-frame Node trace', function () {
    this.timeout(20000);
    const src =
      "function recurse(n) { if (n === 0) throw new RangeError('deep'); return recurse(n - 1) + 1; } try { recurse(10000); } catch (e) { require('fs').writeSync(2, e.stack + '\\n'); process.exit(1); }";
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--stack-trace-limit=20000', '--stack-size=8000', '-e', src], { stdio: 'pipe' });
    } catch (e) {
      stderr = String((e as { stderr: Buffer }).stderr);
    }
    const p = parseStackText(stderr);
    assert.ok(p);
    assert.deepEqual(chainOf(p), [['RangeError', 'deep']]);
    // Every frame is accounted for, the recursion folded into one marker.
    const f = p.exceptions[0].frames;
    const total = f.reduce((n, x) => n + (x.folded ?? 1), 0);
    assert.ok(total >= 10001 && f.length < 20, `got ${f.length} entries for ${total} frames`);
    assert.match(f.find((x) => x.folded)?.raw ?? '', /^… [\d,]+ more frames of recursion in recurse …$/);
    assert.equal(f[0].function, 'recurse');
    assert.equal(f[0].line, 1);
  });

  it('handles CRLF line endings', () => {
    const p = parseStackText(stackFixture('java-caused-by').replace(/\n/g, '\r\n'));
    assert.ok(p);
    assert.equal(p.exceptions.length, 3);
    assert.equal(p.exceptions[2].value, 'POST /orders failed');
    assert.deepEqual(where(p.exceptions[0].frames[0]), [
      'PricingService.java',
      'com.acme.orders.PricingService',
      'priceFor',
      10,
      null,
    ]);
  });

  it('survives NUL bytes in a trace', () => {
    const p = parseStackText(nodeStack().replace('price', 'pr\0ice').replace('pricing.js:6', 'pricing.js\0:6'));
    assert.ok(p);
    assert.equal(p.exceptions[0].type, 'TypeError');
    assert.deepEqual(where(p.exceptions[0].frames[0]), [PRICING, null, 'PricingService.priceFor', 6, 17]);
  });

  it('reads stacks under nested and dotted JSON keys', () => {
    const stack = nodeStack();
    const py = stackFixture('python-plain');
    const cases: Array<[string, string]> = [
      [JSON.stringify({ level: 50, err: { type: 'TypeError', stack } }), 'javascript'],
      [JSON.stringify({ status: 'error', 'error.stack': stack, 'error.message': 'x' }), 'javascript'],
      [JSON.stringify({ log: { exception: stack } }, null, 2), 'javascript'],
      [JSON.stringify({ levelname: 'ERROR', exc_info: py }), 'python'],
      [
        '2026-01-01T00:00:00Z app[web.1]: ' + JSON.stringify({ msg: 'failed', error: { stack_trace: stack } }),
        'javascript',
      ],
    ];
    for (const [line, language] of cases) {
      const p = parseStackText(`{"level":"info","msg":"boot"}\n${line}\n`);
      assert.ok(p, line.slice(0, 60));
      assert.equal(p.language, language);
    }
  });

  it('reads a stack from a JSON line cut off mid-string', () => {
    const line = JSON.stringify({ stack: nodeStack() });
    const p = parseStackText(line.slice(0, line.indexOf('server.js')));
    assert.equal(p?.exceptions[0].frames[0].path, PRICING);
  });

  it('returns the first trace when several are present', () => {
    const p = parseStackText(`${stackFixture('ruby-nomethod')}\n${stackFixture('node-typeerror')}`);
    assert.equal(p?.language, 'ruby');
    const q = parseStackText(`${stackFixture('go-panic')}\n${stackFixture('python-plain')}`);
    assert.equal(q?.language, 'go');
  });
});
