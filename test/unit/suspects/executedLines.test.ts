import { strict as assert } from 'node:assert';
import { guardLines, lastExecutedLine } from '../../../src/core/suspects/executedLines';

describe('lastExecutedLine (code below where a frame stopped had not run)', () => {
  it('stops at the frame line for straight-line code', () => {
    const lines = ['function f(c) {', '  const city = c.address.city;', '  return city.trim();', '}'];
    assert.equal(lastExecutedLine(lines, 2, 1, 4), 2);
  });
  it('includes the rest of a statement split over lines', () => {
    const lines = [
      'function f(c) {',
      '  const total = price(',
      '    c.items,',
      '    c.coupon);',
      '  return total;',
      '}',
    ];
    assert.equal(lastExecutedLine(lines, 2, 1, 6), 4);
  });
  it('includes the rest of an enclosing loop, which ran in earlier iterations', () => {
    const lines = [
      'def f(items):',
      '    total = 0',
      '    for item in items:',
      '        total += item["price"]',
      '        total += item["fee"]',
      '    return total',
    ];
    assert.equal(lastExecutedLine(lines, 4, 1, 6), 5);
    const js = [
      'function f(items) {',
      '  for (const item of items) {',
      '    sum(item.price);',
      '    log(item);',
      '  }',
      '  return 1;',
      '}',
    ];
    assert.equal(lastExecutedLine(js, 3, 1, 7), 5);
  });
  it('survives odd input', () => {
    assert.equal(lastExecutedLine([], 3, 1, 10), 3);
    assert.equal(lastExecutedLine(['x'], 0, 1, 1), 0);
  });
});

describe('guardLines', () => {
  it('names the conditions that routed execution to a line, nearest first, in Python, JS and Ruby', () => {
    const py = [
      'def f(cfg, row):',
      '    if cfg.strict:',
      '        x = 1',
      '    else:',
      '        raise Bad(row)',
      '    return 2',
    ];
    assert.deepEqual(guardLines(py, 5, 1), [4, 2]);
    const js = [
      'function f(o) {',
      '  if (o.a) {',
      '    return 1;',
      '  } else if (o.b) {',
      '    for (const x of o.items) {',
      '      use(x.y);',
      '    }',
      '  }',
      '}',
    ];
    assert.deepEqual(guardLines(js, 6, 1), [4, 2]);
    const rb = ['def show', '  case kind', '  when :a', '    1', '  when :b', '    user.name', '  end', 'end'];
    assert.deepEqual(guardLines(rb, 6, 1), [5, 3, 2]);
  });
  it('names none for a line no branch encloses', () => {
    assert.deepEqual(guardLines(['function g(o) {', '  if (o.ready) return 0;', '  return o.x.y;', '}'], 3, 1), []);
  });
});
