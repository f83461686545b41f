/** Short texts about an issue, shared by the tree, decorations, hovers and status bar. */
import type { ErrorSample } from '../model/group.types';
import type { Suspect, TriagedFrame, TriagedIssue } from '../model/triage.types';
import { moreLinksReason } from '../suspects/evidenceReasons';
import { relativeTime } from './relativeTime';

/** `Ada Lovelace <ada@x>` → `Ada Lovelace`. */
export function authorName(author: string): string {
  const name = author.replace(/\s*<[^>]*>\s*$/, '').trim();
  return name || author.trim();
}

/** Every surface shows this many hex digits of a SHA (git's default abbreviation). */
const SHORT_SHA_LENGTH = 7;

export function shortSha(sha: string): string {
  return sha.slice(0, SHORT_SHA_LENGTH);
}

/**
 * The one probability format of every surface (tree, hover, panel, CLI, Markdown): `90%`, from the
 * calibrated probability when there is one, else the score. A calibrated figure is never certain:
 * above 99.5% it reads `>99%`, below 0.5% `<1%` (never `100%` or `0%`); only a bisect confirms.
 */
export function probabilityText(s: Pick<Suspect, 'score'> & { probability?: number }): string {
  const p = typeof s.probability === 'number' && Number.isFinite(s.probability) ? s.probability : s.score;
  const clamped = Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
  const pct = Math.round(clamped * 100);
  if (pct >= 100) return '>99%';
  if (pct <= 0) return '<1%';
  return `${pct}%`;
}

/** Cuts `text` to at most `max` characters at a word boundary, with an ellipsis; never mid-word. */
export function clipAtWord(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const room = Math.max(1, max - 1);
  const cut = flat.slice(0, room + 1);
  const space = cut.lastIndexOf(' ');
  // A single word longer than the room is cut where it must be (still with the ellipsis).
  let head = space > room / 3 ? cut.slice(0, space) : cut.slice(0, room);
  // Never end on a parenthesis left open (`of undefined (reading…`): cut before it.
  const open = /\s[([{][^)\]}]*$/.exec(head);
  if (open && open.index > room / 3) head = head.slice(0, open.index);
  return `${head.replace(/[\s,;:·–—-]+$/, '')}…`;
}

/** `TypeError: Cannot read properties of undefined (reading 'x')`: the error as people quote it. */
export function errorHeadline(sample: ErrorSample): string {
  const ex = sample.event.exceptions[sample.event.exceptions.length - 1];
  const type = errorType(sample);
  const message = (ex?.value ?? sample.event.message ?? '').trim();
  if (!message) return sample.group.title || type;
  return message.startsWith(type) ? message : `${type}: ${message}`;
}

export interface InlineTextOptions {
  /** Most characters of the after-text (the message is cut at a word to fit). */
  maxLength: number;
}

/**
 * The Error Lens style text after a stack line: on the crashing line the message itself with
 * `×12 since 1.5.0 · 2b16db1`; on a caller line `frame 2 of TypeError: …`. The message comes first:
 * when it and its facts do not fit in `maxLength`, the facts go (the SHA first, then the count;
 * the CodeLens and hover have both) before the message is cut at a word.
 */
export function inlineText(
  sample: ErrorSample,
  issue: TriagedIssue | null,
  frame: { crashing: boolean; frameNumber: number },
  options: InlineTextOptions,
): string {
  const max = Math.max(20, options.maxLength);
  const headline = errorHeadline(sample).replace(/\s+/g, ' ').trim();
  if (!frame.crashing) return clipAtWord(`frame ${frame.frameNumber} of ${headline}`, max);
  const facts: string[] = [];
  const count = sample.group.count !== null ? `×${sample.group.count}` : '';
  const since = releaseLabel(sample.group.firstRelease ?? sample.group.release);
  const seen = [count, since ? `since ${since}` : ''].filter(Boolean).join(' ');
  if (seen) facts.push(seen);
  const top = issue?.suspects[0];
  if (top) facts.push(shortSha(top.sha));
  for (let n = facts.length; n > 0; n--) {
    const tail = ` · ${facts.slice(0, n).join(' · ')}`;
    if (headline.length + tail.length <= max) return `${headline}${tail}`;
  }
  return clipAtWord(headline, max);
}

