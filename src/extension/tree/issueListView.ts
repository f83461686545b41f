/**
 * What of the issue list the tree shows: a text filter (title, file, release, environment), a sort
 * order, and how many provider issues to list (Load More raises it). Pure over IssueEntry.
 */
import type { IssueEntry } from '../state/issueStore';
import type { ListTotal } from '../../core/providers';

export type IssueSort = 'lastSeen' | 'count' | 'firstSeen' | 'probability';

export const SORT_LABELS: Record<IssueSort, string> = {
  lastSeen: 'Last seen',
  count: 'Events',
  firstSeen: 'First seen',
  probability: 'Top suspect probability',
};

/** The words a filter matches: title, message, frame files, release, environment. */
function haystack(e: IssueEntry): string {
  const g = e.sample.group;
  const ex = e.sample.event.exceptions[e.sample.event.exceptions.length - 1];
  const files = (e.triage?.issue.frames ?? []).map((f) => f.file ?? '').join(' ');
  return [g.title, ex?.value ?? '', files, g.release ?? '', g.environment ?? e.sample.event.environment ?? '']
    .join(' ')
    .toLowerCase();
}

function time(iso: string | null): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : 0;
}

function topProbability(e: IssueEntry): number {
  const s = e.triage?.issue.suspects[0];
  return s ? (typeof s.probability === 'number' ? s.probability : s.score) : -1;
}

/** Entries matching every word of `filter`, in `sort` order (stable: ties keep the provider's order). */
export function visibleIssues(entries: IssueEntry[], filter: string, sort: IssueSort): IssueEntry[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = words.length ? entries.filter((e) => words.every((w) => haystack(e).includes(w))) : entries;
  const key: Record<IssueSort, (e: IssueEntry) => number> = {
    lastSeen: (e) => time(e.sample.group.lastSeen),
    count: (e) => e.sample.group.count ?? -1,
    firstSeen: (e) => time(e.sample.group.firstSeen),
    probability: topProbability,
  };
  return kept
    .map((e, i) => ({ e, i, k: key[sort](e) }))
    .sort((a, b) => b.k - a.k || a.i - b.i)
    .map((x) => x.e);
}

/** `20 of 130 — Load More` with the provider's total (`1000+` when it stops counting), else `20 listed`. */
export function loadMoreLabel(shown: number, total: ListTotal | null): string {
  if (!total || total.count < shown) return `${shown} listed — Load More`;
  return `${shown} of ${total.count}${total.capped ? '+' : ''} — Load More`;
}
