/** Fix verification: whether an issue stayed quiet after the release (or time) that should fix it. */

/** What the tree and the panel show for a watched fix. */
export type FixStatus =
  | { kind: 'quiet'; hours: number; release: string | null; since: string }
  | { kind: 'regressed'; count: number; release: string | null; since: string }
  /** Events since the watch, but no release after the first one yet: nothing to call a regression. */
  | { kind: 'ongoing'; count: number; since: string }
  | { kind: 'unknown'; reason: string };

/** What to verify: events since `since` (ISO), in `release` when given. */
export interface FixWatch {
  /** The release meant to fix it: one after `firstRelease`; null while none exists. */
  release: string | null;
  /** ISO 8601: when the fix was resolved in a release or marked as watched. */
  since: string;
  /** The release the issue first appeared in; a "fix" in that same release is no fix. */
  firstRelease?: string | null;
}

/**
 * The fix release: the newest of `releases` created after the first release; null when
 * the first release is unknown, not among them, or nothing came after it.
 */
export function fixReleaseAfter(
  firstRelease: string | null,
  releases: ReadonlyArray<{ version: string; date: string | null }>,
): string | null {
  const first = firstRelease ? releases.find((r) => r.version === firstRelease) : undefined;
  const at = first?.date ? Date.parse(first.date) : NaN;
  if (!Number.isFinite(at)) return null;
  let best: { version: string; t: number } | null = null;
  for (const r of releases) {
    const t = r.date ? Date.parse(r.date) : NaN;
    if (r.version !== firstRelease && t > at && (!best || t > best.t)) best = { version: r.version, t };
  }
  return best?.version ?? null;
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
  const fixRelease = !!watch.release && watch.release !== watch.firstRelease;
  if (count > 0 && !fixRelease) return { kind: 'ongoing', count: Math.floor(count), since: watch.since };
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
    case 'ongoing':
      return `${s.count} event${s.count === 1 ? '' : 's'} since the fix was watched; no fix release yet`;
    case 'unknown':
      return `fix status unknown: ${s.reason}`;
    default: {
      const never: never = s;
      return String(never);
    }
  }
}
