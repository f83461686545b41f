import { strict as assert } from 'node:assert';
import { namesUsed } from '../../../src/core/suspects/namesUsed';
import type { FrameText } from '../../../src/core/suspects/suspectPort.types';

const frame = (text: string[], line: number): FrameText => ({
  depth: 0,
  path: 'x',
  line,
  function: 'handle',
  start: 1,
  text,
});
const calls = (f: FrameText) =>
  namesUsed([f])
    .filter((u) => u.kind === 'call')
    .map((u) => u.name)
    .sort();

describe('namesUsed: which calls a frame made', () => {
  it('never takes a language keyword before a parenthesis for a callee', () => {
    const go = ['func (s *Server) handle(w http.ResponseWriter) {', '  if (ready) {', '    total := priceOf(w)'];
    assert.deepEqual(calls(frame(go, 3)), ['priceOf']);
    const php = ['foreach ($rows as $row) {', '  elseif (check($row)) {', '  $x = lookupRate($row);'];
    assert.deepEqual(calls(frame(php, 3)), ['check', 'lookupRate']);
    const ruby = ['unless (ok)', '  elsif (fresh?)', '  rate = tariff(user)'];
    assert.deepEqual(calls(frame(ruby, 3)), ['tariff']);
  });
  it('keeps a method named like a keyword when it is called on a receiver', () => {
    const ruby = ['def show', '  scope = Policy.for(user)', '  scope.rate'];
    assert.deepEqual(calls(frame(ruby, 3)), ['for']);
  });
});
