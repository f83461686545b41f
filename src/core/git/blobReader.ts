/**
 * File contents at revisions through one `git cat-file --batch` process instead of one
 * `git cat-file blob` per file (a process costs 1–10 ms; a batched object about 0.1 ms).
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { CulpritError } from '../errors';
import type { GitRunner, LongGitProcess } from './gitRunner';
import { LruCache } from '../util/lruCache';
import { assertRevision } from './revisionResolver';

/** Reads blobs by `rev:path`. Requests made while one is in flight share the same process. */
export interface BlobReader {
  /** The text of `path` at `rev` (UTF-8), or null when the path is not a file there. */
  read(rev: string, path: string): Promise<string | null>;
  /** Several at once, in order; same semantics as `read`. */
  readMany(items: ReadonlyArray<{ rev: string; path: string }>): Promise<Array<string | null>>;
  /**
   * The full SHA of the commit `rev` names (`rev^{commit}`), or null when the batch cannot tell
   * (missing, ambiguous): the caller then asks `rev-parse`, which words the failure.
   */
  commitOf(rev: string): Promise<string | null>;
  /**
   * What `refs/tags/NAME` points at, peeled once as `for-each-ref`'s `%(*objectname)` peels (an
   * annotated tag's object, else the ref's own), or null when the batch does not find it.
   */
  tagTarget(name: string): Promise<string | null>;
  /**
   * The raw commit object a full SHA names (headers, blank line, message), or null when it is not
   * a commit. Commit objects the reader has read (by `commitOf` too) are kept: no process for them.
   */
  commitText(sha: string): Promise<string | null>;
  /**
   * Keeps the process through idle gaps until the returned release is called (a triage reads
   * between blames and logs: one process for all of it instead of one per burst of reads).
   */
  hold(): () => void;
  /** Ends the process (a new one starts on the next read). */
  close(): void;
}

export interface BlobReaderOptions {
  /** The process ends after this long without requests; default 50 ms (no process outlives a triage). */
  idleMs?: number;
  /** Larger blobs read as null rather than fill memory; default 64 MB. */
  maxBlobBytes?: number;
  /** No answer for this long fails the pending reads; default 30 s. */
  timeoutMs?: number;
}

/** One object the batch printed: its name, type and content. */
interface BatchObject {
  oid: string;
  type: string;
  body: Buffer;
}

interface Pending {
  spec: string;
  resolve: (object: BatchObject | null) => void;
  reject: (e: unknown) => void;
}

/** Parses the batch output stream: `<oid> <type> <size>\n<content>\n` or `<spec> missing\n`. */
class BatchParser {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Header of the object whose content is being read. */
  private current: { oid: string; type: string; size: number } | null = null;

  constructor(private readonly onObject: (object: BatchObject | null) => void) {}

  push(data: Buffer): void {
    this.chunks.push(data);
    this.buffered += data.length;
    for (;;) {
      if (!this.current) {
        const all = this.flat();
        const nl = all.indexOf(10);
        if (nl < 0) return;
        const header = all.subarray(0, nl).toString('utf8');
        this.keep(all.subarray(nl + 1));
        const m = /^([0-9a-f]{40}|[0-9a-f]{64}) (\S+) (\d+)$/.exec(header);
        if (!m) {
          this.onObject(null); // `missing`, `ambiguous`, `dangling`…: no content follows
          continue;
        }
        this.current = { oid: m[1] as string, type: m[2] as string, size: Number(m[3]) };
      }
      const { oid, type, size } = this.current;
      if (this.buffered < size + 1) return;
      const all = this.flat();
      const body = all.subarray(0, size);
      this.keep(all.subarray(size + 1));
      this.current = null;
      this.onObject({ oid, type, body });
    }
  }

  private flat(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] as Buffer;
  }

  private keep(rest: Buffer): void {
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
  }
}

/** One running `cat-file --batch` with the reads it still owes, in request order. */
interface BatchProcess {
  readonly proc: LongGitProcess;
  readonly queue: Pending[];
  idle: NodeJS.Timeout | null;
  watchdog: NodeJS.Timeout | null;
}

function clearTimers(b: BatchProcess): void {
  if (b.idle) clearTimeout(b.idle);
  if (b.watchdog) clearTimeout(b.watchdog);
  b.idle = b.watchdog = null;
}

/** Whether a child and its pipes keep the event loop alive. */
function keepAlive(child: ChildProcessWithoutNullStreams, on: boolean): void {
  for (const h of [child, child.stdin, child.stdout, child.stderr] as Array<{ ref?(): void; unref?(): void }>) {
    if (on) h.ref?.();
    else h.unref?.();
  }
}

