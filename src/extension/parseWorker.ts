/**
 * Parses event input off the extension host's main thread: scanning 100 MB of log, or a pasted
 * JSON nested millions deep, stalled hovers and other extensions for seconds. Runs the same core
 * parser as everything else; a file is read with the size bound applied while reading (an endless
 * file stops at the limit); only plain data crosses the thread boundary.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createFileSource, readBounded } from '../core/providers';
import { messageOf } from '../core/errors';
import { createDeadline } from '../core/util';

/**
 * What to parse: a local file's path, or text already in memory (a paste, an editor). A file's read
 * is bounded by `culprit.timeout` (`deadlineMs`, 0: none) and by the reader's idle limit (`idleMs`).
 */
export type ParseRequest = { name: string; limit: number; deadlineMs?: number; idleMs?: number } & (
  { path: string } | { text: string }
);

/** A file's text, read within the size, the deadline and the idle bounds; the parent then times the parse. */
async function readInput(req: ParseRequest): Promise<string> {
  if ('text' in req) return req.text;
  const deadline = createDeadline(req.deadlineMs ?? 0, 'culprit.timeout');
  try {
    return await readBounded(req.path, { signal: deadline.signal, idleMs: req.idleMs });
  } finally {
    deadline.dispose();
  }
}

async function main(): Promise<void> {
  const req = workerData as ParseRequest;
  try {
    const text = await readInput(req);
    parentPort?.postMessage({ read: true });
    const listed = await createFileSource(text, req.name).listSamples({ limit: req.limit });
    parentPort?.postMessage({ ok: true, listed });
  } catch (e) {
    // V8's own words for a structure nested past its stack are no message for people.
    const message = e instanceof RangeError ? `${req.name} is nested too deeply to parse` : messageOf(e);
    const reason = e instanceof RangeError ? 'invalid-input' : ((e as { reason?: string }).reason ?? 'io');
    parentPort?.postMessage({ ok: false, reason, message });
  }
}

void main();