/** `orders-api@2.3.0` → `2.3.0`: the package prefix is noise next to a file. */
export function releaseLabel(release: string | null): string | null {
  if (!release) return null;
  const at = release.lastIndexOf('@');
  const v = at > 0 ? release.slice(at + 1) : release;
  return /^[0-9a-f]{40}$/i.test(v) ? shortSha(v) : v;
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
  if (line === null) return frame.file;
  return `${frame.file}:${line}${frame.column !== null ? `:${frame.column}` : ''}`;
}

/** One-line suspect summary for descriptions: `2b16db1 · Ada Lovelace · 3 d ago · 82%`. */
export function suspectDescription(s: Suspect, now?: number): string {
  const parts = [shortSha(s.sha), authorName(s.author)];
  const when = relativeTime(s.date, now);
  if (when) parts.push(when);
  parts.push(probabilityText(s));
  return parts.join(' · ');
}

/**
 * Characters of a suspect's summary on its tree row: with `>99% ` before it, what a default-width
 * sidebar (about 290 px, the row three levels deep) shows whole; measured in the real workbench.
 */
const SUSPECT_LABEL_SUMMARY = 22;

/**
 * A suspect's tree row, readable at the default sidebar width: the probability (or `confirmed`)
 * and the summary cut at a word lead; `2b16db1 · Ada Lovelace · 3 d ago` follows as the description.
 */
export function suspectRow(s: Suspect, confirmed: boolean, now?: number): { label: string; description: string } {
  const summary = clipAtWord(s.summary, SUSPECT_LABEL_SUMMARY) || shortSha(s.sha);
  const when = relativeTime(s.date, now);
  return {
    label: confirmed ? summary : `${probabilityText(s)} ${summary}`,
    description: [confirmed ? 'confirmed' : null, shortSha(s.sha), authorName(s.author), when]
      .filter(Boolean)
      .join(' · '),
  };
}

/** True for the reason line that stands for `s.moreLinks` (`and 2 more links to the stack`). */
export function isMoreLinksReason(s: Suspect, reason: string): boolean {
  return !!s.moreLinks?.length && reason === moreLinksReason(s.moreLinks.length);
}

/** Every reason, with the `and N more links` line replaced by the links it stands for. */
export function everyReason(s: Suspect): string[] {
  return s.reasons.flatMap((r) => (isMoreLinksReason(s, r) ? s.moreLinks! : [r]));
}

/**
 * A frame's row description, its file and today's line first so a narrow sidebar still shows them:
 * `pricing.js:15 · src/services`, with `note` (`changed after deploy`) before the folder.
 */
export function frameShortLocation(frame: TriagedFrame, note?: string): string {
  if (!frame.file) return [frameLocation(frame), note].filter(Boolean).join(' · ');
  const slash = frame.file.lastIndexOf('/');
  const base = frame.file.slice(slash + 1);
  const line = frame.localLine ?? frame.line;
  const dir = slash > 0 ? frame.file.slice(0, slash) : '';
  return [line === null ? base : `${base}:${line}`, note, dir].filter(Boolean).join(' · ');
}

/**
 * Why an issue lists no suspect commits, as every surface words it (`unavailable: git is not run in
 * an untrusted workspace…`, `not triaged: the 60 s deadline…`, `none found: no commit in the
 * deploy range touches the stack`); null when it has suspects. Never a bare "no suspects".
 */
export function noSuspectsReason(
  issue: Pick<TriagedIssue, 'suspects' | 'suspectsUnavailable' | 'deploy'>,
): string | null {
  if (issue.suspects.length > 0) return null;
  if (issue.suspectsUnavailable) return issue.suspectsUnavailable.replace(/^suspects\s+/i, '');
  return issue.deploy.from && issue.deploy.to
    ? 'none found: no commit in the deploy range touches the stack'
    : 'none found: no commit that last changed the stack’s lines fits the error';
}

/**
 * How sure the ranking is, in words: `high confidence`, `low confidence: uncertain between a1b2c3d
 * and e4f5a6b`, `low confidence: none of these commits: <why>`; null when the issue was not ranked.
 */
export function verdictText(issue: Pick<TriagedIssue, 'confidence' | 'uncertainBetween' | 'noSuspect'>): string | null {
  if (!issue.confidence) return null;
  const label = `${issue.confidence} confidence`;
  if (issue.noSuspect) return `${label}: likely none of these commits: ${issue.noSuspect}`;
  const pair = issue.uncertainBetween;
  if (pair) return `${label}: uncertain between ${shortSha(pair[0])} and ${shortSha(pair[1])}`;
  return label;
}
