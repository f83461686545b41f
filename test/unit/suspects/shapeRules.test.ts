// Rules on the shape of a change on a line the crash depends on: a bound or comparison moved by
// one on a line controlling an index error, arguments or parameters reordered, an `await`
// dropped, an enum constant renamed. Pure parts on inputs, the ranking on real git repositories.
import { strict as assert } from 'node:assert';
import {
  failingNames,
  keyTokens,
  lineTokens,
  messageTokens,
  missingKeys,
} from '../../../src/core/suspects/errorTokens';
import {
  controllingLines,
  enumConstants,
  isAwaitRemoved,
  isBoundChange,
  isIndexError,
  reorderedArguments,
} from '../../../src/core/suspects/shapeEvidence';
import { ALICE, BOB, CAROL, cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';
import { edit, rankRange, type FrameSpec } from '../../helpers/rankingRepo';

describe('shape rules: pure parts', () => {
  it('recognises a bound or comparison moved by one, not other edits', () => {
    assert.ok(
      isBoundChange('for (int i = 0; i < batches.size(); i++) {', 'for (int i = 0; i <= batches.size(); i++) {'),
    );
    assert.ok(isBoundChange('    for i in range(n):', '    for i in range(n + 1):'));
    assert.ok(isBoundChange('  const last = items[items.length - 1];', '  const last = items[items.length];'));
    assert.ok(isBoundChange('  if (i >= max) {', '  if (i > max) {'));
    assert.ok(isBoundChange('  const start = (page - 1) * size;', '  const start = page * size;'));
    assert.ok(isBoundChange('while (k < 4) {', 'while (k < 5) {'));
    assert.ok(!isBoundChange('for (const x of items) {', 'for (const x of rows) {'));
    assert.ok(!isBoundChange('if (i < n) {', 'if (i < n && ok) {'));
    assert.ok(!isBoundChange('while (k < 4) {', 'while (k < 40) {'));
  });

  it('counts an integer moved by one only where a bound stands', () => {
    // Bounds: an index, a slice or range argument, an offset, a comparison operand, a loop's start.
    assert.ok(isBoundChange('  const head = rows[0];', '  const head = rows[1];'));
    assert.ok(isBoundChange('    for i in range(1, n):', '    for i in range(0, n):'));
    assert.ok(isBoundChange('  return xs.slice(-2);', '  return xs.slice(-1);'));
    assert.ok(isBoundChange('  const end = start + 4;', '  const end = start + 5;'));
    assert.ok(isBoundChange('  if (5 > retries) {', '  if (4 > retries) {'));
    assert.ok(isBoundChange('for (let i = 1; i < n; i++) {', 'for (let i = 0; i < n; i++) {'));
    assert.ok(isBoundChange('    page = xs[2:5]', '    page = xs[2:4]'));
    // No bounds: a factor, a divisor, a modulus, an exponent, a shift, a compound assignment's amount.
    assert.ok(!isBoundChange('      total += Number(v) * 6;', '      total += Number(v) * 7;'));
    assert.ok(!isBoundChange('  const w = 6 * count;', '  const w = 7 * count;'));
    assert.ok(!isBoundChange('  const half = size / 2;', '  const half = size / 3;'));
    assert.ok(!isBoundChange('  if (n % 3 === 0) {', '  if (n % 4 === 0) {'));
    assert.ok(!isBoundChange('  const area = r ** 2;', '  const area = r ** 3;'));
    assert.ok(!isBoundChange('  const m = x << 2;', '  const m = x << 3;'));
    assert.ok(!isBoundChange('    left -= 1;', '    left -= 2;'));
    assert.ok(!isBoundChange('    count += 1', '    count += 2'));
  });

  it('finds the loop and if headers that control a line', () => {
    const src = [
      'function f(xs) {',
      '  let t = 0;',
      '  for (let i = 0; i <= xs.length; i++) {',
      '    if (!xs) continue;',
      '    t += xs[i].v;',
      '  }',
      '}',
    ];
    assert.deepEqual(controllingLines(src, 5, 1), [4, 3]);
    const py = ['def f(xs):', '    for i in range(len(xs) + 1):', '        y = xs[i]', '        return y'];
    assert.deepEqual(controllingLines(py, 3, 1), [2]);
  });

  it('recognises reordered arguments and parameters, a dropped await and enum constants', () => {
    assert.deepEqual(reorderedArguments('def convert(text, source, target):', 'def convert(text, target, source):'), [
      'source',
      'target',
    ]);
    assert.deepEqual(
      reorderedArguments('  return send(to(user), body, opts);', '  return send(body, to(user), opts);')?.length,
      2,
    );
    assert.equal(reorderedArguments('f(a, b)', 'f(a, c)'), null);
    assert.equal(reorderedArguments('f(a, b)', 'g(b, a)'), null);
    assert.ok(isAwaitRemoved('  const user = await db.find(id);', '  const user = db.find(id);'));
    assert.ok(!isAwaitRemoved('  const user = await db.find(id);', '  const user = cache.find(id);'));
    assert.deepEqual(
      enumConstants('java.lang.IllegalArgumentException: No enum constant com.acme.search.FieldType.NUMBER'),
      ['NUMBER'],
    );
    assert.deepEqual(enumConstants("ValueError: 'teal' is not a valid Color"), ['teal']);
    assert.deepEqual(enumConstants("KeyError: 'teal'"), []);
    assert.ok(isIndexError('java.lang.IndexOutOfBoundsException: Index 3 out of bounds for length 3'));
    assert.ok(isIndexError("TypeError: Cannot read properties of undefined (reading 'name')"));
    assert.ok(!isIndexError('ZeroDivisionError: division by zero'));
  });
});

/** Ranks as triage does: tokens, keys, failing names and missing keys from the message and the crashing line. */
function rank(repo: TempRepo, frames: FrameSpec, message: string) {
  return rankRange(repo, frames, (blameFrames) => {
    const crash = repo.read(frames[0][0]).split('\n')[blameFrames[0].line - 1];
    const value = message.replace(/^[\w.]+:\s*/, '');
    return {
      tokens: [...new Set([...messageTokens(value), ...lineTokens(crash)])],
      keyTokens: keyTokens(value, crash),
      failing: failingNames(value, crash),
      missing: missingKeys(value),
      message,
    };
  });
}

describe('shape rules on real repositories', function () {
  this.timeout(20_000);
  after(cleanupTempDirs);

  it('names the loop bound moved by one over an edit of the crashing line itself', async () => {
    const repo = createTempRepo();
    repo.write(
      'names.js',
      'function names(items) {\n  const out = [];\n  for (let i = 0; i < items.length; i++) {\n    let name = items[i].name;\n    out.push(name);\n  }\n  return out;\n}\nmodule.exports = { names };\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'names.js', 'i < items.length', 'i <= items.length');
    const bug = repo.commit('Names: include the last item', { author: BOB });
    edit(repo, 'names.js', '    let name = items[i].name;', '    const name = items[i].name;');
    repo.commit('Names: const where possible', { author: CAROL });
    repo.tag('v2');
    const { suspects, why } = await rank(
      repo,
      [['names.js', 'items[i].name', 'names']],
      "TypeError: Cannot read properties of undefined (reading 'name')",
    );
    assert.equal(suspects[0].sha, bug, why);
    assert.match(suspects[0].reasons[0], /moved a bound or comparison by one on line 3/);
  });

  it('names the commit that reordered the parameters the crashing line reads, over a rewrite of that line', async () => {
    const repo = createTempRepo();
    repo.write(
      'converter.py',
      'PARSERS = {"md": str, "html": str}\n\n\ndef convert(text, source, target):\n    parse = PARSERS[source]\n    return parse(text) + target\n',
    );
    repo.write(
      'jobs.py',
      'from converter import convert\n\n\ndef run(job):\n    return convert(job["body"], job["source"], job["target"])\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'converter.py', 'def convert(text, source, target):', 'def convert(text, target, source):');
    const bug = repo.commit('Converter: target first, like the CLI', { author: BOB });
    edit(repo, 'converter.py', '    parse = PARSERS[source]', '    parse = PARSERS[source.lower()]');
    repo.commit('Converter: case-insensitive format names', { author: ALICE });
    repo.tag('v2');
    const { suspects, why } = await rank(
      repo,
      [
        ['converter.py', 'parse = PARSERS', 'convert'],
        ['jobs.py', 'return convert(', 'run'],
      ],
      "KeyError: 'txt'",
    );
    assert.equal(suspects[0].sha, bug, why);
    assert.match(suspects[0].reasons[0], /reordered the arguments or parameters on line 4/);
  });

  it('names the commit that renamed the enum constant the lookup did not find', async () => {
    const repo = createTempRepo();
    repo.write(
      'FieldType.java',
      'public enum FieldType {\n    TEXT,\n    NUMBER;\n\n    static FieldType parse(String name) {\n        return valueOf(name.toUpperCase());\n    }\n}\n',
    );
    repo.write(
      'Schema.java',
      'class Schema {\n    FieldType typeOf(String raw) {\n        return FieldType.parse(raw);\n    }\n}\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'FieldType.java', '    NUMBER;', '    NUMERIC;');
    const bug = repo.commit('FieldType: NUMERIC, as the DSL calls it', { author: BOB });
    edit(repo, 'FieldType.java', 'valueOf(name.toUpperCase())', 'valueOf(name.trim().toUpperCase())');
    repo.commit('FieldType: ignore spaces', { author: CAROL });
    edit(repo, 'Schema.java', 'return FieldType.parse(raw);', 'return FieldType.parse(String.valueOf(raw));');
    repo.commit('Schema: accept any value', { author: ALICE });
    repo.tag('v2');
    const { suspects, why } = await rank(
      repo,
      [
        ['FieldType.java', 'return valueOf', 'FieldType.parse'],
        ['Schema.java', 'FieldType.parse(', 'Schema.typeOf'],
      ],
      'java.lang.IllegalArgumentException: No enum constant FieldType.NUMBER',
    );
    assert.equal(suspects[0].sha, bug, why);
    assert.match(suspects[0].reasons[0], /removed or renamed 'NUMBER'/);
  });

  it('names the commit that dropped an await in the crashing function, over a rewrite of the crashing line', async () => {
    const repo = createTempRepo();
    repo.write(
      'session.js',
      'async function userName(db, id) {\n  const user = await db.find(id);\n  const label = user.profile.name;\n  return label;\n}\nmodule.exports = { userName };\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'session.js', '  const user = await db.find(id);', '  const user = db.find(id);');
    const bug = repo.commit('Session: no need to wait', { author: BOB });
    edit(repo, 'session.js', '  const label = user.profile.name;', '  let label = user.profile.name;');
    repo.commit('Session: label may change', { author: CAROL });
    repo.tag('v2');
    const { suspects, why } = await rank(
      repo,
      [['session.js', 'user.profile.name', 'userName']],
      "TypeError: Cannot read properties of undefined (reading 'name')",
    );
    assert.equal(suspects[0].sha, bug, why);
    assert.match(suspects[0].reasons[0], /removed an `await` on line 2/);
  });
  it('names a helper whose bound moved by one before an index error, over another change to that helper', async () => {
    const repo = createTempRepo();
    repo.write(
      'paginator.js',
      'function paginate(items, page, size) {\n  const start = (page - 1) * size;\n  return items.slice(start, start + size);\n}\nmodule.exports = { paginate };\n',
    );
    repo.write(
      'search.js',
      "const { paginate } = require('./paginator');\nfunction search(all, page) {\n  const items = paginate(all, page, 10);\n  return items[0].id;\n}\nmodule.exports = { search };\n",
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'paginator.js', '(page - 1) * size', 'page * size');
    const bug = repo.commit('Paginator: zero-based pages', { author: BOB });
    edit(
      repo,
      'paginator.js',
      'items.slice(start, start + size);',
      'items.slice(start, start + size).filter(Boolean);',
    );
    repo.commit('Paginator: skip holes', { author: CAROL });
    repo.tag('v2');
    const { suspects, why } = await rank(
      repo,
      [['search.js', 'items[0].id', 'search']],
      "TypeError: Cannot read properties of undefined (reading 'id')",
    );
    assert.equal(suspects[0].sha, bug, why);
    assert.match(suspects[0].reasons[0], /moved a bound or comparison by one in paginate\(\)/);
  });

  it('names a helper that dropped an await before the crash, over another change to that helper', async () => {
    const repo = createTempRepo();
    repo.write(
      'profiles.js',
      'async function profileOf(db, id) {\n  const user = await db.find(id);\n  return user.profile;\n}\nmodule.exports = { profileOf };\n',
    );
    repo.write(
      'greet.js',
      "const { profileOf } = require('./profiles');\nasync function greet(db, id) {\n  const profile = await profileOf(db, id);\n  return profile.name;\n}\nmodule.exports = { greet };\n",
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'profiles.js', '  const user = await db.find(id);', '  const user = db.find(id);');
    const bug = repo.commit('Profiles: no need to wait', { author: BOB });
    edit(repo, 'profiles.js', '  return user.profile;', '  return user.profile || user.defaults;');
    repo.commit('Profiles: defaults', { author: CAROL });
    repo.tag('v2');
    const { suspects, why } = await rank(
      repo,
      [['greet.js', 'profile.name', 'greet']],
      "TypeError: Cannot read properties of undefined (reading 'name')",
    );
    assert.equal(suspects[0].sha, bug, why);
    assert.match(suspects[0].reasons[0], /removed an `await` in profileOf\(\)/);
  });
});
