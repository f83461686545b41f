// The fitted model's weights file (scripts/fit.mjs writes it): well formed, stamped with the hash
// of the corpus it was fitted on, weighing every feature the evidence produces, with probabilities
// that sum to one. A stale stamp is reported by `node scripts/fit.mjs --check`, not failed here.
import { strict as assert } from 'node:assert';
import { FEATURES } from '../../../src/core/suspects/rankFeatures';
import { RANKER_WEIGHTS, alignedWeights, issueConfidence, softmax } from '../../../src/core/suspects/rankerModel';

describe('rankerWeights.json', () => {
  it('is well formed and names the corpus it was fitted on', () => {
    assert.match(
      RANKER_WEIGHTS.corpusHash,
      /^[0-9a-f]{64}$/,
      'stamped with a sha256 corpus hash: run `node scripts/fit.mjs`',
    );
    assert.equal(RANKER_WEIGHTS.features.length, RANKER_WEIGHTS.weights.length);
    assert.ok(RANKER_WEIGHTS.weights.every(Number.isFinite));
    assert.ok(RANKER_WEIGHTS.calibration.temperature > 0);
    assert.ok(!Number.isNaN(Date.parse(RANKER_WEIGHTS.fittedAt)));
    const c = RANKER_WEIGHTS.confidence;
    assert.ok(0 < c.low && c.low < c.high && c.high <= 1 && c.noiseRatio >= 1);
  });

  it('weighs every feature the ranker computes (re-run `node scripts/fit.mjs` after adding one)', () => {
    assert.deepEqual(
      FEATURES.map((f) => f.name).filter((n) => !RANKER_WEIGHTS.features.includes(n)),
      [],
    );
    assert.equal(alignedWeights().length, FEATURES.length);
  });
});

describe('rankerModel', () => {
  it('gives probabilities that sum to one and follow the scores', () => {
    const p = softmax([3, 1, 0, -2], 0.8);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.deepEqual(
      [...p].sort((a, b) => b - a),
      p,
    );
  });

  it('is uncertain between two close suspects and never high without a deploy range', () => {
    const close = issueConfidence(
      [
        { sha: 'a', probability: 0.5 },
        { sha: 'b', probability: 0.45 },
      ],
      true,
    );
    assert.equal(close.confidence, 'low');
    assert.deepEqual(close.uncertainBetween, ['a', 'b']);
    assert.notEqual(issueConfidence([{ sha: 'a', probability: 0.99 }], false).confidence, 'high');
    assert.equal(issueConfidence([{ sha: 'a', probability: 0.99 }], true).confidence, 'high');
  });
});
