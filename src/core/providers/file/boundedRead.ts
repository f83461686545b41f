/**
 * Reads an event file or stdin with the size bound applied while reading: `--event /dev/zero` or
 * an endless pipe stops at the limit instead of filling memory, and a huge stdin gets a clear
 * message instead of V8's "Cannot create a string longer than …".
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { CulpritError } from '../../errors';

/** Largest event input read, in bytes (a service's whole log file still fits). */
export const MAX_EVENT_BYTES = 256 * 1024 * 1024;

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/**
 * Reads all of `path` (`-` for stdin) as UTF-8, failing with `invalid-input` as soon as more than
 * `maxBytes` arrived; the stream is destroyed at that point, so nothing past the limit is read.
 */
export function readBounded(
  path: string,
  maxBytes = MAX_EVENT_BYTES,
  stdin: Readable = process.stdin,
  signal?: AbortSignal,
): Promise<string> {
  const name = path === '-' ? 'stdin' : path;
  return new Promise((resolve, reject) => {
    const stream: Readable = path === '-' ? stdin : createReadStream(path, { highWaterMark: 1024 * 1024 });
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err: Error | null, text?: string): void => {
      if (done) return;
      done = true;
      if (err) {
        stream.destroy();
        reject(err);
      } else resolve(text as string);
    };
    stream.on('data', (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > maxBytes) {
        finish(
          new CulpritError(
            'invalid-input',
            `${name} is larger than ${mb(maxBytes)}: Culprit reads at most ${mb(maxBytes)} of event input ` +
              '(pass the part of the log around the error, or an exported event)',
          ),
        );
        return;
      }
      chunks.push(buf);
    });
    // A pipe that never ends (a `tail -f`) stops at the run's deadline with its reason.
    const onAbort = (): void =>
      finish(
        new CulpritError(
          'timeout',
          `${name} was still sending after ${mb(size)}: ` +
            `${signal?.reason instanceof Error ? signal.reason.message : 'cancelled'}` +
            ' (pass a file, or a stream that ends)',
        ),
      );
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('close', () => signal?.removeEventListener('abort', onAbort));
    stream.on('end', () => finish(null, Buffer.concat(chunks, size).toString('utf8')));
    stream.on('error', (e: NodeJS.ErrnoException) => {
      const why =
        e.code === 'ENOENT'
          ? 'no such file'
          : e.code === 'EISDIR'
            ? 'is a directory'
            : e.code === 'EACCES'
              ? 'permission denied'
              : e.message;
      finish(new CulpritError('io', `cannot read event file ${name}: ${why}`));
    });
  });
}
