/** What the local API stand-ins (Sentry, Datadog, Bugsnag) share: their faults, faulty bodies, shutdown. */
import type { Server, ServerResponse } from 'node:http';

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
