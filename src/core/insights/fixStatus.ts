/** Fix verification: whether an issue stayed quiet after the release (or time) that should fix it. */

/** What the tree and the panel show for a watched fix. */
export type FixStatus =
  | { kind: 'quiet'; hours: number; release: string | null; since: string }
  | { kind: 'regressed'; count: number; release: string | null; since: string }
  | { kind: 'unknown'; reason: string };

/** What to verify: events since `since` (ISO), in `release` when given. */
export interface FixWatch {
  release: string | null;
  /** ISO 8601: when the fix was resolved in a release or marked as watched. */
  since: string;
}

/** `orders-api@1.5.1` → `1.5.1`: the version people say, for messages (the full name stays in the model). */
function shortRelease(release: string): string {
  const at = release.lastIndexOf('@');
  const tail = at >= 0 ? release.slice(at + 1) : release;
  const short = /^v?\d/.test(tail) ? tail : release;
  return short.length > 12 && /^[0-9a-f]{13,40}$/i.test(short) ? short.slice(0, 12) : short;
}

/**
 * The status from an event count. Hours are whole hours since `since`, floored, so "6 h" means at
 * least six full hours without an event.
 */
export function fixStatusFromCount(count: number, watch: FixWatch, now: number = Date.now()): FixStatus {
  const since = Date.parse(watch.since);
  if (!Number.isFinite(since))
    return { kind: 'unknown', reason: `"${String(watch.since).slice(0, 40)}" is not a time` };
  if (!Number.isFinite(count) || count < 0) return { kind: 'unknown', reason: 'the provider returned no event count' };
  if (count > 0) return { kind: 'regressed', count: Math.floor(count), release: watch.release, since: watch.since };
  return {
    kind: 'quiet',
    hours: Math.max(0, Math.floor((now - since) / 3_600_000)),
    release: watch.release,
    since: watch.since,
  };
}

/** `no events in 6 h since 1.5.1`, `regressed: 3 events in 1.5.1`, or the reason it is unknown. */
export function describeFixStatus(s: FixStatus): string {
  switch (s.kind) {
    case 'quiet':
      return s.release
        ? `no events in ${s.hours} h since ${shortRelease(s.release)}`
        : `no events in ${s.hours} h since the fix was watched`;
    case 'regressed': {
      const events = `${s.count} event${s.count === 1 ? '' : 's'}`;
      return s.release ? `regressed: ${events} in ${shortRelease(s.release)}` : `regressed: ${events} since ${s.since}`;
    }
    case 'unknown':
      return `fix status unknown: ${s.reason}`;
    default: {
      const never: never = s;
      return String(never);
    }
  }
}
