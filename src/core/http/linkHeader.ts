/** One link of an RFC 8288 `Link` header with its parameters (lower-cased names, unquoted values). */
export interface LinkEntry {
  url: string;
  params: Record<string, string>;
}

/**
 * Parses a `Link` header (`<url>; rel="next"; results="true"; cursor="..."`, comma separated).
 * A single linear scan; malformed parts are skipped rather than thrown on.
 */
export function parseLinkHeader(header: string | undefined): LinkEntry[] {
  if (!header || header.length > 64 * 1024) return [];
  const out: LinkEntry[] = [];
  const re = /<([^>]*)>([^<]*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header)) !== null) {
    const params: Record<string, string> = {};
    for (const part of m[2].split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      const key = part.slice(0, eq).trim().toLowerCase();
      const value = part
        .slice(eq + 1)
        .trim()
        .replace(/,\s*$/, '')
        .replace(/^"(.*)"$/, '$1');
      if (key) params[key] = value;
    }
    out.push({ url: m[1].trim(), params });
  }
  return out;
}

/** The link whose `rel` includes `rel`, if any. */
export function findLink(links: LinkEntry[], rel: string): LinkEntry | undefined {
  return links.find((l) => (l.params.rel ?? '').split(/\s+/).includes(rel));
}
