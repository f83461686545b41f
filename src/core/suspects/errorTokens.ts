/**
 * Identifiers that tie an error to code: quoted names in the message (`reading 'rate'`,
 * `KeyError: 'discount'`) and the identifiers on the crashing line. A commit in the deploy
 * range that adds or removes lines mentioning them is related even when it touched no frame.
 */

const KEYWORDS = new Set(
  ('if else for while do return function const let var new this self null undefined true false none ' +
    'class def import from export default async await try catch finally throw raise except in of is not and or ' +
    'public private protected static void int string bool boolean final let type interface extends implements ' +
    'end then elif lambda with as yield pass break continue case switch nil err error object value data result ' +
    'get set len str list dict map print println fmt log console require module exports ' +
    'double float long short char byte var val func go defer string number any unknown readonly const').split(' '),
);

const IDENT = /[A-Za-z_$][\w$]{2,}/g;

function add(out: Set<string>, word: string): void {
  const w = word.replace(/^\$+/, '');
  if (w.length < 3 || w.length > 60 || KEYWORDS.has(w.toLowerCase())) return;
  out.add(w);
}

/** Quoted and code-like identifiers in an error message. */
export function messageTokens(message: string | null): string[] {
  const out = new Set<string>();
  if (!message) return [];
  const text = message.slice(0, 2000);
  for (const m of text.matchAll(/['"`‘’]([A-Za-z_$][\w$.]{1,60})['"`‘’]/g)) {
    for (const part of m[1].split('.')) add(out, part);
  }
  for (const m of text.matchAll(/\b([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+)\b/g)) {
    for (const part of m[1].split('.')) add(out, part);
  }
  return [...out];
}

/** Identifiers on a source line (the crashing line). */
export function lineTokens(line: string | null): string[] {
  const out = new Set<string>();
  if (!line) return [];
  const code = line.slice(0, 1000).replace(/(["'`])(?:\\.|(?!\1).)*\1/g, ' ');
  for (const m of code.matchAll(IDENT)) add(out, m[0]);
  return [...out];
}

/** How many of `tokens` appear as whole words in `text`. */
export function tokenHits(tokens: string[], text: string): string[] {
  if (tokens.length === 0 || text.length === 0) return [];
  const words = new Set(text.match(/[A-Za-z_$][\w$]*/g) ?? []);
  return tokens.filter((t) => words.has(t));
}
