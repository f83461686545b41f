import * as assert from 'node:assert/strict';
import { lineMentions, reasonInTodaysLines, suspectsInTodaysLines } from '../../../src/core/triage/reasonLines';

const frames = [
  {
    depth: 0,
    path: 'src/services/pricing.js',
    line: 9,
    function: 'applyDiscount',
    today: { path: 'src/services/pricing.js', line: 15 },
  },
  { depth: 1, path: 'src/services/pricing.js', line: 19, function: 'quote' },
  { depth: 2, path: 'src/routes/orders.js', line: 17, function: 'handleCreateOrder' },
];
// Six lines were added above pricing.js's functions after the deploy; orders.js is as deployed.
const today = (path: string, line: number) => (path === 'src/services/pricing.js' ? line + 6 : line);

describe("reasons in today's lines", () => {
  it('finds the file of each line: after "of", by function, by frame depth, or the nearest file before it', () => {
    const at = (r: string) => lineMentions(r, frames).map((m) => `${m.path}:${m.line}`);
    assert.deepEqual(at('changed line 9 of src/services/pricing.js (applyDiscount), the crashing frame'), [
      'src/services/pricing.js:9',
    ]);
    assert.deepEqual(at("changed 'x' in src/services/customers.js (line 3), which line 9 of applyDiscount reads"), [
      'src/services/customers.js:3',
      'src/services/pricing.js:9',
    ]);
    assert.deepEqual(at('changed line 16 of src/routes/orders.js (h), 1 line from line 17 of 2 calls up the stack'), [
      'src/routes/orders.js:16',
      'src/routes/orders.js:17',
    ]);
    assert.deepEqual(at('changed line 20 of src/services/pricing.js (quote), below line 19 where its caller stopped'), [
      'src/services/pricing.js:20',
      'src/services/pricing.js:19',
    ]);
    assert.deepEqual(at('shipped in the deploy but touched none of the stack; 2 files changed'), []);
    assert.deepEqual(at('in the deploy range v1.4.0..v1.5.0 (7 commits), line 4'), [], 'a version is not a file');
  });

  it('says "line 15 (deployed: 9)" where the two differ and leaves equal lines alone', () => {
    assert.equal(
      reasonInTodaysLines(
        'changed line 9 of src/services/pricing.js (applyDiscount), the crashing frame',
        frames,
        today,
      ),
      'changed line 15 (deployed: 9) of src/services/pricing.js (applyDiscount), the crashing frame',
    );
    assert.equal(
      reasonInTodaysLines(
        'changed line 16 of src/routes/orders.js, 1 line from line 17 of 2 calls up the stack',
        frames,
        today,
      ),
      'changed line 16 of src/routes/orders.js, 1 line from line 17 of 2 calls up the stack',
    );
    assert.equal(
      reasonInTodaysLines('changed f() in src/services/pricing.js (line 3)', frames, today),
      'changed f() in src/services/pricing.js (line 9; deployed: 3)',
    );
    assert.equal(
      reasonInTodaysLines('changed line 9 of src/services/pricing.js', frames, () => null),
      'changed line 9 (deployed; deleted since) of src/services/pricing.js',
    );
    assert.equal(
      reasonInTodaysLines('changed line 9 of src/x.js', frames, () => undefined),
      'changed line 9 of src/x.js',
    );
  });

  it("follows only the lines no frame followed, in one call, and keeps the frames' own", async () => {
    const calls: Array<Map<string, number[]>> = [];
    const suspect = {
      sha: 'a'.repeat(40),
      author: 'A <a@x>',
      date: '2026-10-14T00:00:00Z',
      summary: 's',
      score: 1,
      reasons: [
        'changed line 9 of src/services/pricing.js (applyDiscount), the crashing frame',
        'changed line 10 of src/services/pricing.js (applyDiscount), below line 9 where the crashing frame stopped',
        'and 1 more link to the stack',
      ],
      // The links behind "and 1 more link" read in today's lines too, from the same one call.
      moreLinks: ['changed line 11 of src/services/pricing.js (applyDiscount), below line 9'],
    };
    const [out] = await suspectsInTodaysLines([suspect], frames, async (lines) => {
      calls.push(lines);
      return new Map([...lines].map(([p, ls]) => [p, new Map(ls.map((l) => [l, { line: today(p, l) }]))]));
    });
    assert.equal(calls.length, 1);
    assert.deepEqual([...calls[0]], [['src/services/pricing.js', [10, 11]]]);
    assert.deepEqual(out.reasons, [
      'changed line 15 (deployed: 9) of src/services/pricing.js (applyDiscount), the crashing frame',
      'changed line 16 (deployed: 10) of src/services/pricing.js (applyDiscount), below line 15 (deployed: 9) where the crashing frame stopped',
      'and 1 more link to the stack',
    ]);
    assert.deepEqual(out.moreLinks, [
      'changed line 17 (deployed: 11) of src/services/pricing.js (applyDiscount), below line 15 (deployed: 9)',
    ]);
  });
});
