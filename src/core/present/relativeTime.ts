/**
 * Relative times (`3 min ago`) and when they next read differently, so a view that shows them can
 * redraw exactly then rather than on a fixed tick, and agree with a hover drawn at the same moment.
 */

/** Each unit holds up to `below` seconds of age; its count is the age in `size` seconds, rounded. */
const UNITS = [
  { below: 3600, size: 60, suffix: 'min ago' },
  { below: 86400, size: 3600, suffix: 'h ago' },
  { below: Infinity, size: 86400, suffix: 'd ago' },
];
const JUST_NOW_BELOW = 60;

/** Age in whole seconds, as the text counts it (never negative: a clock ahead reads `just now`). */
function ageSeconds(t: number, now: number): number {
  return Math.max(0, Math.round((now - t) / 1000));
}

/** `3 min ago`, `5 h ago`, `2 d ago`; null for a missing or unparseable date. */
export function relativeTime(iso: string | null, now: number = Date.now()): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return null;
  const s = ageSeconds(t, now);
  if (s < JUST_NOW_BELOW) return 'just now';
  const unit = UNITS.find((u) => s < u.below)!;
  return `${Math.round(s / unit.size)} ${unit.suffix}`;
}

/** The first age in whole seconds, above `s`, at which the text for age `s` changes. */
function nextChangeAge(s: number): number {
  if (s < JUST_NOW_BELOW) return JUST_NOW_BELOW;
  const unit = UNITS.find((u) => s < u.below)!;
  // Math.round goes up at the half: `2 min ago` becomes `3 min ago` at 150 s.
  const nextHalf = (Math.round(s / unit.size) + 0.5) * unit.size;
  return Math.min(Math.ceil(nextHalf), unit.below);
}

/**
 * Milliseconds from `now` until the first of `dates` reads differently under relativeTime; null
 * when none is a date. Never under a second, so a caller redrawing then cannot spin.
 */
export function msUntilRelativeTimeChanges(dates: Iterable<string | null>, now: number): number | null {
  let soonest: number | null = null;
  for (const iso of dates) {
    const t = iso ? Date.parse(iso) : NaN;
    if (!Number.isFinite(t)) continue;
    // Whole-second ages round at the half second: age S is first reached at S - 0.5 s.
    const at = t + (nextChangeAge(ageSeconds(t, now)) - 0.5) * 1000;
    const wait = Math.max(1000, Math.ceil(at - now));
    if (soonest === null || wait < soonest) soonest = wait;
  }
  return soonest;
}
