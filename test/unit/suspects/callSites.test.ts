import { strict as assert } from 'node:assert';
import { callTimings, crashTimings } from '../../../src/core/suspects/callSites';

const named = (line: string, m: Map<number, string> | null) =>
  Object.fromEntries([...(m ?? [])].map(([at, t]) => [/[\w$]+/.exec(line.slice(at))?.[0], t]));

describe('callSites: what ran on a stack line', () => {
  it("a caller's line: the stack call's arguments ran and returned; what wraps it or follows never ran", () => {
    const py = 'for line in report([prepare(find(i)) for i in ids]):';
    assert.deepEqual(named(py, callTimings(py, 'report')), { prepare: 'argument', find: 'argument' });
    const js = 'return render(quote(order), fmt(x)) + tail(y) + head()';
    assert.deepEqual(named(js, callTimings(js, 'quote')), {
      render: 'notRun',
      fmt: 'notRun',
      tail: 'notRun',
      head: 'notRun',
    });
    const before = 'x = a() + b(c())';
    assert.deepEqual(named(before, callTimings(before, 'b')), { a: 'before', c: 'argument' });
    assert.equal(callTimings('x = new Thing()', 'constructor'), null);
  });
  it('the crashing line: a call waiting for the failing value never ran; a failed call evaluated its arguments', () => {
    const read = '  return fmt(customer.loyalty.rate) + tail(x)';
    assert.deepEqual(named(read, crashTimings(read, ['rate'])), { fmt: 'notRun', tail: 'notRun' });
    const key = '  total = price(x) + customer["tier"]';
    assert.deepEqual(named(key, crashTimings(key, ['tier'])), { price: 'before' });
    const notFn = '  return wrap(rule.test(value(x)))';
    assert.deepEqual(named(notFn, crashTimings(notFn, ['test'])), { wrap: 'notRun', value: 'before' });
    assert.equal(crashTimings('  return a(b)', ['missing']), null);
  });
});
