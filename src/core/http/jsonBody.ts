import { CulpritError } from '../errors';
import { type Redactor, oneLine } from './secretRedactor';

/** Where a body came from, for messages: `Sentry GET /api/0/...`. */
export interface BodyOrigin {
  provider: string;
  method: string;
  endpoint: string;
  status: number;
  contentType: string;
}

/**
 * Parses a JSON response body. Anything that is not complete JSON (an empty 200, an HTML
 * error or login page from a proxy, a body cut off mid-transfer) becomes `bad-response`
 * naming the endpoint, so one bad issue can be reported without the raw payload.
 */
export function parseJsonBody(body: Buffer, origin: BodyOrigin, redact: Redactor): unknown {
  const where = `${origin.provider} ${origin.method} ${origin.endpoint}`;
  const text = body.toString('utf8');
  const start = firstNonSpace(text);
  if (start < 0) {
    throw new CulpritError(
      'bad-response',
      `${where} returned an empty body (status ${origin.status}) where JSON was expected`,
      {
        endpoint: origin.endpoint,
        status: origin.status,
      },
    );
  }
  if (text[start] === '<' || /html/i.test(origin.contentType)) {
    const title = /<title[^>]{0,100}>([^<]{0,200})<\/title>/i.exec(text.slice(start, start + 4096))?.[1];
    throw new CulpritError(
      'bad-response',
      redact(
        `${where} returned an HTML page instead of JSON (status ` +
          `${origin.status}${title ? `, "${oneLine(title, 80)}"` : ''}); ` +
          'a proxy, login page or wrong base URL is likely',
      ),
      { endpoint: origin.endpoint, status: origin.status },
    );
  }
  try {
    return JSON.parse(start > 0 ? text.slice(start) : text);
  } catch (e) {
    // V8's message quotes the input; keep only the position so no payload (or secret) leaks.
    const pos = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
    // An error at the very end of the text means the body stopped early (cut off in transit).
    const src = start > 0 ? text.slice(start) : text;
    const truncated =
      (e instanceof Error && /end of (JSON )?input|Unterminated/i.test(e.message)) ||
      (pos !== undefined && Number(pos) >= src.trimEnd().length);
    throw new CulpritError(
      'bad-response',
      `${where} returned ${truncated ? 'truncated' : 'malformed'} JSON (${body.length} ` +
        `bytes${pos ? `, error at position ${pos}` : ''})`,
      { endpoint: origin.endpoint, status: origin.status },
    );
  }
}

/** The server's own short explanation from an error body (`detail`, `errors`, `message`), if any. */
export function serverDetailOf(body: Buffer, redact: Redactor): string | null {
  if (body.length === 0 || body.length > 64 * 1024) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return typeof parsed === 'string' ? redact(oneLine(parsed)) : null;
  const o = parsed as Record<string, unknown>;
  const candidates: unknown[] = [o.detail, o.message, o.error];
  if (Array.isArray(o.errors))
    candidates.push(
      o.errors
        .map((x) => (typeof x === 'string' ? x : (x as { detail?: unknown })?.detail))
        .filter(Boolean)
        .join('; '),
    );
  for (const c of candidates) {
    if (typeof c === 'string' && c.trim() !== '') return redact(oneLine(c));
  }
  return null;
}

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // BOM, space, tab, CR, LF
    if (c !== 0xfeff && c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) return i;
  }
  return -1;
}
