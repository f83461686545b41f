import { strict as assert } from 'node:assert';
import { hunk } from '../../helpers/patchHunk';
import { codeLines, isCosmetic, parseRangePatch } from '../../../src/core/suspects/rangePatch';

// Output of: git log -p -U0 --no-renames --no-color --format=%x00%H (captured from a real repo).
const text = [
  '\u0000b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0',
  '',
  'diff --git a/src/services/pricing.js b/src/services/pricing.js',
  'index 1111111..2222222 100644',
  '--- a/src/services/pricing.js',
  '+++ b/src/services/pricing.js',
  '@@ -9 +9 @@ function applyDiscount(amount, customer) {',
  '-  const rate = TIERS[customer.tier] || 0;',
  '+  const rate = customer.loyalty.discountRate;',
  '@@ -20,2 +19,0 @@ function quote(items, customer) {',
  '-  if (!customer) {',
  '--- a guard that starts with dashes',
  'diff --git a/"src/caf\\303\\251.js" b/"src/caf\\303\\251.js"',
  'new file mode 100644',
  '--- /dev/null',
  '+++ "b/src/caf\\303\\251.js"',
  '@@ -0,0 +1 @@',
  '+++ starts with pluses',
  '\\ No newline at end of file',
  '\u0000a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0',
  '',
  'diff --git a/x.py b/x.py',
  '--- a/x.py',
  '+++ b/x.py',
  '@@ -3 +3 @@',
  '-    return  a+b',
  '+    return a + b',
].join('\n');

describe('parseRangePatch', () => {
  const commits = parseRangePatch(text);
  it('splits commits and files', () => {
    assert.equal(commits.length, 2);
    assert.deepEqual(
      commits[0].files.map((f) => f.path),
      ['src/services/pricing.js', 'src/café.js'],
    );
  });
  it('keeps hunk positions and contents, including lines that look like headers', () => {
    const [a, b] = commits[0].files[0].hunks;
    assert.deepEqual([a.oldStart, a.oldLines, a.newStart, a.newLines], [9, 1, 9, 1]);
    assert.deepEqual(a.added, ['  const rate = customer.loyalty.discountRate;']);
    assert.deepEqual([b.newStart, b.newLines], [19, 0]);
    assert.deepEqual(b.removed, ['  if (!customer) {', '-- a guard that starts with dashes']);
    assert.deepEqual(commits[0].files[1].hunks[0].added, ['++ starts with pluses']);
  });
  it('tells comment-only hunks, and keeps code that looks like a comment marker', () => {
    assert.equal(isCosmetic(hunk([], ['  // Rates are fractions of one.'])), true);
    assert.equal(isCosmetic(hunk(['x = 1'], ['x = 1  # default', '# why'])), true);
    assert.equal(isCosmetic(hunk(['  const a = b;'], ['  const a = b; /* fine */'])), false);
    assert.equal(isCosmetic(hunk(['  url = "http://x"'], ['  url = "http://y"'])), false);
    assert.equal(isCosmetic(hunk(['  --count;'], [])), false);
    assert.equal(isCosmetic(hunk(['#include <a.h>'], [])), false);
    assert.equal(isCosmetic(hunk(['  if (!customer) return 0;'], ['  // if (!customer) return 0;'])), false);
  });
  it('tells docstring and JSDoc edits from code', () => {
    assert.equal(isCosmetic(hunk([], ['    """Return the rate as a fraction."""'])), true);
    assert.equal(isCosmetic(hunk(['    """Old."""'], ["    '''New.", '', '    More words.', "    '''"])), true);
    assert.equal(isCosmetic(hunk([], ['  /**', '   * @param {number} rate', '   */'])), true);
    assert.equal(isCosmetic(hunk([], ['    x = """text""" + y'])), false);
    assert.equal(isCosmetic(hunk(['    """Doc."""'], ['    """Doc."""', '    return None'])), false);
  });
  it('tells whitespace-only hunks', () => {
    assert.equal(isCosmetic(commits[1].files[0].hunks[0]), true);
    assert.equal(isCosmetic(commits[0].files[0].hunks[0]), false);
  });
  it('reads a path with spaces without the TAB git appends to it', () => {
    const spaced = [
      '\u0000c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0',
      '',
      'diff --git a/src/price rules.js b/src/price rules.js',
      '--- a/src/price rules.js\t',
      '+++ b/src/price rules.js\t',
      '@@ -1 +1 @@',
      '-a',
      '+b',
    ].join('\n');
    assert.deepEqual(
      parseRangePatch(spaced)[0].files.map((f) => f.path),
      ['src/price rules.js'],
    );
  });
  it('ignores garbage', () => {
    assert.deepEqual(parseRangePatch('no commits here\n@@ -1 +1 @@\n+x'), []);
    assert.deepEqual(parseRangePatch(''), []);
  });
});

describe('what a formatter may change, and what it may not', () => {
  it('keeps whitespace inside strings and regex literals: it is behaviour', () => {
    assert.ok(!isCosmetic(hunk(["const parts = line.split(' ');"], ["const parts = line.split('');"])));
    assert.ok(
      !isCosmetic(
        hunk(['const words = text.match(/[a-z]+ [a-z]+/g);'], ['const words = text.match(/[a-z]+[a-z]+/g);']),
      ),
    );
    assert.ok(!isCosmetic(hunk(['  return `${a} ${b}`;'], ['  return `${a}${b}`;'])));
    // Outside literals it is layout, and a division is not a regex.
    assert.ok(isCosmetic(hunk(['const r = total/count / 2;'], ['const r = total / count / 2;'])));
    assert.ok(isCosmetic(hunk(['if (/^a b$/.test(s)) {  // strict'], ['if (/^a b$/.test(s)) { // exact'])));
  });

  it('reads only the code of a hunk side: comments, trailing comments and docstrings are left out', () => {
    assert.deepEqual(
      codeLines([
        '    """Returns the discountRate of a customer."""',
        '    # discountRate may be missing',
        "    rate = tiers['gold']  # discountRate",
        '    // discountRate',
        "    const url = 'http://x/#a # b'; // discountRate",
      ]),
      ["rate = tiers['gold']", "const url = 'http://x/#a # b';"],
    );
  });

  it("reads `//` as code in a language that comments with `#` only: Python's floor division is behaviour", () => {
    const patch = (file: string, before: string, after: string) =>
      parseRangePatch(
        ['\u0000' + 'c'.repeat(40), '', `diff --git a/${file} b/${file}`, `--- a/${file}`, `+++ b/${file}`]
          .concat(['@@ -3 +3 @@', `-${before}`, `+${after}`])
          .join('\n'),
      )[0].files[0].hunks[0];
    const py = patch('app/pricing.py', '    per_item = total / count', '    per_item = total // count');
    assert.equal(py.slashIsCode, true);
    assert.equal(isCosmetic(py), false);
    assert.deepEqual(codeLines(py.added, py.slashIsCode), ['per_item = total // count']);
    assert.equal(isCosmetic(patch('lib/cart.rb', '  x = a', '  x = a  # note')), true);
    // In JavaScript the same text is a comment after the code: only the comment changed.
    const js = patch('src/pricing.js', '  const perItem = total;', '  const perItem = total; // count');
    assert.equal(js.slashIsCode, undefined);
    assert.equal(isCosmetic(js), true);
  });
});
