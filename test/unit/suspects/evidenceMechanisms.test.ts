// Evidence mechanisms in general (#13): what changed a value, what a null read never read, what is
// code. Each found on a class of crashes, written against the mechanism, never a scenario.
import { strict as assert } from 'node:assert';
import { hunk } from '../../helpers/patchHunk';
import { valueDefinitions } from '../../../src/core/suspects/valueDefinitions';
import { keyTokens, unreadProperty } from '../../../src/core/suspects/errorTokens';
import { operandDefinitions } from '../../../src/core/suspects/operandSource';
import { tokenEvidence } from '../../../src/core/suspects/tokenEvidence';

describe('token evidence reads code, not comments', () => {
  const commit = (sha: string, added: string[]) => ({
    sha,
    files: [{ path: 'src/pricing.js', hunks: [hunk([], added)] }],
  });

  it('links a commit whose code names the error, not one whose comment does', () => {
    const found = tokenEvidence(
      [
        commit('a'.repeat(40), ['  // discountRate is optional now']),
        commit('b'.repeat(40), ['  x.discountRate = 0;']),
      ],
      ['discountRate'],
      [],
      [],
    );
    assert.deepEqual(
      found.map((e) => e.sha[0]),
      ['b'],
    );
  });

  it('reads no word from files that never run in production, nor from a release version bump', () => {
    const at = (path: string, removed: string[], added: string[]) => ({
      sha: path[0].repeat(40),
      files: [{ path, hunks: [hunk(removed, added)] }],
    });
    const found = tokenEvidence(
      [
        at('package-lock.json', ['      "version": "6.0.0",'], ['      "version": "6.1.0",']),
        at('docs/api.rst', ['Pass the version as a string.'], ['Pass the version as text.']),
        at('package.json', ['  "version": "6.0.0",'], ['  "version": "6.1.0",']),
        at('src/range.js', [], ['  if (!version) return false;']),
      ],
      ['version'],
      [],
      [],
    );
    assert.deepEqual(
      found.map((e) => e.file),
      ['src/range.js'],
    );
  });
});

describe('a changed definition is one whose value changed', () => {
  const use = (name: string) => ({
    name,
    depth: 0,
    frame: { depth: 0, path: 'src/folios.js', line: 28, function: 'row', text: [], start: 20 },
    line: 28,
    kind: 'value' as const,
    feeds: true,
  });
  const file = (removed: string[], added: string[]) => ({ path: 'src/data.js', hunks: [hunk(removed, added)] });

  it('skips a line rewritten around a key whose value stayed, and names one whose value moved', () => {
    const rewrite = file(
      ["  return { name: 'Guest', guest: { email: 'unknown' }, nights: [] };"],
      ["  return { name: 'Walk-in', guest: { email: 'unknown' }, nights: [] };"],
    );
    assert.deepEqual(valueDefinitions(rewrite, [use('guest'), use('email')]), []);
    assert.deepEqual(
      valueDefinitions(rewrite, [use('name')]).map((h) => h.use.name),
      ['name'],
    );
    // Erased type hints are no value: Python's and TypeScript's annotations change nothing that runs.
    const hinted = {
      path: 'm.py',
      hunks: [hunk(['    extras=None,'], ['    extras: Optional[Dict[str, Any]] = None,'])],
    };
    assert.deepEqual(valueDefinitions(hinted, [use('extras')]), []);
    const other = { path: 'm.py', hunks: [hunk(['    extras=None,'], ['    extras: Optional[dict] = {},'])] };
    assert.equal(valueDefinitions(other, [use('extras')]).length, 1);
    assert.equal(valueDefinitions(file(['  extras: 1,'], ['  extras: 2,']), [use('extras')]).length, 1, 'a key');
    const dropped = file(["  return { guest: { email: 'unknown' } };"], ['  return { guest: null };']);
    assert.deepEqual(
      valueDefinitions(dropped, [use('guest'), use('email')]).map((h) => h.use.name),
      ['guest', 'email'],
    );
  });
});

describe('the name an error reports missing', () => {
  it('is the receiver of a null read, never of a value of another type', () => {
    const line = '        expr = expr.streamline()';
    assert.deepEqual(keyTokens("AttributeError: 'NoneType' object has no attribute 'streamline'", line), ['expr']);
    assert.deepEqual(keyTokens("AttributeError: 'str' object has no attribute 'streamline'", line), []);
  });
});

describe('a null read and the table it looked up', () => {
  const table = [
    "'use strict';",
    'const SURCHARGES = {',
    '  suite: { rate: 0.25 },',
    '  double: { rate: 0.1 },',
    '};',
    'module.exports = { SURCHARGES };',
  ];
  const crash = { depth: 0, path: 'src/folios.js', line: 3, function: 'row', text: [], start: 1 };
  const use = { name: 'SURCHARGES', depth: 0, frame: crash, line: 3, kind: 'value' as const, feeds: true };
  const patch = (removed: string[], added: string[]) => ({
    path: 'src/config.js',
    hunks: [{ oldStart: 3, oldLines: removed.length, newStart: 3, newLines: added.length, removed, added }],
  });

  it('names the property a failed read asked of a nullish value: its value was never read', () => {
    assert.equal(unreadProperty("TypeError: Cannot read properties of undefined (reading 'rate')"), 'rate');
    assert.equal(unreadProperty("AttributeError: 'NoneType' object has no attribute 'rate'"), 'rate');
    assert.equal(unreadProperty("AttributeError: type object 'Cache' has no attribute '_lock'"), null);
  });

  it('takes an entry taken out or re-keyed as the source, a changed value not', () => {
    const removed = patch(['  annex: { rate: 0.05 },'], []);
    const rekeyed = patch(['  Suite: { rate: 0.25 },'], ['  suite: { rate: 0.25 },']);
    const revalued = patch(['  suite: { rate: 0.2 },'], ['  suite: { rate: 0.25 },']);
    for (const [label, p, found] of [
      ['removed', removed, 1],
      ['re-keyed', rekeyed, 1],
      ['re-valued', revalued, 0],
    ] as const)
      assert.equal(operandDefinitions(p, table, [use], ['rate'], crash, true).length, found, label);
    // For a wrong value (not a null read) the changed value is the source.
    assert.equal(operandDefinitions(revalued, table, [use], ['rate'], crash, false).length, 1);
  });
});
