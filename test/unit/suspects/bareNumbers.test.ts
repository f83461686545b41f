// Issue #13: no number in src/core/suspects/ that is not a fitted parameter or search window (read from
// evidenceWeights.json), a language or format fact, an input-safety bound, or shown and never ranked on.
// A number other than 0 and 1 (-1 is `-` before 1) must sit on a line ending in, or below a comment line
// of, `// fact: why`, `// bound: why` or `// shown: why`. An index (`m[2]`, a regex group or a tuple
// slot) is a fact of the expression it reads. Numbers inside regular expressions are not scanned.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const DIR = path.join(__dirname, '../../../src/core/suspects');
const MARKER = /\/\/ (?:fact|bound|shown): \S/;

/** `file:line: number` for every number not accounted for. */
function bareNumbers(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lines = text.split('\n');
  const marked = (line: number) =>
    MARKER.test(lines[line]) || (line > 0 && /^\s*\/\//.test(lines[line - 1]) && MARKER.test(lines[line - 1]));
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNumericLiteral(node) && node.text !== '0' && node.text !== '1') {
      const index = ts.isElementAccessExpression(node.parent) && node.parent.argumentExpression === node;
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      if (!index && !marked(line)) out.push(`${file}:${line + 1}: ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('numbers in src/core/suspects (issue #13)', () => {
  it('are each read from evidenceWeights.json or marked as a fact, a bound or shown', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length > 10);
    const bare = files.flatMap((f) => bareNumbers(f, readFileSync(path.join(DIR, f), 'utf8')));
    assert.deepEqual(bare, [], 'a window or threshold goes into evidenceWeights.json `windows`; else mark why');
  });

  it('finds a bare number, and accepts a marked one or an index', () => {
    assert.deepEqual(bareNumbers('x.ts', 'const a = b.slice(0, 40);\n'), ['x.ts:1: 40']);
    assert.deepEqual(bareNumbers('x.ts', 'const a = b.slice(0, 40); // bound: characters read\n'), []);
    assert.deepEqual(bareNumbers('x.ts', '// fact: two quotes\nconst a = s.length - 2;\n'), []);
    assert.deepEqual(bareNumbers('x.ts', 'const a = m[2] ?? m[3];\n'), []);
    assert.deepEqual(bareNumbers('x.ts', 'const a = b.slice(0, 40); // bound:\n'), ['x.ts:1: 40']);
  });
});
