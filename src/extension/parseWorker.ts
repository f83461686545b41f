/**
 * Parses event input off the extension host's main thread: scanning 100 MB of log, or a pasted
 * JSON nested millions deep, stalled hovers and other extensions for seconds. Runs the same core
 * parser as everything else; a file is read with the size bound applied while reading (an endless
 * file stops at the limit); only plain data crosses the thread boundary.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createFileSource, readBounded } from '../core/providers';
import { messageOf } from '../core/errors';

/** What to parse: a local file's path, or text already in memory (a paste, an editor). */
export type ParseRequest = { name: string; limit: number } & ({ path: string } | { text: string });

async function main(): Promise<void> {
  const req = workerData as ParseRequest;
  try {
    const text = 'path' in req ? await readBounded(req.path) : req.text;
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
