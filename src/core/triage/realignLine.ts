/**
 * Where a frame's line stands in another revision of its file, found by the line's own text (the
 * event's context line) and only inside the function the frame names: the same statement in
 * another function is another line. Null when it cannot be found.
 */

/** How far from the reported line the text is looked for when the function cannot be located. */
const WINDOW = 300;

const DEF_KEYWORD = /\b(?:def|function|func|fn|fun|sub)\b/;

/** `pkg.(*T).Method`, `Class#method`, `block in create`, `Svc.price_for` → the bare name. */
export function bareFunctionName(fn: string | null): string | null {
  if (!fn) return null;
  const s = fn
    .replace(/^(?:block(?: \(\d+ levels\))? in |rescue in |ensure in )/, '')
    .replace(/\s*\[.*$/, '')
    .replace(/\(.*\)$/, '');
  const name = /([A-Za-z_$][\w$]*[!?]?)$/.exec(s)?.[1] ?? null;
  return name && !['anonymous', 'main', 'module', 'lambda', 'null'].includes(name.toLowerCase()) ? name : null;
}

/**
 * Leading whitespace in characters, any whitespace (a tab too) counting 1, where stack/frameText's `indentOf`
 * counts a tab 4: realigning was measured with this count, so it stays.
 */
function leadingWhitespaceLength(line: string): number {
  return line.length - line.trimStart().length;
}

/** Lines (0-based) that define `name`: a def keyword before it, or `name = (…) =>`, or a method head. */
function definitionLines(lines: readonly string[], name: string): number[] {
  const esc = name.replace(/[$?!]/g, '\\$&');
  const word = new RegExp(`(?:^|[^\\w$])${esc}(?:[^\\w$?!]|$)`);
  const assigned = new RegExp(
    `(?:^|[^\\w$.])${esc}\\s*[=:]\\s*(?:async\\s*)?(?:function\\b|\\(|[\\w$]+\\s*=>|lambda\\b)`,
  );
  // A method head ends its line with `{` (JS/TS, Java, C#, Kotlin): `priceFor(sku) {`, `int priceFor(…) {`.
  const method = new RegExp(`^\\s*(?:[\\w<>\\[\\],.?@]+\\s+)*${esc}\\s*(?:<[^>]*>)?\\([^;]*\\)[^;{]*\\{\\s*$`);
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.includes(name) || !word.test(l)) continue;
    const before = l.slice(0, l.indexOf(name));
    if (
      DEF_KEYWORD.test(before) ||
      assigned.test(l) ||
      (method.test(l) && !/^\s*(?:return|if|for|while|else)\b/.test(l))
    )
      out.push(i);
  }
  return out;
}

/**
 * The 0-based line span of the definition at `start`: to its closing brace when the definition
 * line opens one, else (Python, Ruby) until the next code line indented no deeper.
 */
function spanOf(lines: readonly string[], start: number): [number, number] {
  const indent = leadingWhitespaceLength(lines[start]);
  if (lines[start].includes('{')) {
    let depth = 0;
    for (let i = start; i < lines.length; i++) {
      for (const ch of lines[i]) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
      if (depth <= 0) return [start, i];
    }
    return [start, lines.length - 1];
  }
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() !== '' && leadingWhitespaceLength(l) <= indent && !/^\s*[)\]}]/.test(l)) return [start, i - 1];
  }
  return [start, lines.length - 1];
}

/**
 * The 1-based line of `text` in `lines` nearest `reported`, inside the function `fn` names when that
 * function is found in the file (anywhere within a window otherwise); null when not found.
 */
export function realignLine(
  lines: readonly string[],
  reported: number,
  text: string,
  fn: string | null,
): number | null {
  const want = text.trim();
  if (!want || !Array.isArray(lines)) return null;
  const name = bareFunctionName(fn);
  const spans = name ? definitionLines(lines, name).map((d) => spanOf(lines, d)) : [];
  const inScope = (i: number): boolean =>
    spans.length === 0 ? Math.abs(i + 1 - reported) <= WINDOW : spans.some(([a, b]) => i >= a && i <= b);
  let best: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== want || !inScope(i)) continue;
    if (best === null || Math.abs(i + 1 - reported) < Math.abs(best - reported)) best = i + 1;
  }
  return best;
}
