// Grouped cross-validation folds over the train+validation corpus: every scenario of one bug class
// lands in the same fold (a hash of the class, salted so it is independent of the split), so a
// fold's figure measures classes that a model fitted on the other folds never saw.
import { createHash } from 'node:crypto';

export const FOLDS = 5;

/** The fold (0..k-1) of a bug class. */
export function foldOf(bugClass, k = FOLDS) {
  return createHash('sha256').update(`fold:${bugClass}`).digest().readUInt32BE(0) % k;
}
