import { strict as assert } from 'node:assert';
import {
  candidateProbabilities,
  issueVerdict,
  SUSPECT_CALIBRATION,
} from '../../../src/core/suspects/suspectProbability';

const model = { ...SUSPECT_CALIBRATION, exponent: 3, noneLogWeight: -4 };

describe('suspect probabilities', () => {
  it('sum to one with "none of these", follow the strengths, and give no evidence no chance', () => {
    const { probabilities, none } = candidateProbabilities([1.2, 0.6, 0.06, 0], model);
    assert.ok(Math.abs(probabilities.reduce((a, b) => a + b, none) - 1) < 1e-12);
    assert.deepEqual(
      [...probabilities].sort((a, b) => b - a),
      probabilities,
    );
    assert.equal(probabilities[3], 0);
    assert.ok(none > 0 && none < probabilities[0]);
  });

  it('gives "none of these" the mass when every commit is weak', () => {
    const { probabilities, none } = candidateProbabilities([0.01, 0.01], model);
    assert.ok(none > probabilities[0], `${none} vs ${probabilities[0]}`);
  });

  it("maps the top log-odds when the form has a map, keeping the others' shares and the total", () => {
    const mapped = { ...model, topShift: 0.5, topSlope: 1.2 };
    const plain = candidateProbabilities([1.2, 0.6, 0.06], model);
    const { probabilities, none } = candidateProbabilities([1.2, 0.6, 0.06], mapped);
    assert.ok(Math.abs(probabilities.reduce((a, b) => a + b, none) - 1) < 1e-12);
    assert.ok(probabilities[0] > plain.probabilities[0]);
    assert.ok(Math.abs(probabilities[1] / probabilities[2] - plain.probabilities[1] / plain.probabilities[2]) < 1e-9);
    const alone = candidateProbabilities([1e6], mapped);
    assert.ok(Math.abs(alone.probabilities[0] + alone.none - 1) < 1e-12, 'the rest underflowed: none takes it');
  });

  it('is the arithmetic scripts/fit scores and fits the calibration with', async () => {
    const script: string = '../../../scripts/fit/calibrationForms.mjs';
    const { probabilities: fitted } = await import(script);
    const cases = [[], [0], [1.2, 0.6, 0.06, 0], [0.01, 0.01], [1e6, ...Array(50).fill(0.06)], [0.9, 0.85, 0.3]];
    const forms = [
      { topShift: 0.4, topSlope: 0.8 },
      { topShift: 0.1, topSlope: 4, margin: true },
    ];
    for (const m of [SUSPECT_CALIBRATION, model, ...forms.map((f) => ({ ...model, ...f }))])
      for (const raws of cases) {
        const core = candidateProbabilities(raws, m);
        const script = fitted(raws, m);
        assert.deepEqual(core.probabilities, script.p, JSON.stringify(raws));
        assert.equal(core.none, script.none, JSON.stringify(raws));
      }
  });

  it('does not overflow on huge strengths or many candidates', () => {
    const { probabilities, none } = candidateProbabilities([1e6, ...Array(1000).fill(0.06)], model);
    assert.ok(probabilities[0] > 0.999 && Number.isFinite(none));
  });
});

describe('issue verdict', () => {
  const ranked = (...ps: number[]) => ps.map((probability, i) => ({ sha: `s${i}`, probability }));

  it('is high only for a clear, likely top suspect in a deploy range', () => {
    assert.equal(issueVerdict(ranked(0.9, 0.05), 0.01, 'range', true, model).confidence, 'high');
    assert.equal(issueVerdict(ranked(0.9, 0.05), 0.01, 'head', true, model).confidence, 'medium');
    assert.equal(issueVerdict(ranked(0.6, 0.1), 0.01, 'range', true, model).confidence, 'medium');
  });

  it('says "uncertain between" when the top two are within noise', () => {
    const v = issueVerdict(ranked(0.45, 0.4), 0.01, 'range', true, model);
    assert.equal(v.confidence, 'low');
    assert.deepEqual(v.uncertainBetween, ['s0', 's1']);
  });

  it('says none of these when nothing touches what ran, or "none" outweighs the first', () => {
    const unlinked = issueVerdict(ranked(0.9), 0.01, 'range', false, model);
    assert.equal(unlinked.confidence, 'low');
    assert.match(unlinked.noSuspect ?? '', /touches the code that ran/);
    const outweighed = issueVerdict(ranked(0.3, 0.1), 0.6, 'range', true, model);
    assert.match(outweighed.noSuspect ?? '', /more likely none of these commits \(60%\)/);
    assert.match(issueVerdict([], 1, 'range', false, model).noSuspect ?? '', /no commit/);
  });
});
