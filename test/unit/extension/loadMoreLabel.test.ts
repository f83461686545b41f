import assert from 'node:assert/strict';
import { loadMoreLabel } from '../../../src/extension/tree/issueListView';

describe('the Load More row', () => {
  it('says how many of the provider total are listed', () => {
    assert.equal(loadMoreLabel(20, { count: 130, capped: false }), '20 of 130 — Load More');
    assert.equal(loadMoreLabel(20, { count: 1000, capped: true }), '20 of 1000+ — Load More');
  });
  it('says only how many are listed when the provider gives no total (Datadog) or a wrong one', () => {
    assert.equal(loadMoreLabel(20, null), '20 listed — Load More');
    assert.equal(loadMoreLabel(20, { count: 3, capped: false }), '20 listed — Load More');
  });
});
