/**
 * What the production event carried that a local reproduction does not: the request body and
 * headers, the user, tags, environment and runtime. When the deployed revision passes here, the
 * bad value is usually in one of these. Values are server text: cut short, one line, no secrets.
 */
import { isSecretHeader } from '../insights/secretHeaders';
import type { ErrorEvent } from '../model/event.types';

const MAX_VALUE = 120;
const MAX_LINES = 12;

/** One line of untrusted text, control characters removed, at most `max` characters. */
function oneLine(v: unknown, max = MAX_VALUE): string {
  let text: string;
  try {
    text = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  } catch {
    text = String(v);
  }
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function runtimeOf(event: ErrorEvent): string | null {
  const rt = event.contexts?.runtime as { name?: unknown; version?: unknown } | undefined;
  if (!rt || typeof rt !== 'object') return null;
  const name = typeof rt.name === 'string' ? rt.name : '';
  const version = typeof rt.version === 'string' ? rt.version : '';
  return `${name} ${version}`.trim() || null;
}

/**
 * Lines like `request body: {"customerId":"cus_42",…} (86 bytes)`. `reproSendsRequest` is true
 * when the reproduction replays the request (a `{test}` regression test), which then drops the
 * request lines: what remains is what production had and the replay cannot.
 */
export function eventDiffers(event: ErrorEvent, opts: { reproSendsRequest?: boolean } = {}): string[] {
  const out: string[] = [];
  const req = event.request;
  if (req && !opts.reproSendsRequest) {
    if (req.method || req.url) out.push(`request: ${oneLine(`${req.method ?? ''} ${req.url ?? ''}`)}`);
    if (req.data !== null && req.data !== undefined) {
      const text = typeof req.data === 'string' ? req.data : (JSON.stringify(req.data) ?? '');
      out.push(`request body: ${oneLine(req.data)} (${Buffer.byteLength(text)} bytes)`);
    }
    const names = req.headers.map(([n]) => n).filter((n) => !isSecretHeader(n));
    if (names.length) out.push(`request headers: ${oneLine(names.join(', '))}`);
    const secret = req.headers.filter(([n]) => isSecretHeader(n)).length;
    if (secret) out.push(`credentials in the request: ${secret} header${secret === 1 ? '' : 's'} (withheld)`);
  }
  if (event.user && Object.keys(event.user).length) {
    // The id says which account; the other fields are named, not shown (personal data).
    const id = event.user.id ?? event.user.username;
    out.push(`user: ${id !== undefined ? `${oneLine(id, 40)} ` : ''}(${oneLine(Object.keys(event.user).join(', '))})`);
  }
  const tags = Object.entries(event.tags ?? {});
  if (tags.length) out.push(`tags: ${oneLine(tags.map(([k, v]) => `${k}=${v}`).join(', '), 200)}`);
  if (event.environment) out.push(`environment: ${oneLine(event.environment, 40)} (the reproduction runs locally)`);
  const runtime = runtimeOf(event);
  if (runtime) {
    const here = /^node\b/i.test(runtime) ? `, node ${process.version.replace(/^v/, '')} here` : '';
    out.push(`runtime: ${oneLine(runtime, 60)} in production${here}`);
  }
  if (event.release) out.push(`release: ${oneLine(event.release, 60)}`);
  return out.slice(0, MAX_LINES);
}
