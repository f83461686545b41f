/**
 * The structural verdict on real node runs: the same type from the same crash frame is bad, even
 * when the production event (Sentry) names the anonymous crash function `?` and node prints none.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { judgeRun, shortFunction } from '../../../src/core/verify/crashSignature';
import type { CommandRun } from '../../../src/core/verify/processGroup';

const EVALUATOR = `'use strict';
const rules = [{ op: 'EQ' }];
const OPS = { eq: (a, b) => a === b };
module.exports = (ctx) => rules.every((r) => OPS[r.op](ctx, 1));
`;

describe('judgeRun on a real node crash in an anonymous function', () => {
  let dir: string;
  let run: CommandRun;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'culprit-judge-'));
    writeFileSync(path.join(dir, 'evaluator.js'), EVALUATOR);
    writeFileSync(path.join(dir, 'main.js'), "require('./evaluator')(1);\n");
    const r = spawnSync(process.execPath, ['main.js'], { cwd: dir, encoding: 'utf8' });
    run = { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: false, cancelled: false, ms: 1 };
    assert.match(run.stderr, /TypeError: OPS\[r\.op\] is not a function/);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("is bad against Sentry's '?' and 'Object.?' function names", () => {
    for (const fn of ['?', 'Object.?', '<anonymous>', null]) {
      const j = judgeRun({ type: 'TypeError', file: 'evaluator.js', function: fn }, run, dir, null);
      assert.equal(j.result, 'bad', `${fn}: ${j.note}`);
      assert.match(j.note, /^TypeError at evaluator\.js:4$/);
    }
  });

  it('is good (a different failure) for another named function or another type', () => {
    const named = judgeRun({ type: 'TypeError', file: 'evaluator.js', function: 'applyRule' }, run, dir, null);
    assert.equal(named.result, 'good');
    assert.match(named.note, /^a different failure: TypeError at evaluator\.js:4$/);
    assert.equal(judgeRun({ type: 'RangeError', file: 'evaluator.js', function: '?' }, run, dir, null).result, 'good');
  });

  it('keeps real names: Object.applyDiscount and async quote', () => {
    assert.equal(shortFunction('Object.applyDiscount'), 'applyDiscount');
    assert.equal(shortFunction('async quote'), 'quote');
    assert.equal(shortFunction('Object.?'), null);
  });
});

describe('judgeRun when a runtime builtin is the top frame', () => {
  it('looks past `BigInt (<anonymous>)` to the in-app frame of an ES module (real node)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'culprit-judge-'));
    try {
      writeFileSync(
        path.join(dir, 'statements.mjs'),
        "export function statementLine(c) {\n  return BigInt(c.balance);\n}\nstatementLine({ balance: '12.50' });\n",
      );
      const r = spawnSync(process.execPath, ['statements.mjs'], { cwd: dir, encoding: 'utf8' });
      assert.match(r.stderr, /at BigInt \(<anonymous>\)/);
      const run = { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: false, cancelled: false, ms: 1 };
      const j = judgeRun({ type: 'SyntaxError', file: 'statements.mjs', function: 'statementLine' }, run, dir, null);
      assert.equal(j.result, 'bad', j.note);
      assert.equal(j.note, 'SyntaxError at statements.mjs:2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
