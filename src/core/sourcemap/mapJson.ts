/**
 * Parses a source map file without decoding its `sourcesContent`. Culprit maps positions onto
 * workspace files and never reads embedded sources, yet they are most of a bundle map (10.7 of
 * 16.5 MB for esbuild's) and of its UTF-8 decoding and `JSON.parse` time (the target: first
 * frame < 200 ms). The array is found byte-wise with `Buffer.indexOf` (one native scan per `"`),
 * and replaced by `null` before decoding; anything unexpected parses the whole text.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const KEY = Buffer.from('sourcesContent');

function isWs(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipWs(buf: Buffer, at: number): number {
  let i = at;
  while (i < buf.length && isWs(buf[i])) i++;
  return i;
}

/** Index just past the closing quote of the JSON string opening at `open`, or -1. */
function stringEnd(buf: Buffer, open: number): number {
  for (let q = buf.indexOf(QUOTE, open + 1); q >= 0; q = buf.indexOf(QUOTE, q + 1)) {
    let backslashes = 0;
    for (let k = q - 1; buf[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
  }
  return -1;
}

/** Where the value of the top-level `"sourcesContent"` key starts, or -1. */
function sourcesContentValue(buf: Buffer): number {
  let depth = 0;
  let pos = 0;
  for (;;) {
    const open = buf.indexOf(QUOTE, pos);
    if (open < 0) return -1;
    // Outside strings only structure, numbers and literals: track the nesting.
    for (let i = pos; i < open; i++) {
      const c = buf[i];
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) depth--;
    }
    const end = stringEnd(buf, open);
    if (end < 0) return -1;
    if (depth === 1 && end - open - 2 === KEY.length && buf.compare(KEY, 0, KEY.length, open + 1, end - 1) === 0) {
      const colon = skipWs(buf, end);
      if (buf[colon] === 0x3a) return skipWs(buf, colon + 1);
    }
    pos = end;
  }
}

/** Index just past an array of strings and nulls starting at `at`, or -1 for anything else. */
function stringArrayEnd(buf: Buffer, at: number): number {
  if (buf[at] !== 0x5b) return -1;
  let i = skipWs(buf, at + 1);
  if (buf[i] === 0x5d) return i + 1;
  for (;;) {
    if (buf[i] === QUOTE) i = stringEnd(buf, i);
    else if (buf[i] === 0x6e && buf[i + 1] === 0x75 && buf[i + 2] === 0x6c && buf[i + 3] === 0x6c)
      i += 4; // null
    else return -1;
    if (i < 0) return -1;
    i = skipWs(buf, i);
    if (buf[i] === 0x5d) return i + 1;
    if (buf[i] !== 0x2c) return -1;
    i = skipWs(buf, i + 1);
  }
}

/**
 * `JSON.parse` of a source map file's bytes, with a top-level `sourcesContent` array of strings
 * read as `null`. Throws what `JSON.parse` of the whole text throws when it is not valid JSON.
 */
export function parseMapJson(buf: Buffer): unknown {
  const start = sourcesContentValue(buf);
  const end = start < 0 ? -1 : stringArrayEnd(buf, start);
  if (end > start) {
    try {
      // Both cuts are at ASCII bytes, so the two halves decode exactly as in the whole text.
      return JSON.parse(`${buf.toString('utf8', 0, start)}null${buf.toString('utf8', end)}`);
    } catch {
      // Invalid elsewhere: report the error for the whole text, below.
    }
  }
  return JSON.parse(buf.toString('utf8'));
}
