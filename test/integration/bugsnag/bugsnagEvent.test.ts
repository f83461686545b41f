// The Bugsnag event decoder on hostile input: wrong types, nulls, huge strings and maps.
import assert from 'node:assert/strict';
import { decodeBugsnagEvent } from '../../../src/core/providers/bugsnag/bugsnagEvent';
import { nextLinkQuery } from '../../../src/core/providers/bugsnag/bugsnagApi';

describe('decodeBugsnagEvent on odd input', () => {
  it('never throws and keeps what is usable', () => {
    for (const v of [
      null,
      42,
      'x',
      [],
      { exceptions: 'no' },
      { exceptions: [null, 1, { stacktrace: [null, { line_number: 'x' }] }] },
      { app: [], request: 'x', breadcrumbs: {} },
    ]) {
      const e = decodeBugsnagEvent(v);
      assert.ok(Array.isArray(e.exceptions) && Array.isArray(e.breadcrumbs));
    }
    const e = decodeBugsnagEvent({
      exceptions: [
        {
          error_class: 'A',
          message: 'outer',
          stacktrace: [{ file: 'a.js', lineNumber: '7', columnNumber: 2, method: 'm', inProject: true }],
        },
        { error_class: 'B', message: 'cause', stacktrace: [] },
      ],
    });
    assert.deepEqual(
      e.exceptions.map((x) => x.type),
      ['B', 'A'],
    );
    assert.equal(e.exceptions[1].frames[0].line, 7);
    assert.equal(e.exceptions[1].frames[0].inApp, true);
  });

  it('bounds huge strings, code maps and frame lists in linear time', () => {
    const code: Record<string, string> = {};
    for (let i = 0; i < 100_000; i++) code[String(i)] = 'x';
    // One frame with a huge code map (a whole file), then far more frames than are kept.
    const frames = Array.from({ length: 20_000 }, (_, i) => ({
      file: 'a.js',
      line_number: i,
      method: 'f',
      in_project: true,
      code: i === 0 ? code : null,
    }));
    const t0 = Date.now();
    const e = decodeBugsnagEvent({
      exceptions: [{ error_class: 'E', message: 'y'.repeat(5_000_000), stacktrace: frames }],
    });
    assert.ok(Date.now() - t0 < 2000);
    assert.ok((e.exceptions[0].value ?? '').length < 10_000);
    assert.equal(e.exceptions[0].frames.length, 500);
    assert.equal(e.exceptions[0].framesOmitted, true);
  });

  it('reads only the query of a Link rel="next"', () => {
    assert.deepEqual(
      nextLinkQuery(
        '<https://api.bugsnag.com/projects/p/errors?offset=30&per_page=30&filters%5Berror.status%5D%5B%5D%5Bvalue%5D=open>; rel="next"',
      ),
      {
        offset: ['30'],
        per_page: ['30'],
        'filters[error.status][][value]': ['open'],
      },
    );
    assert.equal(nextLinkQuery('<https://api.bugsnag.com/x?offset=5>; rel="prev"'), null);
    assert.equal(nextLinkQuery(undefined), null);
  });
});
