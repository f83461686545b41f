// The shipped ranker's parameters file (scripts/fit.mjs writes it): well formed, stamped with the corpus it
// was fitted on, and exactly the numbers the ranker reads: none missing, none left over that nothing reads.
import { strict as assert } from 'node:assert';
import fitted from '../../../src/core/suspects/evidenceWeights.json';
import type { CommitFacts, Evidence, EvidenceKind } from '../../../src/core/suspects/evidence.types';
import { commitStrength, WEIGHT_PARAMS, type WeightParams } from '../../../src/core/suspects/evidenceWeight';

const KINDS: EvidenceKind[] = [
  'line',
  'near',
  'function',
  'flow',
  'around',
  'removed',
  'later',
  'file',
  'token',
  'callee',
  'literal',
  'shape',
  'range',
];

const base = (kind: EvidenceKind, extra: Partial<Evidence> = {}): Evidence => ({
  sha: 'a'.repeat(40),
  kind,
  frameDepth: 1,
  file: 'src/a.js',
  frameLine: 10,
  function: 'f',
  distance: 2,
  lines: 1,
  ...extra,
});

/** Evidence of every kind and flavour the weights distinguish. */
function everyFlavour(): Evidence[] {
  const out = KINDS.map((k) => base(k));
  out.push(
    base('line', { superseded: true, keys: ['id'], carried: true, incidental: true, offFlow: true }),
    base('token', { tokens: ['a', 'b'], keys: ['id'] }),
    base('callee', { operand: true }),
    base('callee', { operand: true, keys: ['id'] }),
    base('callee', { nullOrigin: true }),
    base('callee', { via: ['g'], keys: ['id'] }),
    base('callee', { via: ['g'], calleeKind: 'value', file: 'src/b.js', changedLine: 3 }),
    base('callee', { calleeKind: 'value' }),
    base('callee', { feeds: true, keys: ['id'] }),
    base('literal', { quoted: true, tokens: ['Invalid date: %s'] }),
    base('literal', { quoted: true, tokens: ['id'] }),
    base('literal', { file: 'src/b.js', changedLine: 3 }),
    base('shape', { shape: 'enum', keys: ['id'] }),
    base('shape', { shape: 'hierarchy' }),
    base('shape', { shape: 'bound', callee: 'g' }),
    base('shape', { shape: 'await' }),
  );
  return out;
}

const facts = (extra: Partial<CommitFacts>): CommitFacts => ({
  sha: 'a'.repeat(40),
  author: 'A',
  authorMail: 'a@example.com',
  date: '2026-01-01T00:00:00Z',
  summary: 's',
  filesChanged: 3,
  linesAdded: 40,
  linesRemoved: 20,
  cosmetic: false,
  ...extra,
});

describe('evidenceWeights.json', () => {
  it('is stamped with the corpus it was fitted on and holds finite, non-negative numbers', () => {
    assert.match(fitted.corpusHash, /^[0-9a-f]{64}$/, 'run `npm run fit`');
    assert.ok(typeof fitted.method === 'string' && fitted.method.length > 0);
    for (const [name, v] of Object.entries(fitted.params)) assert.ok(Number.isFinite(v) && v >= 0, name);
  });

  it('holds the search windows as whole, positive numbers (their ablation: `npm run fit -- --windows`)', () => {
    assert.ok(Object.keys(fitted.windows).length > 0);
    for (const [name, v] of Object.entries(fitted.windows)) assert.ok(Number.isInteger(v) && v > 0, name);
  });

  it('holds exactly the parameters the ranker reads', () => {
    const read = new Set<string>();
    const recording = new Proxy(WEIGHT_PARAMS, {
      get(target, key: string) {
        read.add(key);
        assert.ok(key in target, `the ranker reads ${key}, which evidenceWeights.json lacks`);
        return target[key];
      },
    }) as WeightParams;
    const list = everyFlavour();
    for (const f of [facts({ cosmetic: true }), facts({ renamed: true }), facts({ incidental: true, guardOnly: true })])
      commitStrength(list, f, recording);
    commitStrength(
      list.filter((e) => e.kind !== 'line'),
      facts({ guardOnly: true }),
      recording,
    );
    assert.deepEqual(
      Object.keys(WEIGHT_PARAMS).filter((k) => !read.has(k)),
      [],
      'parameters nothing reads',
    );
  });

  it('lets the strongest evidence decide and corroboration only add', () => {
    const line = base('line', { frameDepth: 0 });
    const file = base('file', { frameDepth: 0 });
    const one = commitStrength([line], undefined).raw;
    const two = commitStrength([line, file], undefined).raw;
    assert.ok(two > one, 'corroboration adds');
    assert.ok(two - one < one, 'it adds less than the strongest piece');
    assert.ok(commitStrength([file], undefined).raw < one);
  });
});
