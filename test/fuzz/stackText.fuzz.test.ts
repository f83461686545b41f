/**
 * Stack-text parsers on hostile text. `locateStack` is fuzzed directly (not through
 * `parseStackText`, whose catch-all would hide a crash) along with every per-line frame parser.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { locateStack, anchorOf } from '../../src/core/stack/stackLocator';
import { parseStackText } from '../../src/core/stack/parseStackText';
import { parseV8Frame, parseGeckoFrame } from '../../src/core/stack/v8StackParser';
import { parseJvmFrame } from '../../src/core/stack/jvmStackParser';
import { parseDotnetFrame } from '../../src/core/stack/dotnetStackParser';
import { parsePythonFrame, isPythonAnchor } from '../../src/core/stack/pythonStackParser';
import { isRubyFrameLine } from '../../src/core/stack/rubyStackParser';
import { isPhpFrameLine } from '../../src/core/stack/phpStackParser';
import { isGoroutineLine } from '../../src/core/stack/goStackParser';
import { stripLogPrefix } from '../../src/core/stack/lineSource';
import { jsonStackCandidates } from '../../src/core/stack/jsonStackExtractor';
import { isLibraryFrame } from '../../src/core/stack/libraryFrames';
import { FUZZ_RUNS, fixtureStackLines, runFuzz, total } from './fuzzHarness';

const LINES = fixtureStackLines();
const PIECES = [
  'at ',
  '    at ',
  '(',
  ')',
  ':',
  '::',
  '.',
  '/',
  '\\',
  '"',
  "'",
  '@',
  '#',
  '[',
  ']',
  '<',
  '>',
  ' in ',
  ':in `',
  'File "',
  '", line ',
  'Traceback (most recent call last):',
  'goroutine 1 [running]:',
  'Caused by: ',
  '... 3 more',
  '\t',
  '\r',
  '\0',
  '\u2028',
  '\ud800',
  'é',
  '1',
  '99999999999999999999',
  '-1',
  'node:internal',
  'file:///',
  'webpack://',
  '{"stack":"',
  '\\n',
  '\n',
];

/** A real stack line, mutated: cut, spliced with another, or with punctuation inserted. */
const mutatedLine = fc
  .tuple(
    fc.constantFrom(...LINES),
    fc.constantFrom(...LINES),
    fc.nat(),
    fc.nat(),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PIECES)), { maxLength: 4 }),
  )
  .map(([a, b, cut, cut2, inserts]) => {
    let s = a.slice(0, cut % (a.length + 1)) + b.slice(cut2 % (b.length + 1));
    for (const [at, piece] of inserts) {
      const i = at % (s.length + 1);
      s = s.slice(0, i) + piece + s.slice(i);
    }
    return s;
  });

const anyLine = fc.oneof(
  { weight: 4, arbitrary: mutatedLine },
  { weight: 2, arbitrary: fc.constantFrom(...LINES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 40, size: 'max' }).map((p) => p.join('')) },
  // Long runs of the characters the regexes branch on: catastrophic backtracking shows up here.
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('at ', '(', ':', ' ', '.', 'a', '/', '@', '"', '\\'),
        fc.integer({ min: 1000, max: 20_000 }),
        fc.constantFrom('', ')', 'x', ':1:1)'),
      )
      .map(([c, n, end]) => `    at ${c.repeat(n)}${end}`),
  },
);

const stackText = fc
  .tuple(fc.array(anyLine, { maxLength: 60, size: 'max' }), fc.constantFrom('\n', '\r\n', '\n\n'))
  .map(([ls, sep]) => ls.join(sep));

/** Output may be a few times the input (frames keep their raw line), never more. */
const bound = (input: string): number => 10 * input.length + 4_096;

describe('fuzz: stack-text parsers', () => {
  it('locateStack is total, bounded and keeps frames within the text', () => {
    runFuzz(
      fc.property(stackText, (text) => {
        const out = total(() => locateStack(text), bound(text));
        if (out) {
          assert.ok(out.exceptions.length > 0);
          for (const e of out.exceptions) {
            for (const f of e.frames) {
              assert.equal(typeof f.raw, 'string');
              assert.ok(f.line === null || (Number.isInteger(f.line) && f.line >= 0), `line ${f.line}`);
              assert.ok(f.column === null || (Number.isInteger(f.column) && f.column >= 0), `column ${f.column}`);
            }
          }
        }
      }),
    );
  });

  it('parseStackText never throws on arbitrary strings and non-strings', () => {
    runFuzz(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.anything() as fc.Arbitrary<unknown>),
        (v) => void total(() => parseStackText(v as string), 1_000_000),
      ),
    );
  });

  it('every per-line parser and predicate is total on hostile lines', () => {
    const fns: Array<(l: string) => unknown> = [
      parseV8Frame,
      parseGeckoFrame,
      parseJvmFrame,
      parseDotnetFrame,
      parsePythonFrame,
      isPythonAnchor,
      isRubyFrameLine,
      isPhpFrameLine,
      isGoroutineLine,
      stripLogPrefix,
      jsonStackCandidates,
      anchorOf,
    ];
    runFuzz(
      fc.property(anyLine, (line) => {
        for (const fn of fns) {
          const frame = total(() => fn(line), bound(line));
          if (frame && typeof frame === 'object' && 'raw' in frame)
            total(() => isLibraryFrame(frame as never, null), 10);
        }
      }),
    );
  });

  it('JSON log lines with a stack field are decoded within bounds', () => {
    const jsonLine = fc
      .tuple(stackText, fc.constantFrom('stack', 'err.stack', 'error', 'exc_info', 'x'), fc.nat(100))
      .map(([s, key, cut]) => {
        const line = JSON.stringify({ level: 'error', [key]: s });
        return cut < 20 ? line.slice(0, Math.floor((line.length * cut) / 20)) : line;
      });
    runFuzz(
      fc.property(jsonLine, (line) => void total(() => locateStack(line), bound(line))),
      Math.max(1, Math.floor(FUZZ_RUNS / 2)),
    );
  });
});
