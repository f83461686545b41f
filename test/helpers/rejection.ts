import assert from 'node:assert/strict';
import { CulpritError } from '../../src/core/errors';

/** Awaits `p`, asserts it rejects with a CulpritError, and returns that error. */
export async function rejection(p: Promise<unknown>): Promise<CulpritError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof CulpritError, `expected CulpritError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

/** Starts `run`, aborts its signal after `ms`, and asserts it rejects as cancelled. */
export async function assertCancelledAfter(ms: number, run: (signal: AbortSignal) => Promise<unknown>): Promise<void> {
  const ac = new AbortController();
  setTimeout(() => ac.abort(), ms);
  const e = await rejection(run(ac.signal));
  assert.equal(e.reason, 'cancelled');
}
