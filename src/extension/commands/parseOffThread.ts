/**
 * Every pasted text, editor text and local file is parsed in a worker thread (dist/parseWorker.js),
 * never on the extension host's main thread, with bounds a hostile input cannot pass: its size
 * (refused with a clear message before any work), the worker's heap, and a time limit after which
 * the worker is stopped. A file's read has bounds of its own (size, `culprit.timeout`, an idle limit)
 * and the parse limit starts once it is read, so a pipe that trickles forever is named as such.
 * The main thread only waits, so hovers and other extensions stay responsive.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import { CulpritError, messageOf, type CulpritErrorReason } from '../../core/errors';
import { MAX_INPUT_CHARS, type SampleList } from '../../core/providers';
import type { ParseRequest } from '../parseWorker';

/** Longest a parse may run; a real 256 MB log takes well under it on a loaded 2-core machine. */
const PARSE_TIME_LIMIT_MS = 90_000;
/** Heap the worker may use: past it V8 stops the worker, not the extension host. */
const WORKER_HEAP_MB = 3072;
/** Most samples one input adds to the view. */
const SAMPLE_LIMIT = 50;

export type ParseInput = { path: string } | { text: string };

export interface ParseOptions {
  timeLimitMs?: number;
  token?: vscode.CancellationToken;
  /** The built worker; default: parseWorker.js next to this bundle (dist/). */
  workerFile?: string;
  /** Longest a file's read may take (`culprit.timeout`); 0 or absent: none. */
  readDeadlineMs?: number;
  /** Longest a file's read waits for the next byte; absent: the reader's default. */
  readIdleMs?: number;
}

function mb(chars: number): string {
  return `${Math.round(chars / (1024 * 1024))} MB`;
}

type WorkerReply =
  { read: true } | { ok: true; listed: SampleList } | { ok: false; reason: CulpritErrorReason; message: string };

/** Parses `input` into samples off the main thread; rejects with a CulpritError that says why. */
export function parseOffThread(input: ParseInput, name: string, options: ParseOptions = {}): Promise<SampleList> {
  if ('text' in input && input.text.length > MAX_INPUT_CHARS)
    return Promise.reject(
      new CulpritError(
        'invalid-input',
        `${name} is ${mb(input.text.length)}: Culprit reads at most ${mb(MAX_INPUT_CHARS)} of event input ` +
          '(paste the part of the log around the error, or an exported event)',
      ),
    );
  const limitMs = options.timeLimitMs ?? PARSE_TIME_LIMIT_MS;
  return new Promise((resolve, reject) => {
    const workerData: ParseRequest = {
      name,
      limit: SAMPLE_LIMIT,
      deadlineMs: options.readDeadlineMs,
      idleMs: options.readIdleMs,
      ...input,
    };
    const worker = new Worker(options.workerFile ?? path.join(__dirname, 'parseWorker.js'), {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      cancel?.dispose();
      void worker.terminate();
      outcome();
    };
    const fail = (reason: CulpritErrorReason, message: string) =>
      settle(() => reject(new CulpritError(reason, message)));
    const startParseTimer = (): void => {
      if (timer !== undefined || settled) return;
      timer = setTimeout(
        () =>
          fail(
            'timeout',
            `${name} was still being parsed after ${Math.round(limitMs / 1000)} s and was stopped ` +
              '(paste the part of the log around the error, or an exported event)',
          ),
        limitMs,
      );
    };
    if ('text' in input) startParseTimer();
    const cancel = options.token?.onCancellationRequested(() => fail('cancelled', `reading ${name} was cancelled`));
    worker.on('message', (m: WorkerReply) => {
      if ('read' in m) return startParseTimer();
      settle(() => (m.ok ? resolve(m.listed) : reject(new CulpritError(m.reason, m.message))));
    });
    worker.once('error', (e: Error & { code?: string }) =>
      e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? fail('invalid-input', `${name} needs more than ${WORKER_HEAP_MB} MB of memory to parse and was stopped`)
        : fail('io', `cannot parse ${name}: ${messageOf(e)}`),
    );
    worker.once('exit', (code) => fail('io', `cannot parse ${name}: the parser stopped (exit code ${code})`));
  });
}
