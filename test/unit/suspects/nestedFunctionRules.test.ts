// A function declared inside a frame's function (a closure, a nested def) runs only when called:
// a change there is the callee's, not "the outer frame's own code far from its line". Pure parts on
// inputs; the ranking on real repositories, crashed for real by the runtime.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { failingNames, isNullishError } from '../../../src/core/suspects/errorTokens';
import { inBodies, nestedBodies } from '../../../src/core/suspects/functionExtent';
import { ALICE, BOB, CAROL, cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';
import { edit, rankRange, type FrameSpec } from '../../helpers/rankingRepo';

const COMPILER = `'use strict';
module.exports = function compile(schema, shared) {
  function lookup(ref) {
    const at = ref.indexOf('#');
    const doc = at > 0 && shared ? shared[ref.slice(0, at)] : schema;
    let node = doc;
    for (const key of ref.slice(at + 2).split('/')) node = node && node[key];
    return node;
  }

  function build(node) {
    if (node.kind) {
      return { kind: node.kind };
    }
    if (node.ref) {
      return build(lookup(node.ref));
    }
    return { kind: 'any' };
  }

  return build(schema);
};
`;

const MAIN = `const compile = require('./compile');
const out = compile({ ref: 'common#/defs/name' }, { common: { defs: { name: { kind: 'string' } } } });
console.log(out.kind);
`;

/** The crash's message, from the runtime itself. */
function crash(repo: TempRepo): string {
  const r = spawnSync(process.execPath, [path.join(repo.dir, 'main.js')], { encoding: 'utf8' });
  assert.notEqual(r.status, 0, 'the program must crash at v2');
  const line = r.stderr.split('\n').find((l) => /^\w*Error: /.test(l));
  assert.ok(line, r.stderr);
  return line;
}

describe('nested functions: pure parts', () => {
  it('finds the bodies of functions declared inside an extent, not blocks, not the one holding the line', () => {
    const lines = COMPILER.split('\n');
    const bodies = nestedBodies(lines, 2, 22, 21);
    assert.deepEqual(bodies, [
      [3, 9],
      [11, 19],
    ]);
    assert.ok(inBodies(bodies, 5) && !inBodies(bodies, 10) && !inBodies(bodies, 21));
    // Seen from the line inside build: build holds it, lookup is still a body of its own.
    assert.deepEqual(nestedBodies(lines, 2, 22, 13), [[3, 9]]);
    const py = [
      'def outer(rows):',
      '    def key(r):',
      '        return r["id"]',
      '',
      '    for r in rows:',
      '        x = 1',
    ];
    assert.deepEqual(nestedBodies(py, 1, 6, 6), [[2, 3]]);
    assert.deepEqual(nestedBodies(['function f(a) {', '  if (a) {', '    g(a);', '  }', '}'], 1, 5, 3), []);
  });
});

describe('nested functions on real repositories', function () {
  this.timeout(30_000);
  after(cleanupTempDirs);

  it('names the change inside a nested helper over a version bump and merges that touched nothing', async () => {
    const repo = createTempRepo();
    repo.write('compile.js', COMPILER);
    repo.write('main.js', MAIN);
    repo.write('package.json', '{ "name": "compile", "version": "1.0.0" }\n');
    repo.commit('initial');
    repo.tag('v1');
    repo.write('README.md', '# compile\n\nBenchmarks: 2x faster than before.\n');
    repo.commit('Add a benchmark note', { author: BOB });
    // The bug: the pointer after '#' loses its leading slash no more, so its first key is ''.
    edit(repo, 'compile.js', 'ref.slice(at + 2)', 'ref.slice(at + 1)');
    repo.commit('Accept references without a slash', { author: ALICE });
    edit(repo, 'package.json', '1.0.0', '1.0.1');
    repo.commit('1.0.1', { author: CAROL });
    repo.tag('v2');
    const message = crash(repo);
    const frames: FrameSpec = [
      ['compile.js', 'if (node.kind) {', 'build'],
      ['compile.js', 'return build(lookup(node.ref));', 'build'],
      ['compile.js', 'return build(schema);', 'compile'],
    ];
    const value = message.slice(message.indexOf(':') + 1).trim();
    const { suspects, why } = await rankRange(repo, frames, {
      failing: failingNames(value, 'if (node.kind) {'),
      nullish: isNullishError(message),
      message,
    });
    assert.equal(suspects[0]?.summary, 'Accept references without a slash', why);
    assert.match(suspects[0].reasons[0], /lookup\(\)/, why);
  });
});
