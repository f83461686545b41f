/**
 * Parses a large event or log file off the extension host's main thread: reading and scanning
 * 100 MB of log stalled hovers and other extensions for over half a second. Runs the same core
 * parser as everything else; only plain data crosses the thread boundary.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { createFileSource } from '../core/providers';
import { messageOf } from '../core/errors';

export interface ParseRequest {
  path: string;
  name: string;
}

async function main(): Promise<void> {
  const req = workerData as ParseRequest;
  try {
    const text = readFileSync(req.path).toString('utf8');
    const listed = await createFileSource(text, req.name).listSamples({ limit: 50 });
    parentPort?.postMessage({ ok: true, listed });
  } catch (e) {
    parentPort?.postMessage({ ok: false, reason: (e as { reason?: string }).reason ?? 'io', message: messageOf(e) });
  }
}

void main();
