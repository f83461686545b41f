import assert from 'node:assert/strict';
import { newlineCount, shiftLine } from '../../../src/extension/editor/lineShift';

describe('decorated lines follow edits', () => {
  it('moves lines below an insertion down and leaves lines above alone', () => {
    const insertTwo = { startLine: 3, endLine: 3, insertedNewlines: 2 };
    assert.equal(shiftLine(1, insertTwo), 1);
    assert.equal(shiftLine(3, insertTwo), 3);
    assert.equal(shiftLine(10, insertTwo), 12);
  });

  it('moves lines up after a deletion and drops the lines it removed', () => {
    const deleteThree = { startLine: 4, endLine: 7, insertedNewlines: 0 };
    assert.equal(shiftLine(9, deleteThree), 6);
    assert.equal(shiftLine(5, deleteThree), null);
    assert.equal(shiftLine(4, deleteThree), 4);
  });

  it('keeps a line inside a replacement that still spans it', () => {
    assert.equal(shiftLine(5, { startLine: 4, endLine: 6, insertedNewlines: 2 }), 5);
    assert.equal(shiftLine(6, { startLine: 4, endLine: 6, insertedNewlines: 1 }), null);
  });

  it('counts newlines', () => {
    assert.equal(newlineCount(''), 0);
    assert.equal(newlineCount('a\nb\r\nc\n'), 3);
  });
});
