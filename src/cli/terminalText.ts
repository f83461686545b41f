/**
 * Text from events and providers is printed to a terminal, where control characters are commands:
 * ESC sequences change the window title (OSC 0), clear the screen, write the clipboard (OSC 52) or
 * draw hyperlinks (OSC 8); CR and backspace overwrite what was printed; bidi overrides reorder it.
 * Every human-readable line the CLI prints goes through `terminalSafe`, which shows those
 * characters as visible escapes (`\x1b`, `\u202e`) instead. JSON output is never altered.
 */

/** C0 controls except tab, DEL, C1 controls, and the bidi embedding/override/isolate marks. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of untrusted text, safe to print: controls (newlines included) become visible escapes. */
export function terminalSafe(text: unknown): string {
  return String(text ?? '')
    .replace(UNSAFE, visible)
    .replace(/\t/g, ' ');
}
