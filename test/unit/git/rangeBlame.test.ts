import { strict as assert } from 'assert';
import { blameOrigins, commitHeader, hunksOf, lineCount } from '../../../src/core/git/rangeBlame';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const F = 'f'.repeat(40);

const patch = (sha: string, body: string) => `\0${sha}\n\ndiff --git a/x.js b/x.js\n${body}`;

describe('range blame from patches: the pure parts', () => {
  it('counts lines as git does', () => {
    assert.equal(lineCount(''), 0);
    assert.equal(lineCount('a'), 1);
    assert.equal(lineCount('a\n'), 1);
    assert.equal(lineCount('a\r\nb'), 2);
  });

  it('reads hunks of a plain edit and declines an add, a delete, a binary change and a rename', () => {
    const edit = patch(A, '--- a/x.js\n+++ b/x.js\n@@ -2,0 +3,2 @@\n+p\n+q\n');
    assert.deepEqual(hunksOf(edit, 'x.js')?.get(A), [{ oldStart: 2, oldLines: 0, newStart: 3, newLines: 2 }]);
    assert.equal(hunksOf(edit, 'other.js')?.size, 0);
    assert.equal(
      hunksOf(patch(A, 'new file mode 100644\n--- /dev/null\n+++ b/x.js\n@@ -0,0 +1 @@\n+p\n'), 'x.js'),
      null,
    );
    assert.equal(
      hunksOf(patch(A, 'deleted file mode 100644\n--- a/x.js\n+++ /dev/null\n@@ -1 +0,0 @@\n-p\n'), 'x.js'),
      null,
    );
    assert.equal(hunksOf(patch(A, 'Binary files a/x.js and b/x.js differ\n'), 'x.js'), null);
  });

  it('maps lines through the commits and leaves the rest at the boundary', () => {
    // B (newest) added line 3; A (its parent) replaced line 1 of F's version.
    const hunks = new Map([
      [B, [{ oldStart: 2, oldLines: 0, newStart: 3, newLines: 1 }]],
      [A, [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1 }]],
    ]);
    const commits = [
      { sha: B, parents: [A] },
      { sha: A, parents: [F] },
    ];
    assert.deepEqual(blameOrigins(B, commits, hunks, 4, [[1, 4]]), [
      { sha: A, finalLine: 1, origLine: 1, boundary: false, previous: F },
      { sha: F, finalLine: 2, origLine: 2, boundary: true },
      { sha: B, finalLine: 3, origLine: 3, boundary: false, previous: A },
      { sha: F, finalLine: 4, origLine: 3, boundary: true },
    ]);
    assert.equal(blameOrigins(B, commits, hunks, 4, [[3, 5]]), null, 'past the end');
    assert.equal(blameOrigins(B, [{ sha: B, parents: [A, F] }], new Map(), 4, [[1, 1]]), null, 'a merge');
    assert.equal(blameOrigins(A, commits, hunks, 4, [[1, 1]]), null, 'not from TO');
  });

  it('reads author and summary as blame does', () => {
    const raw = (msg: string, extra = '') =>
      `tree ${F}\nparent ${A}\nauthor  Ann  Lee  <ann@x> 1700000000 +0200\ncommitter C <c@x> 1 +0000\n${extra}\n${msg}`;
    assert.deepEqual(commitHeader(B, raw('first line\nsecond\n\nbody\n')), {
      author: ' Ann  Lee',
      authorMail: 'ann@x',
      authorTime: 1700000000,
      summary: 'first line',
    });
    assert.equal(commitHeader(B, raw('\n  \nafter blanks  \n'))?.summary, 'after blanks  ');
    assert.equal(commitHeader(B, raw(''))?.summary, `(${B})`);
    assert.equal(commitHeader(B, raw('x\r\ny'))?.summary, 'x');
    assert.equal(commitHeader(B, raw('x', 'encoding ISO-8859-1\n')), null);
  });
});
