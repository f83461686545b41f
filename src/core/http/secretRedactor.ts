/** Replaces every known secret in a text with a fixed mask. */
export type Redactor = (text: string) => string;

const MASK = '[redacted]';

/**
 * Builds a redactor for the given secret values. Uses plain substring replacement (no regex
 * built from secrets) so arbitrary token characters are safe and the cost stays linear.
 * Also masks `Bearer <credential>` so a token echoed back in some other form is still hidden.
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
  // Longest first so a secret containing another secret is masked whole; very short values
  // would mask ordinary words, so they are ignored (a 1-3 char token is not a real secret).
  const list = [...new Set([...secrets].filter((s) => typeof s === 'string' && s.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  return (text: string): string => {
    let out = typeof text === 'string' ? text : String(text);
    for (const s of list) {
      if (out.includes(s)) out = out.split(s).join(MASK);
    }
    return out.replace(/\b(Bearer|Basic) +[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${MASK}`);
  };
}

/** Secret values of a header map, plus the base64 and URL-encoded forms they may be echoed in. */
export function secretVariants(values: Iterable<string>): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (typeof v !== 'string' || v.length === 0) continue;
    out.push(v);
    const bare = v.replace(/^(Bearer|Basic|Token)\s+/i, '');
    if (bare !== v) out.push(bare);
    out.push(encodeURIComponent(bare));
  }
  return out;
}

/** Cuts a server-provided text to one short line. */
export function oneLine(text: string, max = 300): string {
  const flat = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const line = flat.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
