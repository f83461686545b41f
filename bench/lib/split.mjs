// The accuracy corpus's fixed split. A scenario's split is decided by a hash of its bug class
// (`def.bugClass`, e.g. 'null-field-in-production-data', 'config-default-flip'), never by its
// name, so every scenario of one class lands in the same split and the test figure measures
// classes that fitting and calibration never saw. Changing this file re-splits the corpus: don't.
import { createHash } from 'node:crypto';

export const SPLITS = Object.freeze(['train', 'validation', 'test']);

/** 'train' (60%), 'validation' (20%) or 'test' (20%) for a bug class. */
export function splitOf(bugClass) {
  if (typeof bugClass !== 'string' || bugClass.length === 0) throw new Error('a scenario needs a bugClass');
  const bucket = createHash('sha256').update(bugClass).digest().readUInt32BE(0) % 10;
  return bucket < 6 ? 'train' : bucket < 8 ? 'validation' : 'test';
}
