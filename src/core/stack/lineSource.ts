/** Longest part of one line any parser looks at; longer lines are cut (bounded work per line). */
const MAX_LINE_CHARS = 8192;

// Log routers and shippers put these before every line; stripping them lets the parsers see
// the trace as the runtime printed it. Each is anchored and has no nested quantifiers.
const LOG_PREFIXES: readonly RegExp[] = [
  // ISO-ish timestamp, optional bracketed, then optional `app[web.1]:` / `host app[123]:` source.
  /^\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?\]? (?:[\w.-]{1,64}\[[\w.-]{1,64}\]: ?)?/,
  // Go's standard `log` package: `2026/01/01 00:00:00 ` (optionally with microseconds).
  /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d{1,9})? /,
  // Ruby's Logger: `E, [2026-01-01T00:00:00.123456 #42] ERROR -- app: `, then Rails' tagged
  // logging: `[ActiveJob] [ReceiptJob] [4c58…] ` or a request id `[2c02…] ` before every line.
  new RegExp(
    String.raw`^[DIWEFAU], \[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})? #\d{1,10}\] {1,6}` +
      String.raw`[A-Z]{1,7} -- [^:]{0,100}: (?:\[[^\]\s]{1,100}\] ?){0,8}`,
  ),
  // PHP's error_log file: `[01-Jan-2026 00:00:00 UTC] `.
  /^\[\d\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d:\d\d(?: [\w/+-]{1,40})?\] /,
  // syslog: `Jan  1 00:00:00 host app[123]: `
  /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d [\w.-]{1,64} [\w./-]{1,64}(?:\[\d{1,10}\])?: ?/,
  // docker compose: `web-1  | `
  /^[\w.-]{1,64} +\| /,
  // kubectl logs --prefix: `[pod/web-5d8f/app] `
  /^\[pod\/[^\]\s]{1,200}\] /,
];

/** Removes one known log-shipper prefix from a line, if present. */
export function stripLogPrefix(line: string): string {
  const c = line.charCodeAt(0);
  // Fast exit: every prefix starts with a digit, a letter or `[`.
  if (!(c >= 48 && c <= 57) && !(c >= 65 && c <= 90) && !(c >= 97 && c <= 122) && c !== 91) return line;
  for (const re of LOG_PREFIXES) {
    const m = re.exec(line);
    // A line that is only a prefix (Rails logs blank lines with their tags) is a blank line.
    if (m) return m[0].length < line.length ? line.slice(m[0].length) : '';
  }
  return line;
}

/**
 * Random access to the lines of a (possibly huge) text without splitting it all up front:
 * line starts are indexed lazily as the scan advances, and each returned line is cleaned
 * (CR and NUL removed, cut at {@link MAX_LINE_CHARS}, log prefix stripped).
 */
export class LineSource {
  private readonly starts: number[] = [0];
  private complete = false;

  constructor(private readonly text: string) {}

  /** The cleaned line `i`, or undefined past the end. */
  get(i: number): string | undefined {
    const raw = this.raw(i, MAX_LINE_CHARS);
    return raw === undefined ? undefined : stripLogPrefix(clean(raw));
  }

  /** Line `i` with only CR removed, cut at `max` characters (for JSON payloads). */
  raw(i: number, max: number): string | undefined {
    if (i < 0 || !this.ensure(i)) return undefined;
    const start = this.starts[i];
    const next = i + 1 < this.starts.length ? this.starts[i + 1] - 1 : this.text.length;
    let end = Math.min(next, start + max);
    if (end > start && end === next && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  /** Indexes up to the start of line i + 1 (the end of line i); true when line i exists. */
  private ensure(i: number): boolean {
    while (!this.complete && this.starts.length <= i + 1) {
      const nl = this.text.indexOf('\n', this.starts[this.starts.length - 1]);
      if (nl < 0) this.complete = true;
      else this.starts.push(nl + 1);
    }
    if (i >= this.starts.length) return false;
    // A trailing newline does not open one more (empty) line.
    return i === 0 || this.starts[i] < this.text.length;
  }
}

function clean(line: string): string {
  let s = line;
  if (s.indexOf('\0') >= 0) s = s.split('\0').join('');
  if (s.indexOf('\r') >= 0) s = s.replace(/\r/g, '');
  return s;
}
