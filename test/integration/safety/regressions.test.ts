/** Regression tests for the core fixes this reliability work made (one per fix, smallest input that showed it). */
import assert from 'node:assert/strict';
import { detectAndParse, MAX_JSON_DOCUMENT_CHARS } from '../../../src/core/providers/file/eventFileParser';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { runTriage } from '../../../src/core/triage/runTriage';
import { rejection } from '../../helpers/rejection';
import { makeTempDir, cleanupTempDirs } from '../../helpers/gitRepo';
import { readFixture } from '../../helpers/fixturesDir';

const STACK = readFixture('stacks', 'node-typeerror.txt');

describe('regressions from the reliability work', () => {
  after(() => cleanupTempDirs());

  it('a log over 32 MB is searched for its stack (it was refused as invalid-input)', () => {
    const text = 'INFO noise line\n'.repeat(Math.ceil((MAX_JSON_DOCUMENT_CHARS + 1) / 16)) + STACK;
    const [event] = detectAndParse(text, 'big.log');
    assert.equal(event.exceptions[0].type, 'TypeError');
  });

  it('JSON lines over 32 MB are read line by line, never parsed as one document', () => {
    const line = `${JSON.stringify({ level: 'info', msg: 'x'.repeat(1000) })}\n`;
    const text =
      line.repeat(Math.ceil((MAX_JSON_DOCUMENT_CHARS + 1) / line.length)) +
      `${JSON.stringify({ level: 'error', stack: STACK })}\n`;
    const [event] = detectAndParse(text, 'big.ndjson');
    assert.equal(event.exceptions[0].type, 'TypeError');
  });

  it('runTriage honours an aborted signal even when the source ignores it (it returned a full report)', async () => {
    const ws = await openTriageWorkspace({ dir: makeTempDir('culprit-abort-'), trusted: false });
    const ac = new AbortController();
    ac.abort();
    const e = await rejection(
      runTriage(createFileSource(STACK), ws, { limit: 1, suspectLimit: 1, blameFrames: 1, signal: ac.signal }),
    );
    assert.equal(e.reason, 'cancelled');
    assert.equal(e.message, 'The triage was cancelled.');
  });
});