/** A reader over `runner` at the repository root `cwd`. */
export function createBlobReader(runner: GitRunner, cwd: string, opts: BlobReaderOptions = {}): BlobReader {
  const idleMs = opts.idleMs ?? 50;
  const maxBlobBytes = opts.maxBlobBytes ?? 64 * 1024 * 1024;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let current: Promise<BatchProcess> | null = null;
  let holds = 0;
  // Commit objects are immutable and small; a triage reads its range's few (bounded like every cache).
  const commits = new LruCache<string, string>(512);
  const commitObject = async (spec: string): Promise<BatchObject | null> => {
    const object = await ask(spec);
    if (object?.type === 'commit') commits.set(object.oid, object.body.toString('utf8'));
    return object;
  };

  // The process each started promise resolved to, so `stop` can tell whether it is the current one.
  const settled = new WeakMap<Promise<BatchProcess>, BatchProcess>();
  const stop = (b: BatchProcess): void => {
    clearTimers(b);
    if (current && b === settled.get(current)) current = null;
    b.proc.child.stdin.end();
  };

  /**
   * After every request and answer: a watchdog while reads are owed, an idle timer when none are. An
   * idle process does not keep Node running (a CLI run ended by waiting out the idle time): it ends
   * with its stdin when Node exits.
   */
  const arm = (b: BatchProcess): void => {
    clearTimers(b);
    keepAlive(b.proc.child, b.queue.length > 0);
    if (b.queue.length > 0) {
      b.watchdog = setTimeout(() => {
        for (const p of b.queue.splice(0))
          p.reject(new CulpritError('timeout', `git cat-file gave no answer for ${timeoutMs} ms and was stopped.`));
        b.proc.child.kill();
      }, timeoutMs);
      b.watchdog.unref();
    } else if (holds === 0) {
      b.idle = setTimeout(() => stop(b), idleMs);
      b.idle.unref();
    }
  };

  const start = (): Promise<BatchProcess> => {
    const started = runner.spawnLong(['cat-file', '--batch'], { cwd }).then((proc) => {
      const b: BatchProcess = { proc, queue: [], idle: null, watchdog: null };
      let stderr = '';
      const parser = new BatchParser((object) => {
        b.queue.shift()?.resolve(object);
        arm(b);
      });
      proc.child.stdout.on('data', (d: Buffer) => parser.push(d));
      proc.child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-2000)));
      proc.child.stdin.on('error', () => undefined); // EPIPE when git died; reported on 'close'
      let ended = false;
      const end = (why: string): void => {
        if (ended) return;
        ended = true;
        proc.release();
        if (current === started) current = null;
        clearTimers(b);
        for (const p of b.queue.splice(0))
          p.reject(new CulpritError('git-failed', `git cat-file --batch ${why}${stderr ? `: ${stderr.trim()}` : ''}`));
      };
      proc.child.on('error', (e) => end(`could not run (${e.message})`));
      proc.child.on('close', (code) => end(`exited with code ${code}`));
      settled.set(started, b);
      return b;
    });
    started.catch(() => {
      if (current === started) current = null;
    });
    return started;
  };

  const ask = async (spec: string): Promise<BatchObject | null> => {
    current ??= start();
    const b = await current;
    return new Promise<BatchObject | null>((resolve, reject) => {
      b.queue.push({ spec, resolve, reject });
      arm(b);
      b.proc.child.stdin.write(`${spec}\n`);
    });
  };

  const read = async (rev: string, path: string): Promise<string | null> => {
    assertRevision(rev);
    if (typeof path !== 'string' || path.length === 0) return null;
    const spec = `${rev}:${path}`;
    // The batch protocol is line-based: a path with a newline needs a process of its own.
    if (/[\n\r\0]/.test(path)) {
      return runner.run(['cat-file', 'blob', spec], undefined, { cwd }).catch((e) => {
        if (CulpritError.is(e, 'git-failed')) return null;
        throw e;
      });
    }
    const object = await ask(spec);
    return object?.type === 'blob' && object.body.length <= maxBlobBytes ? object.body.toString('utf8') : null;
  };

  return {
    read,
    readMany: (items) => Promise.all(items.map((i) => read(i.rev, i.path))),
    async commitOf(rev) {
      assertRevision(rev);
      const object = await commitObject(`${rev}^{commit}`);
      return object?.type === 'commit' ? object.oid : null;
    },
    async tagTarget(name) {
      const spec = `refs/tags/${name}`;
      assertRevision(spec);
      const object = await ask(spec);
      if (object?.type !== 'tag') return object?.oid ?? null;
      return /^object ([0-9a-f]{40}|[0-9a-f]{64})\n/.exec(object.body.toString('latin1'))?.[1] ?? null;
    },
    async commitText(sha) {
      assertRevision(sha);
      const known = commits.get(sha);
      if (known !== undefined) return known;
      const object = await commitObject(sha);
      return object?.type === 'commit' ? (commits.get(object.oid) ?? null) : null;
    },
    hold() {
      holds++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds--;
        const c = current;
        // The last release restarts the idle clock of a process with nothing owed.
        if (holds === 0 && c) void c.then((b) => b.queue.length === 0 && arm(b)).catch(() => undefined);
      };
    },
    close() {
      const c = current;
      current = null;
      void c?.then(stop).catch(() => undefined);
    },
  };
}
