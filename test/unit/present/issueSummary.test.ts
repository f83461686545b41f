import assert from 'node:assert/strict';
import {
  authorName,
  clipAtWord,
  inlineText,
  probabilityText,
  suspectDescription,
  suspectRow,
  frameShortLocation,
  frameLocation,
  issueDescription,
  releaseLabel,
} from '../../../src/core/present/issueSummary';
import { relativeTime } from '../../../src/core/present/relativeTime';
import type { ErrorSample } from '../../../src/core/model/group.types';
import type { TriagedIssue } from '../../../src/core/model/triage.types';

const sample: ErrorSample = {
  group: {
    id: '1',
    title: "TypeError: Cannot read properties of undefined (reading 'rate')",
    count: 12,
    userCount: 3,
    firstSeen: '2026-11-20T10:00:00Z',
    lastSeen: '2026-11-24T09:55:00Z',
    release: 'orders-api@2.3.1',
    firstRelease: 'orders-api@2.3.0',
    environment: 'production',
    status: 'unresolved',
    url: null,
    source: 'sentry',
  },
  event: {
    eventId: null,
    timestamp: null,
    platform: 'node',
    message: null,
    release: null,
    environment: null,
    commit: null,
    exceptions: [{ type: 'TypeError', value: "Cannot read properties of undefined (reading 'rate')", frames: [] }],
    request: null,
    breadcrumbs: [],
    tags: {},
    user: null,
    contexts: {},
  },
  deploy: { to: null, from: null },
};
const issue = {
  suspects: [
    {
      sha: '9f1c2ab7e0000000000000000000000000000000',
      author: 'Ada Lovelace <ada@example.com>',
      date: '2026-11-19T09:00:00Z',
      summary: 'x',
      score: 0.8,
      reasons: [],
    },
  ],
} as unknown as TriagedIssue;

describe('issue summaries', () => {
  it('describes an issue for the tree', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    assert.equal(issueDescription(sample, issue, now), '×12 · 5 min ago · 2.3.1 · 9f1c2ab Ada Lovelace');
  });

  it('reads names, releases and times defensively', () => {
    assert.equal(authorName('Ada Lovelace <ada@example.com>'), 'Ada Lovelace');
    assert.equal(releaseLabel('0123456789abcdef0123456789abcdef01234567'), '0123456');
    assert.equal(releaseLabel(null), null);
    assert.equal(relativeTime('not a date'), null);
    assert.equal(
      frameLocation({
        file: null,
        line: 3,
        column: null,
        localLine: null,
        function: null,
        inApp: true,
        raw: 'x',
        candidates: ['a/x.js', 'b/x.js'],
      }),
      '2 candidates',
    );
  });
});

describe('inline text and shared formats', () => {
  it('cuts at a word with an ellipsis, never mid-word', () => {
    assert.equal(clipAtWord('Cannot read properties of undefined', 20), 'Cannot read…');
    assert.equal(clipAtWord('short', 20), 'short');
    assert.equal(
      clipAtWord("TypeError: Cannot read properties of undefined (reading 'discountRate')", 61),
      'TypeError: Cannot read properties of undefined…',
      'no parenthesis left open',
    );
    assert.equal(clipAtWord('a  b\n c', 20), 'a b c');
    for (let max = 8; max < 60; max++) {
      const out = clipAtWord("TypeError: Cannot read properties of undefined (reading 'discountRate')", max);
      assert.ok(out.length <= max, `${out} is longer than ${max}`);
      if (out.endsWith('…')) assert.match(out, /(^|\S)…$/);
    }
  });

  it('puts the message itself on the crashing line and the frame number on callers', () => {
    assert.equal(
      inlineText(sample, issue, { crashing: true, frameNumber: 1 }, { maxLength: 200 }),
      "TypeError: Cannot read properties of undefined (reading 'rate') · ×12 since 2.3.0 · 9f1c2ab",
    );
    // Too long for both: the SHA goes first, then the count, before the message is cut at a word.
    assert.equal(
      inlineText(sample, issue, { crashing: true, frameNumber: 1 }, { maxLength: 81 }),
      "TypeError: Cannot read properties of undefined (reading 'rate') · ×12 since 2.3.0",
    );
    assert.equal(
      inlineText(sample, issue, { crashing: true, frameNumber: 1 }, { maxLength: 66 }),
      "TypeError: Cannot read properties of undefined (reading 'rate')",
    );
    for (let max = 20; max < 100; max++) {
      const cut = inlineText(sample, issue, { crashing: true, frameNumber: 1 }, { maxLength: max });
      assert.ok(cut.length <= max, `${cut} is longer than ${max}`);
      assert.match(cut, /^TypeError: Cannot/);
      if (cut.endsWith('…')) assert.match(cut, /[^\s]…$/);
    }
    assert.equal(
      inlineText(sample, null, { crashing: false, frameNumber: 2 }, { maxLength: 40 }),
      'frame 2 of TypeError: Cannot read…',
    );
  });

  it('has one probability format', () => {
    assert.equal(probabilityText({ score: 0.8 }), '80%');
    assert.equal(probabilityText({ score: 0.8, probability: 0.904 }), '90%');
    assert.equal(probabilityText({ score: 0.001 }), '<1%');
    // A calibrated figure is never certain: 0.998 is not "100%", 0.002 not "0%".
    assert.equal(probabilityText({ score: 0.9, probability: 0.998 }), '>99%');
    assert.equal(probabilityText({ score: 0.9, probability: 1 }), '>99%');
    assert.equal(probabilityText({ score: 0.9, probability: 0.994 }), '99%');
    assert.equal(probabilityText({ score: 0.9, probability: 0.002 }), '<1%');
    assert.equal(probabilityText({ score: 0, probability: 0 }), '<1%');
    assert.equal(probabilityText({ score: 0.9, probability: 0.005 }), '1%');
    assert.equal(
      suspectDescription(issue.suspects[0], Date.parse('2026-11-22T09:00:00Z')),
      '9f1c2ab · Ada Lovelace · 3 d ago · 80%',
    );
  });
});

describe('tree rows', () => {
  it('leads a suspect row with its probability and summary cut at a word; SHA, author and age beside it', () => {
    const s = { ...issue.suspects[0], summary: 'Use loyalty programme rates for discounts', probability: 0.998 };
    const row = suspectRow(s, false, Date.parse('2026-11-22T09:00:00Z'));
    assert.equal(row.label, '>99% Use loyalty programme…');
    assert.equal(row.description, '9f1c2ab · Ada Lovelace · 3 d ago');
    const confirmed = suspectRow(s, true, Date.parse('2026-11-22T09:00:00Z'));
    assert.equal(confirmed.label, 'Use loyalty programme…');
    assert.match(confirmed.description, /^confirmed · 9f1c2ab · /);
  });

  it('shows a frame as file:line first, its folder last', () => {
    const f = {
      file: 'src/services/pricing.js',
      line: 9,
      localLine: 15,
      column: 33,
      function: 'applyDiscount',
      inApp: true,
      raw: 'at applyDiscount (/app/src/services/pricing.js:9:33)',
    };
    assert.equal(frameShortLocation(f), 'pricing.js:15 · src/services');
    assert.equal(frameShortLocation(f, 'changed after deploy'), 'pricing.js:15 · changed after deploy · src/services');
    assert.equal(frameShortLocation({ ...f, file: 'server.js', localLine: null, line: 23 }), 'server.js:23');
  });
});
