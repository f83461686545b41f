/** Turns a production request into what a regression test replays: no host, no credentials. */
import type { RequestInfo } from '../model/event.types';
import { isSecretHeader } from '../insights/secretHeaders';

/** The request a generated test sends, relative to a local base URL. */
export interface ReplayRequest {
  method: string;
  /** Path plus query string, always starting with `/`. */
  pathAndQuery: string;
  /** Header pairs safe to replay (no credentials, no hop-by-hop headers). */
  headers: Array<[string, string]>;
  /** Body text, or null when the request had none. */
  body: string | null;
  /** Whether the body is JSON (then a content-type header is ensured). */
  json: boolean;
}

// Set by the client per connection; copying them from production breaks the replay.
const HOP_BY_HOP = new Set([
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'accept-encoding',
  'proxy-connection',
]);
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const MAX_BODY = 256 * 1024;
const MAX_PATH = 8 * 1024;

/**
 * Maps `RequestInfo` to a replayable request. The URL's host is dropped (the test targets a
 * local server); `query` (Sentry sends it apart from the URL) is appended unless the URL already
 * carries it. Unknown methods fall back to GET; bodies are cut at 256 KiB.
 */
export function toReplayRequest(req: RequestInfo | null | undefined): ReplayRequest {
  const rawMethod = typeof req?.method === 'string' ? req.method.trim().toUpperCase() : '';
  const method = METHODS.has(rawMethod) ? rawMethod : 'GET';
  const { path, search } = splitUrl(typeof req?.url === 'string' ? req.url : '');
  let query = search;
  const extra = typeof req?.query === 'string' ? req.query.replace(/^\?/, '').slice(0, MAX_PATH) : '';
  if (extra && !query.includes(extra)) query = query ? `${query}&${extra}` : extra;
  const pathAndQuery = (query ? `${path}?${query}` : path).slice(0, MAX_PATH);

  const headers: Array<[string, string]> = [];
  for (const pair of Array.isArray(req?.headers) ? req.headers.slice(0, 200) : []) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') continue;
    const name = pair[0].trim();
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/.test(name)) continue;
    if (isSecretHeader(name) || HOP_BY_HOP.has(name.toLowerCase())) continue;
    headers.push([name, pair[1].replace(/[\r\n]/g, ' ').slice(0, 2048)]);
  }

  const data = req?.data;
  let body: string | null = null;
  let json = false;
  if (typeof data === 'string') body = data;
  else if (data !== null && data !== undefined) {
    try {
      body = JSON.stringify(data, null, 2) ?? null;
      json = body !== null;
    } catch {
      body = null;
    }
  }
  if (body !== null && body.length > MAX_BODY) body = body.slice(0, MAX_BODY);
  if (method === 'GET' || method === 'HEAD') body = null;
  if (body === null) json = false;
  const hasType = headers.some(([n]) => n.toLowerCase() === 'content-type');
  if (json && !hasType) headers.push(['content-type', 'application/json']);
  if (!json && body === null) {
    for (let i = headers.length - 1; i >= 0; i--)
      if (headers[i][0].toLowerCase() === 'content-type') headers.splice(i, 1);
  }
  return { method, pathAndQuery, headers, body, json };
}

/** Path (always `/…`) and query of a URL that may be absolute, relative or garbage. */
function splitUrl(url: string): { path: string; search: string } {
  const text = url.trim().slice(0, MAX_PATH);
  let rest = text;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(text);
  if (scheme) rest = text.slice(scheme[0].length);
  rest = rest.split('#')[0];
  const q = rest.indexOf('?');
  let path = q >= 0 ? rest.slice(0, q) : rest;
  const search = q >= 0 ? rest.slice(q + 1) : '';
  if (!path.startsWith('/')) path = `/${path}`;
  // Keep the path a path: no whitespace or control characters in what becomes a URL.
  return { path: encodeUnsafe(path), search: encodeUnsafe(search) };
}

/** Percent-encodes whitespace and control characters, leaving everything else as sent. */
function encodeUnsafe(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    out += c <= 0x20 || c === 0x7f || /\s/.test(ch) ? encodeURIComponent(ch) : ch;
  }
  return out;
}
