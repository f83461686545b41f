import { strict as assert } from 'node:assert';
import { rankSuspects } from '../../../src/core/suspects/suspectRanker';
import type { CommitFacts, Evidence } from '../../../src/core/suspects/evidence.types';

function facts(sha: string, over: Partial<CommitFacts> = {}): CommitFacts {
  return {
    sha,
    author: `A ${sha}`,
    authorMail: `${sha}@x.test`,
    date: '2026-10-01T00:00:00.000Z',
    summary: `commit ${sha}`,
    filesChanged: 1,
    linesAdded: 2,
    linesRemoved: 1,
    cosmetic: false,
    ...over,
  };
}

function ev(sha: string, kind: Evidence['kind'], frameDepth: number, over: Partial<Evidence> = {}): Evidence {
  return {
    sha,
    kind,
    frameDepth,
    file: 'src/a.js',
    frameLine: 10,
    function: 'fn',
    distance: kind === 'line' ? 0 : 5,
    lines: 1,
    ...over,
  };
}

const commits = new Map(['a', 'b', 'c', 'd', 'e'].map((s) => [s, facts(s)]));

describe('rankSuspects', () => {
  it('puts the crashing line above a caller line, the function and the file', () => {
    const out = rankSuspects(
      [ev('b', 'line', 1), ev('c', 'function', 0), ev('a', 'line', 0), ev('d', 'file', 0)],
      commits,
      { mode: 'range', rangeLabel: 'v1..v2 (4 commits)' },
    );
    assert.deepEqual(
      out.map((s) => s.sha),
      ['a', 'b', 'c', 'd'],
    );
    assert.match(out[0].reasons[0], /changed line 10 of src\/a\.js \(fn\), the crashing frame/);
    assert.ok(out[0].reasons.includes('in the deploy range v1..v2 (4 commits)'));
    assert.ok(out.every((s) => s.score > 0 && s.score <= 1));
  });
  it('keeps every link past the first three behind one line, counting each distinct link once', () => {
    const lines = [10, 11, 12, 13, 14].map((frameLine, i) => ev('a', 'line', i, { frameLine }));
    // The same link twice says nothing more: it is neither shown again nor counted.
    const [s] = rankSuspects([...lines, ev('a', 'line', 4, { frameLine: 14 })], commits, {
      mode: 'range',
      rangeLabel: null,
    });
    assert.equal(s.reasons.length, 5, s.reasons.join('; '));
    assert.equal(s.reasons[3], 'and 2 more links to the stack');
    assert.equal(s.moreLinks?.length, 2);
    assert.match(s.moreLinks![0], /line 13 of src\/a\.js/);
    assert.match(s.moreLinks![1], /line 14 of src\/a\.js/);
    assert.ok(!s.reasons.slice(0, 3).some((r) => s.moreLinks!.includes(r)), 'no link both shown and held back');
    const [few] = rankSuspects(lines.slice(0, 3), commits, { mode: 'range', rangeLabel: null });
    assert.equal(few.moreLinks, undefined);
    assert.ok(!few.reasons.some((r) => /more link/.test(r)));
  });
  it('discounts whitespace-only commits and sweeping ones', () => {
    // The same change to the crashing line in a focused, a sweeping and a whitespace-only commit.
    const c = new Map(commits);
    c.set('a', facts('a', { cosmetic: true }));
    c.set('b', facts('b', { filesChanged: 40, linesAdded: 3000 }));
    const out = rankSuspects([ev('a', 'line', 0), ev('b', 'line', 0), ev('c', 'line', 0)], c, {
      mode: 'range',
      rangeLabel: null,
    });
    assert.deepEqual(
      out.map((s) => s.sha),
      ['c', 'b', 'a'],
    );
    assert.ok(out[2].reasons.some((r) => /whitespace/.test(r)));
  });
  it("keeps a real change outside the stack at full weight when the commit only reformatted the stack's files", () => {
    const c = new Map(commits);
    // A chore commit: comments in the stack files, and a removed fallback in a helper that ran.
    c.set('a', facts('a', { cosmetic: true, filesChanged: 3 }));
    const helper = { file: 'src/intake.js', callee: 'checkIn', calleeKind: 'call' as const, changedLine: 4 };
    const out = rankSuspects([ev('a', 'callee', 2, { ...helper, offStack: true }), ev('b', 'file', 0)], c, {
      mode: 'range',
      rangeLabel: null,
    });
    assert.equal(out[0].sha, 'a');
    assert.ok(!out[0].reasons.some((r) => /whitespace/.test(r)), out[0].reasons.join('; '));
    const inStack = rankSuspects([ev('a', 'callee', 2, helper), ev('b', 'file', 0)], c, {
      mode: 'range',
      rangeLabel: null,
    });
    assert.ok(inStack[0].sha !== 'a' || inStack[0].score < out[0].score);
  });
  it('ranks a change below where a frame stopped (not yet run) under one above it, and says so', () => {
    const out = rankSuspects(
      [ev('a', 'later', 0, { distance: 1, changedLine: 11 }), ev('b', 'near', 2, { distance: 1 })],
      commits,
      { mode: 'range', rangeLabel: null },
    );
    assert.deepEqual(
      out.map((s) => s.sha),
      ['b', 'a'],
    );
    assert.match(out[1].reasons[0], /below line 10 where the crashing frame stopped: code that had not run yet/);
  });
  it('lowers confidence without a deploy range and says why', () => {
    const inRange = rankSuspects([ev('a', 'line', 0)], commits, { mode: 'range', rangeLabel: null })[0];
    const atHead = rankSuspects([ev('a', 'line', 0)], commits, { mode: 'head', rangeLabel: null })[0];
    assert.ok(atHead.score < inRange.score);
    assert.ok(atHead.reasons.some((r) => /blamed at HEAD/.test(r)));
  });
  it('gives author, date and summary from the facts, and respects the limit', () => {
    const out = rankSuspects(
      ['a', 'b', 'c'].map((s) => ev(s, 'file', 0)),
      commits,
      { mode: 'range', rangeLabel: null, limit: 2 },
    );
    assert.equal(out.length, 2);
    assert.equal(out[0].author, `A ${out[0].sha} <${out[0].sha}@x.test>`);
    assert.equal(out[0].summary, `commit ${out[0].sha}`);
  });
  it('ranks nothing from no evidence', () => {
    assert.deepEqual(rankSuspects([], commits, { mode: 'range', rangeLabel: null }), []);
  });
  it('weighs the flow to the crash over unrelated changes nearer the top, and says why', () => {
    const out = rankSuspects(
      [
        ev('a', 'flow', 2, { distance: 1, changedLine: 9 }),
        ev('b', 'near', 0, { distance: 1, offFlow: true }),
        ev('c', 'around', 1, { distance: 0 }),
      ],
      commits,
      { mode: 'range', rangeLabel: null },
    );
    assert.deepEqual(
      out.map((s) => s.sha),
      ['a', 'b', 'c'],
    );
    assert.match(
      out[0].reasons[0],
      /changed line 9 of src\/a\.js \(fn\), which computes a value that reaches the crash through line 10, 2 calls up the stack/,
    );
    assert.match(out[2].reasons[0], /around the call but not its arguments/);
  });
  it('puts the rewrite that wrote the key above the later rewrite that carried it', () => {
    const out = rankSuspects(
      [
        ev('a', 'line', 0, { carried: true }),
        ev('b', 'line', 0, { superseded: true, keys: ['shipping'] }),
        ev('c', 'line', 0, { superseded: true }),
      ],
      commits,
      { mode: 'range', rangeLabel: null },
    );
    // Which of the other two comes next is the fitted weights' call (evidenceWeights.json).
    assert.equal(out[0].sha, 'b');
    assert.match(out[0].reasons[0], /writing 'shipping' that the error names \(a later commit rewrote it again\)/);
  });
});
