/**
 * The structural verdict on real node runs: the same type from the same crash frame is bad, even
 * when the production event (Sentry) names the anonymous crash function `?` and node prints none,
 * or a runtime builtin is the top frame; a missing installed dependency is named as such.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { judgeRun, shortFunction, type CrashSignature, type Judgement } from '../../../src/core/verify/crashSignature';

const dirs: string[] = [];

/** Writes `files` into a new folder, runs `node <entry>` there and judges the run against each signature. */
function judgeNode(files: Record<string, string>, entry: string, ...sigs: CrashSignature[]): Judgement[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'culprit-judge-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const r = spawnSync(process.execPath, [entry], { cwd: dir, encoding: 'utf8' });
  assert.notEqual(r.status, 0, 'the run crashed');
  const run = { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: false, cancelled: false, ms: 1 };
  return sigs.map((sig) => judgeRun(sig, run, dir, null));
}

const EVALUATOR = `'use strict';
const rules = [{ op: 'EQ' }];
const OPS = { eq: (a, b) => a === b };
module.exports = (ctx) => rules.every((r) => OPS[r.op](ctx, 1));
`;
const evaluator = (...sigs: CrashSignature[]) =>
  judgeNode({ 'evaluator.js': EVALUATOR, 'main.js': "require('./evaluator')(1);\n" }, 'main.js', ...sigs);
const CART = { type: 'TypeError', file: 'src/cart.js', function: 'rateOf' };

describe('judgeRun on real node crashes', () => {
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("is bad against Sentry's '?' and 'Object.?' names for an anonymous crash function", () => {
    const fns = ['?', 'Object.?', '<anonymous>', null];
    const judged = evaluator(...fns.map((fn) => ({ type: 'TypeError', file: 'evaluator.js', function: fn })));
    for (const [i, j] of judged.entries()) {
      assert.equal(j.result, 'bad', `${fns[i]}: ${j.note}`);
      assert.equal(j.note, 'TypeError at evaluator.js:4');
    }
  });

  it('is good (a different failure) for another named function or another type', () => {
    const [named, other] = evaluator(
      { type: 'TypeError', file: 'evaluator.js', function: 'applyRule' },
      { type: 'RangeError', file: 'evaluator.js', function: '?' },
    );
    assert.equal(named.result, 'good');
    assert.equal(named.note, 'a different failure: TypeError at evaluator.js:4');
    assert.equal(other.result, 'good');
  });

  it('keeps real names: Object.applyDiscount and async quote', () => {
    assert.equal(shortFunction('Object.applyDiscount'), 'applyDiscount');
    assert.equal(shortFunction('async quote'), 'quote');
    assert.equal(shortFunction('Object.?'), null);
  });

  it('looks past `BigInt (<anonymous>)` to the in-app frame of an ES module', () => {
    const source =
      "export function statementLine(c) {\n  return BigInt(c.balance);\n}\nstatementLine({ balance: '12.50' });\n";
    const [j] = judgeNode({ 'statements.mjs': source }, 'statements.mjs', {
      type: 'SyntaxError',
      file: 'statements.mjs',
      function: 'statementLine',
    });
    assert.equal(j.result, 'bad', j.note);
    assert.equal(j.note, 'SyntaxError at statements.mjs:2');
  });

  it('says a setup command is missing when a bare package is not installed in the worktree', () => {
    const [j] = judgeNode({ 'main.js': "require('left-pad-not-installed-here');\n" }, 'main.js', CART);
    assert.equal(j.result, 'good');
    assert.equal(j.note, 'a different failure: Error at main.js:1; a dependency is missing here: give a setup command');
  });

  it('does not blame dependencies for a relative module missing at that revision', () => {
    const [j] = judgeNode({ 'main.js': "require('./src/not-written-yet');\n" }, 'main.js', CART);
    assert.equal(j.result, 'good');
    assert.doesNotMatch(j.note, /dependency/);
  });
});
