import type { BlameLine } from './git.types';
import { unquoteGitPath } from './gitPathQuoting';
import { outputLines } from './outputLines';

/** A blame line plus the porcelain `previous` field (the commit and path before this change). */
export interface PorcelainBlameLine extends BlameLine {
  /** Parent revision and path the line came from; absent for boundary/root lines. */
  previous?: { sha: string; path: string };
}

interface CommitHeader {
  author: string;
  authorMail: string;
  authorTime: number;
  summary: string;
  boundary: boolean;
  previous?: { sha: string; path: string };
  filename: string;
}

const ENTRY_HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) (\d+) (\d+)(?: (\d+))?$/;

function emptyHeader(): CommitHeader {
  return { author: '', authorMail: '', authorTime: 0, summary: '', boundary: false, filename: '' };
}

function stripMail(s: string): string {
  return s.startsWith('<') && s.endsWith('>') ? s.slice(1, -1) : s;
}

/**
 * Parses `git blame --porcelain` (one or several `-L` ranges) into one entry per line, in output
 * order. git prints a commit's header fields only the first time the commit appears, so they are
 * remembered per SHA; a `filename` line may repeat per group (moved/copied origins) and wins for
 * that group. Tolerates CRLF line ends (content keeps no trailing `\r`) and ignores unknown keys.
 * `authorMail` is returned without angle brackets.
 */
export function parseBlamePorcelain(text: string): PorcelainBlameLine[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const out: PorcelainBlameLine[] = [];
  const headers = new Map<string, CommitHeader>();
  let cur: { sha: string; origLine: number; finalLine: number; header: CommitHeader; filename: string | null } | null =
    null;

  for (const line of outputLines(text)) {
    if (line.startsWith('\t')) {
      if (!cur) continue; // content without a header: corrupt input, skip
      const h = cur.header;
      const entry: PorcelainBlameLine = {
        sha: cur.sha,
        finalLine: cur.finalLine,
        origLine: cur.origLine,
        origPath: cur.filename ?? h.filename,
        boundary: h.boundary,
        author: h.author,
        authorMail: h.authorMail,
        authorTime: h.authorTime,
        summary: h.summary,
        content: line.slice(1),
      };
      if (h.previous) entry.previous = h.previous;
      out.push(entry);
      continue;
    }

    const m = ENTRY_HEADER.exec(line);
    if (m) {
      const sha = m[1];
      let header = headers.get(sha);
      if (!header) {
        header = emptyHeader();
        headers.set(sha, header);
      }
      // A group start (4th number) may carry its own filename; later lines of the group reuse it.
      const filename: string | null = m[4] !== undefined ? null : cur && cur.sha === sha ? cur.filename : null;
      cur = { sha, origLine: Number(m[2]), finalLine: Number(m[3]), header, filename };
      continue;
    }
    if (!cur) continue;

    const sp = line.indexOf(' ');
    const key = sp < 0 ? line : line.slice(0, sp);
    const value = sp < 0 ? '' : line.slice(sp + 1);
    const h = cur.header;
    switch (key) {
      case 'author':
        h.author = value;
        break;
      case 'author-mail':
        h.authorMail = stripMail(value);
        break;
      case 'author-time':
        h.authorTime = Number(value) || 0;
        break;
      case 'summary':
        h.summary = value;
        break;
      case 'boundary':
        h.boundary = true;
        break;
      case 'previous': {
        const s2 = value.indexOf(' ');
        if (s2 > 0) h.previous = { sha: value.slice(0, s2), path: unquoteGitPath(value.slice(s2 + 1)) };
        break;
      }
      case 'filename': {
        const name = unquoteGitPath(value);
        cur.filename = name;
        if (!h.filename) h.filename = name;
        break;
      }
      default:
        break; // committer*, author-tz and future keys
    }
  }
  return out;
}
