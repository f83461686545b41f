import assert from 'node:assert/strict';
import { deployLabel } from '../../../src/core/deploy/deployLabel';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const base = { errorSource: 'sentry', release: 'orders-api@1.5.0', names: { from: 'v1.4.0', to: 'v1.5.0' } };

describe('deploy range labels', () => {
  it('names where a known range came from, per source', () => {
    const provider = { from: A, to: B, source: 'provider' as const };
    assert.equal(deployLabel({ ...base, range: provider, guessed: false }), 'v1.4.0..v1.5.0 (from Sentry deploys)');
    assert.equal(
      deployLabel({ ...base, errorSource: 'datadog', range: provider, guessed: false }),
      'v1.4.0..v1.5.0 (from Datadog deploy tags)',
    );
    assert.equal(
      deployLabel({ ...base, errorSource: 'bugsnag', range: provider, guessed: false }),
      'v1.4.0..v1.5.0 (from Bugsnag releases)',
    );
    assert.equal(
      deployLabel({ ...base, range: { from: A, to: B, source: 'tags' }, guessed: false }),
      'v1.4.0..v1.5.0 (from tags: release orders-api@1.5.0)',
    );
  });

  it('says what a range set by hand is: the release picked, or its tags or commits', () => {
    const flag = { from: A, to: B, source: 'flag' as const };
    assert.equal(
      deployLabel({ ...base, range: flag, guessed: false, setAs: 'release 1.5.0 from Sentry' }),
      'v1.4.0..v1.5.0 (set: release 1.5.0 from Sentry)',
    );
    assert.equal(deployLabel({ ...base, range: flag, guessed: false }), 'v1.4.0..v1.5.0 (set: tags v1.4.0..v1.5.0)');
    assert.equal(
      deployLabel({ ...base, names: { from: 'aaaaaaa', to: 'bbbbbbb' }, range: flag, guessed: false }),
      'aaaaaaa..bbbbbbb (set: commits aaaaaaa..bbbbbbb)',
    );
    assert.equal(
      deployLabel({ ...base, names: { from: 'aaaaaaa', to: 'v1.5.0' }, range: flag, guessed: false }),
      'aaaaaaa..v1.5.0 (set: revisions aaaaaaa..v1.5.0)',
    );
    assert.equal(
      deployLabel({ ...base, names: { from: null, to: 'v1.5.0' }, range: { ...flag, from: null }, guessed: false }),
      'v1.5.0 (no earlier tag: full history) (set: tag v1.5.0)',
    );
    // A set range is never labelled as a guess or as reported, and a guess never as set.
    for (const setAs of [undefined, 'release 1.5.0 from Sentry'])
      assert.doesNotMatch(deployLabel({ ...base, range: flag, guessed: false, setAs }), /guessed|from Sentry deploys/);
    assert.doesNotMatch(deployLabel({ ...base, range: flag, guessed: true }), /set:/);
  });

  it('never labels a guess like a known range', () => {
    const label = deployLabel({ ...base, release: null, range: { from: A, to: B, source: 'tags' }, guessed: true });
    assert.equal(label, 'v1.4.0..v1.5.0 (guessed: newest tag — no release in the event)');
    assert.doesNotMatch(label, /from tags/);
  });

  it('says when there is no range, or no start', () => {
    const none = { from: null, to: null, source: 'none' as const };
    assert.equal(deployLabel({ ...base, range: none, guessed: false }), '(none: blamed at HEAD)');
    assert.equal(
      deployLabel({
        ...base,
        names: { from: null, to: 'v1.5.0' },
        range: { from: null, to: B, source: 'tags' },
        guessed: false,
      }),
      'v1.5.0 (no earlier tag: full history) (from tags: release orders-api@1.5.0)',
    );
  });
});
