import { strict as assert } from 'assert';
import { parseDiffU0 } from '../../../src/core/git/diffParser';
import { unquoteGitPath } from '../../../src/core/git/gitPathQuoting';
import { gitFixture } from './fixtures';

describe('parseDiffU0', () => {
  it('parses -U0 --no-renames output: hunks, added, deleted, quoted, unicode and binary files', () => {
    const files = parseDiffU0(gitFixture('diff-u0-no-renames.txt'));
    const byName = new Map(files.map((f) => [f.newPath ?? f.oldPath, f]));
    assert.deepEqual(byName.get('src/app.js'), {
      oldPath: 'src/app.js',
      newPath: 'src/app.js',
      hunks: [
        { oldStart: 4, oldLines: 1, newStart: 4, newLines: 1 },
        { oldStart: 7, oldLines: 1, newStart: 7, newLines: 1 },
      ],
    });
    assert.deepEqual(byName.get('docs/café guide.md'), {
      oldPath: null,
      newPath: 'docs/café guide.md',
      hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 2 }],
    });
    assert.deepEqual(byName.get('docs/naïve café.md'), {
      oldPath: 'docs/naïve café.md',
      newPath: null,
      hunks: [{ oldStart: 1, oldLines: 2, newStart: 0, newLines: 0 }],
    });
    assert.deepEqual(byName.get('src/legacy.js'), {
      oldPath: 'src/legacy.js',
      newPath: null,
      hunks: [{ oldStart: 1, oldLines: 1, newStart: 0, newLines: 0 }],
    });
    assert.deepEqual(byName.get('docs/quote"tab\tname.txt')?.hunks, [
      { oldStart: 1, oldLines: 0, newStart: 2, newLines: 1 },
    ]);
    assert.deepEqual(byName.get('src/blob.bin'), { oldPath: null, newPath: 'src/blob.bin', hunks: [] });
    assert.deepEqual(byName.get('src/nonl.txt'), {
      oldPath: null,
      newPath: 'src/nonl.txt',
      hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 1 }],
    });
    assert.equal(files.length, 9);
  });

  it('parses renames (with -M) as one entry with both paths', () => {
    const files = parseDiffU0(gitFixture('diff-u0-renames.txt'));
    const rename = files.find((f) => f.oldPath === 'docs/naïve café.md');
    assert.deepEqual(rename, { oldPath: 'docs/naïve café.md', newPath: 'docs/café guide.md', hunks: [] });
    assert.equal(files.length, 8);
  });

  it('handles a modified file without a trailing newline', () => {
    const files = parseDiffU0(gitFixture('diff-u0-post-deploy.txt'));
    const nonl = files.find((f) => f.newPath === 'src/nonl.txt');
    assert.deepEqual(nonl?.hunks, [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1 }]);
    assert.deepEqual(files.find((f) => f.newPath === 'src/app.js')?.hunks, [
      { oldStart: 1, oldLines: 1, newStart: 1, newLines: 1 },
    ]);
  });

  it('tolerates empty, non-string and CRLF input', () => {
    assert.deepEqual(parseDiffU0(''), []);
    assert.deepEqual(parseDiffU0(undefined as unknown as string), []);
    const lf = parseDiffU0(gitFixture('diff-u0-no-renames.txt'));
    assert.deepEqual(parseDiffU0(gitFixture('diff-u0-no-renames.txt').replace(/\n/g, '\r\n')), lf);
  });

  it('unquotes C-style paths, including octal UTF-8 bytes', () => {
    assert.equal(unquoteGitPath('"caf\\303\\251 \\"x\\"\\t.md"'), 'café "x"\t.md');
    assert.equal(unquoteGitPath('plain path'), 'plain path');
    assert.equal(unquoteGitPath('"😀\\"q"'), '😀"q');
  });
});
