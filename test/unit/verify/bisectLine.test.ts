import { strict as assert } from 'node:assert';
import { bisectLine, maxBisectTests } from '../../../src/core/verify/bisectLine';
import type { StepResult } from '../../../src/core/verify/verify.types';

/** A line c0..c{n-1} whose commits from `bug` on are bad. */
function line(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `c${i}`);
}

describe('bisectLine', () => {
  it('finds every first-bad position of every line up to 130 commits in at most ⌈log2 N⌉ tests', async () => {
    for (let n = 1; n <= 130; n++) {
      for (let bug = 0; bug < n; bug++) {
        let tests = 0;
        const out = await bisectLine(line(n), async (sha) => {
          tests++;
          return Number(sha.slice(1)) >= bug ? 'bad' : 'good';
        });
        assert.equal(out.firstBad, `c${bug}`, `n=${n} bug=${bug}`);
        assert.equal(out.lastGood, bug === 0 ? null : `c${bug - 1}`);
        assert.ok(tests <= maxBisectTests(n), `n=${n} bug=${bug}: ${tests} tests`);
      }
    }
  });

  it('steps around skipped commits and still names the first bad one when a neighbour decides', async () => {
    const results: Record<string, StepResult> = { c0: 'good', c1: 'skip', c2: 'good', c3: 'bad', c4: 'bad' };
    const out = await bisectLine(['c0', 'c1', 'c2', 'c3', 'c4', 'c5'], async (sha) => results[sha] ?? 'bad');
    assert.equal(out.firstBad, 'c3');
  });

  it('leaves the candidates when skips hide the boundary (as git bisect does)', async () => {
    const results: Record<string, StepResult> = { c0: 'good', c1: 'skip', c2: 'skip' };
    const out = await bisectLine(['c0', 'c1', 'c2', 'c3'], async (sha) => results[sha] ?? 'bad');
    assert.equal(out.firstBad, null);
    assert.deepEqual(out.candidates, ['c1', 'c2', 'c3']);
  });
});
