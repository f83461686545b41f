import { strict as assert } from 'assert';
import { parseLog } from '../../../src/core/git/logParser';
import { gitFixture, meta } from './fixtures';

describe('parseLog', () => {
  it('parses -z log records with --numstat files, renames and binary files', () => {
    const commits = parseLog(gitFixture('log-numstat.txt'));
    assert.deepEqual(
      commits.map((c) => c.sha),
      [meta.dan, meta.carolTax, meta.carolRates, meta.bob],
    );
    const dan = commits[0];
    assert.equal(dan.author, 'Dan Wu');
    assert.equal(dan.authorMail, 'dan@example.com');
    assert.equal(dan.date, '2024-03-10T12:00:00+00:00');
    assert.equal(dan.summary, 'Post-deploy tweak');
    assert.deepEqual(dan.parents, [meta.carolTax]);
    assert.deepEqual(dan.files, [
      { path: 'src/app.js', added: 1, removed: 1 },
      { path: 'src/nonl.txt', added: 1, removed: 1 },
    ]);
    assert.deepEqual(commits[1].files, [
      { path: 'src/app.js', added: 1, removed: 1 },
      { path: 'src/blob.bin', added: 0, removed: 0 },
    ]);
    assert.deepEqual(commits[2].files, [
      { path: 'docs/café guide.md', added: 0, removed: 0 },
      { path: 'docs/quote"tab\tname.txt', added: 1, removed: 0 },
      { path: 'src/crlf.txt', added: 1, removed: 1 },
      { path: 'src/legacy.js', added: 0, removed: 1 },
      { path: 'src/nonl.txt', added: 1, removed: 0 },
      { path: 'src/rates.js', added: 1, removed: 0 },
    ]);
    assert.equal(commits[3].author, 'Bob Ödegaard');
  });

  it('parses records without numstat (no files property) and root commits (no parents)', () => {
    const commits = parseLog(gitFixture('log-no-numstat.txt'));
    assert.equal(commits.length, 5);
    assert.ok(commits.every((c) => c.files === undefined));
    const root = commits[commits.length - 1];
    assert.equal(root.sha, meta.v1_0_0);
    assert.deepEqual(root.parents, []);
  });

  it('returns [] for empty or odd input', () => {
    assert.deepEqual(parseLog(''), []);
    assert.deepEqual(parseLog(42 as unknown as string), []);
    assert.deepEqual(parseLog('garbage\0more\0'), []);
  });
});
