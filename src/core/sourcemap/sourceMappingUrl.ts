import * as fs from 'node:fs';
/**
 * Finds a generated file's `sourceMappingURL` comment without regexes over the whole text: bundles
 * are megabytes and often contain the string `sourceMappingURL=` inside code (bundlers, TypeScript),
 * so only a comment on one of the last lines, followed by nothing but blank or comment lines, counts.
 */

const MARKER = 'sourceMappingURL=';
const PREFIXES = ['//# ', '//@ ', '/*# ', '/*@ '];

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10 || code === 0xfeff;
}

/** True when everything in `text` from `from` is blank lines or `//` comments. */
function onlyTrailingComments(text: string, from: number): boolean {
  let pos = from;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end).trim();
    if (line !== '' && !line.startsWith('//')) return false;
    pos = end + 1;
  }
  return true;
}

/**
 * Returns the URL of the last `//# sourceMappingURL=` (or `//@`, or a CSS-style block comment) in
 * `text`, or null when there is none or the match is not a trailing comment.
 */
export function parseSourceMappingUrl(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const at = text.lastIndexOf(MARKER);
  if (at < 4) return null;
  const prefix = text.slice(at - 4, at);
  if (!PREFIXES.includes(prefix)) return null;
  // The comment must start its line (after indentation).
  for (let i = at - 5; i >= 0 && text.charCodeAt(i) !== 10; i--) {
    if (!isSpace(text.charCodeAt(i))) return null;
  }
  let end = at + MARKER.length;
  while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
  let url = text.slice(at + MARKER.length, end);
  const block = prefix.startsWith('/*');
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  let rest = text.slice(end, lineEnd).trim();
  if (block) {
    if (url.endsWith('*/')) url = url.slice(0, -2);
    else if (rest.startsWith('*/')) rest = rest.slice(2).trim();
    else return null;
  }
  if (url === '' || rest !== '' || /["'`]/.test(url)) return null;
  return onlyTrailingComments(text, lineEnd + 1) ? url : null;
}

/**
 * {@link parseSourceMappingUrl} of a whole file, decided from its last bytes when they suffice
 * (bundles are megabytes; the comment is on the last line). `tail` is the file from some byte
 * offset on: its first, possibly partial, line is dropped, and the rest is an exact suffix of the
 * text starting at a line. Undefined when the tail cannot decide (no marker in it, yet nothing but
 * blank or comment lines): parse the whole text then.
 */
export function sourceMappingUrlFromTail(tail: string): string | null | undefined {
  const newline = tail.indexOf('\n');
  if (newline < 0) return undefined;
  const lines = tail.slice(newline + 1);
  // The last marker of the whole text is in `lines`, and everything the parser reads around it
  // (its line and what follows) is too; a marker before `lines` needs only comments after it.
  if (lines.includes(MARKER)) return parseSourceMappingUrl(lines);
  return onlyTrailingComments(lines, 0) ? undefined : null;
}

/** A decoded `data:` URL map, or why it cannot be used. */
export type DataUrlResult = { ok: true; json: string } | { ok: false; message: string };

/**
 * Decodes a `data:application/json[;charset=…][;base64],…` URL. `maxBytes` bounds the decoded size
 * before decoding (base64 is 4/3 of it).
 */
export function decodeDataUrl(url: string, maxBytes: number): DataUrlResult {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0 || comma > 200) return { ok: false, message: 'not a data: URL' };
  const params = url.slice(5, comma).toLowerCase().split(';');
  if (params[0] !== 'application/json' && params[0] !== 'text/plain' && params[0] !== '') {
    return { ok: false, message: `inline map has unsupported type ${params[0]}` };
  }
  const payload = url.slice(comma + 1);
  const base64 = params.includes('base64');
  const estimate = base64 ? Math.floor((payload.length * 3) / 4) : payload.length;
  if (estimate > maxBytes)
    return {
      ok: false,
      message:
        `inline source map is ${Math.round(estimate / 1048576)} MB, over the ` +
        `${Math.round(maxBytes / 1048576)} MB limit`,
    };
  if (base64) return { ok: true, json: Buffer.from(payload, 'base64').toString('utf8') };
  try {
    return { ok: true, json: decodeURIComponent(payload) };
  } catch {
    return { ok: false, message: 'inline source map is not valid percent-encoding' };
  }
}

/** Above this, only the tail of a generated file is searched for the comment. */
const WHOLE_FILE_LIMIT = 128 * 1024 * 1024;
const TAIL_BYTES = 1024 * 1024;
/** First try to find the comment in this many last bytes (the whole file only when they cannot tell). */
const PROBE_BYTES = 64 * 1024;

function readTail(abs: string, size: number, bytes: number): string {
  const fd = fs.openSync(abs, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, size - bytes);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** The generated file's `sourceMappingURL`, read from its tail when that decides it. */
export function readSourceMappingUrl(abs: string, size: number): string | null {
  if (size > WHOLE_FILE_LIMIT) return parseSourceMappingUrl(readTail(abs, size, TAIL_BYTES));
  if (size > PROBE_BYTES) {
    const fromTail = sourceMappingUrlFromTail(readTail(abs, size, PROBE_BYTES));
    if (fromTail !== undefined) return fromTail;
  }
  return parseSourceMappingUrl(fs.readFileSync(abs, 'utf8'));
}
