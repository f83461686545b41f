/** How the local API stand-ins write a (possibly faulty) response body; shared by Sentry and Datadog. */
import type { ServerResponse } from 'node:http';

/** Faults of the body, as the real services and proxies produce them. */
export type BodyFault = 'truncated' | 'html' | 'empty' | 'reset' | 'huge';

/**
 * Writes `text` with `status`, damaged as `fault` says: an nginx HTML error page, an empty body,
 * JSON cut in half, or half the body then a connection reset. `huge` is applied by the caller.
 */
export function writeBody(res: ServerResponse, status: number, headers: Record<string, string>, text: string, fault: BodyFault | undefined): void {
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
