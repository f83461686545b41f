/**
 * Markdown from hostile text for hovers and tooltips. `MarkdownString.appendText` turns every
 * space into `&nbsp;` (so prose cannot wrap) and leaves bare URLs to the autolinker; these
 * helpers escape the markdown syntax instead, keep spaces wrappable, and put anything a renderer
 * would turn into a link (URLs, e-mail addresses, `www.` hosts) into code spans.
 */

/** URLs of any scheme, `www.` hosts and e-mail addresses: what GFM autolinks. */
const LINKISH = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s<>"'`]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

/** Markdown punctuation, `$` (theme icons) and `<`/`&` (HTML, entities) escaped with a backslash. */
function escapePlain(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|~<>&$:]/g, (c) => `\\${c}`);
}

/** A code span around `text`, fenced longer than any backtick run in it, on one line. */
export function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  if (!flat) return '';
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Prose that wraps at spaces and renders as the same characters, with every link-like token as
 * code. Newlines become spaces: a hover line is one paragraph.
 */
export function prose(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  let out = '';
  let last = 0;
  for (const m of flat.matchAll(LINKISH)) {
    const at = m.index ?? 0;
    out += escapePlain(flat.slice(last, at)) + inlineCode(m[0]);
    last = at + m[0].length;
  }
  return out + escapePlain(flat.slice(last));
}
