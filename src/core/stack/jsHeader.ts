/** `Name: message` header lines as printed by V8 and browsers (`Error [CODE]: msg`, `Uncaught X: y`). */
export interface JsHeader {
  type: string | null;
  value: string | null;
}

const ERROR_LIKE = /(?:Error|Exception|Rejection|Failure|Fault|Warning)$/;
// Finds an error-like name inside a longer log line (`ERROR failed: TypeError: x`).
const EMBEDDED = /(?:^|[\s:([])([A-Z][\w$]{0,80}(?:Error|Exception|Rejection))(?: \[[\w$]{1,64}\])?(?::\s|$)/;
const WHOLE = /^([A-Za-z_$][\w$.]{0,120})(?: \[[\w$]{1,64}\])?(?:: ?(.*))?$/;

/**
 * Parses a header line. `strict` accepts only error-like names (`TypeError`, `FooException`),
 * which keeps plain log lines (`info: listening`) from being taken for headers.
 */
export function parseJsHeader(line: string, strict: boolean): JsHeader | null {
  let s = line.trim();
  if (s.startsWith('Uncaught ')) s = s.slice(9);
  if (s.startsWith('(in promise) ')) s = s.slice(13);
  const m = WHOLE.exec(s);
  if (m) {
    const name = m[1];
    const hasColon = m[2] !== undefined;
    if (ERROR_LIKE.test(name) || name === 'Error' || (!strict && hasColon)) {
      return { type: name, value: hasColon ? m[2] : null };
    }
  }
  const e = EMBEDDED.exec(s);
  if (!e) return null;
  const from = e.index + e[0].indexOf(e[1]);
  const rest = s.slice(from);
  const m2 = WHOLE.exec(rest);
  return m2 ? { type: m2[1], value: m2[2] ?? null } : null;
}
