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
