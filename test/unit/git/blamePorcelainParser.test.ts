import { strict as assert } from 'assert';
import { parseBlamePorcelain } from '../../../src/core/git/blamePorcelainParser';
import { gitFixture, meta } from './fixtures';

describe('parseBlamePorcelain', () => {
  it('parses a range blame with several -L ranges, repeating headers only once per commit', () => {
    const lines = parseBlamePorcelain(gitFixture('blame-range-multi-L.txt'));
    assert.deepEqual(
      lines.map((l) => l.finalLine),
      [1, 2, 3, 4, 6, 7, 8],
    );
    const byLine = new Map(lines.map((l) => [l.finalLine, l]));
    // Lines 2 and 3 repeat Alice's SHA without headers: fields come from the first occurrence.
    for (const n of [1, 2, 3, 6, 8]) {
      const l = byLine.get(n)!;
      assert.equal(l.sha, meta.v1_0_0);
      assert.equal(l.boundary, true, `line ${n} is a boundary line`);
      assert.equal(l.author, 'Alice Ng');
      assert.equal(l.authorMail, 'alice@example.com');
      assert.equal(l.origPath, 'src/app.js');
      assert.equal(l.summary, 'Initial import');
    }
    const bob = byLine.get(4)!;
    assert.equal(bob.sha, meta.bob);
    assert.equal(bob.author, 'Bob Ödegaard');
    assert.equal(bob.authorTime, Date.parse('2024-03-05T09:30:00Z') / 1000);
    assert.equal(bob.boundary, false);
    assert.deepEqual(bob.previous, { sha: meta.v1_0_0, path: 'src/app.js' });
    assert.equal(bob.content, '  return x.price * x.qty - (x.discount || 0);');
    const carol = byLine.get(7)!;
    assert.equal(carol.sha, meta.carolTax);
    assert.deepEqual(carol.previous, { sha: meta.carolRates, path: 'src/app.js' });
    assert.equal(carol.content, '  return x * rate;');
    assert.equal(byLine.get(2)!.content, 'const b = 2;');
  });

  it('gives the same result for a CRLF copy of the output', () => {
    const lf = parseBlamePorcelain(gitFixture('blame-range-multi-L.txt'));
    const crlf = parseBlamePorcelain(gitFixture('blame-range-multi-L.crlf.txt'));
    assert.deepEqual(crlf, lf);
  });

  it('strips the CR of CRLF file content', () => {
    const lines = parseBlamePorcelain(gitFixture('blame-crlf-content.txt'));
    assert.deepEqual(
      lines.map((l) => l.content),
      ['line one', 'line 2', 'line three'],
    );
    assert.equal(lines[1].sha, meta.carolRates);
    assert.equal(lines[0].sha, meta.v1_0_0);
  });

  it('reports the original path of a renamed unicode file and unquotes quoted paths', () => {
    const renamed = parseBlamePorcelain(gitFixture('blame-unicode-renamed.txt'));
    assert.deepEqual(
      renamed.map((l) => [l.origPath, l.content]),
      [
        ['docs/naïve café.md', 'héllo'],
        ['docs/naïve café.md', 'wörld'],
      ],
    );
    const quoted = parseBlamePorcelain(gitFixture('blame-quoted-path.txt'));
    assert.equal(quoted[0].origPath, 'docs/quote"tab\tname.txt');
    assert.equal(quoted[1].content, 'odd 2');
  });

  it('marks root-commit lines as boundary without --root, and not with it', () => {
    const noRoot = parseBlamePorcelain(gitFixture('blame-no-root.txt'));
    const root = parseBlamePorcelain(gitFixture('blame-full-history.txt'));
    assert.equal(noRoot.length, 10);
    assert.equal(root.length, 10);
    assert.ok(noRoot.filter((l) => l.sha === meta.v1_0_0).every((l) => l.boundary));
    assert.ok(root.every((l) => !l.boundary));
    assert.equal(root[0].sha, meta.dan);
    assert.equal(root[0].content, 'const a = 10;');
  });

  it('covers every line of a whole-file range blame in order', () => {
    const lines = parseBlamePorcelain(gitFixture('blame-range-whole.txt'));
    assert.deepEqual(
      lines.map((l) => l.finalLine),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    assert.deepEqual(
      lines.filter((l) => !l.boundary).map((l) => l.finalLine),
      [4, 7],
    );
  });

  it('returns [] for empty or non-string input and skips garbage', () => {
    assert.deepEqual(parseBlamePorcelain(gitFixture('blame-empty.txt')), []);
    assert.deepEqual(parseBlamePorcelain(null as unknown as string), []);
    assert.deepEqual(parseBlamePorcelain('\tcontent without header\nnot a header\n'), []);
  });

  it('parses a multi-MB output in bounded time', () => {
    const one = gitFixture('blame-range-whole.txt');
    const big = one.repeat(2000); // ~3 MB
    const t0 = Date.now();
    const lines = parseBlamePorcelain(big);
    assert.equal(lines.length, 20_000);
    // Speed is measured by `npm run bench`; on a loaded shared machine this only catches a blow-up.
    assert.ok(Date.now() - t0 < 30_000, `took ${Date.now() - t0} ms`);
  });
});
