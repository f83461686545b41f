/** Short texts about an issue, shared by the tree, decorations, hovers and status bar. */
import type { ErrorSample } from '../model/group.types';
import type { Suspect, TriagedFrame, TriagedIssue } from '../model/triage.types';

/** `Ada Lovelace <ada@x>` → `Ada Lovelace`. */
export function authorName(author: string): string {
  const name = author.replace(/\s*<[^>]*>\s*$/, '').trim();
  return name || author.trim();
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** `3 min ago`, `5 h ago`, `2 d ago`; null for a missing or unparseable date. */
export function relativeTime(iso: string | null, now: number = Date.now()): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return null;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

/** `orders-api@2.3.0` → `2.3.0`: the package prefix is noise next to a file. */
export function releaseLabel(release: string | null): string | null {
  if (!release) return null;
  const at = release.lastIndexOf('@');
  const v = at > 0 ? release.slice(at + 1) : release;
  return /^[0-9a-f]{40}$/i.test(v) ? v.slice(0, 7) : v;
}

/** The exception type: `TypeError` from `TypeError: x is undefined`, else the title's start. */
export function errorType(sample: ErrorSample): string {
  const ex = sample.event.exceptions[sample.event.exceptions.length - 1];
  const type = ex?.type?.trim();
  if (type) return type.slice(0, 80);
  const title = sample.group.title;
  const colon = title.indexOf(':');
  return (colon > 0 && colon < 60 ? title.slice(0, colon) : title).slice(0, 80);
}

/** The line after code on a stack line: `TypeError ×12 · since 2.3.0 · suspect 9f1c2ab Ada Lovelace`. */
export function afterText(sample: ErrorSample, issue: TriagedIssue | null): string {
  const parts: string[] = [errorType(sample) + (sample.group.count !== null ? ` ×${sample.group.count}` : '')];
  const since = releaseLabel(sample.group.firstRelease ?? sample.group.release);
  if (since) parts.push(`since ${since}`);
  const top = issue?.suspects[0];
  if (top) parts.push(`suspect ${shortSha(top.sha)} ${authorName(top.author)}`);
  return parts.join(' · ');
}

/** Tree description of an issue: `×12 · 5 min ago · 2.3.0 · 9f1c2ab Ada Lovelace`. */
export function issueDescription(sample: ErrorSample, issue: TriagedIssue | null, now?: number): string {
  const g = sample.group;
  const parts: string[] = [];
  if (g.count !== null) parts.push(`×${g.count}`);
  const seen = relativeTime(g.lastSeen, now);
  if (seen) parts.push(seen);
  const rel = releaseLabel(g.release);
  if (rel) parts.push(rel);
  const top = issue?.suspects[0];
  if (top) parts.push(`${shortSha(top.sha)} ${authorName(top.author)}`);
  return parts.join(' · ');
}

/** Frame label: the function, or the file's base name when the frame has none. */
export function frameLabel(frame: TriagedFrame): string {
  if (frame.function) return frame.function;
  const raw = frame.file ?? frame.raw;
  return raw.split(/[\\/]/).pop() || raw;
}

/** Frame description: `src/orders/service.ts:42:7` (today's line), or why it has none. */
export function frameLocation(frame: TriagedFrame): string {
  if (!frame.file) return frame.candidates?.length ? `${frame.candidates.length} candidates` : 'not found in workspace';
  const line = frame.localLine ?? frame.line;
  return `${frame.file}${line !== null ? `:${line}` : ''}${frame.column !== null && line !== null ? `:${frame.column}` : ''}`;
}

/** One-line suspect summary for descriptions: `Ada Lovelace · 3 d ago · 0.82`. */
export function suspectDescription(s: Suspect, now?: number): string {
  const parts = [authorName(s.author)];
  const when = relativeTime(s.date, now);
  if (when) parts.push(when);
  parts.push(s.score.toFixed(2));
  return parts.join(' · ');
}
