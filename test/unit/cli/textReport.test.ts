import { strict as assert } from 'assert';
import { formatTextReport } from '../../../src/cli/textReport';
import type { TriagedFrame, TriagedIssue } from '../../../src/core/model/triage.types';

const frame = (over: Partial<TriagedFrame>): TriagedFrame => ({
  file: 'src/cart.js',
  line: 3,
  column: 5,
  localLine: 4,
  function: 'total',
  inApp: true,
  raw: 'at total (/app/src/cart.js:3:5)',
  changedSince: null,
  ...over,
});

const issue = (frames: TriagedFrame[]): TriagedIssue => ({
  id: '1',
  title: 'TypeError: x',
  count: null,
  firstSeen: null,
  lastSeen: null,
  release: null,
  url: null,
  deploy: { from: null, to: null, source: 'none' },
  frames,
  suspects: [],
});

describe('CLI text report: frames changed after the deploy', () => {
  it('names the commit or the uncommitted edit that changed the line, and nothing for an unchanged one', () => {
    const sha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    const text = formatTextReport({
      issues: [
        issue([
          frame({
            changedSince: { sha, summary: 'Guard the optional field', author: 'A <a@x>', date: '2026-01-01T00:00:00Z' },
          }),
          frame({ function: 'edited', changedSince: { uncommitted: true } }),
          frame({ function: 'same', localLine: 3 }),
        ]),
      ],
      errors: [],
    });
    assert.match(
      text,
      /total {2}src\/cart\.js:3:5 {2}→ now line 4\n {6}changed after deploy by a1b2c3d Guard the optional field: a fix may already be in\n/,
    );
    assert.match(text, /edited .*\n {6}changed after deploy by uncommitted edits here: a fix may already be in\n/);
    assert.match(text, /same {2}src\/cart\.js:3:5\n/);
  });
});

describe('CLI text report: how each frame was placed', () => {
  it('says how a frame was placed unless by its reported number, and why an unplaced one has no line today', () => {
    const sha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    const text = formatTextReport({
      issues: [
        issue([
          frame({ function: 'byNumber', placedBy: 'line-number' }),
          frame({ function: 'byHistory', placedBy: 'history', placedAt: sha }),
          frame({ function: 'moved', placedBy: 'moved-function', localLine: 40 }),
          frame({ function: 'lost', placedBy: null, localLine: null, unplaced: 'its line text is in no revision' }),
        ]),
      ],
      errors: [],
    });
    assert.match(text, /byNumber {2}src\/cart\.js:3:5 {2}→ now line 4\n {4}\S/);
    assert.match(text, /byHistory .*\n {6}placed by its line text at a1b2c3d: the deployed file no longer holds it/);
    assert.match(
      text,
      /moved .*→ now line 40\n {6}placed at the reported line, then followed to where its function moved/,
    );
    assert.match(text, /lost {2}src\/cart\.js:3:5\n {6}line not placed: its line text is in no revision\n/);
  });
});

describe('CLI text report: suspects', () => {
  it('lists the links "and N more links" stands for under it', () => {
    const suspect = {
      sha: 'b'.repeat(40),
      author: 'A <a@x>',
      date: '2026-01-01T00:00:00Z',
      summary: 'Rates',
      score: 0.9,
      reasons: ['changed line 3 of src/cart.js (total), the crashing frame', 'and 1 more link to the stack'],
      moreLinks: ["its changes in src/rates.js mention 'rate' from the error"],
    };
    const text = formatTextReport({ issues: [{ ...issue([frame({})]), suspects: [suspect] }], errors: [] });
    assert.match(
      text,
      / · and 1 more link to the stack\n {13}– its changes in src\/rates\.js mention 'rate' from the error\n/,
    );
  });
});
