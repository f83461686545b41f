/** What the local API stand-ins (Sentry, Datadog, Bugsnag) share: their faults, faulty bodies, shutdown. */
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Faults of the body, as the real services and proxies produce them. */
export type BodyFault = 'truncated' | 'html' | 'empty' | 'reset' | 'huge';

/** A fault a stand-in applies to the requests of one route. */
export interface StandInFault {
  status?: number;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Never answer: the request stays open until the client gives up or the stand-in closes. */
  hang?: boolean;
  /** truncated: valid body cut in half (consistent length); html: a proxy page; reset: connection dropped mid-body. */
  body?: BodyFault;
  /** For `huge`: pad the normal (valid) body to about this many bytes. */
  hugeBytes?: number;
  /** How many requests the fault applies to (default: all). */
  times?: number;
  /** The detail text of a status fault's body (e.g. to echo a credential back). */
  detail?: string;
}

/** The first of `faults` with uses left that `appliesTo` the request; one use is spent. */
export function takeFault<F extends StandInFault>(
  faults: F[] | undefined,
  appliesTo: (f: F) => boolean,
): F | undefined {
  const f = (faults ?? []).find((x) => (x.times ?? Infinity) > 0 && appliesTo(x));
  if (f && f.times !== undefined) f.times--;
  return f;
}

/** Runs `answer` after the fault's delay plus the stand-in's latency, as a slow service answers. */
export function answerLater(fault: StandInFault | undefined, latencyMs: number | undefined, answer: () => void): void {
  setTimeout(answer, (fault?.delayMs ?? 0) + (latencyMs ?? 0));
}

/** The `count(route?)` of a stand-in: how many requests it saw, on one route or on all. */
export function requestCounter<R>(requests: Array<{ route: R }>): (route?: R) => number {
  return (route) => requests.filter((r) => route === undefined || r.route === route).length;
}

/** Starts a stand-in on a free loopback port and gives its base URL. */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** `text`, the JSON of `body`, padded to about `fault.hugeBytes` (else `defaultBytes`) for a `huge` fault. */
export function padIfHuge(body: unknown, text: string, fault: StandInFault | undefined, defaultBytes: number): string {
  if (fault?.body !== 'huge' || !body || typeof body !== 'object') return text;
  return JSON.stringify({
    ...body,
    _padding: 'x'.repeat(Math.max(0, (fault.hugeBytes ?? defaultBytes) - text.length)),
  });
}

/** Stops a stand-in, dropping kept-alive connections so tests never wait for them. */
export function closeStandIn(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * Writes `text` with `status`, damaged as `fault` says: an nginx HTML error page, an empty body,
 * JSON cut in half, or half the body then a connection reset. `huge` is applied by the caller.
 */
export function writeBody(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  text: string,
  fault: BodyFault | undefined,
): void {
  if (fault === 'html') {
    res.writeHead(status, { ...headers, 'content-type': 'text/html; charset=utf-8' });
    res.end('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
    return;
  }
  let out = text;
  if (fault === 'empty') out = '';
  if (fault === 'truncated') out = out.slice(0, Math.floor(out.length / 2));
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(out)) });
  if (fault === 'reset') {
    res.write(out.slice(0, Math.floor(out.length / 2)));
    setTimeout(() => res.socket?.destroy(), 5);
    return;
  }
  res.end(out);
}
