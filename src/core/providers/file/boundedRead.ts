/**
 * Reads an event file or stdin with the size bound applied while reading: `--event /dev/zero` or
 * an endless pipe stops at the limit instead of filling memory, and a huge stdin gets a clear
 * message instead of V8's "Cannot create a string longer than …". Time is bounded too: a pipe
 * that trickles forever stops at the run's deadline, and one that goes silent at the idle limit.
 */
import { closeSync, constants, createReadStream, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { CulpritError } from '../../errors';

/** Largest event input read, in bytes (a service's whole log file still fits). */
export const MAX_EVENT_BYTES = 256 * 1024 * 1024;
/** Longest a read waits for the next byte: a pipe whose writer stalled says so instead of waiting on. */
const READ_IDLE_MS = 30_000;

export interface BoundedReadOptions {
  maxBytes?: number;
  /** What `-` reads (default: process.stdin). */
  stdin?: Readable;
  /** The run's deadline: when it aborts, the read stops with its reason. */
  signal?: AbortSignal;
  /** Longest wait for the next chunk (0: no idle limit, e.g. a person typing at a terminal). */
  idleMs?: number;
}

function amount(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}

/** The message for an input over the bound, the same for every way in (file, stdin, a remote file). */
export function tooLargeMessage(name: string, maxBytes = MAX_EVENT_BYTES): string {
  return (
    `${name} is larger than ${amount(maxBytes)}: Culprit reads at most ${amount(maxBytes)} of event input ` +
    '(pass the part of the log around the error, or an exported event)'
  );
}

function ioReason(e: NodeJS.ErrnoException): string {
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EISDIR') return 'is a directory';
  if (e.code === 'EACCES') return 'permission denied';
  return e.message;
}

function isNamedPipe(path: string): boolean {
  try {
    return statSync(path).isFIFO();
  } catch {
    return false; // the read itself says what is wrong with the path
  }
}

/**
 * The stream to read. Opening a named pipe blocks until a writer comes, in a thread no timer can
 * free (the CLI then never exits); opened non-blocking and read as a socket, it waits in the event
 * loop, where the deadline and the idle limit apply. Not in a worker thread: a pipe socket torn
 * down by `terminate()` while another worker opened one aborted the process (Node 20 and 24), and a
 * worker's bounds still stop it (only a libuv thread waits on for a writer).
 */
function openInput(path: string, stdin: Readable, mainThreadPipe: boolean): Readable {
  if (path === '-') return stdin;
  if (mainThreadPipe)
    return new Socket({ fd: openSync(path, constants.O_RDONLY | constants.O_NONBLOCK), readable: true });
  return createReadStream(path, { highWaterMark: 1024 * 1024 });
}

/**
 * A regular file whose size is known and within the bound, read at once: what the stream below
 * would give, without a stream and its 1 MB buffer (~7 ms for an ordinary small event file). Null
 * for everything else (stdin, pipes, devices, empty-looking files like /proc's, a failure): the
 * stream reads those and words any error.
 */
function smallFile(path: string, maxBytes: number): string | null {
  let fd: number | null = null;
  try {
    // Stat before opening: opening a named pipe would block.
    if (!statSync(path).isFile()) return null;
    fd = openSync(path, constants.O_RDONLY);
    const { size } = fstatSync(fd);
    if (size === 0 || size > maxBytes) return null;
    // At most the size read: a file growing meanwhile stays within the bound.
    const buf = Buffer.allocUnsafe(size);
    let n = 0;
    for (let got = -1; n < size && got !== 0; n += got) got = readSync(fd, buf, n, size - n, n);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return null;
  } finally {
    if (fd !== null) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // A regular file's descriptor: nothing to report, the text was read.
  }
}

/**
 * Reads all of `path` (`-` for stdin) as UTF-8, failing with `invalid-input` as soon as more than
 * `maxBytes` arrived, and with `timeout` when the deadline passes or nothing arrives for `idleMs`;
 * the stream is destroyed at that point, so nothing more is read.
 */
export async function readBounded(path: string, options: BoundedReadOptions = {}): Promise<string> {
  const { maxBytes = MAX_EVENT_BYTES, stdin = process.stdin, signal, idleMs = READ_IDLE_MS } = options;
  const name = path === '-' ? 'stdin' : path;
  const ioError = (e: NodeJS.ErrnoException): CulpritError =>
    new CulpritError('io', `cannot read event file ${name}: ${ioReason(e)}`);
  const whole = path === '-' || signal?.aborted ? null : smallFile(path, maxBytes);
  if (whole !== null) return whole;
  // worker_threads is loaded only for a pipe: importing it costs ~2 ms of start-up (7 internal modules).
  const mainThreadPipe = path !== '-' && isNamedPipe(path) && (await import('node:worker_threads')).isMainThread;
  return new Promise((resolve, reject) => {
    let stream: Readable;
    try {
      stream = openInput(path, stdin, mainThreadPipe);
    } catch (e) {
      return reject(ioError(e as NodeJS.ErrnoException));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const finish = (err: Error | null, text?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(idle);
      signal?.removeEventListener('abort', onAbort);
      if (!err) return resolve(text as string);
      // Not waiting for 'close': a read pending on a silent pipe would hold it back forever.
      stream.destroy();
      reject(err);
    };
    const stopped = (why: string): CulpritError =>
      new CulpritError(
        'timeout',
        `${name} ${size === 0 ? 'sent nothing' : `was still sending after ${amount(size)}`}: ${why}` +
          ' (pass a file, or a stream that ends)',
      );
    // A writer that stalled (a FIFO nobody writes to, a hung producer) is not waited on forever.
    const armIdle = (): void => {
      if (!(idleMs > 0)) return;
      clearTimeout(idle);
      idle = setTimeout(
        () =>
          finish(
            new CulpritError(
              'timeout',
              `${name} sent nothing for ${Math.round(idleMs / 1000)} s` +
                `${size === 0 ? '' : ` after ${amount(size)}`} (pass a file, or a stream that ends)`,
            ),
          ),
        idleMs,
      );
    };
    stream.on('data', (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > maxBytes) return finish(new CulpritError('invalid-input', tooLargeMessage(name, maxBytes)));
      chunks.push(buf);
      armIdle();
    });
    // A pipe that never ends (a `tail -f`, a byte a second) stops at the run's deadline with its reason.
    function onAbort(): void {
      finish(stopped(signal?.reason instanceof Error ? signal.reason.message : 'cancelled'));
    }
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    armIdle();
    stream.on('end', () => finish(null, Buffer.concat(chunks, size).toString('utf8')));
    stream.on('error', (e: NodeJS.ErrnoException) => finish(ioError(e)));
  });
}
